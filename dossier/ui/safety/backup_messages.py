"""The words of backups in the window: the status bar's line, what a failed backup says, the
question before a restore and the message after one.

``dossier.core.backup`` is imported for type names only: these run after a backup or before
a restore, and the window's start-up does not load the backups' code.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from ... import APP_NAME
from ...core import clock
from ...core.i18n import ntr, tr
from ..formatting import date_text, datetime_text

if TYPE_CHECKING:
    from ...core.backup import BackupInfo, RestoreResult


def status_text(info: BackupInfo | None) -> str:
    """'Last backup: today at 10:42', '… yesterday at 18:03', '… 3 Mar 2025', 'No backup yet'."""
    if info is None:
        return tr("No backup yet")
    day = info.made_on
    time = info.made_at[11:16]
    today = clock.today()
    if day >= today:
        return tr("Last backup: today at {time}", time=time)
    if day == today - timedelta(days=1):
        return tr("Last backup: yesterday at {time}", time=time)
    return tr("Last backup: {date}", date=date_text(info.made_at))


def made_text(info: BackupInfo) -> str:
    """'3 Mar 2025, 10:42' in the user's locale."""
    return datetime_text(info.made_at) or info.name


def failed_text(path: Path, message: str) -> str:
    """A backup of the dossier in ``path`` could not be made, for ``message``."""
    return (
        tr("No backup could be made of the dossier in {folder}.", folder=str(path))
        + "\n\n"
        + message
        + "\n\n"
        + tr("The dossier itself is fine, and earlier backups are kept.")
    )


def confirm_text(info: BackupInfo, target: Path) -> str:
    """Under the question: what the backup holds, and that the dossier now is kept."""
    return (
        tr("It holds {contents}.", contents=info.contents())
        + "\n\n"
        + tr(
            "It takes the place of the dossier in {folder}. The dossier as it is now is kept "
            "beside it, renamed “{name}.before-restore-…”, so nothing is lost.",
            folder=str(target),
            name=target.name,
        )
    )


def no_backup_text(message: str) -> str:
    """The dossier is damaged (``message``) and has no backup here."""
    return message + "\n\n" + tr("No backup of this dossier was found on this computer.")


def offer_text(message: str, newest: BackupInfo, path: Path) -> str:
    """The dossier in ``path`` is damaged (``message``): the offer to restore ``newest``."""
    return (
        message
        + "\n\n"
        + tr(
            "The newest backup of this dossier was made on {date}. It holds {contents}.",
            date=made_text(newest),
            contents=newest.contents(),
        )
        + "\n\n"
        + tr(
            "Restore it now? The damaged dossier is kept beside it, renamed "
            "“{name}.before-restore-…”, so nothing is lost.",
            name=path.name,
        )
    )


def restored_text(info: BackupInfo, aside: Path | None) -> str:
    """The status bar after a restore: which backup, and where the dossier as it was is."""
    return tr("The backup made on {date} was restored.", date=made_text(info)) + (
        " " + tr("The dossier as it was is kept in {folder}.", folder=str(aside))
        if aside is not None
        else ""
    )


def missing_box(parent: QWidget, info: BackupInfo, result: RestoreResult) -> QMessageBox:
    """What the restored dossier lacks: each document without its file, by name (the first
    few in the message, every one under Show Details…)."""
    from ..widgets.listed_message import set_listed, widen

    count = len(result.missing)
    made = made_text(info)
    if count:
        headline = ntr(
            "The backup made on {date} was restored, but one document came back without its file.",
            "The backup made on {date} was restored, but {n} documents came back without "
            "their file.",
            count,
            date=made,
        )
    else:
        headline = tr("The backup made on {date} was restored.", date=made)
    box = QMessageBox(
        QMessageBox.Icon.Warning, APP_NAME, headline, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("restoredWithoutFiles")
    pictures = (
        tr(
            "Small pictures missing: {count}. Dossier → Check the dossier… → Repair makes them "
            "again.",
            count=result.pictures_missing,
        )
        if result.pictures_missing
        else ""
    )
    if not count:
        box.setInformativeText(pictures)
        widen(box)
        return box
    advice = tr(
        "Dossier → Check the dossier… lists them too. An older backup may still hold their "
        "files; or add the files again."
    )
    set_listed(
        box,
        [m.label() for m in result.missing],
        before=tr(
            "Their files were neither in the backup nor in the dossier. The documents "
            "themselves, with all their details, are back:"
        ),
        after="\n\n".join(part for part in (advice, pictures) if part),
    )
    return box
