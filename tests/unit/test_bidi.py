"""A person's words in another script keep the sentence around them in order: they are
isolated (FSI ... PDI) wherever the program embeds them in its own words."""

from __future__ import annotations

from dossier.core import records
from dossier.core.bidi import (
    FSI,
    PDI,
    RLI,
    isolate,
    right_to_left,
    right_to_left_marks,
    without_isolates,
)
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


def shown(text: str) -> str:
    """``text`` with its isolates written as brackets, to read the marks."""
    return text.replace(FSI, "[").replace(RLI, "{").replace(PDI, "]")


def test_right_to_left_isolates_each_latin_run() -> None:
    # The stage: each code whole, the punctuation between them in the page's direction.
    stage = "T1c N0 M0, שלב IA; דרגה 2; ER/PR חיובי, HER2 שלילי"
    assert shown(right_to_left(stage)) == (
        "[T1c N0 M0], שלב [IA]; דרגה [2]; [ER/PR] חיובי, [HER2] שלילי"
    )
    # A list joined with " · ": each part on its own, so they follow from the right.
    contact = "052-5550142 · mira@example.org · רחוב הלבנה 14"
    assert shown(right_to_left(contact)) == "[052-5550142] · [mira@example.org] · רחוב הלבנה [14]"
    # Brackets take the page's direction; a phone number keeps its sign and groups.
    assert shown(right_to_left("MRI שדיים (תמונות DICOM)")) == "[MRI] שדיים (תמונות [DICOM])"
    assert shown(right_to_left("טלפון +972 52 555 0142")) == "טלפון [+972 52 555 0142]"
    assert shown(right_to_left("ו-50% מהם")) == "ו-[50%] מהם"


def test_right_to_left_keeps_whole_latin_text_and_turns_hebrew_isolates() -> None:
    assert shown(right_to_left("What is it?")) == "[What is it?]"
    assert right_to_left("") == "" and right_to_left(" · ") == " · "
    # An isolate that holds Hebrew is read right to left inside, whatever its first letter.
    assert shown(right_to_left(f"{FSI}MRI שדיים{PDI}: ")) == "[{[MRI] שדיים]]: "
    assert shown(right_to_left(f"{FSI}Dr. Levy{PDI} אמר")) == "[Dr. Levy] אמר"
    assert without_isolates(right_to_left(f"{FSI}MRI שדיים{PDI}")) == "MRI שדיים"


def test_marks_are_in_order_inside_the_text() -> None:
    text = "שלב IA; ER/PR, HER2"
    marks = right_to_left_marks(text)
    assert [p for p, _ in marks] == sorted(p for p, _ in marks)
    assert all(0 <= p <= len(text) for p, _ in marks)
