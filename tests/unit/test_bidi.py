"""A person's words in another script keep the sentence around them in order: they are
isolated (FSI ... PDI) wherever the program embeds them in its own words."""

from __future__ import annotations

from dossier.core import records
from dossier.core.bidi import FSI, PDI, isolate, without_isolates
from dossier.core.history import History
from dossier.core.storage import Dossier

HEBREW = "לשאול את הרופא"
MIXED = "Мама spros: הרופא (2)."


def test_isolate_and_take_out() -> None:
    assert isolate(HEBREW) == f"{FSI}{HEBREW}{PDI}"
    assert isolate("") == ""
    assert without_isolates(f"Undo '{isolate(MIXED)}'") == f"Undo '{MIXED}'"


def test_undo_names_the_record_isolated(dossier: Dossier) -> None:
    history = History()
    history.record(records.create(dossier, "note", {"text": MIXED}))
    text = history.undo_text()
    assert f"'{FSI}{MIXED}{PDI}'" in text and text.startswith("Undo adding note")
