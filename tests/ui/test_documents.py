"""The Documents page driven for real: import (with its result list, cancel and drops onto
the window), the grid and the list, filters, the viewer (PDF pages, find, picture zoom and
rotation, text), the details form with undo, and the file actions."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.importer.pipeline import ImportResult, import_paths
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import Dossier
from dossier.core.textpdf import Block, pagebreak, write_pdf
from dossier.ui import tasks
from dossier.ui.documents import document_actions as actions_module
from dossier.ui.documents.document_model import NO_CASE, THUMBNAIL_ROLE, DocumentFilter
from dossier.ui.documents.thumbnails import ThumbnailProvider
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.documents import DocumentsPage
from tests.corpus import make_pdf, make_photo

WAIT = 30_000  # ms; each import starts sandboxed reader processes
CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
)


def letter(path: Path, pages: list[str], title: str = "Clinic letter") -> Path:
    """A real PDF with one page per text."""
    blocks: list[Block | str] = []
    for number, text in enumerate(pages):
        if number:
            blocks.append(pagebreak())
        blocks += [Block(f"{title}, page {number + 1}", "heading"), Block(text)]
    write_pdf(path, blocks, title=title, author="Dr Test")
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dossier with a three-page letter, a one-page lab result, a photo and a text note,
    imported once for the module; each test works on a copy."""
    folder = tmp_path_factory.mktemp("documents")
    files = folder / "files"
    files.mkdir()
    letter(
        files / "cardiology-letter.pdf",
        [
            "The patient was seen in clinic today.",
            "Echocardiogram shows a mildly reduced ejection fraction.",
            "We recommend a follow-up in the cardiology clinic with a zanzibarite review.",
        ],
        title="Cardiology letter",
    )
    letter(files / "blood-results.pdf", ["Haemoglobin 13.1 g/dL. Ferritin normal."], "Blood")
    make_photo(files / "knee-photo.jpg", size=(600, 400))
    (files / "notes.txt").write_text("Questions for Dr. Weiß\nAsk about the MRI.\n")
    path = folder / "dossier"
    dossier = create_dossier(path, name="Test Person", born="1960-05-17")
    case = records.create(dossier, "case", {"title": "Heart: which treatment?"})
    records.create(dossier, "case", {"title": "Knee"})
    results = import_paths(dossier, sorted(files.iterdir()), case_id=None)
    assert [r.status for r in results] == ["imported"] * 4, results
    by_name = {Path(r.path).name: r.document_id for r in results}
    records.update(
        dossier,
        "document",
        by_name["cardiology-letter.pdf"],
        {"case_ids": [case.id], "tags": ["heart"], "document_date": "2025-03-01"},
    )
    records.update(
        dossier, "document", by_name["blood-results.pdf"], {"document_date": "2024-11-20"}
    )
    dossier.close()
    return path


@pytest.fixture
def library(template: Path, tmp_path: Path) -> Iterator[Dossier]:
    copy = tmp_path / "library"
    shutil.copytree(template, copy)
    opened = open_dossier(copy)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _no_import_left_running() -> Iterator[None]:
    yield
    still = tasks.running("import")
    for task in still:
        task.cancel()
        task.wait(30_000)
    assert still == [], "an import was still running after the test"


def open_window(qtbot: QtBot, dossier: Dossier) -> MainWindow:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def documents_page(qtbot: QtBot, dossier: Dossier) -> tuple[MainWindow, DocumentsPage]:
    window = open_window(qtbot, dossier)
    assert window.view is not None
    page = window.view.show_page("documents")
    assert isinstance(page, DocumentsPage)
    return window, page


def doc_id(dossier: Dossier, original_name: str) -> int:
    for record in records.list_records(dossier, "document"):
        if record["original_name"] == original_name:
            return int(record["id"])
    raise AssertionError(original_name)


def import_and_wait(qtbot: QtBot, page: DocumentsPage, paths: list[Path]) -> list[ImportResult]:
    with qtbot.waitSignal(page.imports_finished, timeout=WAIT) as blocker:
        page.import_files(paths)
    results: list[ImportResult] = blocker.args[0]
    return results


def close_dialog(page: DocumentsPage) -> None:
    if page.imports.dialog is not None:
        page.imports.dialog.close()


def click(qtbot: QtBot, button: QWidget) -> None:
    assert isinstance(button, QPushButton | QWidget) and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# Import ------------------------------------------------------------------------------------


def test_import_lists_each_file_with_what_happened_and_why(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    files = tmp_path / "in"
    files.mkdir()
    letter(files / "referral.pdf", ["Referral for a second opinion.", "Second page."])
    make_photo(files / "wound.jpg", size=(640, 480))
    (files / "empty.pdf").write_bytes(b"")
    shutil.copy(files / "referral.pdf", files / "referral-copy.pdf")
    window, page = documents_page(qtbot, dossier)
    assert page.browser.empty.isVisible() and "No documents yet" in page.browser.empty_title.text()

    results = import_and_wait(qtbot, page, [files])

    assert sorted(r.status for r in results) == ["duplicate", "imported", "imported", "rejected"]
    dialog = page.imports.dialog
    assert dialog is not None and dialog.isVisible()  # something was not added: it stays
    rows = {
        dialog.model.index(r, 0).data(): (
            dialog.model.index(r, 1).data(),
            dialog.model.index(r, 2).data(),
        )
        for r in range(dialog.model.rowCount())
    }
    assert rows["empty.pdf"] == ("Not added", "The file is empty.")
    copies = {rows["referral.pdf"][0], rows["referral-copy.pdf"][0]}
    assert copies == {"Added", "Already in the dossier"}
    assert rows["wound.jpg"][0] == "Added"
    assert "Added: 2" in dialog.status.text() and "Not added: 1" in dialog.status.text()
    assert "list says why" in dialog.heading.text()
    assert not dialog.stop_button.isVisible()
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(page.model)

    assert page.model.rowCount() == 2 and page.grid.isVisible()
    assert "2 in this dossier" in page.header.count_label.text()
    assert "Finished adding files" in page.notice_bar.notice.text()
    assert page.current_document_id() is not None  # the first new document is shown
    click(qtbot, dialog.close_button)
    assert not dialog.isVisible()
    window.close()


def test_a_quick_clean_import_needs_no_window(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path
) -> None:
    window, page = documents_page(qtbot, dossier)
    page.imports.dialog_delay.setInterval(WAIT)  # however slow this machine is
    path = letter(tmp_path / "scan.pdf", ["Only one page."])
    results = import_and_wait(qtbot, page, [path])
    assert [r.status for r in results] == ["imported"]
    assert page.imports.dialog is not None and not page.imports.dialog.isVisible()
    assert "Added: 1" in page.notice_bar.notice.text()
    assert page.current_document_id() == results[0].document_id
    window.close()


def test_stop_a_larger_import(qtbot: QtBot, dossier: Dossier, tmp_path: Path) -> None:
    files = tmp_path / "many"
    files.mkdir()
    for number in range(60):
        make_pdf(files / f"letter-{number:02}.pdf", 1, words_per_page=20, seed=number)
    window, page = documents_page(qtbot, dossier)
    page.import_files([files])
    dialog = page.imports.dialog
    assert dialog is not None and page.imports.importing()
    qtbot.waitUntil(lambda: dialog.done_count >= 1, timeout=WAIT)
    dialog.show()
    with qtbot.waitSignal(page.imports_finished, timeout=WAIT) as blocker:
        click(qtbot, dialog.stop_button)
    results: list[ImportResult] = blocker.args[0]
    statuses = [r.status for r in results]
    assert len(statuses) == 60
    assert "cancelled" in statuses and statuses.count("imported") < 60
    assert dialog.heading.text().startswith("Stopped")
    assert records.list_records(dossier, "document") != []
    assert len(records.list_records(dossier, "document")) == statuses.count("imported")
    assert page.model.total() == statuses.count("imported")
    assert not page.imports.importing()
    dialog.close()
    window.close()


def _drop(window: MainWindow, paths: list[Path]) -> tuple[bool, bool]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(
        where,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(
        where,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_files_dropped_on_the_window_are_imported(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path
) -> None:
    files = tmp_path / "dropped"
    files.mkdir()
    letter(files / "discharge.pdf", ["Discharged home in good condition."])
    make_photo(files / "xray.jpg", size=(300, 200))
    window = open_window(qtbot, dossier)
    assert window.view is not None
    window.view.show_page("overview")
    page = window.view.pages["documents"]
    assert isinstance(page, DocumentsPage)
    with qtbot.waitSignal(page.imports_finished, timeout=WAIT) as blocker:
        accepted = _drop(window, [files / "discharge.pdf", files / "xray.jpg"])
    assert accepted == (True, True)
    assert window.view.current_page_key() == "documents"
    assert sorted(r.status for r in blocker.args[0]) == ["imported", "imported"]
    assert page.model.rowCount() == 2
    close_dialog(page)
    window.close()


def test_a_drop_without_an_open_dossier_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.show()
    assert _drop(window, [letter(tmp_path / "a.pdf", ["x"])]) == (False, False)
    assert not window.import_action.isEnabled()
    window.close()


# Browsing ----------------------------------------------------------------------------------


def test_grid_and_list_show_the_same_documents_and_selection(
    qtbot: QtBot, library: Dossier, qtmodeltester: ModelTester
) -> None:
    window, page = documents_page(qtbot, library)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 4 and page.view_mode() == "grid"
    assert not page.reader.isVisible()  # nothing open: the thumbnails get the whole width
    first = page.model.index(0, 0)
    rect = page.grid.visualRect(first)
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    chosen = page.current_document_id()
    assert chosen == page.model.record(0)["id"] and page.reader.isVisible()
    click(qtbot, page.header.list_button)
    assert page.view_mode() == "list" and page.table.isVisible()
    assert page.table.currentIndex().row() == 0  # one selection for both views
    # Sorting by title keeps the open document selected.
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    titles = [page.model.record(r)["title"] for r in range(page.model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    assert page.model.record(page.table.currentIndex().row())["id"] == chosen
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)
    assert not page.reader.isVisible() and page.current_document_id() is None
    window.close()


def test_thumbnails_load_off_the_ui_thread_then_come_from_the_cache(
    qtbot: QtBot, library: Dossier
) -> None:
    record = next(r for r in records.list_records(library, "document") if r["has_thumbnail"])
    provider = ThumbnailProvider(library.vault)
    placeholder = provider.pixmap(record)
    assert isinstance(placeholder, QPixmap) and not provider.cached(record["sha256"])
    with qtbot.waitSignal(provider.ready, timeout=5000) as blocker:
        pass
    assert blocker.args == [record["sha256"]]
    thumbnail = provider.pixmap(record)
    assert provider.cached(record["sha256"]) and thumbnail.cacheKey() != placeholder.cacheKey()
    assert thumbnail.height() <= provider.size.height()
    text = next(r for r in records.list_records(library, "document") if not r["has_thumbnail"])
    assert not provider.pixmap(text).isNull()  # a placeholder page for a text file
    assert tasks.wait_for(provider)
    provider.deleteLater()


def test_grid_tiles_get_their_thumbnail(qtbot: QtBot, library: Dossier) -> None:
    window, page = documents_page(qtbot, library)
    index = page.model.index(0, 0)
    qtbot.waitUntil(lambda: page.thumbnails.cached(page.model.record(0)["sha256"]), timeout=5000)
    assert isinstance(index.data(THUMBNAIL_ROLE), QPixmap)
    window.close()


def test_filters_by_kind_case_tag_date_and_bring(qtbot: QtBot, library: Dossier) -> None:
    letter_id = doc_id(library, "cardiology-letter.pdf")
    records.update(library, "document", doc_id(library, "knee-photo.jpg"), {"bring": True})
    window, page = documents_page(qtbot, library)
    bar = page.filters
    assert page.model.rowCount() == 4

    bar.case.setCurrentIndex(bar.case.findText("Heart: which treatment?"))
    assert [page.model.record(r)["id"] for r in range(page.model.rowCount())] == [letter_id]
    assert "showing 1 of 4" in page.header.count_label.text()
    bar.case.setCurrentIndex(bar.case.findData(NO_CASE))
    assert page.model.rowCount() == 3

    click(qtbot, bar.clear_button)
    bar.tag.setCurrentIndex(bar.tag.findText("heart"))
    assert page.model.rowCount() == 1

    click(qtbot, bar.clear_button)
    bar.kind.setCurrentIndex(bar.kind.findData("image"))
    assert [page.model.record(0)["original_name"]] == ["knee-photo.jpg"]
    assert page.model.rowCount() == 1

    click(qtbot, bar.clear_button)
    qtbot.keyClicks(bar.date_from.line, "2025-01-01")
    dated = {page.model.record(r)["original_name"] for r in range(page.model.rowCount())}
    assert "cardiology-letter.pdf" in dated and "blood-results.pdf" not in dated
    qtbot.keyClicks(bar.date_to.line, "2025-06-30")
    dated = {page.model.record(r)["document_date"] for r in range(page.model.rowCount())}
    assert "2025-03-01" in dated and all("2025-01-01" <= d <= "2025-06-30" for d in dated)

    click(qtbot, bar.clear_button)
    click(qtbot, bar.bring)
    assert [page.model.record(r)["original_name"] for r in range(page.model.rowCount())] == [
        "knee-photo.jpg"
    ]
    bar.kind.setCurrentIndex(bar.kind.findData("pathology"))
    assert page.model.rowCount() == 0 and page.browser.empty.isVisible()
    assert "No documents match" in page.browser.empty_title.text()
    click(qtbot, page.browser.empty_button)  # "Show all documents"
    assert page.model.rowCount() == 4 and not bar.value().active
    window.close()


def test_the_filter_value_keeps_documents_without_a_date_out_of_a_range() -> None:
    undated: dict[str, Any] = {"id": 1, "document_date": None, "case_ids": [], "tags": []}
    assert DocumentFilter().accepts(undated)
    assert not DocumentFilter(date_from="2020-01-01").accepts(undated)
    assert DocumentFilter(words=("cardio",)).accepts({**undated, "title": "Cardiology letter"})


# The viewer --------------------------------------------------------------------------------


def test_viewer_opens_a_pdf_at_page_two_and_pages_through(qtbot: QtBot, library: Dossier) -> None:
    window, page = documents_page(qtbot, library)
    page.open_document(doc_id(library, "cardiology-letter.pdf"), 2)
    pdf = page.viewer.pdf
    assert page.viewer.mode == "pdf" and pdf.page_total() == 3
    qtbot.waitUntil(lambda: page.viewer.current_page() == 2)
    assert pdf.page_box.value() == 2 and "of 3" in pdf.page_count.text()
    assert page.reader.doc_title.text() == "Cardiology letter"
    click(qtbot, pdf.next_button)
    qtbot.waitUntil(lambda: pdf.current_page() == 3)
    assert not pdf.next_button.isEnabled()
    click(qtbot, pdf.previous_button)
    qtbot.waitUntil(lambda: pdf.current_page() == 2)
    pdf.page_box.setValue(1)
    qtbot.waitUntil(lambda: pdf.current_page() == 1)

    before = pdf.effective_zoom()
    click(qtbot, pdf.zoom_in_button)
    assert pdf.effective_zoom() == pytest.approx(before * 1.25, rel=0.01)
    click(qtbot, pdf.zoom_out_button)
    click(qtbot, pdf.zoom_out_button)
    assert pdf.effective_zoom() < before
    click(qtbot, pdf.fit_page_button)
    assert pdf.view.zoomMode() == pdf.view.ZoomMode.FitInView
    click(qtbot, pdf.fit_width_button)
    assert pdf.view.zoomMode() == pdf.view.ZoomMode.FitToWidth

    page.open_document(page.current_document_id() or 0, 3)  # the same document, another page
    qtbot.waitUntil(lambda: pdf.current_page() == 3)
    qtbot.keyClick(pdf.find_edit, Qt.Key.Key_Escape)  # not while typing in a field…
    assert page.reader.isVisible()
    qtbot.keyClick(pdf.view, Qt.Key.Key_Escape)  # …but from the pages: back to all documents
    assert not page.reader.isVisible() and page.current_document_id() is None
    window.close()


def test_the_grid_survives_many_repaints(qtbot: QtBot, library: Dossier) -> None:
    """PySide6 6.12 drops a reference to None on every call returning nothing; on Python
    3.11 a repainted grid used to abort the interpreter after a few dozen repaints."""
    window, page = documents_page(qtbot, library)
    for _ in range(300):
        page.grid.viewport().repaint()
    assert page.grid.isVisible()
    window.close()


def test_find_in_the_document_goes_to_the_page_of_each_match(
    qtbot: QtBot, library: Dossier
) -> None:
    window, page = documents_page(qtbot, library)
    page.open_document(doc_id(library, "cardiology-letter.pdf"))
    pdf = page.viewer.pdf
    qtbot.keyClicks(pdf.find_edit, "zanzibarite")
    qtbot.waitUntil(lambda: pdf.result_count() == 1, timeout=5000)
    qtbot.waitUntil(lambda: pdf.current_page() == 3)
    assert pdf.find_status.text() == "1 of 1"

    pdf.find_edit.clear()
    qtbot.keyClicks(pdf.find_edit, "clinic")
    qtbot.waitUntil(lambda: pdf.result_count() >= 2, timeout=5000)
    qtbot.waitUntil(lambda: pdf.current_result() == 1)
    first_page = pdf.current_page()
    qtbot.keyClick(pdf.find_edit, Qt.Key.Key_Return)  # Enter: the next match
    assert pdf.current_result() == 2
    qtbot.waitUntil(lambda: pdf.current_page() == 3)
    click(qtbot, pdf.find_previous_button)
    assert pdf.current_result() == 1
    qtbot.waitUntil(lambda: pdf.current_page() == first_page)
    assert "of" in pdf.find_status.text()

    pdf.find_edit.clear()
    qtbot.keyClicks(pdf.find_edit, "nowhere-to-be-found")
    qtbot.wait(50)
    assert pdf.result_count() == 0 and pdf.find_status.text() == "Not found"
    window.close()


def test_picture_zoom_and_rotate(qtbot: QtBot, library: Dossier) -> None:
    window, page = documents_page(qtbot, library)
    with qtbot.waitSignal(page.viewer.loaded, timeout=5000):
        page.open_document(doc_id(library, "knee-photo.jpg"))
    image = page.viewer.image
    assert page.viewer.mode == "image" and image.has_image()
    width, height = image.image_size()
    assert (width, height) in ((600, 400), (400, 600))  # upright by its EXIF orientation
    fitted = image.zoom
    click(qtbot, image.zoom_in_button)
    assert image.zoom == pytest.approx(fitted * 1.25) and not image.fitted
    assert image.zoom_label.text() == f"{round(image.zoom * 100)} %"
    click(qtbot, image.actual_button)
    assert image.zoom == 1.0
    click(qtbot, image.rotate_right_button)
    assert image.rotation == 90
    rect = image.item.sceneBoundingRect()
    assert (round(rect.width()), round(rect.height())) == (height, width)
    click(qtbot, image.rotate_left_button)
    click(qtbot, image.rotate_left_button)
    assert image.rotation == 270
    click(qtbot, image.fit_button)
    assert image.fitted and image.zoom <= 1.0
    window.close()


def test_text_documents_are_shown_as_text(qtbot: QtBot, library: Dossier) -> None:
    window, page = documents_page(qtbot, library)
    with qtbot.waitSignal(page.viewer.loaded, timeout=5000):
        page.open_document(doc_id(library, "notes.txt"))
    assert page.viewer.mode == "text"
    assert "Questions for Dr. Weiß" in page.viewer.text.toPlainText()
    assert page.viewer.text.isReadOnly()
    window.close()


def test_a_password_protected_pdf_gets_a_calm_message(qtbot: QtBot, library: Dossier) -> None:
    document_id = doc_id(library, "blood-results.pdf")
    library.db.execute("UPDATE document SET encrypted = 1 WHERE id = ?", [document_id])
    window, page = documents_page(qtbot, library)
    page.open_document(document_id)
    assert page.viewer.mode == "message"
    assert "password" in page.viewer.message_title.text()
    assert page.viewer.message_button.isVisible()
    window.close()


# Details -----------------------------------------------------------------------------------


def test_details_edit_and_bring_toggle_are_saved_and_undoable(
    qtbot: QtBot, library: Dossier
) -> None:
    document_id = doc_id(library, "blood-results.pdf")
    window, page = documents_page(qtbot, library)
    page.open_document(document_id)
    form = page.form
    title = form.editors["title"].widget
    assert isinstance(title, QLineEdit)
    title.selectAll()
    qtbot.keyClicks(title, "Blood count, November")
    form.tags.setFocus()
    qtbot.keyClicks(form.tags, "blood, lab")
    form.set_case_checked(
        next(c["id"] for c in records.list_records(library, "case") if c["title"] == "Knee"),
        True,
    )
    click(qtbot, form.save_button)
    stored = records.get(library, "document", document_id)
    assert stored["title"] == "Blood count, November"
    assert stored["tags"] == ["blood", "lab"] and len(stored["case_ids"]) == 1
    assert page.reader.doc_title.text() == "Blood count, November"
    row = page.model.row_of(document_id)
    assert row is not None and page.model.index(row, 0).data() == "Blood count, November"
    assert "lab" in [page.filters.tag.itemText(i) for i in range(page.filters.tag.count())]

    click(qtbot, page.reader.details.bring)
    assert records.get(library, "document", document_id)["bring"] is True
    window.undo_action.trigger()
    assert records.get(library, "document", document_id)["bring"] is False
    assert not page.reader.details.bring.isChecked()
    window.undo_action.trigger()
    stored = records.get(library, "document", document_id)
    assert stored["title"] == "Blood" and stored["tags"] == [] and stored["case_ids"] == []
    assert form.editors["title"].value() == "Blood"
    window.redo_action.trigger()
    assert records.get(library, "document", document_id)["title"] == "Blood count, November"
    window.close()


def test_an_error_stays_beside_the_field_and_the_document_stays_open(
    qtbot: QtBot, library: Dossier
) -> None:
    letter_id = doc_id(library, "cardiology-letter.pdf")
    window, page = documents_page(qtbot, library)
    page.open_document(letter_id)
    date = page.form.editors["document_date"].widget
    line = date.findChild(QLineEdit)
    assert line is not None
    line.clear()
    qtbot.keyClicks(line, "31/31/2025")
    page.open_document(doc_id(library, "notes.txt"))  # unsaved details are saved first…
    assert page.current_document_id() == letter_id  # …and a wrong date keeps you here
    assert page.form.errors["document_date"].isVisible()
    assert "correct" in page.notice_bar.notice.text()
    line.clear()
    qtbot.keyClicks(line, "2025-03-02")
    notes_id = doc_id(library, "notes.txt")
    page.open_document(notes_id)  # saved on the way
    assert page.current_document_id() == notes_id
    assert records.get(library, "document", letter_id)["document_date"] == "2025-03-02"
    window.close()


def test_move_to_trash_and_take_it_back(qtbot: QtBot, library: Dossier) -> None:
    document_id = doc_id(library, "notes.txt")
    window, page = documents_page(qtbot, library)
    page.open_document(document_id)
    click(qtbot, page.reader.details.trash_button)
    assert page.model.total() == 3 and page.current_document_id() is None
    assert not page.reader.isVisible() and "trash" in page.notice_bar.notice.text()
    assert records.list_records(library, "document", include_deleted=True)[0]["id"]
    window.undo_action.trigger()
    assert page.model.total() == 4 and page.current_document_id() == document_id
    window.close()


def test_open_in_the_usual_viewer_and_save_a_copy(
    qtbot: QtBot, library: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(actions_module, "open_with_system", lambda p: opened.append(p) or True)
    document_id = doc_id(library, "cardiology-letter.pdf")
    source = library.vault.path_for(records.get(library, "document", document_id)["sha256"])
    window, page = documents_page(qtbot, library)
    page.open_document(document_id)
    click(qtbot, page.reader.details.open_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert opened[0].name == "cardiology-letter.pdf"
    assert opened[0].read_bytes() == source.read_bytes()

    target = tmp_path / "saved" / "my copy.pdf"
    target.parent.mkdir()
    suggested: list[Path] = []
    monkeypatch.setattr(
        page.document_actions, "ask_save_path", lambda p: suggested.append(p) or target
    )
    click(qtbot, page.reader.details.save_copy_button)
    qtbot.waitUntil(target.exists, timeout=5000)
    assert suggested[0].name == "cardiology-letter.pdf"
    assert target.read_bytes() == source.read_bytes()
    qtbot.waitUntil(lambda: "saved" in page.notice_bar.notice.text())
    window.close()


def test_every_control_beside_an_open_document_has_a_name_and_takes_focus(
    qtbot: QtBot, library: Dossier
) -> None:
    window, page = documents_page(qtbot, library)
    page.open_document(doc_id(library, "cardiology-letter.pdf"))
    labels = page.findChildren(QLabel)
    problems = []
    for widget in page.reader.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(page):
            continue
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QAbstractSpinBox | QComboBox
        ):
            continue
        name = widget.accessibleName() or (
            widget.text() if isinstance(widget, QAbstractButton) else ""
        )
        if not name and not any(label.buddy() is widget for label in labels):
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} has no name")
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(
            widget, QAbstractButton
        ):
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} takes no focus")
    assert problems == []
    window.close()
