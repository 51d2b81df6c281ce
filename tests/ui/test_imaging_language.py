"""The Imaging page in a right-to-left window: Hebrew turns it round as a whole (the pages'
list on the right, the series beside the viewer on the right, the buttons on the left) and
the patient's warning in the confirmation stands where the text starts. Pictures of the page
are taken in English and in Hebrew, as the screen catalogue takes them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dossier.core.imaging.adding import add_disc
from dossier.core.imaging.scan import scan_disc
from dossier.core.storage import Dossier
from dossier.ui.imaging.confirm_dialog import ConfirmDisc
from dossier.ui.qt_language import apply_language
from tests.dicom_discs import standard_disc
from tests.ui.imaging_helpers import (
    WAIT,
    close_window,
    imaging_window,
    margaret,
    wait_drawn,
    wait_idle,
)


@pytest.fixture(scope="module")
def disc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return standard_disc(tmp_path_factory.mktemp("discs") / "CT_DISC")


@pytest.fixture
def person(tmp_path: Path, disc: Path) -> Iterator[Dossier]:
    opened = margaret(tmp_path / "dossier")
    add_disc(opened, scan_disc(opened, disc), other_patient=True)
    yield opened
    opened.close()


def left(widget: QWidget) -> int:
    return widget.mapTo(widget.window(), QPoint(0, 0)).x()


@pytest.mark.parametrize("code", ["en", "he"])
def test_the_page_is_laid_out_in_the_window_s_direction(
    qtbot: QtBot, qapp: QApplication, person: Dossier, tmp_path: Path, code: str
) -> None:
    apply_language(qapp, code)
    try:
        window, page = imaging_window(qtbot, person)
        wait_drawn(qtbot, page)
        wait_idle(qtbot, page)
        picture = window.grab()
        assert picture.save(str(tmp_path / f"imaging-{code}.png"))
        assert not picture.isNull() and picture.width() == window.width()
        panel = page.panel
        right_to_left = code == "he"
        assert page.layoutDirection() == (
            Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight
        )
        assert window.view is not None
        series_first = left(panel.series) < left(panel.viewer)
        assert series_first != right_to_left  # the series where reading starts
        assert (left(page.add_button) < left(panel.title)) == right_to_left
        assert (left(window.view.nav) > left(page)) == right_to_left
        # The image keeps its proportions and fills the room it has (not a stamp).
        area = panel.viewer.view.image_rect()
        assert area.width() == area.height()
        assert area.height() >= panel.viewer.view.height() - 8
        close_window(qtbot, window)
    finally:
        apply_language(qapp, "en")


def test_the_confirmation_in_hebrew_puts_the_warning_first(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, disc: Path
) -> None:
    apply_language(qapp, "he")
    opened = margaret(tmp_path / "fresh")
    try:
        window, page = imaging_window(qtbot, opened)
        page.add_disc(disc)
        qtbot.waitUntil(lambda: page.adding.confirm is not None, timeout=WAIT)
        confirm = page.adding.confirm
        assert isinstance(confirm, ConfirmDisc)
        qtbot.waitExposed(confirm)
        assert confirm.grab().save(str(tmp_path / "confirm-he.png"))
        choice = confirm.choices[0]
        assert choice.warning is not None
        assert choice.warning.y() < choice.tick.y()
        # The tick box starts at the right, where a Hebrew reader's eye starts.
        assert choice.tick.x() + choice.tick.width() > choice.width() // 2
        confirm.reject()
        close_window(qtbot, window)
    finally:
        opened.close()
        apply_language(qapp, "en")
