"""The screens of protection with a passphrase (issue 18), over a protected dossier made
for the catalogue: the dialog that unlocks it (as it opens, after a wrong passphrase, and
the recovery key with a group mistyped), the New dossier dialog with protection ticked,
the recovery key, the lock screen, Change Passphrase, the question before a new recovery
sheet, Protect with a Passphrase, Remove Protection, the conversion's progress, the
archive's "who will be able to open it" (ticked and not) and an archive's passphrase.

The protected dossier's key is stretched fast (:func:`fast_params`): nothing here tunes
Argon2id for real, and a passphrase or recovery key tried is checked with the key file's
own, fast, parameters.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from ...core.archive import ARCHIVE_SUFFIX
from ...core.crypto import keyring
from ...core.crypto.kdf import KdfParams
from ...core.crypto.recovery import new_recovery_key
from ...core.crypto.unlock import new_protection
from ...core.i18n import tr
from ...core.opening import create_dossier
from ..new_dossier import NewDossierDialog
from ..protection.change_passphrase import ChangePassphraseDialog
from ..protection.conversion_progress import ConversionProgress
from ..protection.new_sheet import new_sheet_question
from ..protection.protect_dialog import ProtectDialog
from ..protection.recovery_key_dialog import RecoveryKeyDialog
from ..protection.remove_dialog import RemoveProtectionDialog
from ..protection.unlock_dialog import UnlockDialog
from ..protection.unlock_panel import RECOVERY
from ..safety.archive_passphrase import ArchivePassphrasePrompt
from ..safety.archive_protection import ArchiveProtection
from .shots import Scene, Shot, settle, shown

__all__ = ["PROTECTION_CLOSE_AFTER", "forget_protected", "make_protected", "protection_shots"]

PASSPHRASE = "correct horse battery staple"
WRONG = "correct horse battery"


def fast_params() -> KdfParams:
    """Argon2id made quick for the catalogue (the real ones take half a second on purpose)."""
    return KdfParams(passes=1, memory_kib=8 * 1024, lanes=1, salt=os.urandom(16))


def make_protected(folder: Path) -> None:
    """A protected dossier for the empty dossier's person in ``folder``, unlocked (its key
    kept, so the window opens it); :func:`forget_protected` once its screens are taken."""
    protection = new_protection(PASSPHRASE, params=fast_params())
    create_dossier(folder, name="Alex Example", born="1958-03-14", protection=protection).close()
    keyring.remember(folder, protection.key)


def forget_protected(folder: Path) -> None:
    keyring.forget(folder)


def _folder(scene: Scene) -> Path:
    return scene.dossier.path


def _unlock(scene: Scene) -> QWidget:
    return shown(scene, UnlockDialog(_folder(scene), scene.window))


def _unlock_wrong(scene: Scene) -> QWidget:
    """A wrong passphrase tried: said in the dialog, which stays open."""
    dialog = UnlockDialog(_folder(scene), scene.window)
    shown(scene, dialog)
    dialog.panel.passphrase.line.setText(WRONG)
    dialog.accept()
    settle()  # the check on its worker, then its answer
    return dialog


def _unlock_recovery(scene: Scene) -> QWidget:
    """The recovery key tried with its third group mistyped (one digit off): marked."""
    dialog = UnlockDialog(_folder(scene), scene.window)
    shown(scene, dialog)
    dialog.panel.show_step(RECOVERY)
    groups = list(new_recovery_key().groups)
    slip = groups[2]
    groups[2] = slip[:-1] + str((int(slip[-1]) + 1) % 10)  # no longer a multiple of 11
    dialog.panel.recovery.set_text("-".join(groups))
    dialog.accept()
    settle()
    return dialog


def _new_dossier(scene: Scene) -> QWidget:
    dialog = NewDossierDialog(for_self=True, parent=scene.window)
    dialog.protection.box.setChecked(True)
    return shown(scene, dialog)


def _recovery_key(scene: Scene) -> QWidget:
    return shown(scene, RecoveryKeyDialog(scene.dossier, new_recovery_key(), scene.window))


def _lock_screen(scene: Scene) -> QWidget:
    scene.window.protection.lock()
    return scene.window


def _change_passphrase(scene: Scene) -> QWidget:
    key = scene.dossier.key
    assert key is not None, "the protected dossier is open with its key"
    return shown(scene, ChangePassphraseDialog(_folder(scene), key, scene.window))


def _new_sheet(scene: Scene) -> QWidget:
    box, _make = new_sheet_question(scene.window)
    return shown(scene, box)


def _protect(scene: Scene) -> QWidget:
    return shown(scene, ProtectDialog(scene.window))


def _remove(scene: Scene) -> QWidget:
    return shown(scene, RemoveProtectionDialog(_folder(scene), scene.window))


def _conversion(scene: Scene) -> QWidget:
    dialog = ConversionProgress(tr("Protecting the dossier with the passphrase…"), scene.window)
    dialog.show_progress(37, 112)
    return shown(scene, dialog)


def _archive_protection(ticked: bool) -> Callable[[Scene], QWidget]:
    def show(scene: Scene) -> QWidget:
        dialog = ArchiveProtection(dossier_protected=True, parent=scene.window)
        dialog.protect.setChecked(ticked)
        return shown(scene, dialog)

    return show


def _archive_passphrase(scene: Scene) -> QWidget:
    archive = scene.work / f"example-{scene.today}{ARCHIVE_SUFFIX}"
    return shown(scene, ArchivePassphrasePrompt(archive, scene.window))


def protection_shots() -> list[Shot]:
    """Over the protected dossier (made by :func:`make_protected`)."""
    return [
        Shot("dialog-unlock", _unlock),
        Shot("dialog-unlock-wrong-passphrase", _unlock_wrong),
        Shot("dialog-unlock-recovery-key", _unlock_recovery),
        Shot("dialog-new-dossier-protected", _new_dossier),
        Shot("dialog-recovery-key", _recovery_key),
        Shot("lock-screen", _lock_screen),
        Shot("dialog-change-passphrase", _change_passphrase),
        Shot("dialog-new-recovery-sheet", _new_sheet),
        Shot("dialog-protect", _protect),
        Shot("dialog-remove-protection", _remove),
        Shot("dialog-conversion-progress", _conversion),
        Shot("dialog-archive-protection", _archive_protection(True)),
        Shot("dialog-archive-protection-unticked", _archive_protection(False)),
        Shot("dialog-archive-passphrase", _archive_passphrase),
    ]


def _close_opened(scene: Scene) -> None:
    """Dialogs that refuse a plain close: the recovery key asks "are you sure" first, the
    conversion's progress stops the work instead. Before :func:`.capture._take` closes
    them."""
    for dialog in scene.opened:
        if isinstance(dialog, ConversionProgress):
            dialog.finish()
        elif isinstance(dialog, QDialog):
            dialog.done(QDialog.DialogCode.Rejected)


def _unlock_window(scene: Scene) -> None:
    scene.window.protection.unlock()


PROTECTION_CLOSE_AFTER: dict[str, Callable[[Scene], None]] = {
    "dialog-recovery-key": _close_opened,
    "dialog-conversion-progress": _close_opened,
    "lock-screen": _unlock_window,
}
