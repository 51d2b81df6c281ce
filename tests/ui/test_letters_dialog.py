"""The three letters from the window's Print menu, driven for real (offscreen): each entry
opens its dialog with the suggested wording in the editor and the doctor it goes to; another
doctor chosen rewrites the wording for them; the preview is one page (the hand-over letter
followed by its enclosure); an edited letter is printed as edited; a case without a
decision says plainly to record it first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.reports.handover_letter import decision
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.printing.preview import PreviewWindow
from dossier.ui.printing.print_dialog import PrintDialog
from tests.reports.pdf_reading import pdfium_pages

WAIT_MS = 60_000


def open_window(qtbot: QtBot, dossier: Dossier) -> MainWindow:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_dialog(qtbot: QtBot, window: MainWindow, kind: str, case_id: int) -> PrintDialog:
    window.print_menu.actions[kind].trigger()
    dialog = window.print_menu.dialog
    assert isinstance(dialog, PrintDialog) and dialog.kind == kind
    qtbot.waitExposed(dialog)
    dialog.case_combo.setCurrentIndex(dialog.case_combo.findData(case_id))
    return dialog


def preview_of(qtbot: QtBot, dialog: PrintDialog) -> PreviewWindow:
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT_MS)
    assert dialog.preview is not None
    return dialog.preview


def close_preview(qtbot: QtBot, preview: PreviewWindow) -> None:
    folder = preview.path.parent
    preview.close()
    qtbot.waitUntil(lambda: not folder.exists())


def decided_case(demo: Dossier) -> int:
    return next(c["id"] for c in records.list_records(demo, "case") if decision(demo, c["id"]))


def test_the_menu_has_the_three_letters(qtbot: QtBot, demo: Dossier) -> None:
    window = open_window(qtbot, demo)
    actions = window.print_menu.actions
    assert actions["cover-letter"].text() == "Co&ver letter to the second doctor…"
    assert actions["tell-first-doctor"].text() == "Letter to the &first doctor…"
    assert actions["handover"].text() == "&Hand-over letter after the decision…"
    assert all(actions[k].isEnabled() for k in ("cover-letter", "tell-first-doctor", "handover"))


def test_cover_letter_to_a_doctor_chosen_in_the_dialog(
    qtbot: QtBot, demo: Dossier, tmp_path: Path
) -> None:
    case = records.list_records(demo, "case")[0]["id"]
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "cover-letter", case)
    assert dialog.letter is not None and dialog.options.recipient is not None
    combo = dialog.options.recipient
    assert combo.currentData() is None  # the suggestion comes first
    assert "Second opinion:" in dialog.letter.text()
    doctor = next(c for c in records.list_records(demo, "contact") if c["name"].endswith("Raman"))
    combo.setCurrentIndex(combo.findData(doctor["id"]))
    assert "Dear Dr. Raman," in dialog.letter.text()  # the wording for the doctor chosen
    assert dialog.options.to_id() == doctor["id"]
    preview = preview_of(qtbot, dialog)
    assert preview.page_count() == 1
    [page] = pdfium_pages(preview.save_to(tmp_path / "cover.pdf"))
    assert "Dear Dr. Raman," in page and "Lindqvist" in page
    close_preview(qtbot, preview)


def test_an_edited_letter_to_the_first_doctor_prints_as_edited(
    qtbot: QtBot, demo: Dossier, tmp_path: Path
) -> None:
    case = records.list_records(demo, "case")[0]["id"]
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "tell-first-doctor", case)
    assert dialog.letter is not None
    text = dialog.letter.text()
    assert "many medical guidelines encourage" in text
    dialog.letter.edit.setPlainText(text.replace("Thank you for your understanding.",
                                                 "With kind regards to your team."))  # fmt: skip
    assert dialog.letter.is_edited()
    preview = preview_of(qtbot, dialog)
    page = " ".join(pdfium_pages(preview.save_to(tmp_path / "first.pdf")))
    assert "With kind regards to your team." in page
    assert "Thank you for your understanding." not in page
    close_preview(qtbot, preview)


def test_handover_letter_of_a_decided_case(qtbot: QtBot, demo: Dossier, tmp_path: Path) -> None:
    case = decided_case(demo)
    report = records.list_records(demo, "document", case_id=case)[0]
    records.update(demo, "case", case, {"handover_report_id": report["id"]})
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "handover", case)
    assert dialog.letter is not None and "My decision, taken on" in dialog.letter.text()
    preview = preview_of(qtbot, dialog)
    pages = pdfium_pages(preview.save_to(tmp_path / "handover.pdf"))
    assert "My decision, taken on" in pages[0] and "Enclosed:" in pages[0]
    assert len(pages) == 1 + (report["page_count"] or 1)  # the letter, then the enclosure
    assert all(f"page {n} of {len(pages)}" in p for n, p in enumerate(pages, start=1))
    assert "Hand-over letter" in preview.windowTitle()
    close_preview(qtbot, preview)


def test_handover_without_a_decision_says_to_record_it(qtbot: QtBot, demo: Dossier) -> None:
    undecided = records.create(demo, "case", {"title": "Hip: which implant?"}).id
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "handover", undecided)
    assert "Record the decision first" in dialog.error_label.text()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.isVisible() and dialog.preview is None
    assert "Record the decision first" in dialog.error_label.text()
    dialog.close()


def test_the_hand_over_letter_opens_on_a_decided_case(qtbot: QtBot, demo: Dossier) -> None:
    """From the Print menu with an undecided case on screen: the letter of the decided one,
    not an empty editor (choosing the undecided case still says to record the decision)."""
    undecided = next(
        c["id"] for c in records.list_records(demo, "case") if not decision(demo, c["id"])
    )
    window = open_window(qtbot, demo)
    dialog = PrintDialog(window.session, "handover", case_id=undecided, parent=window)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    assert dialog.case_id() == decided_case(demo)
    assert dialog.letter is not None and "My decision, taken on" in dialog.letter.text()
    dialog.discard()


def test_a_hebrew_letter_is_edited_from_the_right(qtbot: QtBot, demo: Dossier) -> None:
    window = open_window(qtbot, demo)
    dialog = open_dialog(qtbot, window, "cover-letter", records.list_records(demo, "case")[0]["id"])
    assert dialog.letter is not None
    option = dialog.letter.edit.document().defaultTextOption
    assert option().alignment() & Qt.AlignmentFlag.AlignLeft
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("he"))
    assert option().alignment() & Qt.AlignmentFlag.AlignRight  # each line from the right
    assert option().textDirection() == Qt.LayoutDirection.LayoutDirectionAuto
    dialog.discard()
