"""A study's actions on the Imaging page: editing its case, description, notes and "bring",
moving it to the trash and back (from the Trash page, and by Undo), and copying the disc for
the second doctor into a folder that pydicom reads back as the same study."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydicom import dcmread
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.imaging.adding import add_disc
from dossier.core.imaging.scan import scan_disc
from dossier.core.storage import Dossier
from dossier.ui.imaging import copy_dialog
from dossier.ui.imaging.copy_dialog import CopyDisc
from dossier.ui.imaging.study_edit import StudyEdit
from dossier.ui.pages.trash import TrashPage
from tests.dicom_discs import read_file_set, standard_disc
from tests.ui.imaging_helpers import (
    WAIT,
    click,
    close_window,
    imaging_window,
    margaret,
    message_box,
    plain,
)


@pytest.fixture(scope="module")
def disc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return standard_disc(tmp_path_factory.mktemp("discs") / "CT_DISC")


@pytest.fixture
def person(tmp_path: Path, disc: Path) -> Iterator[Dossier]:
    """Margaret's dossier with a case, a doctor, and the issue's disc kept."""
    opened = margaret(tmp_path / "dossier")
    records.create(opened, "case", {"title": "Lung nodule", "kind": "diagnosis"})
    records.create(opened, "contact", {"name": "Dr. Ruth Cohen"})
    add_disc(opened, scan_disc(opened, disc), other_patient=True)
    yield opened
    opened.close()


def test_a_study_is_edited_and_its_edit_undone(qtbot: QtBot, person: Dossier) -> None:
    window, page = imaging_window(qtbot, person)
    click(qtbot, page.panel.edit_button)
    dialog = page.edit_dialog
    assert isinstance(dialog, StudyEdit) and dialog.isVisible()
    form = dialog.form
    assert set(form.editors) == {"case_id", "description", "notes", "bring"}
    case = form.editors["case_id"].widget
    assert isinstance(case, QComboBox)
    case.setCurrentIndex(case.findText("Lung nodule"))
    description = form.editors["description"].widget
    assert isinstance(description, QLineEdit)
    description.setText("CT of the chest with contrast")
    notes = form.editors["notes"].widget
    assert isinstance(notes, QPlainTextEdit)
    notes.setPlainText("Ask whether the nodule has grown since March.")
    bring = form.editors["bring"].widget
    assert isinstance(bring, QCheckBox)
    bring.setChecked(True)
    click(qtbot, form.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    study = records.get(person, "study", 1)
    assert study["description"] == "CT of the chest with contrast"
    assert study["notes"] == "Ask whether the nodule has grown since March."
    assert study["bring"] is True and study["case_id"] is not None
    assert plain(page.panel.title.text()).startswith("CT of the chest with contrast · ")
    assert "to bring to the next consultation" in page.panel.details.text()
    assert plain(page.studies.model_.index(0, 1).data()) == "CT of the chest with contrast"

    window.undo()
    assert records.get(person, "study", 1)["description"] == "CT THORAX MET CONTRAST"
    assert plain(page.panel.title.text()).startswith("CT THORAX MET CONTRAST · ")
    close_window(qtbot, window)


def test_a_study_moved_to_the_trash_is_restored(qtbot: QtBot, person: Dossier) -> None:
    window, page = imaging_window(qtbot, person)
    assert page.study_count() == 1
    click(qtbot, page.panel.trash_button)
    assert records.list_records(person, "study") == []
    assert page.study_count() == 0
    assert page.body.currentWidget() is page.empty
    assert "in the trash" in page.notice.text()

    assert window.view is not None
    trash = window.view.show_page("trash")
    assert isinstance(trash, TrashPage)
    assert trash.select("study", 1)
    assert trash.model.data(trash.model.index(trash.table.currentIndex().row(), 0)) == (
        "Imaging study"
    )
    click(qtbot, trash.restore_button)
    assert [s["id"] for s in records.list_records(person, "study")] == [1]
    window.view.show_page("imaging")
    assert page.study_count() == 1 and page.body.currentWidget() is page.splitter
    assert page.studies.current_id() == 1

    click(qtbot, page.panel.trash_button)  # and back by Undo
    window.undo()
    assert page.study_count() == 1
    close_window(qtbot, window)


def test_the_disc_is_copied_for_the_second_doctor_and_reads_back(
    qtbot: QtBot, person: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "USB STICK"
    stick.mkdir()
    (stick / "holiday.jpg").write_bytes(b"a photo already on the stick")
    monkeypatch.setattr(copy_dialog, "ask_copy_folder", lambda _parent: stick)
    asked: list[str] = []

    def answer(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window, page = imaging_window(qtbot, person)
    click(qtbot, page.panel.copy_button)
    dialog = page.copying.dialog
    assert isinstance(dialog, CopyDisc) and dialog.isVisible()
    assert not dialog.copy_button.isEnabled()  # a folder first
    click(qtbot, dialog.choose_button)
    # The stick holds a photo: a new folder inside it is offered, named after the study.
    target = stick / "CT THORAX MET CONTRAST 2026-03-12"
    assert asked and "already holds files" in asked[0] and target.name in asked[0]
    assert dialog.target == target and dialog.folder.text() == str(target)
    dialog.contact.setCurrentIndex(dialog.contact.findText("Dr. Ruth Cohen"))
    with qtbot.waitSignal(page.copying.copied, timeout=WAIT):
        click(qtbot, dialog.copy_button)
    qtbot.waitUntil(lambda: message_box("copyMessage") is not None, timeout=WAIT)
    said = message_box("copyMessage")
    assert said is not None
    text = plain(said.text())
    assert f"The disc is copied to {target}: 24 images with a DICOMDIR" in text
    assert "sent to Dr. Ruth Cohen" in text
    said.close()

    # Any DICOM viewer reads it: the DICOMDIR names the same study, series and images.
    with read_file_set(target) as copied:
        assert len(copied) == 24
        uid = records.get(person, "study", 1)["study_uid"]
        assert {i.StudyInstanceUID for i in copied} == {uid}
        assert len({i.SeriesInstanceUID for i in copied}) == 3
        for instance in copied:
            read = dcmread(instance.path, stop_before_pixels=True)
            assert read.SOPInstanceUID == instance.SOPInstanceUID
    assert (stick / "holiday.jpg").exists()

    items = records.list_records(person, "physical_item")
    sent = [i for i in items if i["location"] == str(target)]
    assert len(sent) == 1 and sent[0]["kind"] == "disc" and sent[0]["sent_to_id"] is not None
    close_window(qtbot, window)


def test_a_listed_study_cannot_be_copied_and_says_why(
    qtbot: QtBot, tmp_path: Path, disc: Path
) -> None:
    opened = margaret(tmp_path / "listed")
    add_disc(opened, scan_disc(opened, disc), keep=False, other_patient=True)
    try:
        window, page = imaging_window(qtbot, opened)
        assert not page.panel.copy_button.isEnabled()
        assert "copy the disc itself" in page.panel.copy_button.toolTip()
        close_window(qtbot, window)
    finally:
        opened.close()
