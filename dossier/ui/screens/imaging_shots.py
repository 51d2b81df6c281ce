"""The Imaging page's screens: a study with its series and the viewer (the example dossier
holds the person's chest CT, added by :func:`.example_disc.add_example_disc`), the
confirmation of a disc whose files are another patient's, and the copy for the next doctor."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ...core import records
from ...core.imaging.scan import scan_disc
from ..imaging.confirm_dialog import ConfirmDisc
from ..imaging.copy_dialog import CopyDisc
from ..imaging.disc_reading import OpenedDisc
from ..pages.imaging import ImagingPage
from .example_disc import knee_disc
from .shots import Scene, Shot, settle, shown

__all__ = ["imaging_dialog_shots", "imaging_shot"]

MOST_WAITS = 120  # of about a quarter of a second: the reader's first start is slow


def _drawn(page: ImagingPage) -> bool:
    study = page.panel.study
    if study is None or page.loader.busy():
        return False
    pictures = all(page.panel.series.has_picture(int(s["id"])) for s in study["series"])
    return pictures and page.panel.viewer.shown_image() is not None


def _imaging(scene: Scene) -> QWidget:
    page = scene.page("imaging")
    assert isinstance(page, ImagingPage)
    page.show_notice("")
    studies = records.list_records(scene.dossier, "study")
    if studies:
        page.show_study(int(studies[0]["id"]))
        page.panel.viewer.go_to(page.panel.viewer.count() // 2 + 2)
        for _ in range(MOST_WAITS):
            settle(0.25)
            if _drawn(page):
                break
    return scene.window


def _add_disc(scene: Scene) -> QWidget:
    """The confirmation of a knee MRI whose files name another patient."""
    assert scene.window.session is not None
    folder = scene.work / "KNEE_DISC"
    if not folder.exists():
        knee_disc(folder)
    disc = OpenedDisc(folder, scan_disc(scene.dossier, folder), ExitStack())
    return shown(scene, ConfirmDisc(scene.window.session, disc, scene.window))


def _copy_disc(scene: Scene) -> QWidget:
    """The copy for the next doctor, a USB stick's empty folder chosen."""
    assert scene.window.session is not None
    studies = records.list_records(scene.dossier, "study")
    assert studies, "the example dossier holds a study (see example_disc.py)"
    stick = scene.work / "USB STICK"
    stick.mkdir(parents=True, exist_ok=True)
    dialog = CopyDisc(scene.window.session, studies[0], scene.window)
    dialog.use_folder(Path(stick))
    return shown(scene, dialog)


def imaging_shot() -> Shot:
    return Shot("imaging", _imaging)


def imaging_dialog_shots() -> list[Shot]:
    return [Shot("dialog-add-disc", _add_disc), Shot("dialog-copy-disc", _copy_disc)]
