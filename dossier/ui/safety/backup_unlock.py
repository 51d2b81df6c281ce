"""Restoring a protected dossier's backup when the dossier is not unlocked here (issue 18):
ask for the passphrase that opens the backup.

Two passphrases may: the dossier's current one, which opens the dossier's key file while
that is still of the backup's key (its passphrase changed since the backup was made), and
the one the dossier had when the backup was made, which opens the key file the backup
carries. They are tried in that order, as ``dossier restore`` does. The check runs off the
UI thread (Argon2id takes about half a second on purpose); a wrong passphrase is said in
the dialog, which stays open. Nothing is remembered here: the key is handed to the restore.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget

from ...core.backup import BackupInfo, registry, unlock_backup
from ...core.backup.pathjson import get_path
from ...core.backup.protected import backup_key, dossier_key_file
from ...core.crypto.keyfile import WrongPassphrase
from ...core.crypto.keys import MasterKey
from ...core.i18n import tr
from ..formatting import datetime_text
from ..protection.busy_line import failure_text
from ..protection.fit import keep_fitting
from ..protection.passphrase_field import PassphraseField
from ..widgets.common import cancel_and_ok
from ..widgets.labels import heading_label, text_label
from .passphrase_check import PassphraseCheckDialog


def key_from_passphrase(info: BackupInfo, passphrase: str, places: list[Path]) -> MasterKey:
    """The master key of the protected backup ``info`` that ``passphrase`` opens: first
    the key file of the dossier in one of ``places`` (when it is of the same key), then
    the backup's own. :class:`WrongPassphrase` when it opens neither."""
    for place in places:
        found = dossier_key_file(place, info.key_id)
        if found is None:
            continue
        try:
            key = found[1].unlock(passphrase)
        except WrongPassphrase:
            continue
        if key.key_id() == info.key_id:
            return key
    return unlock_backup(info.path, passphrase)


def dossier_places(info: BackupInfo, target: Path | None) -> list[Path]:
    """Where the dossier of ``info`` may be: ``target``, and where this computer's list of
    dossiers says it is."""
    places = [target] if target is not None else []
    known = registry.entry(info.dossier_id)
    where = get_path(known, "path") if known else None
    if where is not None and where not in places:
        places.append(Path(where))
    return places


class BackupUnlockDialog(PassphraseCheckDialog):
    """Asks for the passphrase of the protected backup ``info``; :attr:`key` once right."""

    def __init__(self, info: BackupInfo, target: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("backupUnlockDialog")
        self.setWindowTitle(tr("Restore a protected dossier"))
        self.info = info
        self.places = dossier_places(info, target)
        self.key: MasterKey | None = None
        heading = heading_label(
            tr("This backup needs the dossier's passphrase"), "backupUnlockHeading"
        )
        when = datetime_text(info.made_at) or info.name
        about = text_label(
            tr(
                "The backup made on {date} is encrypted with the dossier's key. To restore "
                "it, type the dossier's passphrase: the one it has now, or, if it was changed "
                "since, the one it had when the backup was made.",
                date=when,
            ),
            "backupUnlockAbout",
        )
        self.field = PassphraseField(tr("The dossier's passphrase"))
        self.field.line.setObjectName("backupPassphrase")
        self.field.returnPressed.connect(self.accept)
        self._check_parts("backupUnlockError")
        self.error = self.problem
        buttons, self.ok = cancel_and_ok(self, tr("Restore the backup"), "backupUnlockOk")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(about)
        label = QLabel(tr("Passphrase"))
        label.setBuddy(self.field.line)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.ok.setDefault(True)  # once in the dialog: before, Cancel would be
        em = self.fontMetrics().horizontalAdvance("m")
        # The layout's minimum is the dialog's (never squashed), so the width is set here.
        about.setMinimumWidth(max(480, 38 * em))
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        keep_fitting(self)
        self.setFocusProxy(self.field)
        self.field.setFocus()

    def accept(self) -> None:
        """Check the passphrase on a worker; the dialog closes once it opens the backup."""
        info, places = self.info, self.places
        self._check(
            lambda passphrase: key_from_passphrase(info, passphrase, places),
            tr("Type the passphrase first."),
            "backup-unlock",
        )

    def _opened(self, _passphrase: str, key: MasterKey) -> None:
        self.key = key
        super().accept()

    def _refusal(self, error: BaseException) -> str:
        return failure_text(error)


def ask_backup_key(parent: QWidget, info: BackupInfo, target: Path | None) -> MasterKey | None:
    """The key of the protected backup ``info``: that of a dossier unlocked here, else
    asked for (its passphrase); None when the person cancels."""
    key = backup_key(info)
    if key is not None:
        return key
    dialog = BackupUnlockDialog(info, target, parent)
    try:
        dialog.exec()
        return dialog.key
    finally:
        dialog.deleteLater()


__all__ = ["BackupUnlockDialog", "ask_backup_key", "dossier_places", "key_from_passphrase"]
