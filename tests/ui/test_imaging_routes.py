"""The ways to the Imaging page: a disc's folder added as documents (or dropped on the
window) goes there as a disc; a DICOM file chosen as a document is pointed there; a search
hit of an imaging study opens it there; and the page has its place after Documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.imaging.adding import add_disc
from dossier.core.imaging.scan import scan_disc
from dossier.core.storage import Dossier
from dossier.ui.imaging.disc_source import DiscSource
from dossier.ui.pages.documents import DocumentsPage
from dossier.ui.search_results import HIT_ROLE
from tests.dicom_discs import loose_files, standard_disc
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
def person(tmp_path: Path) -> Iterator[Dossier]:
    opened = margaret(tmp_path / "dossier")
    yield opened
    opened.close()


def test_a_disc_folder_added_as_documents_goes_to_imaging(
    qtbot: QtBot, person: Dossier, tmp_path: Path
) -> None:
    knee = loose_files(tmp_path / "USB")  # no DICOMDIR, files without extensions
    window, page = imaging_window(qtbot, person)
    assert window.view is not None
    documents = window.view.show_page("documents")
    assert isinstance(documents, DocumentsPage)
    documents.import_files([knee])
    assert window.view.current_page_key() == "imaging"
    assert documents.imports.job is None  # nothing went to the documents' import
    qtbot.waitUntil(lambda: page.adding.confirm is not None, timeout=WAIT)
    confirm = page.adding.confirm
    assert confirm is not None
    assert [c.tick.text() for c in confirm.choices] == ["MRI KNEE"]
    confirm.reject()
    close_window(qtbot, window)


def test_a_dicom_file_chosen_as_a_document_is_pointed_to_add_imaging_disc(
    qtbot: QtBot, person: Dossier, disc: Path
) -> None:
    scans = sorted(p for p in (disc / "PT000000").rglob("*") if p.is_file())[:2]
    window, page = imaging_window(qtbot, person)
    assert window.view is not None
    documents = window.view.show_page("documents")
    assert isinstance(documents, DocumentsPage)
    documents.import_files(scans)
    box = message_box("scansOffered")
    assert box is not None
    assert "are scans from an imaging disc (DICOM files), not documents" in plain(box.text())
    assert documents.imports.job is None and records.list_records(person, "document") == []
    button = box.findChild(QPushButton, "offerAddDisc")
    assert button is not None and button.text() == "Add Imaging Disc…"
    click(qtbot, button)
    assert window.view.current_page_key() == "imaging"
    assert isinstance(page.adding.source, DiscSource) and page.adding.source.isVisible()
    page.adding.source.reject()
    close_window(qtbot, window)


def test_a_search_hit_of_a_study_opens_it_on_the_imaging_page(
    qtbot: QtBot, person: Dossier, disc: Path, tmp_path: Path
) -> None:
    from tests.dicom_discs import add_study

    add_study(person, tmp_path / "abdomen")  # study 1, CT ABDOMEN
    add_disc(person, scan_disc(person, disc), other_patient=True)  # study 2
    window, page = imaging_window(qtbot, person)
    assert window.view is not None
    window.view.show_page("overview")
    search = window.view.search
    search.line.setText("thorax")
    with qtbot.waitSignal(search.results_shown, timeout=WAIT):
        search.run_now()
    hits = [search.model.index(r, 0).data(HIT_ROLE) for r in range(search.model.rowCount())]
    studies = [h for h in hits if h is not None and h.kind == "study"]
    assert [h.id for h in studies] == [2]
    assert search.activate(search.model.index(hits.index(studies[0]), 0))
    assert window.view.current_page_key() == "imaging"
    assert page.studies.current_id() == 2
    assert plain(page.panel.title.text()).startswith("CT THORAX MET CONTRAST")
    close_window(qtbot, window)
