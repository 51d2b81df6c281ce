"""Adding an imaging disc through the window, as a person does: where the disc is, reading
it (with progress, and Stop), the confirmation with whose files they are (a mismatch said
plainly, its study unticked until ticked on purpose), adding in the background, the new
study on the page; the same disc again says it is there already; a disc only listed
records where it is kept."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.storage import Dossier
from dossier.ui import tasks
from dossier.ui.imaging import disc_source
from dossier.ui.imaging.confirm_dialog import ConfirmDisc
from dossier.ui.imaging.disc_progress import DiscProgress
from dossier.ui.imaging.disc_source import DiscSource
from dossier.ui.imaging.study_text import size_text
from dossier.ui.pages.imaging import ImagingPage
from tests.dicom_discs import SeriesSpec, StudySpec, make_disc, standard_disc
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
    """The issue's disc: a CT of three series, one JPEG 2000, one of another patient."""
    return standard_disc(tmp_path_factory.mktemp("discs") / "CT_DISC")


@pytest.fixture
def person(tmp_path: Path) -> Iterator[Dossier]:
    opened = margaret(tmp_path / "dossier")
    yield opened
    opened.close()


def confirm_of(qtbot: QtBot, page: ImagingPage) -> ConfirmDisc:
    qtbot.waitUntil(lambda: page.adding.confirm is not None, timeout=WAIT)
    confirm = page.adding.confirm
    assert confirm is not None
    qtbot.waitUntil(confirm.isVisible)
    return confirm


def add_confirmed(qtbot: QtBot, page: ImagingPage, confirm: ConfirmDisc) -> None:
    with qtbot.waitSignal(page.adding.added, timeout=WAIT):
        click(qtbot, confirm.add_button)


def test_a_disc_is_added_through_the_confirmation_with_the_other_patient_said_first(
    qtbot: QtBot, person: Dossier, disc: Path
) -> None:
    window, page = imaging_window(qtbot, person)
    assert page.body.currentWidget() is page.empty  # the empty page says what to do
    assert "CD or USB stick" in page.empty.findChild(QLabel, "emptyImagingText").text()

    page.add_disc(disc)
    progress = page.adding.progress
    assert isinstance(progress, DiscProgress) and progress.isVisible()
    confirm = confirm_of(qtbot, page)
    assert page.adding.progress is None  # the reading's window has gone

    assert len(confirm.choices) == 1
    choice = confirm.choices[0]
    assert choice.tick.text() == "CT THORAX MET CONTRAST"
    assert choice.warning is not None and choice.warning.isVisible()
    assert (
        "Some of these files are for Pieter Jansen (JANSEN^PIETER), born 12 March 1948: "
        "not for Margaret Example" in choice.warning.text()
    )
    # Above the tick, before anything is added; the study stays unticked until ticked.
    assert choice.warning.y() < choice.tick.y()
    assert not choice.tick.isChecked()
    assert not confirm.add_button.isEnabled()
    texts = [plain(label.text()) for label in confirm.findChildren(QLabel)]
    assert any("3 series, 24 images" in t for t in texts)
    assert any("Series: THORAX 2.5 MM (12), THORAX LONG (8), SCOUT (4)" in t for t in texts)
    ignored = confirm.findChild(QLabel, "discIgnored")
    assert ignored is not None and "3 other files" in ignored.text()  # viewer, autorun, read-me
    assert "never opened or run" in ignored.text()
    assert confirm.keep.isChecked()
    assert confirm.keep.text() == "Keep a copy of the images in the dossier"

    choice.tick.setChecked(True)  # deliberately: the person checked the SCOUT series
    assert confirm.add_button.isEnabled()
    size = size_text(confirm.scan.studies[0].size)
    assert confirm.keep.text() == f"Keep a copy of the images in the dossier ({size})"
    add_confirmed(qtbot, page, confirm)

    studies = records.list_records(person, "study")
    assert [s["description"] for s in studies] == ["CT THORAX MET CONTRAST"]
    assert studies[0]["kept"] and studies[0]["image_count"] == 24
    assert studies[0]["patient_check"] == "mismatch"
    assert page.body.currentWidget() is page.splitter
    assert page.studies.current_id() == studies[0]["id"]  # the new study is shown
    assert "24 images kept in the dossier" in page.notice.text()
    assert [plain(page.panel.series.item(i).text()).split("\n")[0] for i in range(3)] == [
        "Series 1: THORAX 2.5 MM",
        "Series 2: THORAX LONG",
        "Series 3: SCOUT",
    ]
    assert plain(page.panel.whose.text()).startswith("⚠ Some of these files are for Pieter Jansen")

    # The same disc again: said plainly, nothing asked, nothing added.
    page.add_disc(disc)
    qtbot.waitUntil(lambda: message_box("discMessage") is not None, timeout=WAIT)
    box = message_box("discMessage")
    assert box is not None
    assert "already in the dossier" in box.text()
    assert page.adding.confirm is None
    box.close()
    assert len(records.list_records(person, "study")) == 1
    close_window(qtbot, window)


def test_cancelling_the_confirmation_adds_nothing_and_a_listed_disc_says_where_it_is(
    qtbot: QtBot, person: Dossier, tmp_path: Path
) -> None:
    spec = StudySpec(
        4,
        description="MRI KNEE",
        series=(SeriesSpec(1, "T1 SAG", modality="MR", body_part="KNEE", slices=3),),
    )
    folder = make_disc(tmp_path / "knee", [spec])
    packed = tmp_path / "knee.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        for file in folder.rglob("*"):
            archive.write(file, file.relative_to(folder).as_posix())
    window, page = imaging_window(qtbot, person)

    page.add_disc(packed)  # a disc sent as a .zip
    confirm = confirm_of(qtbot, page)
    assert confirm.choices[0].tick.isChecked()  # Margaret's own: ticked
    assert confirm.choices[0].warning is None
    confirm.reject()
    qtbot.waitUntil(lambda: page.adding.confirm is None)
    assert records.list_records(person, "study") == []
    assert page.notice.text() == "The disc was not added."

    page.add_disc(packed)
    confirm = confirm_of(qtbot, page)
    confirm.only_list.setChecked(True)
    confirm.location.setText("Blue folder, bookcase")
    add_confirmed(qtbot, page, confirm)
    study = records.list_records(person, "study")[0]
    assert not study["kept"]
    item = records.get(person, "physical_item", study["disc_item_id"])
    assert item["kind"] == "disc" and item["location"] == "Blue folder, bookcase"
    assert "Only listed, disc kept at Blue folder" in plain(page.panel.details.text())
    assert "The disc is listed" in page.notice.text()
    close_window(qtbot, window)


def test_reading_is_stopped_with_stop(
    qtbot: QtBot, person: Dossier, disc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, page = imaging_window(qtbot, person)
    page.add_disc(disc)
    progress = page.adding.progress
    assert progress is not None
    click(qtbot, progress.stop_button)
    qtbot.waitUntil(lambda: page.adding.task is None, timeout=WAIT)
    assert page.adding.confirm is None
    assert page.notice.text() == "Reading the disc was stopped; nothing was added."
    assert records.list_records(person, "study") == []
    close_window(qtbot, window)


def test_the_disc_is_chosen_as_a_folder_from_the_menu(
    qtbot: QtBot, person: Dossier, disc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(disc_source, "found_discs", lambda: [("CT_DISC", disc)])
    monkeypatch.setattr(disc_source, "ask_folder", lambda _parent: disc)
    window, page = imaging_window(qtbot, person)
    window.view.show_page("overview")  # type: ignore[union-attr]
    window.menus.disc_action.trigger()
    assert window.view.current_page_key() == "imaging"  # type: ignore[union-attr]
    source = page.adding.source
    assert isinstance(source, DiscSource) and source.isVisible()
    # The disc in the drive is offered by its name; the folder can be chosen too.
    assert [plain(b.text()) for b in source.disc_buttons] == [f"CT_DISC ({disc})"]
    click(qtbot, source.folder_button)
    confirm = confirm_of(qtbot, page)
    assert str(disc) in plain(confirm.findChild(QLabel, "discSource").text())
    confirm.reject()
    assert tasks.wait_for(None, WAIT)
    QApplication.processEvents()
    close_window(qtbot, window)


def test_leaving_the_dossier_while_a_disc_is_read_stops_it(
    qtbot: QtBot, person: Dossier, disc: Path
) -> None:
    window, page = imaging_window(qtbot, person)
    page.add_disc(disc)
    assert page.adding.task is not None
    window.close_dossier()  # the window shows the welcome page; the reading has stopped
    assert page.adding.task is None and tasks.running("read disc") == []
    assert message_box("discMessage") is None
    assert page.loader.closed
    close_window(qtbot, window)
