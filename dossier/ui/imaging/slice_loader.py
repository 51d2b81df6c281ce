"""Slices drawn off the UI thread, kept warm and cached, with stale requests dropped.

One sandboxed reader (:class:`dossier.core.imaging.preview.ImageReader`) draws every image
of the page, one at a time on a lane of its own. The viewer asks for one slice at a time:
a newer request replaces the one still waiting (scrolling fast draws only where it stops),
thumbnails are drawn when the viewer waits for nothing, and the slices beside the one
shown are drawn ahead while the reader is idle. Every drawn slice (or the reason it cannot
be drawn) is kept in a cache of bounded size, so going back is instant.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.imaging.preview import Drawn, ImageReader, Slice
from ...core.storage import Dossier
from .. import tasks

IMAGING = tasks.Lane("imaging", 1)  # one reader process: its draws one after the other
CACHE_BYTES = 160 << 20  # drawn slices kept (a 512x512 CT slice is 256 kB)
THUMBNAIL = 112  # pixels, the longer side of a series' picture
AHEAD = 3  # slices drawn ahead of the one shown while the reader is idle

Shown = QImage | str  # a drawn image, or why it cannot be drawn


@dataclass(frozen=True)
class Wanted:
    item: Slice
    thumbnail: bool = False

    @property
    def key(self) -> tuple[int, int, bool]:
        return (self.item.file_id, self.item.frame, self.thumbnail)


def to_image(drawn: Drawn) -> QImage:
    """The drawn rows as a QImage that owns its pixels (made on the worker thread)."""
    gray = drawn.format == "gray8"
    kind = QImage.Format.Format_Grayscale8 if gray else QImage.Format.Format_RGB888
    line = drawn.width * (1 if gray else 3)
    return QImage(drawn.data, drawn.width, drawn.height, line, kind).copy()


class _Reader:
    """The image reader behind a lock: drawn on the lane, closed from anywhere, never both."""

    def __init__(self, dossier: Dossier) -> None:
        self._reader = ImageReader(dossier)
        self._lock = threading.Lock()
        self._closed = False

    def draw(self, wanted: Wanted) -> QImage:
        with self._lock:
            if self._closed:
                raise DossierError(tr("The dossier was closed."))
            image = to_image(self._reader.draw(wanted.item))
        if wanted.thumbnail:
            image = image.scaled(
                THUMBNAIL,
                THUMBNAIL,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        return image

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._reader.close()


class SliceLoader(QObject):
    """Draws the slices the page asks for; :attr:`ready` says when one is there."""

    ready = Signal(object, object)  # the Wanted, its QImage or the reason (str)

    def __init__(self, dossier: Dossier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dossier = dossier
        self._reader: _Reader | None = None
        self._cache: OrderedDict[tuple[int, int, bool], Shown] = OrderedDict()
        self._bytes = 0
        self._view: Wanted | None = None  # the viewer's latest wish, not drawn yet
        self._ahead: list[Wanted] = []
        self._thumbnails: deque[Wanted] = deque()
        self._drawing: Wanted | None = None
        self.closed = False
        self.active = True  # False while its page is out of sight: nothing new is drawn

    def set_active(self, active: bool) -> None:
        """Draw (True) or hold what is asked until active again (its page is hidden)."""
        self.active = active
        self._next()

    # Asking -------------------------------------------------------------------------
    def cached(self, wanted: Wanted) -> Shown | None:
        found = self._cache.get(wanted.key)
        if found is not None:
            self._cache.move_to_end(wanted.key)
        return found

    def show(self, item: Slice, ahead: Sequence[Slice] = ()) -> Shown | None:
        """The slice for the viewer: at once when cached, else :attr:`ready` later. A slice
        asked for before and not drawn yet is forgotten: only the newest one counts.
        ``ahead``: slices to draw next while idle (those beside it, in the direction of
        travel)."""
        wanted = Wanted(item)
        self._ahead = [Wanted(a) for a in ahead if Wanted(a).key not in self._cache]
        found = self.cached(wanted)
        self._view = None if found is not None else wanted
        self._next()
        return found

    def thumbnail(self, item: Slice) -> Shown | None:
        """A series' small picture: at once when cached, else :attr:`ready` later."""
        wanted = Wanted(item, thumbnail=True)
        found = self.cached(wanted)
        if found is None and wanted not in self._thumbnails and wanted != self._drawing:
            self._thumbnails.append(wanted)
            self._next()
        return found

    def forget_thumbnails(self) -> None:
        """Another study is shown: the small pictures still waiting are not needed."""
        self._thumbnails.clear()

    def busy(self) -> bool:
        return self._drawing is not None

    # Drawing --------------------------------------------------------------------------
    def _next(self) -> None:
        if self._drawing is not None or self.closed or not self.active:
            return
        wanted = self._take()
        if wanted is None:
            return
        if self._reader is None:
            self._reader = _Reader(self._dossier)
        reader = self._reader
        self._drawing = wanted
        tasks.start(
            lambda _task: reader.draw(wanted),
            done=lambda image: self._drawn(wanted, image),
            failed=lambda error: self._drawn(wanted, _reason(error)),
            owner=self,
            name="draw slice",
            lane=IMAGING,
        )

    def _take(self) -> Wanted | None:
        if self._view is not None:
            wanted, self._view = self._view, None
            return wanted
        while self._thumbnails:
            wanted = self._thumbnails.popleft()
            if wanted.key not in self._cache:
                return wanted
        while self._ahead:
            wanted = self._ahead.pop(0)
            if wanted.key not in self._cache:
                return wanted
        return None

    def _drawn(self, wanted: Wanted, shown: Shown) -> None:
        self._drawing = None
        self._keep(wanted, shown)
        self.ready.emit(wanted, shown)
        self._next()

    def _keep(self, wanted: Wanted, shown: Shown) -> None:
        self._cache[wanted.key] = shown
        self._bytes += _size(shown)
        while self._bytes > CACHE_BYTES and len(self._cache) > 1:
            _key, old = self._cache.popitem(last=False)
            self._bytes -= _size(old)

    # Ending ---------------------------------------------------------------------------
    def rest(self) -> None:
        """Let the reader's process go (it starts again when next needed); the cache stays."""
        reader, self._reader = self._reader, None
        if reader is not None:
            tasks.start(lambda _task: reader.close(), name="close image reader", lane=IMAGING)

    def close(self) -> None:
        """The dossier is being left: nothing more is drawn, the reader's process ends."""
        self.closed = True
        self._view, self._ahead = None, []
        self._thumbnails.clear()
        self.rest()

    def close_now(self) -> None:
        """The same at once, on this thread (the page is going without being left)."""
        self.closed = True
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.close()


def _reason(error: BaseException) -> str:
    if isinstance(error, DossierError):
        return error.message
    return tr("This image could not be drawn ({error}).", error=type(error).__name__)


def _size(shown: Shown) -> int:
    return shown.sizeInBytes() if isinstance(shown, QImage) else len(shown)


__all__ = ["AHEAD", "IMAGING", "THUMBNAIL", "Shown", "SliceLoader", "Wanted", "to_image"]
