"""An import running on its own thread, with its own connection to the dossier.

``import_paths`` spawns sandboxed reader processes and writes each document as it
is read; here it runs on a QThread so the window never waits. Progress and the
final results reach the UI thread through queued signals. A running import is kept
in a module-level set until its thread has ended, so no QThread is ever destroyed
while it runs (not even when the page showing it goes away), and
:func:`stop_all` cancels and waits for every import when the application quits.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThread, Signal

from ...core.errors import DossierError
from ...core.importer.pipeline import ImportAborted, ImportResult, collect_files, import_paths
from ...core.storage import Dossier

log = logging.getLogger(__name__)
_RUNNING: set[ImportThread] = set()
_QUIT_HOOKED = False


class ImportThread(QThread):
    """Imports ``paths`` (files and folders) into the dossier at ``dossier_path``."""

    found = Signal(int)  # how many files there are, once folders have been looked through
    progress = Signal(int, int, object)  # done, total, ImportResult
    done = Signal(object)  # list[ImportResult], in the order the files were found
    failed = Signal(str)  # the whole import could not run (plain words)

    def __init__(
        self,
        dossier_path: Path,
        paths: Sequence[Path],
        *,
        case_id: int | None = None,
        kind: str | None = None,
    ) -> None:
        # Owned by the application, not by a widget: it outlives any page, and is
        # deleted (deleteLater) only once its thread has finished.
        super().__init__(QCoreApplication.instance())
        self.dossier_path = Path(dossier_path)
        self.paths = [Path(p) for p in paths]
        self.case_id = case_id
        self.kind = kind
        self.results: list[ImportResult] = []
        self._cancel = threading.Event()
        self.finished.connect(self._forget)

    def start_import(self) -> None:
        """Start, and keep this thread alive until it has finished."""
        _hook_quit()
        _RUNNING.add(self)
        self.start()

    def cancel(self) -> None:
        """Stop after the files being read now; files not yet read are left out."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            files = collect_files(self.paths)
            self.found.emit(len(files))
            with Dossier.open(self.dossier_path) as dossier:
                self.results = import_paths(
                    dossier,
                    files,
                    case_id=self.case_id,
                    kind=self.kind,
                    progress=lambda done, total, result: self.progress.emit(done, total, result),
                    cancelled=self._cancel.is_set,
                )
        except ImportAborted as exc:  # the disk is full: every file's result, in words
            self.results = exc.results
            self.failed.emit(exc.message)
        except DossierError as exc:
            self.failed.emit(exc.message)
        except OSError as exc:
            self.failed.emit(
                QCoreApplication.translate("import", "The files could not be read (%1).").replace(
                    "%1", exc.strerror or exc.__class__.__name__
                )
            )
        except Exception as exc:  # a bug: say so, and never leave the window waiting
            log.exception("import failed")
            self.failed.emit(
                QCoreApplication.translate(
                    "import", "Something went wrong while adding the files (%1)."
                ).replace("%1", exc.__class__.__name__)
            )
        self.done.emit(self.results)

    def _forget(self) -> None:
        _RUNNING.discard(self)
        self.deleteLater()


def running() -> list[ImportThread]:
    return list(_RUNNING)


def stop_all(wait_ms: int = 30_000) -> None:
    """Cancel every import and wait for its thread (at quit, and after tests)."""
    for thread in list(_RUNNING):
        thread.cancel()
    for thread in list(_RUNNING):
        thread.wait(wait_ms)
        _RUNNING.discard(thread)


def _hook_quit() -> None:
    global _QUIT_HOOKED
    app = QCoreApplication.instance()
    if app is not None and not _QUIT_HOOKED:
        app.aboutToQuit.connect(stop_all)
        _QUIT_HOOKED = True
