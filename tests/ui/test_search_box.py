"""The search field in the header: results as you type, in bold and safely escaped; a
document hit opens the viewer at its page, other hits the page listing them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.search import Hit
from dossier.core.searchquery import MAX_CHARS
from dossier.core.storage import Dossier
from dossier.core.textpdf import Block, pagebreak, write_pdf
from dossier.ui import tasks
from dossier.ui.formatting import dates_in_text
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.documents import DocumentsPage
from dossier.ui.pages.record_page import RecordPage
from dossier.ui.search_box import FIELD_CHARS, SearchBox
from dossier.ui.search_results import SearchHitModel, hit_html, marked_html

WAIT = 10_000


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dossier with a three-page letter whose third page alone says "quetiapine"."""
    folder = tmp_path_factory.mktemp("search")
    pdf = folder / "pharmacy-letter.pdf"
    write_pdf(
        pdf,
        [
            Block("Letter from the pharmacy", "title"),
            Block("Page one is about the appointment."),
            pagebreak(),
            Block("Page two lists the allergies."),
            pagebreak(),
            Block("Page three: stop quetiapine before the operation."),
        ],
        title="Letter from the pharmacy",
    )
    path = folder / "dossier"
    dossier = create_dossier(path, name="Test Person")
    results = import_paths(dossier, [pdf])
    assert results[0].status == "imported"
    records.create(dossier, "note", {"title": "Call", "text": "Ask the nurse about quetiapine."})
    dossier.close()
    return path


@pytest.fixture
def dossier_with_letter(template: Path, tmp_path: Path) -> Iterator[Dossier]:
    copy = tmp_path / "dossier"
    shutil.copytree(template, copy)
    opened = open_dossier(copy)
    yield opened
    opened.close()


def open_window(qtbot: QtBot, dossier: Dossier) -> tuple[MainWindow, SearchBox]:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.view is not None
    return window, window.view.search


def type_and_wait(qtbot: QtBot, box: SearchBox, text: str) -> None:
    with qtbot.waitSignal(box.results_shown, timeout=WAIT):
        box.line.setFocus()
        qtbot.keyClicks(box.line, text)


def test_matched_words_are_bold_and_everything_else_is_escaped() -> None:
    assert marked_html("a <b> & c", ((0, 1), (8, 9))) == "<b>a</b> &lt;b&gt; &amp; <b>c</b>"
    hit = Hit("document", 1, "<script>x</script>", "page about quetiapine", ((11, 21),), 3, None)
    html = hit_html(hit)
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<b>quetiapine</b>" in html and "page 3" in html and "Document" in html


def test_stored_times_read_as_dates_with_the_match_still_marked(qapp: QApplication) -> None:
    # An appointment found by its year: "2026-12-16T08:15" is shown as a person writes it.
    snippet = "MRI-guided biopsy 2026-12-16T08:15, then 2026-12-20"
    hit = Hit(
        "appointment", 4, "MRI-guided biopsy · 2026-12-16 08:15", snippet, ((18, 22),), None, 1
    )
    html = hit_html(hit)
    assert "2026-12-16" not in html and "T08:15" not in html
    assert "<b>MRI-guided biopsy · 16 Dec 2026, 08:15</b>" in html
    assert "<b>16 Dec 2026, 08:15</b>, then 20 Dec 2026" in html  # the matched year marks its date
    text, spans = dates_in_text("on 2026-02-30 and 1999-1-1", ((3, 7),))
    assert text == "on 2026-02-30 and 1999-1-1" and spans == ((3, 7),)  # no such days: left as is


def test_type_a_word_pick_the_hit_and_the_viewer_shows_its_page(
    qtbot: QtBot, dossier_with_letter: Dossier, qtmodeltester: ModelTester
) -> None:
    window, box = open_window(qtbot, dossier_with_letter)
    assert window.view is not None and window.view.current_page_key() == "overview"
    type_and_wait(qtbot, box, "quetiap")  # a prefix is enough while typing
    assert box.popup_visible()
    qtmodeltester.check(box.model)
    kinds = [hit.kind for hit in box.model.hits]
    assert sorted(kinds) == ["document", "note"]
    row = kinds.index("document")
    assert box.model.hits[row].page == 3
    text = box.model.index(row, 0).data()
    assert "Letter from the pharmacy" in text and "page 3" in text

    rect = box.popup.visualRect(box.model.index(row, 0))
    qtbot.mouseClick(box.popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not box.popup_visible()
    assert window.view.current_page_key() == "documents"
    page = window.view.pages["documents"]
    assert isinstance(page, DocumentsPage)
    assert page.viewer.mode == "pdf"
    qtbot.waitUntil(lambda: page.viewer.current_page() == 3)
    window.close()


def test_enter_opens_the_best_hit_and_escape_closes_the_list(
    qtbot: QtBot, dossier_with_letter: Dossier
) -> None:
    window, box = open_window(qtbot, dossier_with_letter)
    type_and_wait(qtbot, box, "allergies")
    assert len(box.model.hits) == 1 and box.popup_visible()
    qtbot.keyClick(box.popup, Qt.Key.Key_Escape)
    assert not box.popup_visible()
    qtbot.keyClick(box.line, Qt.Key.Key_Return)
    assert window.view is not None and window.view.current_page_key() == "documents"
    page = window.view.pages["documents"]
    assert isinstance(page, DocumentsPage)
    qtbot.waitUntil(lambda: page.viewer.current_page() == 2)
    window.close()


def test_typing_goes_on_while_the_list_is_open(qtbot: QtBot, dossier_with_letter: Dossier) -> None:
    window, box = open_window(qtbot, dossier_with_letter)
    type_and_wait(qtbot, box, "page")
    assert box.popup_visible()
    with qtbot.waitSignal(box.results_shown, timeout=WAIT):
        qtbot.keyClicks(box.popup, " thr")  # keys reaching the list land in the field
    assert box.line.text() == "page thr"
    assert [hit.page for hit in box.model.hits] == [3]
    qtbot.keyClick(box.popup, Qt.Key.Key_Escape)
    window.close()


def test_nothing_found_says_so(qtbot: QtBot, dossier_with_letter: Dossier) -> None:
    window, box = open_window(qtbot, dossier_with_letter)
    type_and_wait(qtbot, box, "xylophone")
    assert box.model.hits == [] and box.model.rowCount() == 1
    assert "Nothing found" in box.model.index(0, 0).data()
    assert not box.activate()
    box.line.clear()
    assert not box.popup_visible()
    window.close()


def test_a_pasted_megabyte_is_searched_and_the_list_says_what_for(
    qtbot: QtBot, dossier_with_letter: Dossier
) -> None:
    """Pasting a megabyte does not freeze the window: the field keeps what search reads,
    the search runs on its worker, and the first line of the list says what it looked for."""
    window, box = open_window(qtbot, dossier_with_letter)
    text = "Page three: stop quetiapine before the operation. "
    text += " ".join(f"zq{n:04d}" for n in range(200_000))  # words no page has
    assert len(text) > 1_000_000
    QApplication.clipboard().setText(text)
    with qtbot.waitSignal(box.results_shown, timeout=WAIT):
        box.line.setFocus()
        box.line.paste()
    assert FIELD_CHARS == MAX_CHARS and len(box.line.text()) == MAX_CHARS
    note = box.model.index(0, 0).data()
    assert note.startswith("The text is long: searched for ")
    assert "quetiapine" in note and "operation" in note
    assert box.model.flags(box.model.index(0, 0)) == Qt.ItemFlag.NoItemFlags
    [hit] = box.model.hits
    assert (hit.kind, hit.page) == ("document", 3)
    assert box.popup.currentIndex().row() == 1  # the hit, not the line above it
    qtbot.keyClick(box.popup, Qt.Key.Key_Return)
    assert window.view is not None and window.view.current_page_key() == "documents"
    window.close()


def test_nothing_to_search_for_says_so(qtbot: QtBot, dossier_with_letter: Dossier) -> None:
    window, box = open_window(qtbot, dossier_with_letter)
    type_and_wait(qtbot, box, "?! -")
    assert box.model.hits == [] and box.model.rowCount() == 1
    assert box.model.index(0, 0).data() == (
        "Nothing to search for: type a word of two letters or more."
    )
    assert not box.activate()
    window.close()


def _darkest(image: QImage) -> int:
    """The darkest grey in ``image`` (0 black, 255 white)."""
    return min(
        QColor(image.pixel(x, y)).lightness()
        for x in range(image.width())
        for y in range(image.height())
    )


def test_the_line_saying_what_was_searched_for_is_as_dark_as_any_text(
    qtbot: QtBot, dossier_with_letter: Dossier
) -> None:
    """It is words to read, not a choice that is switched off: the text's own colour, not
    Qt's grey for disabled items (too faint to read, before)."""
    window, box = open_window(qtbot, dossier_with_letter)
    type_and_wait(qtbot, box, "?! -")
    note = box.popup.grab(box.popup.visualRect(box.model.index(0, 0))).toImage()
    type_and_wait(qtbot, box, "xylophone")  # "Nothing found for …": an ordinary line
    plain = box.popup.grab(box.popup.visualRect(box.model.index(0, 0))).toImage()
    assert _darkest(note) <= _darkest(plain) + 10
    box.line.clear()
    window.close()


def test_a_note_hit_opens_the_notes_page_on_that_note(
    qtbot: QtBot, dossier_with_letter: Dossier
) -> None:
    window, box = open_window(qtbot, dossier_with_letter)
    type_and_wait(qtbot, box, "nurse")
    with qtbot.waitSignal(box.open_record) as blocker:
        assert box.activate()
    note = records.list_records(dossier_with_letter, "note")[0]
    assert blocker.args == ["note", note["id"]]
    assert window.view is not None and window.view.current_page_key() == "notes"
    notes = window.view.pages["notes"]
    assert isinstance(notes, RecordPage) and notes.selected_id() == note["id"]
    window.close()


def test_ctrl_f_comes_to_the_search_field_from_anywhere(
    qtbot: QtBot, dossier_with_letter: Dossier
) -> None:
    window, box = open_window(qtbot, dossier_with_letter)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(lambda: window.after_paint.done)  # shortcuts are set once it is on screen
    assert window.view is not None
    nav = window.view.nav
    nav.setFocus()
    box.line.setText("old words")
    qtbot.keyClick(nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert box.line.hasFocus() and box.line.selectedText() == "old words"
    qtbot.waitUntil(lambda: not box.timer.isActive())
    assert tasks.wait_for(box)
    box.popup.hide()
    window.close()


def test_the_hit_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = SearchHitModel()
    qtmodeltester.check(model)
    model.set_hits([Hit("note", 1, "Call", "Ask the nurse", ((8, 13),), None, None)])
    qtmodeltester.check(model)
    model.set_hits([], "Nothing found")
    qtmodeltester.check(model)
    model.set_hits([Hit("note", 1, "Call", "Ask", ((0, 3),), None, None)], "", "Searched for…")
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.first_hit().row() == 1
    model.set_hits([], "Nothing found", "Searched for…")
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and not model.first_hit().isValid()


def test_two_letters_found_nowhere_say_a_third_finds_longer_words(
    qtbot: QtBot, dossier_with_letter: Dossier
) -> None:
    window, box = open_window(qtbot, dossier_with_letter)
    type_and_wait(qtbot, box, "qu")  # "quetiapine" is in the letter; "qu" alone is not
    line = box.model.index(0, 0).data()
    assert box.model.hits == [] and "Nothing found for" in line
    assert "from their third letter on" in line and "qu" in line
    with qtbot.waitSignal(box.results_shown, timeout=WAIT):
        qtbot.keyClicks(box.line, "e")
    assert box.model.hits  # "que" finds "quetiapine"
    window.close()
