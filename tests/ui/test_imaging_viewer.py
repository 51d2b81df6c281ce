"""The Imaging page's viewer, driven as a person does: a study's series with their pictures,
the middle slice first, the slices scrolled with the mouse wheel, the keys and the slider,
"Slice 5 of 12" beside it. Slices are drawn off the UI thread, kept, and a request
overtaken by a newer one is never drawn; an image that cannot be drawn says why in its place.
The reader stops when the dossier is left."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dossier.core.imaging.adding import add_disc
from dossier.core.imaging.preview import ImageReader, series_slices
from dossier.core.imaging.scan import scan_disc
from dossier.core.storage import Dossier
from dossier.ui.imaging import slice_loader
from dossier.ui.imaging.slice_loader import SliceLoader, Wanted
from dossier.ui.pages.imaging import ImagingPage
from tests.dicom_discs import add_study, standard_disc
from tests.ui.imaging_helpers import (
    WAIT,
    close_window,
    imaging_window,
    margaret,
    plain,
    wait_drawn,
    wait_idle,
)


@pytest.fixture
def person(tmp_path: Path) -> Iterator[Dossier]:
    """Margaret's dossier holding the issue's disc (kept) and a small disc only listed."""
    opened = margaret(tmp_path / "dossier")
    disc = standard_disc(tmp_path / "CT_DISC")
    add_disc(opened, scan_disc(opened, disc), other_patient=True)
    add_study(opened, tmp_path / "listed", keep=False, location="Blue folder")
    yield opened
    opened.close()


def wheel(page: ImagingPage, notches: int) -> None:
    """Turn the mouse wheel over the image: a notch towards you is the next slice."""
    view = page.panel.viewer.view
    centre = QPointF(view.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(view.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
        QPoint(0, 0),
        QPoint(0, -120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)


def position(page: ImagingPage) -> str:
    return page.panel.viewer.position.text()


def test_a_series_is_scrolled_with_the_wheel_the_keys_and_the_slider(
    qtbot: QtBot, person: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    draw = ImageReader.draw

    def spied(reader: ImageReader, item: object) -> object:
        threads.append(threading.current_thread())
        return draw(reader, item)  # type: ignore[arg-type]

    monkeypatch.setattr(ImageReader, "draw", spied)
    window, page = imaging_window(qtbot, person)
    assert page.study_count() == 2
    page.show_study(1)
    panel = page.panel
    assert [plain(panel.series.item(i).text()) for i in range(3)] == [
        "Series 1: THORAX 2.5 MM\nChest · CT scan · 12 images",
        "Series 2: THORAX LONG\nChest · CT scan · 8 images",
        "Series 3: SCOUT\nChest · CT scan · 4 images",
    ]
    wait_drawn(qtbot, page)
    assert position(page) == "Slice 7 of 12"  # the middle slice first
    first = panel.viewer.shown_image()
    assert isinstance(first, QImage) and first.size().width() == 64
    wait_idle(qtbot, page)
    assert all(panel.series.has_picture(s["id"]) for s in panel.study["series"])  # type: ignore[index]

    wheel(page, 1)
    assert position(page) == "Slice 8 of 12"
    wait_drawn(qtbot, page)
    qtbot.waitUntil(lambda: panel.viewer.shown_image() != first, timeout=WAIT)
    wheel(page, -2)
    assert position(page) == "Slice 6 of 12"

    panel.viewer.view.setFocus()
    for key, expected in (
        (Qt.Key.Key_Down, "Slice 7 of 12"),
        (Qt.Key.Key_Up, "Slice 6 of 12"),
        (Qt.Key.Key_End, "Slice 12 of 12"),
        (Qt.Key.Key_PageUp, "Slice 11 of 12"),
        (Qt.Key.Key_Home, "Slice 1 of 12"),
        (Qt.Key.Key_Up, "Slice 1 of 12"),  # no further than the first
        (Qt.Key.Key_PageDown, "Slice 2 of 12"),
    ):
        qtbot.keyClick(panel.viewer.view, key)
        assert position(page) == expected, key
    panel.viewer.slider.setValue(10)
    assert position(page) == "Slice 10 of 12"
    wait_idle(qtbot, page)
    assert panel.viewer.shown_image() is not None

    # Back to a slice drawn before: at once, from the cache, without waiting.
    kept = page.loader.cached(Wanted(panel.viewer.slices[6]))
    assert isinstance(kept, QImage)
    panel.viewer.go_to(6)
    assert panel.viewer.shown_image() == kept

    # The JPEG 2000 series: its pictures and slices are drawn as well.
    assert panel.series.choose(2)
    assert position(page) == "Slice 5 of 8"
    wait_drawn(qtbot, page)
    assert panel.viewer.shown_image() is not None
    assert threads and all(t is not threading.main_thread() for t in threads)
    close_window(qtbot, window)


def test_a_request_overtaken_by_a_newer_one_is_never_drawn(
    qtbot: QtBot, person: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[int] = []
    draw = slice_loader._Reader.draw

    def spied(reader: slice_loader._Reader, wanted: Wanted) -> QImage:
        drawn.append(wanted.item.file_id)
        return draw(reader, wanted)

    monkeypatch.setattr(slice_loader._Reader, "draw", spied)
    loader = SliceLoader(person)
    ready: list[Wanted] = []
    loader.ready.connect(lambda wanted, _shown: ready.append(wanted))
    slices = series_slices(person, 1)
    for item in slices:  # scrolling fast through the whole series
        assert loader.show(item) is None
    qtbot.waitUntil(lambda: not loader.busy(), timeout=WAIT)
    assert drawn == [slices[0].file_id, slices[-1].file_id]
    assert [w.item for w in ready] == [slices[0], slices[-1]]
    assert isinstance(loader.show(slices[-1]), QImage)  # kept: at once
    loader.close()
    assert loader.closed
    qtbot.waitUntil(lambda: not loader.busy(), timeout=WAIT)


def test_images_that_cannot_be_drawn_say_why_in_their_place(qtbot: QtBot, person: Dossier) -> None:
    window, page = imaging_window(qtbot, person)
    page.show_study(2)  # only listed: the images stay on the disc
    wait_drawn(qtbot, page)
    view = page.panel.viewer.view
    assert view.image is None
    assert view.message == (
        "This image was only listed, not kept in the dossier: look at the disc itself."
    )
    assert not page.panel.copy_button.isEnabled()

    # A file of the vault damaged since: its slice says so, the others are drawn.
    slices = series_slices(person, 1)
    broken = slices[0]
    assert broken.sha256 is not None
    person.vault.path_for(broken.sha256).write_bytes(b"not the hospital's file")
    page.show_study(1)
    page.panel.viewer.go_to(0)
    qtbot.waitUntil(lambda: page.loader.cached(Wanted(broken)) is not None, timeout=WAIT)
    assert view.image is None and view.message
    assert "Drawing" not in view.message
    page.panel.viewer.go_to(1)
    wait_drawn(qtbot, page)
    qtbot.waitUntil(lambda: view.image is not None, timeout=WAIT)
    close_window(qtbot, window)


def test_the_reader_stops_when_the_dossier_is_left(
    qtbot: QtBot, person: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed: list[ImageReader] = []
    close = ImageReader.close

    def spied(reader: ImageReader) -> None:
        closed.append(reader)
        close(reader)

    monkeypatch.setattr(ImageReader, "close", spied)
    window, page = imaging_window(qtbot, person)
    wait_drawn(qtbot, page)
    wait_idle(qtbot, page)
    assert page.loader._reader is not None  # warm while the page is shown
    window.view.show_page("documents")  # type: ignore[union-attr]
    assert page.loader._reader is not None  # still warm: it rests only after a while
    page._rest.timeout.emit()
    qtbot.waitUntil(lambda: len(closed) == 1, timeout=WAIT)
    window.view.show_page("imaging")  # type: ignore[union-attr]
    page.panel.viewer.go_to(0)
    wait_idle(qtbot, page)
    assert page.loader._reader is not None  # started again when needed
    close_window(qtbot, window)
    assert page.loader.closed
    assert len(closed) == 2
