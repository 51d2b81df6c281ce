"""Quitting while the window adds files: the import stops after the files being read, and
what it added is whole. Quitting is the application's ``aboutToQuit``, which Qt emits once
the last window has closed; the one quit hook of :mod:`dossier.ui.tasks` answers it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dossier.core.importer.pipeline import ImportResult
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.documents import DocumentsPage
from tests.integrity_helpers import (
    assert_database_sound,
    assert_files_of_documents_intact,
    document_hashes,
    make_documents,
)

WAIT = 60_000


def test_quitting_during_an_import_stops_it_cleanly_and_keeps_what_it_added(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path
) -> None:
    incoming = make_documents(tmp_path / "incoming", 60, seed=3)
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    assert window.view is not None
    page = window.view.show_page("documents")
    assert isinstance(page, DocumentsPage)
    finished: list[list[ImportResult]] = []
    page.imports_finished.connect(finished.append)

    page.import_files([tmp_path / "incoming"])
    task = page.imports.job
    assert task is not None
    qtbot.waitUntil(
        lambda: "Adding files to the dossier: " in page.notice_bar.notice.text(), timeout=WAIT
    )
    app = QApplication.instance()
    assert app is not None
    app.aboutToQuit.emit()  # what quitting does
    assert task.wait(0)  # it returned only once the import had ended

    [results] = finished
    assert len(results) == len(incoming)
    added = [r for r in results if r.status == "imported"]
    assert added and any(r.status == "cancelled" for r in results)  # stopped part way
    assert {r.status for r in results} <= {"imported", "cancelled"}
    assert len(document_hashes(dossier)) == len(added)
    assert_files_of_documents_intact(dossier)
    assert_database_sound(dossier)
    dialog = page.imports.dialog
    assert dialog is not None
    assert dialog.heading.text() == "Stopped. The files not yet read were not added."
    dialog.close()
    window.close()
