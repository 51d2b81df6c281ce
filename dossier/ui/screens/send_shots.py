"""Send to the Second Doctor in the screen catalogue: its choices for the example's case
with an appointment ahead, and its summary once the bundle is written."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...core import records
from ..handover.send_dialog import SendDialog
from .shots import Scene, Shot, settle, shown

__all__ = ["send_shots"]


def _case(scene: Scene) -> int:
    """The example's case with a doctor ahead who has not given an opinion (the thyroid
    nodule), else the first case."""
    from ...core.handover.bundle_choices import default_doctor

    cases = records.list_records(scene.dossier, "case")
    for case in cases:
        if default_doctor(scene.dossier, int(case["id"])) is not None:
            return int(case["id"])
    return int(cases[0]["id"])


def _dialog(scene: Scene) -> SendDialog:
    assert scene.window.session is not None
    dialog = SendDialog(scene.window.session, _case(scene), scene.window)
    folder = scene.work / "stick"
    folder.mkdir(parents=True, exist_ok=True)
    dialog.form.use_folder(folder)
    return dialog


def _choices(scene: Scene) -> QWidget:
    return shown(scene, _dialog(scene))


def _done(scene: Scene) -> QWidget:
    dialog = _dialog(scene)
    dialog.form.as_zip.setChecked(True)
    shown(scene, dialog)
    task = dialog.write()
    if task is not None:
        task.wait()
    settle()
    return dialog


def send_shots() -> list[Shot]:
    return [Shot("dialog-send-to-doctor", _choices), Shot("dialog-send-to-doctor-done", _done)]
