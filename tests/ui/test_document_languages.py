"""A document's language and translation in the window: shown by its name in the window's
language, changed in the details beside the open document (undoable), the document it is a
translation of chosen (never itself; a circle refused beside the field), whether certified
and by whom, and the list's Language column. Driven by keys and clicks on the real window,
over real PDFs imported into a dossier."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.i18n import set_language
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.documents import DocumentsPage
from dossier.ui.printing.print_dialog import PrintDialog
from tests.reports.pdf_reading import pdfium_pages
from tests.ui.windows import page_of, shown_window
from tests.unit.test_document_languages import DUTCH, ENGLISH, letter


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Dutch letter and an English one, imported once; each test works on a copy."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_HOME", str(tmp_path_factory.mktemp("home")))
        folder = tmp_path_factory.mktemp("languages")
        path = folder / "dossier"
        dossier = create_dossier(path, name="Test Person", born="1960-05-17")
        results = import_paths(
            dossier,
            [
                letter(folder / "brief.pdf", "Brief orthopedie", DUTCH),
                letter(folder / "letter.pdf", "Orthopaedic letter", ENGLISH),
            ],
        )
        assert [r.status for r in results] == ["imported", "imported"]
        dossier.close()
    return path


@pytest.fixture
def letters(template: Path, tmp_path: Path) -> Iterator[Dossier]:
    copy = tmp_path / "letters"
    shutil.copytree(template, copy)
    with open_dossier(copy) as opened:
        yield opened


def doc_id(dossier: Dossier, title: str) -> int:
    return next(
        int(r["id"]) for r in records.list_records(dossier, "document") if r["title"] == title
    )


def documents(qtbot: QtBot, dossier: Dossier) -> tuple[MainWindow, DocumentsPage]:
    window = shown_window(qtbot, dossier)
    page = page_of(window, "documents", DocumentsPage)
    page.set_view_mode("list", remember=False)
    return window, page


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Choose the item starting with ``text`` with the arrow keys, as with the keyboard."""
    combo.setFocus()
    key = Qt.Key.Key_Down
    for _ in range(combo.count() * 2):
        if combo.currentText().startswith(text):
            return
        if combo.currentIndex() == combo.count() - 1:
            key = Qt.Key.Key_Up
        qtbot.keyClick(combo, key)
    raise AssertionError(f"{text!r} is not offered")


def test_the_language_is_shown_by_name_and_changed_in_the_details(
    qtbot: QtBot, letters: Dossier
) -> None:
    dutch = doc_id(letters, "Brief orthopedie")
    window, page = documents(qtbot, letters)
    page.open_document(dutch)
    form = page.form
    combo = form.language_combo
    assert combo.currentText() == "Dutch"
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names[:6] == ["Not known", "English", "Dutch", "Hebrew", "Ukrainian", "Russian"]
    assert names[-1] == "Another language"

    choose(qtbot, combo, "German")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert records.get(letters, "document", dutch)["language"] == "de"
    row = page.model.row_of(dutch)
    language_column = next(
        n for n, column in enumerate(page.model.columns) if column.key == "language"
    )
    assert row is not None and page.model.index(row, language_column).data() == "German"
    assert page.model.headerData(language_column, Qt.Orientation.Horizontal) == "Language"

    window.undo_action.trigger()
    assert records.get(letters, "document", dutch)["language"] == "nl"
    assert combo.currentText() == "Dutch"

    language = form.findChild(QWidget, "side_language")
    original = form.findChild(QWidget, "side_translation_of_id")
    assert language is not None and original is not None
    assert language.y() == original.y()  # side by side at 1366x768
    form.fit_width(120)  # in a narrow panel (or with larger text), one above the other
    layout = form.layout()
    assert layout is not None
    layout.activate()
    assert original.y() > language.y() + language.height() - 1
    window.close()


def test_a_translation_is_marked_certified_and_by_whom(qtbot: QtBot, letters: Dossier) -> None:
    dutch, english = doc_id(letters, "Brief orthopedie"), doc_id(letters, "Orthopaedic letter")
    window, page = documents(qtbot, letters)
    page.open_document(english)
    form = page.form
    original = form.original_combo
    offered = [original.itemText(i) for i in range(original.count())]
    assert "Orthopaedic letter" not in " ".join(offered)  # never itself
    certified = form.editors["translation_certified"].widget
    translated_by = form.editors["translated_by"].widget
    assert isinstance(certified, QCheckBox) and isinstance(translated_by, QLineEdit)
    assert not certified.isVisible() and not translated_by.isVisible()

    choose(qtbot, original, "Brief")
    assert certified.isVisible() and translated_by.isVisible()
    certified.setFocus()
    qtbot.keyClick(certified, Qt.Key.Key_Space)
    assert certified.isChecked()
    translated_by.setFocus()
    qtbot.keyClicks(translated_by, "Vertaalbureau Noord")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    stored = records.get(letters, "document", english)
    assert stored["translation_of_id"] == dutch
    assert stored["translation_certified"] is True
    assert stored["translated_by"] == "Vertaalbureau Noord"

    page.open_document(dutch)  # the original cannot be made a translation of its translation
    choose(qtbot, form.original_combo, "Orthopaedic")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    error = form.errors["translation_of_id"]
    assert error.isVisible()
    assert "is itself a translation of this document" in error.text()
    assert records.get(letters, "document", dutch)["translation_of_id"] is None
    form.revert()
    window.close()


def test_language_names_follow_the_window_s_language(qtbot: QtBot, letters: Dossier) -> None:
    set_language("nl")
    try:
        window, page = documents(qtbot, letters)
        page.open_document(doc_id(letters, "Orthopaedic letter"))
        assert page.form.language_combo.currentText() == "Engels"
        assert "Nederlands" in [
            page.form.language_combo.itemText(i) for i in range(page.form.language_combo.count())
        ]
        window.close()
    finally:
        set_language("en")


def test_the_packet_dialog_can_use_translations_and_lists_what_still_needs_translating(
    qtbot: QtBot, letters: Dossier, tmp_path: Path
) -> None:
    case = records.create(letters, "case", {"title": "Right knee"}).id
    dutch = doc_id(letters, "Brief orthopedie")
    records.update(letters, "document", dutch, {"case_ids": [case], "bring": True})
    window = shown_window(qtbot, letters)
    window.print_menu.actions["packet"].trigger()
    dialog = window.print_menu.dialog
    assert isinstance(dialog, PrintDialog)
    qtbot.waitExposed(dialog)
    box = dialog.options.translations
    assert box.isVisible() and not box.isChecked()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert dialog.options.translations_into() == "en"
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=60_000)
    preview = dialog.preview
    assert preview is not None
    pages = pdfium_pages(preview.save_to(tmp_path / "packet.pdf"))
    contents = next(page for page in pages if "Contents of this packet" in page)
    assert "Still to be translated" in contents and "Brief orthopedie Dutch" in contents
    folder = preview.path.parent
    preview.close()
    qtbot.waitUntil(lambda: not folder.exists())
    window.close()
