"""Printing from the window, driven for real (offscreen): the Print menu, each report's
dialog, the preview rendered on a worker thread, Save as PDF, Print and the letter editor."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.demo import build_demo
from dossier.core.demo_content import demo_content
from dossier.core.i18n import current_language, set_language
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.printing import preview as preview_module
from dossier.ui.printing.preview import PreviewWindow, print_pdf
from dossier.ui.printing.print_dialog import PrintDialog
from dossier.ui.printing.runner import default_paper
from tests.reports.pdf_reading import pdfium_pages

WAIT_MS = 60_000


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Dossier]:
    dossier = build_demo(tmp_path / "demo")
    yield dossier
    dossier.close()


def open_window(qtbot: QtBot, dossier: Dossier | None) -> MainWindow:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def flat(text: str) -> str:
    """Qt's PDFs read back with tabs or line breaks where the spaces were."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> list[str]:
    return [flat(page.extract_text() or "") for page in PdfReader(path).pages]


def open_dialog(qtbot: QtBot, window: MainWindow, kind: str) -> PrintDialog:
    window.print_menu.actions[kind].trigger()
    dialog = window.print_menu.dialog
    assert isinstance(dialog, PrintDialog)
    qtbot.waitExposed(dialog)
    return dialog


def preview_of(qtbot: QtBot, dialog: PrintDialog) -> PreviewWindow:
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT_MS)
    preview = dialog.preview
    assert preview is not None
    assert not dialog.isVisible()
    return preview


def close_preview(qtbot: QtBot, preview: PreviewWindow) -> None:
    folder = preview.path.parent
    preview.close()
    qtbot.waitUntil(lambda: not folder.exists())


def test_print_menu_only_with_a_dossier(qtbot: QtBot, demo: Dossier) -> None:
    window = open_window(qtbot, None)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Print") == titles.index("&Edit") + 1
    assert not any(a.isEnabled() for a in window.print_menu.actions.values())
    window.show_dossier(demo)
    assert all(a.isEnabled() for a in window.print_menu.actions.values())
    qtbot.waitUntil(lambda: window.after_paint.done)  # shortcuts are set once it is on screen
    assert window.print_menu.actions["brief"].shortcut().toString() == "Ctrl+P"


@pytest.mark.parametrize("kind", ["brief", "questions", "comparison", "index", "packet"])
def test_each_report_previews_saves_and_prints(
    qtbot: QtBot, demo: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, kind)
    open_cases = [c for c in records.list_records(demo, "case") if c["status"] != "closed"]
    assert dialog.preview_button.isDefault()  # Enter previews
    assert dialog.case_id() == open_cases[0]["id"]
    preview = preview_of(qtbot, dialog)
    pages = preview.page_count()
    assert pages >= 1
    assert str(pages) in preview.page_label.text() or pages == 1

    target = tmp_path / "saved"  # ".pdf" is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "PDF files (*.pdf)")
    )
    saved = preview.save_as()
    assert saved == tmp_path / "saved.pdf" and saved.exists()
    assert len(PdfReader(saved).pages) == pages
    assert demo_content().patient_name in pdf_text(saved)[0]

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert print_pdf(preview.document, printer) == pages
    assert len(PdfReader(printed).pages) == pages
    close_preview(qtbot, preview)


def test_comparison_entry_previews_landscape_pages(qtbot: QtBot, demo: Dossier) -> None:
    window = open_window(qtbot, demo)
    action = window.print_menu.actions["comparison"]
    assert (
        action.text() == "&Comparison of opinions…" and action in window.print_menu.menu.actions()
    )
    dialog = open_dialog(qtbot, window, "comparison")
    assert dialog.windowTitle() == "Print the comparison of opinions"
    preview = preview_of(qtbot, dialog)
    pages = preview.page_count()
    assert pages >= 2
    size = PdfReader(preview.path).pages[0].mediabox
    assert float(size.width) > float(size.height)
    texts = pdf_text(preview.path)
    assert "Comparison of opinions" in texts[0] and "Recommended treatment" in " ".join(texts)
    assert all(demo_content().patient_name in t and f"of {pages}" in t for t in texts)
    close_preview(qtbot, preview)


def test_a_case_without_two_opinions_is_said_plainly(qtbot: QtBot, demo: Dossier) -> None:
    window = open_window(qtbot, demo)
    case = records.create(demo, "case", {"title": "Only one opinion"}).id
    dialog = open_dialog(qtbot, window, "comparison")
    dialog.case_combo.setCurrentIndex(dialog.case_combo.findData(case))
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.isVisible()
    assert "two to four different opinions" in dialog.error_label.text()
    assert dialog.preview is None


def test_letter_is_edited_before_printing(qtbot: QtBot, demo: Dossier, tmp_path: Path) -> None:
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "request-letter")
    assert dialog.letter is not None
    editor = dialog.letter.edit
    assert "Dear Sir or Madam," in editor.toPlainText()
    edited = editor.toPlainText().replace(
        "Thank you for your help.",
        "Please send the imaging discs to my home address, not to my doctor.",
    )
    editor.setPlainText(edited)
    assert dialog.letter.is_edited()
    preview = preview_of(qtbot, dialog)
    out = preview.save_to(tmp_path / "letter.pdf")
    text = " ".join(pdf_text(out))
    assert "Please send the imaging discs to my home address, not to my doctor." in text
    assert "Thank you for your help." not in text
    close_preview(qtbot, preview)


def test_restore_the_suggested_wording(qtbot: QtBot, demo: Dossier) -> None:
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "request-letter")
    assert dialog.letter is not None
    dialog.letter.edit.setPlainText("")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert "The letter is empty" in dialog.error_label.text()
    assert dialog.error_label.isVisible() and dialog.preview is None
    qtbot.mouseClick(dialog.letter.reset_button, Qt.MouseButton.LeftButton)
    assert "Dear Sir or Madam," in dialog.letter.text()
    dialog.close()


def test_large_print_question_sheet_on_letter_paper(
    qtbot: QtBot, demo: Dossier, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "questions")
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("letter"))
    dialog.large_print.setChecked(True)
    preview = preview_of(qtbot, dialog)
    box = PdfReader(preview.save_to(tmp_path / "q.pdf")).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    close_preview(qtbot, preview)


def test_a_case_that_is_gone_is_said_plainly(qtbot: QtBot, demo: Dossier) -> None:
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "brief")
    case_id = dialog.case_id()
    assert case_id is not None
    records.delete(demo, "case", case_id)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.isVisible()
    assert dialog.preview is None
    assert dialog.error_label.text()
    dialog.close()


def test_packet_with_a_missing_file_still_builds(
    qtbot: QtBot, demo: Dossier, tmp_path: Path
) -> None:
    from dossier.core.reports.common import documents_to_bring

    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "packet")
    case_id = dialog.case_id()
    assert case_id is not None
    docs = documents_to_bring(demo, case_id)
    assert docs
    demo.vault.path_for(docs[0]["sha256"]).unlink()
    preview = preview_of(qtbot, dialog)
    text = " ".join(pdf_text(preview.save_to(tmp_path / "packet.pdf")))
    assert flat(docs[0]["title"]) in text
    close_preview(qtbot, preview)


def test_paper_follows_the_locale() -> None:
    assert default_paper(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == (
        "letter"
    )
    assert default_paper(QLocale(QLocale.Language.French, QLocale.Country.Canada)) == "letter"
    assert default_paper(QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "a4"


def test_an_edited_letter_is_not_lost_by_accident(
    qtbot: QtBot, demo: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "request-letter")
    assert dialog.letter is not None
    dialog.letter.edit.appendPlainText("P.S. A line of my own.")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: answers.pop(0))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # kept
    dialog.reject()
    assert not dialog.isVisible() and not answers


def test_print_button_prints_through_the_print_dialog(
    qtbot: QtBot, demo: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "from-dialog.pdf"

    class FakePrintDialog:
        def __init__(self, printer: QPrinter, _parent: object) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))

        def setWindowTitle(self, _title: str) -> None:
            pass

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(preview_module, "QPrintDialog", FakePrintDialog)
    window = open_window(qtbot, demo)
    preview = preview_of(qtbot, open_dialog(qtbot, window, "index"))
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    printed = PdfReader(out)
    assert len(printed.pages) == preview.page_count()
    box = printed.pages[0].mediabox  # the sheet follows the report's paper
    source = PdfReader(preview.path).pages[0].mediabox
    assert abs(float(box.width) - float(source.width)) < 2
    assert abs(float(box.height) - float(source.height)) < 2
    close_preview(qtbot, preview)


def test_closing_the_dossier_closes_its_print_dialog(qtbot: QtBot, demo: Dossier) -> None:
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "brief")
    window.close_dossier()
    assert not dialog.isVisible()
    assert window.print_menu.dialog is None
    assert not window.print_menu.actions["brief"].isEnabled()


def test_closing_the_window_closes_its_previews(qtbot: QtBot, demo: Dossier) -> None:
    window = open_window(qtbot, demo)
    preview = preview_of(qtbot, open_dialog(qtbot, window, "brief"))
    folder = preview.path.parent
    window.close()
    qtbot.waitUntil(lambda: not folder.exists())


def test_the_case_on_screen_is_the_default(qtbot: QtBot, demo: Dossier) -> None:
    window = open_window(qtbot, demo)
    assert window.view is not None
    last = records.list_records(demo, "case")[-1]["id"]
    window.view.open_record("case", last)
    dialog = open_dialog(qtbot, window, "questions")
    assert dialog.case_id() == last
    dialog.close()


@pytest.fixture
def window_language() -> Iterator[Callable[[str], str]]:
    """Set the window's language for one test; English again after it."""
    yield set_language
    set_language("en")


def test_the_report_is_printed_in_the_language_chosen(
    qtbot: QtBot, demo: Dossier, window_language: Callable[[str], str]
) -> None:
    window_language("nl")
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "index")
    combo = dialog.language_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names == ["English", "Nederlands", "עברית", "Українська", "Русский"]
    assert combo.currentData() == "nl"  # the window's language
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "עברית"
    preview = preview_of(qtbot, dialog)
    text = " ".join(pdfium_pages(preview.path))
    assert "באפריל" in text  # the date of birth, the Hebrew way
    assert "Margaret" in text and "Lindqvist" in text  # the Latin name is printed
    close_preview(qtbot, preview)
    assert current_language() == "nl"  # the window keeps its language


def test_the_suggested_letter_follows_the_language(
    qtbot: QtBot, demo: Dossier, window_language: Callable[[str], str]
) -> None:
    window_language("pseudo")
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "request-letter")
    assert dialog.letter is not None
    assert "⟦" in dialog.letter.text()  # the window's (test) language
    qtbot.keyClick(dialog.language_combo, Qt.Key.Key_Home)
    assert dialog.language_combo.currentData() == "en"
    assert "⟦" not in dialog.letter.text()
    assert "medical records" in dialog.letter.text()
    job = dialog.job()
    assert job.language == "en" and job.report is not None and job.report.language == "en"
    dialog.discard()
