"""The words of backups in the window: the status bar's line, what a failed backup says, the
question before a restore and the message after one.

``dossier.core.backup`` is imported for type names only: these run after a backup or before
a restore, and the window's start-up does not load the backups' code.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ... import APP_NAME
from ...core import clock
from ..formatting import date_text, datetime_text

if TYPE_CHECKING:
    from ...core.backup import BackupInfo, RestoreResult


def _tr(text: str) -> str:
    return QCoreApplication.translate("Backups", text)


def status_text(info: BackupInfo | None) -> str:
    """'Last backup: today at 10:42', '… yesterday at 18:03', '… 3 Mar 2025', 'No backup yet'."""
    if info is None:
        return _tr("No backup yet")
    day = info.made_on
    time = info.made_at[11:16]
    today = clock.today()
    if day >= today:
        return _tr("Last backup: today at %1").replace("%1", time)
    if day == today - timedelta(days=1):
        return _tr("Last backup: yesterday at %1").replace("%1", time)
    return _tr("Last backup: %1").replace("%1", date_text(info.made_at))


def made_text(info: BackupInfo) -> str:
    """'3 Mar 2025, 10:42' in the user's locale."""
    return datetime_text(info.made_at) or info.name


def failed_text(path: Path, message: str) -> str:
    """A backup of the dossier in ``path`` could not be made, for ``message``."""
    return (
        _tr("No backup could be made of the dossier in %1.").replace("%1", str(path))
        + "\n\n"
        + message
        + "\n\n"
        + _tr("The dossier itself is fine, and earlier backups are kept.")
    )


def confirm_text(info: BackupInfo, target: Path) -> str:
    """Under the question: what the backup holds, and that the dossier now is kept."""
    return (
        _tr("It holds %1.").replace("%1", info.contents())
        + "\n\n"
        + _tr(
            "It takes the place of the dossier in %1. The dossier as it is now is kept beside "
            "it, renamed “%2.before-restore-…”, so nothing is lost."
        )
        .replace("%1", str(target))
        .replace("%2", target.name)
    )


def no_backup_text(message: str) -> str:
    """The dossier is damaged (``message``) and has no backup here."""
    return message + "\n\n" + _tr("No backup of this dossier was found on this computer.")


def offer_text(message: str, newest: BackupInfo, path: Path) -> str:
    """The dossier in ``path`` is damaged (``message``): the offer to restore ``newest``."""
    return (
        message
        + "\n\n"
        + _tr("The newest backup of this dossier was made on %1. It holds %2.")
        .replace("%1", made_text(newest))
        .replace("%2", newest.contents())
        + "\n\n"
        + _tr(
            "Restore it now? The damaged dossier is kept beside it, renamed "
            "“%1.before-restore-…”, so nothing is lost."
        ).replace("%1", path.name)
    )


def restored_text(info: BackupInfo, aside: Path | None) -> str:
    """The status bar after a restore: which backup, and where the dossier as it was is."""
    return _tr("The backup made on %1 was restored.").replace("%1", made_text(info)) + (
        " " + _tr("The dossier as it was is kept in %1.").replace("%1", str(aside))
        if aside is not None
        else ""
    )


def missing_box(parent: QWidget, info: BackupInfo, result: RestoreResult) -> QMessageBox:
    """What the restored dossier lacks: each document without its file, by name (the first
    few in the message, every one under Show Details…)."""
    from ..widgets.listed_message import set_listed, widen

    count = len(result.missing)
    made = made_text(info)
    if count == 1:
        headline = _tr(
            "The backup made on %1 was restored, but one document came back without its file."
        ).replace("%1", made)
    elif count:
        headline = (
            _tr(
                "The backup made on %1 was restored, but %2 documents came back without their file."
            )
            .replace("%1", made)
            .replace("%2", str(count))
        )
    else:
        headline = _tr("The backup made on %1 was restored.").replace("%1", made)
    box = QMessageBox(
        QMessageBox.Icon.Warning, APP_NAME, headline, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("restoredWithoutFiles")
    pictures = (
        _tr(
            "Small pictures missing: %1. Dossier → Check the dossier… → Repair makes them again."
        ).replace("%1", str(result.pictures_missing))
        if result.pictures_missing
        else ""
    )
    if not count:
        box.setInformativeText(pictures)
        widen(box)
        return box
    advice = _tr(
        "Dossier → Check the dossier… lists them too. An older backup may still hold their "
        "files; or add the files again."
    )
    set_listed(
        box,
        [m.label() for m in result.missing],
        before=_tr(
            "Their files were neither in the backup nor in the dossier. The documents "
            "themselves, with all their details, are back:"
        ),
        after="\n\n".join(part for part in (advice, pictures) if part),
    )
    return box
