"""The window's archive menu entries (issue 6): Dossier → Export to an archive file… and
Dossier → Open an archive file…"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from ...core import clock, paths, records
from ...core.i18n import ntr, tr, trc

if TYPE_CHECKING:
    from ...core.archive import Unreadable
    from ..main_window import MainWindow
    from .archive_dialog import ArchiveDialog

SUFFIX = ".zip"  # as dossier.core.archive.format.ARCHIVE_SUFFIX, without importing it at start


def add_archive_actions(window: MainWindow, menu: QMenu) -> None:
    """Add this part's entries to the Dossier menu of ``window``."""
    # menu.addAction(text), not QAction(text, window): that constructor's overloads cost
    # a couple of milliseconds of start-up.
    export = menu.addAction(tr("Export to an archive file…"))
    export.setObjectName("exportArchiveAction")
    export.setToolTip(
        tr(
            "Save the whole dossier, every record and document, in one file you can keep "
            "elsewhere or open on another computer"
        )
    )
    export.triggered.connect(lambda _checked=False: export_to_archive(window))
    opening = menu.addAction(tr("Open an archive file…"))
    opening.setObjectName("openArchiveAction")
    opening.setToolTip(tr("Make a new dossier from an archive file saved before"))
    opening.triggered.connect(lambda _checked=False: open_archive(window))
    menu.aboutToShow.connect(lambda: export.setEnabled(window.session is not None))


def _documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def _safe_name(text: str) -> str:
    # Translators: the file name of an archive when the person has no name.
    return re.sub(r"[^\w\- ]+", "", text).strip() or trc("file name", "Dossier")


def suggested_archive(window: MainWindow) -> Path:
    """``<Name> dossier <date>.zip`` in the documents folder."""
    assert window.session is not None
    person = records.get(window.session.dossier, "person", 1)["name"]
    # Translators: the file name offered for an archive: "Anna Jansen dossier 2026-03-14".
    name = tr("{name} dossier {date}", name=_safe_name(person), date=clock.today().isoformat())
    return _documents_folder() / (name + SUFFIX)


def export_to_archive(window: MainWindow) -> ArchiveDialog | None:
    """Ask where to save the archive, then export the dossier shown there, off the UI thread."""
    if window.session is None:
        return None
    chosen, _filter = QFileDialog.getSaveFileName(
        window,
        tr("Save the whole dossier as an archive file"),
        str(suggested_archive(window)),
        tr("Dossier archives (*.zip)"),
    )
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() != SUFFIX:
        target = target.with_name(target.name + SUFFIX)
        if target.exists() and not _may_replace(window, target):
            return None
    from .archive_dialog import ArchiveDialog, run_export, saved_words
    from .unfinished_cleanup import clean_up_in_background

    clean_up_in_background(window, "export")  # what a killed export left, said in the status bar
    dossier_path = window.session.dossier.path
    dialog = ArchiveDialog(tr("Export to an archive file"), window)

    def start(leave_out: tuple[Unreadable, ...] = ()) -> None:
        dialog.start(
            tr("Saving the whole dossier…"),
            tr("You can keep working meanwhile."),
            lambda task: run_export(dossier_path, target, task, leave_out),
            lambda result: saved_words(dialog, result),
        )

    dialog.on_unreadable = lambda exc: ask_without_unreadable(
        dialog, exc.files, lambda: start(exc.files)
    )
    start()
    return dialog


def ask_without_unreadable(
    dialog: ArchiveDialog, files: tuple[Unreadable, ...], go_on: Callable[[], object]
) -> QMessageBox:
    """Name the files that cannot be read and offer to export without them (``go_on``):
    one short headline, the first few names under it, every one under Show Details…"""
    from ..widgets.listed_message import set_listed

    box = QMessageBox(dialog)
    box.setObjectName("unreadableQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Some document files cannot be read"))
    box.setText(
        ntr(
            "The file of one document cannot be read, so it cannot go into the archive.",
            "The files of {n} documents cannot be read, so they cannot go into the archive.",
            len(files),
        )
    )
    set_listed(
        box,
        [file.named() for file in files],
        before="",
        after=tr(
            "Save the archive without them? Their details (title, date, notes) are kept in "
            "it, and its README.txt names them."
        ),
    )
    without = box.addButton(tr("Export without them"), QMessageBox.ButtonRole.AcceptRole)
    without.setObjectName("exportWithout")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setObjectName("cancelExport")
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)

    def answered(button: object) -> None:
        box.deleteLater()
        if button is without:
            go_on()
        else:
            dialog.stopped_without_saving()

    box.buttonClicked.connect(answered)
    box.open()  # window-modal: the export's window waits for the answer
    return box


def _may_replace(window: MainWindow, target: Path) -> bool:
    answer = QMessageBox.question(
        window,
        tr("Replace the file?"),
        tr("There is already a file {path}. Replace it?", path=str(target)),
    )
    return answer == QMessageBox.StandardButton.Yes


def new_dossier_folder(chosen: Path, archive: Path) -> Path:
    """The chosen folder if it is empty, else a new folder in it named after the archive."""
    if chosen.is_dir() and not any(chosen.iterdir()):
        return chosen
    base = _safe_name(archive.stem)
    target, number = chosen / base, 2
    while target.exists():
        target = chosen / f"{base} {number}"
        number += 1
    return target


def open_archive(window: MainWindow) -> ArchiveDialog | None:
    """Choose an archive and a place, rebuild the dossier off the UI thread, then open it."""
    chosen, _filter = QFileDialog.getOpenFileName(
        window,
        tr("Choose the archive file to open"),
        str(_documents_folder()),
        tr("Dossier archives (*.zip);;All files (*)"),
    )
    if not chosen:
        return None
    archive = Path(chosen)
    folder = QFileDialog.getExistingDirectory(
        window,
        tr("Choose where to keep the dossier made from the archive"),
        str(paths.data_dir() if paths.data_dir().is_dir() else _documents_folder()),
    )
    if not folder:
        return None
    target = new_dossier_folder(Path(folder), archive)
    from .archive_dialog import ArchiveDialog, rebuilt_words, run_import
    from .unfinished_cleanup import clean_up_in_background

    clean_up_in_background(window, "import-archive")  # what a killed opening left
    dialog = ArchiveDialog(tr("Open an archive file"), window)

    def opened(result: object) -> None:
        if result is not None:
            window.open_path(target)

    dialog.finished_work.connect(opened)
    dialog.start(
        tr("Making the dossier from the archive…"),
        tr("Every file is checked against the archive's list before it is kept."),
        lambda task: run_import(archive, target, task),
        lambda result: rebuilt_words(dialog, result),
    )
    return dialog
