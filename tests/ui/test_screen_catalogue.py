"""The screen catalogue, run as `python -m dossier.ui.screens` runs it: every screen at
1366x768, a choice of them at 1920x1080 and with text half as large again, on the
example dossier's pinned day. Any finding (text cut, a widget outside its window, a form
or list that scrolls sideways, a button off the screen, a column heading cut) fails it.

Then every screen at 1366x768 in the pseudo-language (each catalogued string accented,
about 40 % longer, between ⟦ ⟧): English left on a screen bypassed the catalogue
("untranslated"), and any text cut is a layout that does not grow; both fail it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from dossier.core.i18n import current_language, set_language, set_translator, tr
from dossier.core.pseudo import pseudo
from dossier.ui.screens import catalogued
from dossier.ui.screens.catalogued import marked_strings, source_text, unmarked_stay_english
from dossier.ui.screens.findings import find_problems
from dossier.ui.screens.leftover import Leftover
from dossier.ui.screens.runner import PINNED_DAY, SIZES, Size, describe, run_catalogue

# At the other sizes, the screens where room runs out first: wide lists, long forms,
# the comparison, the dialogs with forms, appointment mode, the recovery key's boxes.
CHOSEN = {
    "overview",
    "cases-details",
    "cases-comparison",
    "documents-open",
    "contacts",
    "costs",
    "records-requests",
    "questions",
    "calendar",
    "dialog-new-dossier",
    "dialog-print-questions",
    "dialog-import",
    "imaging",
    "dialog-add-disc",
    "appointment-mode",
    "empty-overview",
    "dialog-unlock-recovery-key",
    "lock-screen",
    "dialog-archive-protection",
}


# Findings waiting for a fix, each with where to fix it: none now. The test fails on any
# other finding, and on one of these once it is gone (remove it then).
KNOWN: set[tuple[str, str, str]] = set()


def known(finding: dict[str, str]) -> bool:
    return (finding["screen"], finding["widget"], finding["kind"]) in KNOWN


def chosen(size: Size, screen: str) -> bool:
    return size is SIZES[0] or screen in CHOSEN


def test_every_screen_is_captured_without_findings(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOSSIER_TODAY", PINNED_DAY)  # the pictures of one day
    before = qapp.font().pointSizeF()
    found = run_catalogue(tmp_path, SIZES, only=chosen, say=lambda _line: None)
    assert qapp.font().pointSizeF() == before  # the larger text is put back

    written = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert written == found
    full = {p.stem for p in (tmp_path / "1366x768").glob("*.png")}
    assert {"overview", "cases-comparison", "appointment-mode", "welcome"} <= full
    assert {"documents-grid", "documents-list", "search-results", "trash"} <= full
    assert {f"dialog-print-{kind}" for kind in ("brief", "packet")} <= full
    assert {"empty-overview", "empty-trash", "dialog-import", "dialog-restore"} <= full
    assert {"dialog-unlock-wrong-passphrase", "lock-screen", "dialog-archive-passphrase"} <= full
    for size in SIZES[1:]:
        assert {p.stem for p in (tmp_path / size.name).glob("*.png")} == CHOSEN
    picture = QImage(str(tmp_path / "1920x1080" / "overview.png"))
    assert (picture.width(), picture.height()) == (1920, 1080)
    new = [f for f in found if not known(f)]
    assert not new, f"{len(new)} finding(s):\n{describe(new)}"
    seen = {(f["screen"], f["widget"], f["kind"]) for f in found}
    assert seen >= KNOWN, f"fixed, remove from KNOWN: {sorted(KNOWN - seen)}"


# Findings in the pseudo-language that cannot be fixed in the screens' own files, each
# with its reason: none now. Same rules as KNOWN.
KNOWN_PSEUDO: set[tuple[str, str, str]] = set()


def test_every_screen_in_the_pseudo_language_is_translated_and_grows(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOSSIER_TODAY", PINNED_DAY)
    found = run_catalogue(tmp_path, SIZES[:1], say=lambda _line: None, language="pseudo")
    assert current_language() == "en"  # the window's language is put back
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight

    shots = {p.stem for p in (tmp_path / "1366x768-pseudo").glob("*.png")}
    assert {"overview", "cases-comparison", "appointment-mode", "welcome"} <= shots
    assert {"documents-open", "dialog-import", "empty-overview", "search-results"} <= shots
    assert {"dialog-unlock-recovery-key", "dialog-new-dossier-protected", "lock-screen"} <= shots
    key = {(f["screen"], f["widget"], f["kind"]) for f in found}
    new = [f for f in found if (f["screen"], f["widget"], f["kind"]) not in KNOWN_PSEUDO]
    assert not new, f"{len(new)} finding(s) in the pseudo-language:\n{describe(new)}"
    assert key >= KNOWN_PSEUDO, f"fixed, remove from KNOWN_PSEUDO: {sorted(KNOWN_PSEUDO - key)}"


OWN = Leftover(
    [
        "Margaret (Maggie) Lindqvist",
        "Osteoarthritis of the right knee, worst on the medial side.",
        "Core biopsy slides, left breast: 6 H&E and 4 immunostains, block B1",
        "pathology",
    ]
)


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("⟦Šàvé·~~⟧", []),
        ("⟦Déléted ⟦Ñôté·~⟧·~~⟧ (Ctrl+1)", ["Ctrl"]),  # Qt's own words are translated too
        ("Save changes", ["Save", "changes"]),
        ("&Quit", ["Quit"]),
        ("<b>Margaret (Maggie) Lindqvist</b> <i>born</i> 23 April 1958", ["born"]),
        ("Margaret (Maggie) Lindqvist · Tue 19 May, 10:30 · 2.2 KiB", []),
        ("<span style='x'>Osteo</span>arthritis of the right knee, worst on…", []),
        ("Core biopsy slides, left breast: 6 H&E and 4 immunostains, …", []),
        ("scan-from-the-phone.pdf in /tmp/dossier-screens-x/to-add", []),
        ("The pathology slides", ["The", "slides"]),
        ("⟦Šàv…", []),  # a translated text shortened by our own code
        ("Weiß · Ärzte · Зміни · שמור", []),  # no word of plain Latin letters
    ],
)
def test_english_left_is_found_and_the_persons_own_words_are_not(
    text: str, left: list[str]
) -> None:
    assert OWN.words(text) == left


LABELS = {"later": "Ask again later"}  # not marked with N_: not in the catalogue


def test_a_pseudo_string_gives_back_its_english(tmp_path: Path) -> None:
    assert source_text(pseudo("Save {title}, &now")) == "Save {title}, &now"
    assert source_text("Margaret") is None
    assert marked_strings(tmp_path) is None  # no source here (a bundle)
    marked = marked_strings(Path(catalogued.__file__).parents[2])
    assert marked is not None and "Open questions about your health" in marked


def test_an_unmarked_string_on_a_screen_is_reported_as_untranslated(
    qapp: QApplication,
) -> None:
    set_language("pseudo")  # the conftest puts English back
    set_translator(unmarked_stay_english(frozenset({"Save"})))  # as if only it were marked
    try:
        marked = QPushButton(tr("Save"))
        given_to_tr = QLabel(tr(LABELS["later"]))  # a table's text that lacks N_
    finally:
        set_translator(None)
    given_to_tr.setObjectName("laterLabel")
    marked.setToolTip("Save what you typed")  # an unmarked tooltip
    unmarked = QLabel("Nothing here yet")
    unmarked.setObjectName("emptyNote")
    mine = QLabel("Margaret (Maggie) Lindqvist")
    top = QWidget()
    layout = QVBoxLayout(top)
    for widget in (marked, given_to_tr, unmarked, mine):
        layout.addWidget(widget)
    top.resize(400, 200)
    top.show()
    qapp.processEvents()
    screen = QRect(0, 0, 1366, 768)
    try:
        found = find_problems(top, "sample", "400x200", screen, OWN)
        without = find_problems(top, "sample", "400x200", screen)  # the check is off
    finally:
        top.close()
    untranslated = [(f.widget, f.description) for f in found if f.kind == "untranslated"]
    assert [w for w, _ in untranslated] == [
        "QPushButton",
        "laterLabel (QLabel)",
        "emptyNote (QLabel)",
    ]
    assert "Save, what, you, typed" in untranslated[0][1]
    assert "Ask, again, later" in untranslated[1][1]
    assert "Nothing, here, yet" in untranslated[2][1]
    assert marked.text().startswith("⟦")
    assert not without
