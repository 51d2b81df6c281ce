"""The dialogs to capture over the example dossier: a new dossier, the import after an
import, each print dialog, the backup folder and the restore list, the person's details,
and appointment mode on an appointment with questions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ...core import records
from ...core.backup import list_backups, make_backup
from ...core.backup.identity import default_root
from ...core.textpdf import Block, write_pdf
from ...core.vault_read import read_stored
from ..appointment.mode import AppointmentMode
from ..documents.page_text import CorrectTextDialog, ReadAgainDialog
from ..documents.reading_languages import DossierLanguagesDialog
from ..new_dossier import NewDossierDialog
from ..person_dialog import PersonDialog
from ..plan.durations_dialog import DurationsDialog
from ..printing.print_dialog import PrintDialog
from ..printing.print_options import KINDS
from ..safety.backup_dialogs import BackupFolderDialog, RestoreDialog
from .invitation_shot import invitation_shot
from .send_shots import send_shots
from .shots import Scene, Shot, case_named, settle, shown

__all__ = ["dialog_shots"]


def _new_dossier(scene: Scene) -> QWidget:
    return shown(scene, NewDossierDialog(for_self=True, parent=scene.window))


def _person(scene: Scene) -> QWidget:
    assert scene.window.session is not None
    return shown(scene, PersonDialog(scene.window.session, scene.window))


def _person_medicines(scene: Scene) -> QWidget:
    """The Medicines tab, with the medicines stopped shown below those taken now."""
    assert scene.window.session is not None
    dialog = PersonDialog(scene.window.session, scene.window)
    dialog.show_medicines()
    dialog.medicines.show_past.setChecked(True)
    return shown(scene, dialog)


def _import(scene: Scene) -> QWidget:
    """An import of three files: one added, one already in the dossier, one empty."""
    folder = scene.work / "to-add"
    folder.mkdir(parents=True, exist_ok=True)
    letter = [Block("Discharge letter", "heading"), Block("Seen on the ward; home today.")]
    write_pdf(folder / "discharge-letter.pdf", letter, title="Discharge letter")
    (folder / "scan-from-the-phone.pdf").write_bytes(b"")
    known = records.list_records(scene.dossier, "document")
    if known:  # a copy of a document already in the dossier
        first = known[0]
        data = read_stored(scene.dossier.vault, str(first["sha256"]), int(first["size"]))
        (folder / str(first["original_name"] or "report.pdf")).write_bytes(data)
    page = scene.page("documents")
    finished: list[object] = []
    page.imports_finished.connect(finished.append)
    page.import_files([folder])
    for _ in range(200):
        settle(0.2)
        if finished:
            break
    page.imports_finished.disconnect(finished.append)
    dialog = page.imports.dialog
    assert dialog is not None
    page.imports.show_dialog()
    return shown(scene, dialog)


def _print(kind: str) -> Callable[[Scene], QWidget]:
    def show(scene: Scene) -> QWidget:
        assert scene.window.session is not None
        case = case_named(scene.dossier, "treatment")
        dialog = PrintDialog(scene.window.session, kind, case_id=case, parent=scene.window)
        return shown(scene, dialog)

    return show


def _backup_folder(scene: Scene) -> QWidget:
    return shown(scene, BackupFolderDialog(scene.dossier.path, default_root(), scene.window))


def _restore(scene: Scene) -> QWidget:
    if not list_backups(scene.dossier.path):
        make_backup(scene.dossier.path)
    return shown(scene, RestoreDialog(list_backups(scene.dossier.path), scene.window))


def _appointment(scene: Scene) -> QWidget:
    """Appointment mode, as big as the screen, on the next appointment with questions."""
    assert scene.window.session is not None
    chosen = None
    for appointment in records.list_records(scene.dossier, "appointment"):
        asked = [
            q
            for q in records.list_records(scene.dossier, "question")
            if q.get("appointment_id") == appointment["id"]
        ]
        if asked:
            chosen = int(appointment["id"])
            if str(appointment["starts_at"]) >= scene.today:
                break
    assert chosen is not None, "the example dossier has an appointment with questions"
    mode = AppointmentMode(scene.window.session, chosen, scene.window)
    return shown(scene, mode, scene.width, scene.height)


def _scan_languages(scene: Scene) -> QWidget:
    assert scene.window.session is not None
    return shown(scene, DossierLanguagesDialog(scene.window.session, scene.window))


def _read_again(scene: Scene) -> QWidget:
    return shown(scene, ReadAgainDialog(("nl", "en"), scene.window))


def _correct_text(scene: Scene) -> QWidget:
    """The text of the first page of the example's first document, to correct."""
    assert scene.window.session is not None
    first = records.list_records(scene.dossier, "document")[0]
    dialog = CorrectTextDialog(scene.window.session, int(first["id"]), 1, scene.window)
    return shown(scene, dialog)


def _plan_durations(scene: Scene) -> QWidget:
    assert scene.window.session is not None
    return shown(scene, DurationsDialog(scene.window.session, scene.window))


def dialog_shots() -> list[Shot]:
    return [
        Shot("dialog-new-dossier", _new_dossier),
        Shot("dialog-person", _person),
        Shot("dialog-person-medicines", _person_medicines),
        Shot("dialog-import", _import),
        *[Shot(f"dialog-print-{kind}", _print(kind)) for kind in KINDS],
        Shot("dialog-backup-folder", _backup_folder),
        Shot("dialog-restore", _restore),
        Shot("appointment-mode", _appointment),
        Shot("dialog-scan-languages", _scan_languages),
        Shot("dialog-read-again", _read_again),
        Shot("dialog-correct-text", _correct_text),
        Shot("dialog-plan-durations", _plan_durations),
        Shot("dialog-invitation", invitation_shot),
        *send_shots(),
    ]
