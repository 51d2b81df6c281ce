"""The window's archive menu entries (issue 6): Dossier → Export to an archive file… and
Dossier → Open an archive file…, each archive with or without a passphrase of its own
(issue 18)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox

from ...core import clock, paths, records
from ...core.i18n import ntr, tr, trc

if TYPE_CHECKING:
    from ...core.archive import Unreadable
    from ..main_window import MainWindow
    from .archive_dialog import ArchiveDialog
    from .archive_passphrase import ArchivePassphrasePrompt
    from .archive_protection import ArchiveProtection

SUFFIX = ".zip"  # as dossier.core.archive.format.ARCHIVE_SUFFIX, without importing it at start
# A protected archive is not a zip file any more (archive/sealed.py): a name of its own.
PROTECTED_SUFFIX = ".sodz"


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


def suggested_archive(window: MainWindow, suffix: str = SUFFIX) -> Path:
    """``<Name> dossier <date>.zip`` (or ``.sodz``) in the documents folder."""
    assert window.session is not None
    person = records.get(window.session.dossier, "person", 1)["name"]
    # Translators: the file name offered for an archive: "Anna Jansen dossier 2026-03-14".
    name = tr("{name} dossier {date}", name=_safe_name(person), date=clock.today().isoformat())
    return _documents_folder() / (name + suffix)


def with_archive_suffix(chosen: Path, suffix: str) -> Path:
    """``chosen`` ending in ``suffix``: added when missing; the other kind of archive's
    suffix replaced (a protected archive named ``.zip`` would not open as one)."""
    name = chosen.name
    if name.lower().endswith(suffix):
        return chosen
    other = SUFFIX if suffix == PROTECTED_SUFFIX else PROTECTED_SUFFIX
    if name.lower().endswith(other) and len(name) > len(other):
        name = name[: -len(other)]
    return chosen.with_name(name + suffix)


def export_to_archive(window: MainWindow) -> ArchiveProtection | None:
    """Ask whether the archive gets a passphrase of its own, then where to save it
    (:func:`save_archive`), then export the dossier shown there, off the UI thread."""
    if window.session is None:
        return None
    from .archive_protection import ArchiveProtection

    question = ArchiveProtection(window.session.dossier.key is not None, window)
    question.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    question.chosen.connect(lambda passphrase: save_archive(window, passphrase))
    question.open()  # window-modal; the answer comes through ``chosen``
    return question


def save_archive(window: MainWindow, passphrase: str | None) -> ArchiveDialog | None:
    """Ask where to save the archive (protected by ``passphrase`` when one is given), then
    export the dossier shown in ``window`` off the UI thread."""
    if window.session is None:
        return None
    protected = passphrase is not None
    suffix = PROTECTED_SUFFIX if protected else SUFFIX
    chosen, _filter = QFileDialog.getSaveFileName(
        window,
        tr("Save the whole dossier as an archive file"),
        str(suggested_archive(window, suffix)),
        tr("Protected dossier archives (*.sodz)") if protected else tr("Dossier archives (*.zip)"),
    )
    if not chosen:
        return None
    target = with_archive_suffix(Path(chosen), suffix)
    if target != Path(chosen) and target.exists() and not _may_replace(window, target):
        return None  # (the file dialog asked about the name typed, not this one)
    from .archive_dialog import ArchiveDialog, run_export, saved_words
    from .unfinished_cleanup import clean_up_in_background

    clean_up_in_background(window, "export")  # what a killed export left, said in the status bar
    dossier_path = window.session.dossier.path
    dialog = ArchiveDialog(tr("Export to an archive file"), window)

    def start(leave_out: tuple[Unreadable, ...] = ()) -> None:
        dialog.start(
            tr("Saving the whole dossier…"),
            tr("It is being protected with its passphrase. You can keep working meanwhile.")
            if protected
            else tr("You can keep working meanwhile."),
            lambda task: run_export(dossier_path, target, task, leave_out, passphrase),
            lambda result: saved_words(dialog, result, protected=protected),
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


def open_archive(window: MainWindow) -> QDialog | None:
    """Choose an archive (and its passphrase, when it has one: :func:`ask_passphrase`),
    then a place (:func:`rebuild_archive`)."""
    chosen, _filter = QFileDialog.getOpenFileName(
        window,
        tr("Choose the archive file to open"),
        str(_documents_folder()),
        tr("Dossier archives (*.zip *.sodz);;All files (*)"),
    )
    if not chosen:
        return None
    archive = Path(chosen)
    if _protected(archive):
        return ask_passphrase(window, archive)
    return rebuild_archive(window, archive)


def _protected(archive: Path) -> bool:
    from ...core.archive.sealed import is_sealed

    try:
        return is_sealed(archive)
    except OSError:  # the rebuild says why it cannot be read
        return False


def ask_passphrase(window: MainWindow, archive: Path) -> ArchivePassphrasePrompt:
    """Ask for the passphrase of the protected ``archive``; once it is the right one, go on
    to :func:`rebuild_archive` with it."""
    from .archive_passphrase import ArchivePassphrasePrompt

    prompt = ArchivePassphrasePrompt(archive, window)
    prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    prompt.unlocked.connect(lambda passphrase: rebuild_archive(window, archive, passphrase))
    prompt.open()  # window-modal; a wrong passphrase is said in it, and it stays open
    return prompt


def rebuild_archive(
    window: MainWindow, archive: Path, passphrase: str | None = None
) -> ArchiveDialog | None:
    """Choose a place, rebuild the dossier from ``archive`` off the UI thread, then open it."""
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
        lambda task: run_import(archive, target, task, passphrase),
        lambda result: rebuilt_words(dialog, result, protected=passphrase is not None),
    )
    return dialog
