"""The disk filling up while the window adds files: the import stops, what it added is taken
out again, and the import window says so in plain words.

The full disk is the operating system's ENOSPC, injected into ``os.write`` for writes into the
vault (the import runs on its own thread in this process, so it meets the injected fault).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dossier.core.importer.pipeline import ImportResult, import_paths
from dossier.core.integrity.check import check_dossier
from dossier.core.storage import Dossier
from dossier.ui import tasks
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.documents import DocumentsPage
from tests.integrity_helpers import (
    assert_database_sound,
    document_hashes,
    files_under,
    fill_disk_after,
    make_documents,
)

WAIT = 60_000


@pytest.fixture(autouse=True)
def _no_import_left_running() -> Iterator[None]:
    yield
    still = tasks.running("import")
    for task in still:
        task.cancel()
        task.wait(30_000)
    assert still == [], "an import was still running after the test"


def test_a_full_disk_stops_the_import_and_the_window_says_so(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = make_documents(tmp_path / "earlier", 4, seed=1)
    import_paths(dossier, earlier)
    vault_before = files_under(dossier.vault.root)
    incoming = make_documents(tmp_path / "incoming", 40, seed=2)

    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    assert window.view is not None
    page = window.view.show_page("documents")
    assert isinstance(page, DocumentsPage)
    assert page.model.rowCount() == 4

    refused = fill_disk_after(monkeypatch, dossier.vault.root, budget=120_000)
    with qtbot.waitSignal(page.imports_finished, timeout=WAIT) as blocker:
        page.import_files([tmp_path / "incoming"])
    monkeypatch.undo()
    results: list[ImportResult] = blocker.args[0]
    assert refused() >= 1

    # The window says what happened and what to do.
    dialog = page.imports.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.failure.startswith("The disk is full")
    assert dialog.heading.text() == "The files could not be added"
    assert dialog.summary.isVisible() and dialog.summary.text() == dialog.failure
    assert "Free some space" in dialog.summary.text()
    assert "Added: 0" in dialog.status.text()
    assert len(results) == len(incoming)
    assert not any(r.status == "imported" for r in results)
    reasons = {dialog.model.index(r, 2).data() for r in range(dialog.model.rowCount())}
    assert reasons <= {
        "Taken out again: the disk filled up during the import.",
        "Not added: the disk is full.",
    }
    dialog.grab().save(str(tmp_path / "disk-full.png"))

    # The dossier is as it was before: the same documents, files, no temporary file.
    assert page.model.rowCount() == 4
    assert len(document_hashes(dossier)) == 4
    assert files_under(dossier.vault.root) == vault_before
    assert list((dossier.vault.root / "tmp").iterdir()) == []
    assert_database_sound(dossier)
    assert check_dossier(dossier).ok
    dialog.close()
    window.close()
