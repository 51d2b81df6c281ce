"""Reading scans in the window: after an import the status bar says what it reads, with
Pause and Stop; the details and the page on screen say the text was recognised and how
sure; a page's text is corrected by hand; the dossier's languages are chosen; a dossier
opened with pages still waiting carries on reading them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from dossier.core import search
from dossier.core.importer.pipeline import import_paths
from dossier.core.ocr.queue import count_pending
from dossier.core.ocr.settings import dossier_languages
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from dossier.ui import tasks
from dossier.ui.documents.page_text import CorrectTextDialog
from dossier.ui.documents.reading_languages import DossierLanguagesDialog
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.documents import DocumentsPage
from tests import scans

WAIT = 120_000


def open_window(qtbot: QtBot, dossier: Dossier) -> MainWindow:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def documents(window: MainWindow) -> DocumentsPage:
    assert window.view is not None
    page = window.view.show_page("documents")
    assert isinstance(page, DocumentsPage)
    return page


def when_shown(kind: type[QDialog], answer: Callable[[Any], None]) -> QTimer:
    """Answer the next dialog of ``kind`` once it is on screen (its ``exec`` blocks)."""
    timer = QTimer()
    timer.setInterval(30)

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind) and modal.isVisible():
            timer.stop()
            answer(modal)

    timer.timeout.connect(poll)
    timer.start()
    return timer


def wait_for_reading(qtbot: QtBot, window: MainWindow) -> None:
    reading = window.scan_reading
    assert reading is not None
    qtbot.waitUntil(lambda: not reading.running(), timeout=10 * WAIT)
    tasks.wait_for(msecs=10 * WAIT)


def test_a_photo_added_in_the_window_is_read_in_the_background(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path
) -> None:
    photo = scans.photo_jpeg(tmp_path / "brief.jpg", "nl", exif_orientation=6)
    window = open_window(qtbot, dossier)
    page = documents(window)
    with qtbot.waitSignal(page.imports_finished, timeout=WAIT) as blocker:
        page.import_files([photo])
    [result] = blocker.args[0]
    status = window.scan_status
    qtbot.waitUntil(lambda: "Reading scanned pages: 1 of 1" in status.label.text(), timeout=WAIT)
    assert status.isVisible() and status.pause_button.isVisible()
    wait_for_reading(qtbot, window)
    qtbot.waitUntil(lambda: not status.isVisible(), timeout=WAIT)
    hits = search.search(dossier, scans.KEYWORDS["nl"])
    assert [(h.id, h.page) for h in hits] == [(result.document_id, 1)]

    page.open_document(result.document_id)
    note = page.reader.details.page_text.note
    qtbot.waitUntil(lambda: "recognised automatically on 1 page" in note.text(), timeout=WAIT)
    assert "% sure" in page.reader.reading_note.text()
    assert page.reader.reading_note.isVisible()
    window.close()


def test_pause_resume_and_stop(qtbot: QtBot, dossier: Dossier, tmp_path: Path) -> None:
    for language in ("en", "ru", "he"):
        scans.scanned_pdf(tmp_path / f"scan-{language}.pdf", language)
    import_paths(dossier, [tmp_path])
    window = open_window(qtbot, dossier)  # pages waiting: the window carries on reading them
    status, reading = window.scan_status, window.scan_reading
    assert reading is not None
    qtbot.waitUntil(reading.running, timeout=WAIT)
    qtbot.mouseClick(status.pause_button, Qt.MouseButton.LeftButton)
    wait_for_reading(qtbot, window)
    waiting = count_pending(dossier)
    assert 0 < waiting <= 3
    assert status.label.text() == f"Reading scanned pages is paused ({waiting} waiting)."
    assert status.pause_button.text() == "Resume"
    qtbot.mouseClick(status.pause_button, Qt.MouseButton.LeftButton)
    assert reading.running()
    qtbot.mouseClick(status.stop_button, Qt.MouseButton.LeftButton)
    wait_for_reading(qtbot, window)
    states = {r[0] for r in dossier.db.execute("SELECT state FROM page_reading")}
    assert count_pending(dossier) == 0 and states <= {"read", "stopped"}
    assert not status.isVisible()
    window.close()


def test_a_page_corrected_by_hand_in_the_window(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path
) -> None:
    import_paths(dossier, [scans.scanned_pdf(tmp_path / "scan.pdf", "uk")])
    window = open_window(qtbot, dossier)
    qtbot.waitUntil(lambda: count_pending(dossier) == 0, timeout=WAIT)
    wait_for_reading(qtbot, window)
    page = documents(window)
    page.open_document(1)
    box = page.reader.details.page_text
    qtbot.waitUntil(box.isVisible, timeout=WAIT)

    seen: list[str] = []

    def correct(dialog: CorrectTextDialog) -> None:
        seen.append(dialog.editor.toPlainText())
        dialog.editor.setPlainText("Лікар Коваленко-כהן, corrected")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    timer = when_shown(CorrectTextDialog, correct)
    qtbot.mouseClick(box.correct_button, Qt.MouseButton.LeftButton)
    timer.stop()
    assert scans.KEYWORDS["uk"] in seen[0]
    assert [h.id for h in search.search(dossier, "Коваленко")] == [1]
    qtbot.waitUntil(lambda: "corrected by hand" in box.note.text(), timeout=WAIT)
    window.close()


def test_the_languages_of_the_dossier_s_scans_are_chosen_in_the_edit_menu(
    qtbot: QtBot, dossier: Dossier
) -> None:
    window = open_window(qtbot, dossier)
    assert dossier_languages(dossier) == ("en",)

    def choose(dialog: DossierLanguagesDialog) -> None:
        dialog.checks.boxes["he"].setChecked(True)
        dialog.checks.boxes["ru"].setChecked(True)
        dialog.accept()

    timer = when_shown(DossierLanguagesDialog, choose)
    window.menus.scan_languages_action.trigger()
    timer.stop()
    assert dossier_languages(dossier) == ("en", "he", "ru")
    with open_dossier(dossier.path) as again:
        assert dossier_languages(again) == ("en", "he", "ru")
    assert QApplication.activeModalWidget() is None
    window.close()


def test_scans_and_photos_in_the_five_languages_added_in_the_window_are_found(
    qtbot: QtBot, dossier: Dossier, scan_folder: Path
) -> None:
    window = open_window(qtbot, dossier)
    page = documents(window)
    with qtbot.waitSignal(page.imports_finished, timeout=WAIT):
        page.import_files([scan_folder])
    # ten pages: generous, for a machine busy with other work (a test asserts no speed)
    qtbot.waitUntil(lambda: count_pending(dossier) == 0, timeout=10 * WAIT)
    wait_for_reading(qtbot, window)
    for language in scans.LANGUAGES:
        found = {(h.id, h.page) for h in search.search(dossier, scans.KEYWORDS[language])}
        names = {
            dossier.db.execute("SELECT original_name FROM document WHERE id = ?", [d]).fetchone()[0]
            for d, _page in found
        }
        assert names == {f"scan-{language}.pdf", f"photo-{language}.jpg"}, language
        assert {p for _d, p in found} == {1}
    window.close()


def test_closing_the_window_stops_the_reading_before_the_dossier_is_let_go(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path
) -> None:
    import_paths(dossier, [scans.scanned_pdf(tmp_path / "long.pdf", "en", pages=4)])
    path = dossier.path
    window = open_window(qtbot, dossier)
    reading = window.scan_reading
    assert reading is not None
    qtbot.waitUntil(reading.running, timeout=WAIT)
    window.close()
    assert not reading.running() and not tasks.running("read scans")
    with open_dossier(path) as again:  # what was not read waits for the next opening
        states = [r[0] for r in again.db.execute("SELECT state FROM page_reading")]
    assert "pending" in states and set(states) <= {"pending", "read"}
