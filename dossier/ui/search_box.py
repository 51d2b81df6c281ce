"""The search field in the header: the whole dossier, with results as you type.

Typing waits ~150 ms for a pause, then the query runs on a worker thread with a
connection of its own (it takes a few milliseconds; the window never waits). The
results drop down under the field: kind, title, page, and the words around the
match with the matched words in bold. A pasted text is searched for in the same
few milliseconds (see :mod:`dossier.core.searchquery`: a long one for its rarest
words), and a line above the results then says what was searched for. Enter or a click opens the hit: a document
at its page (:attr:`SearchBox.open_document`), anything else by
:attr:`SearchBox.open_record`. Ctrl+F comes here from anywhere in the window.

The list of results (:mod:`dossier.ui.search_results`) is made on the first search,
so the field costs next to nothing when the window starts.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from ..core.bidi import isolate
from ..core.i18n import tr
from .after_paint import AfterFirstPaint, now_or_after
from .session import Session

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListView

    from ..core.search import Found
    from .search_results import HitDelegate, SearchHitModel

DEBOUNCE_MS = 150
FIELD_CHARS = 4000  # as dossier.core.searchquery.MAX_CHARS (not imported before first paint)


class SearchBox(QWidget):
    open_document = Signal(int, object)  # document id, page (from 1) or None
    open_record = Signal(str, int)  # kind ("note", "case"…), id
    results_shown = Signal()  # the popup has the results of the latest text

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        after_paint: AfterFirstPaint | None = None,
    ) -> None:
        """``after_paint``: the window's waiter, which sets the keyboard shortcuts once the
        window is on screen (see :mod:`dossier.ui.after_paint`); without one, at once."""
        super().__init__(parent)
        self.session = session
        self.line = QLineEdit()
        self.line.setObjectName("search")
        self.line.setPlaceholderText(tr("Search the whole dossier (Ctrl+F)"))
        self.line.setAccessibleName(tr("Search the whole dossier"))
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("x" * 36))
        # Search reads no more than this (a pasted page is searched for its rarest words);
        # a field holding a pasted megabyte would take a tenth of a second per key.
        self.line.setMaxLength(FIELD_CHARS)
        self.line.textChanged.connect(self._on_text)
        self.line.installEventFilter(self)

        self._model: SearchHitModel | None = None
        self._delegate: HitDelegate | None = None
        self._popup: QListView | None = None

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_now)
        self._generation = 0
        self._shown_text = ""
        self._open_when_shown = False
        self._prepared = False

        now_or_after(after_paint, self._add_shortcut, self)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        self.setFocusProxy(self.line)

    # The results list, made on first use ---------------------------------------------
    @property
    def model(self) -> SearchHitModel:
        if self._model is None:
            self._make_results()
        assert self._model is not None
        return self._model

    @property
    def delegate(self) -> HitDelegate:
        if self._delegate is None:
            self._make_results()
        assert self._delegate is not None
        return self._delegate

    @property
    def popup(self) -> QListView:
        if self._popup is None:
            self._make_results()
        assert self._popup is not None
        return self._popup

    def _make_results(self) -> None:
        from .search_results import HitDelegate, SearchHitModel, make_popup

        self._model = SearchHitModel(self)
        self._delegate = HitDelegate(self)
        self._popup = make_popup(self, self._model, self._delegate)
        self._popup.setFocusProxy(self.line)
        self._popup.installEventFilter(self)
        self._popup.clicked.connect(self.activate)

    def _add_shortcut(self) -> None:
        """Ctrl+F, from anywhere in the window (the shortcut's default context); and the
        field's clear button, which shows only once something is typed."""
        self.line.setClearButtonEnabled(True)
        self.shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.shortcut.activated.connect(self.focus_search)

    # Typing ------------------------------------------------------------------------
    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line.selectAll()

    def _on_text(self, text: str) -> None:
        if text.strip():
            self.timer.start()
        else:
            self.timer.stop()
            self._generation += 1
            if self._model is not None:
                self.model.set_hits([])
                self.popup.hide()

    def run_now(self) -> None:
        """Run the query for the text now (the pause after typing calls this)."""
        self.timer.stop()
        text = self.line.text()
        if not text.strip():
            return
        if not self._prepared:
            self._prepared = True
        self._generation += 1
        generation = self._generation
        path = self.session.dossier.path
        from . import tasks
        from .search_results import run_search

        tasks.start(
            lambda _task: run_search(path, text),
            done=partial(self._show_hits, generation, text),
            failed=partial(self._search_failed, generation),
            owner=self,
            name="search",
            lane=tasks.SEARCH,
        )

    def _show_hits(self, generation: int, text: str, found: Found) -> None:
        if generation != self._generation:
            return  # the person typed on; a newer query is on its way
        hits = found.hits
        message = ""
        if found.query.terms:  # else the explanation says there was nothing to search for
            message = tr("Nothing found for “{query}”.", query=isolate(found.query.shown()))
            from ..core.searchquery import short_start  # loaded by the search already

            if (short := short_start(text)) is not None:
                typed_on = tr(
                    "Words that begin with “{start}” are found from their third letter on.",
                    start=isolate(short),
                )
                message += " " + typed_on
        self.model.set_hits(hits, message, found.explanation)
        self._shown_text = text
        if hits:
            self.popup.setCurrentIndex(self.model.first_hit())
        if self._open_when_shown and hits:
            self._open_when_shown = False
            self.activate(self.model.first_hit())
        else:
            self._open_when_shown = False
            self.show_popup()
        self.results_shown.emit()

    def _search_failed(self, generation: int, _error: BaseException) -> None:
        if generation == self._generation:
            self.model.set_hits([], tr("The search could not be done just now."))
            self.show_popup()

    # The popup ---------------------------------------------------------------------
    def show_popup(self) -> None:
        if self.model.rowCount() == 0 or not self.line.isVisible():
            self.popup.hide()
            return
        width = max(self.line.width(), 520)
        screen = self.line.screen().availableGeometry()
        width = min(width, screen.width() - 20)
        self.delegate.width = width - 2 * self.popup.frameWidth()
        self.popup.doItemsLayout()
        rows = min(self.model.rowCount(), 6)
        height = sum(self.popup.sizeHintForRow(r) for r in range(rows))
        height += 2 * self.popup.frameWidth()
        if self.model.rowCount() > rows:
            height += self.popup.sizeHintForRow(rows) // 2  # half a row shows there is more
        below = self.line.mapToGlobal(QPoint(0, self.line.height()))
        right_edge = self.line.mapToGlobal(QPoint(self.line.width(), 0)).x()
        window = self.window()
        centre = window.mapToGlobal(QPoint(window.width() // 2, 0)).x()
        # Open towards the middle of the window: a field on the right grows to the left.
        left = right_edge - width if below.x() > centre else below.x()
        left = max(screen.left(), min(left, screen.right() - width))
        self.popup.setGeometry(left, below.y() + 2, width, min(height, screen.height() // 2))
        self.popup.show()

    def popup_visible(self) -> bool:
        return self._popup is not None and self._popup.isVisible()

    def activate(self, index: QModelIndex | None = None) -> bool:
        """Open the hit at ``index`` (default: the selected one, else the first)."""
        if index is None or not index.isValid():
            index = self.popup.currentIndex()
        if not index.isValid():
            index = self.model.first_hit()
        from ..core.search import Hit
        from .search_results import HIT_ROLE

        hit = index.data(HIT_ROLE) if index.isValid() else None
        if not isinstance(hit, Hit):
            return False
        self.popup.hide()
        if hit.kind == "document":
            self.open_document.emit(hit.id, hit.page)
        else:
            self.open_record.emit(hit.kind, hit.id)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        from PySide6.QtCore import Qt

        key = event.key()
        if watched is self.line:
            has_hits = self._model is not None and bool(self._model.hits)
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and has_hits:
                self.show_popup()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.timer.isActive() or self._shown_text != self.line.text():
                    self.run_now()  # Enter before the pause: search now, then open
                    self._open_when_shown = True
                    return True
                return self.activate()
            return False
        if watched is self._popup:
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                return False  # the list moves its selection
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.activate()
                return True
            if key == Qt.Key.Key_Escape:
                self.popup.hide()
                self.line.setFocus()
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.popup.hide()
                return True
            self.line.event(event)  # typing goes on in the field
            return True
        return super().eventFilter(watched, event)
