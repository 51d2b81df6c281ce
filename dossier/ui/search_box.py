"""The search field in the header: the whole dossier, with results as you type.

Typing waits ~150 ms for a pause, then the query runs on a worker thread with a
connection of its own (it takes a few milliseconds; the window never waits). The
results drop down under the field: kind, title, page, and the words around the
match with the matched words in bold. Enter or a click opens the hit: a document
at its page (:attr:`SearchBox.open_document`), anything else by
:attr:`SearchBox.open_record`. Ctrl+F comes here from anywhere in the window.
"""

from __future__ import annotations

from functools import partial
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..core.entities import ENTITIES
from ..core.search import Hit, search
from ..core.storage import Dossier
from .documents.background import BackgroundRunner
from .session import Session

DEBOUNCE_MS = 150
LIMIT = 30
HIT_ROLE = Qt.ItemDataRole.UserRole + 30
_Index = QModelIndex | QPersistentModelIndex


def run_search(dossier_path: Path, text: str, limit: int = LIMIT) -> list[Hit]:
    """One query with a connection of its own (runs on a worker thread)."""
    with Dossier.open(dossier_path) as dossier:
        hits: list[Hit] = search(dossier, text, limit=limit)
        return hits


def kind_label(kind: str) -> str:
    spec = ENTITIES.get(kind)
    label = spec.label if spec is not None else kind.replace("_", " ")
    return QCoreApplication.translate("entities", label[:1].upper() + label[1:])


def marked_html(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """``text`` as HTML (escaped), with each span in bold."""
    out: list[str] = []
    last = 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out += [escape(text[last:start]), "<b>", escape(text[start:end]), "</b>"]
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def hit_html(hit: Hit) -> str:
    """How one hit reads: "Document · page 2", the title, the words around the match."""
    tr = QCoreApplication.translate
    where = kind_label(hit.kind)
    if hit.page is not None:
        where += " · " + tr("search", "page %1").replace("%1", str(hit.page))
    title = escape(hit.title or tr("search", "(no title)"))
    snippet = marked_html(hit.snippet, hit.highlights)
    show_snippet = snippet and hit.snippet.strip() != (hit.title or "").strip()
    return (
        f"<div><small>{escape(where)}</small><br><b>{title}</b>"
        + (f"<br>{snippet}" if show_snippet else "")
        + "</div>"
    )


def hit_text(hit: Hit) -> str:
    """The same in plain words, for screen readers."""
    parts = [kind_label(hit.kind), hit.title]
    if hit.page is not None:
        parts.append(QCoreApplication.translate("search", "page %1").replace("%1", str(hit.page)))
    if hit.snippet and hit.snippet != hit.title:
        parts.append(hit.snippet)
    return ", ".join(p for p in parts if p)


class SearchHitModel(QAbstractListModel):
    """The hits of the last query, or one line saying nothing was found."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.message = ""

    def set_hits(self, hits: list[Hit], message: str = "") -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.message = message if not hits else ""
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self.hits) if self.hits else (1 if self.message else 0)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self.hits:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if not self.hits:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.message
            return None
        hit = self.hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return hit_text(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.title
        if role == HIT_ROLE:
            return hit
        return None


class HitDelegate(QStyledItemDelegate):
    """Draws a hit as a small block of rich text (matched words in bold)."""

    PAD = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.width = 480

    def _document(self, index: _Index, option: QStyleOptionViewItem, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        hit = index.data(HIT_ROLE)
        if isinstance(hit, Hit):
            document.setHtml(hit_html(hit))
        else:
            document.setHtml(f"<i>{escape(str(index.data() or ''))}</i>")
        document.setTextWidth(max(80, width - 2 * self.PAD))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        document = self._document(index, option, self.width)
        return QSize(self.width, int(document.size().height()) + 2 * self.PAD)

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: _Index) -> None:
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        document = self._document(index, option, rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(role))
        painter.translate(rect.topLeft() + QPoint(self.PAD, self.PAD))
        document.documentLayout().draw(painter, context)
        painter.restore()


class SearchBox(QWidget):
    open_document = Signal(int, object)  # document id, page (from 1) or None
    open_record = Signal(str, int)  # kind ("note", "case"…), id
    results_shown = Signal()  # the popup has the results of the latest text

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.line = QLineEdit()
        self.line.setObjectName("search")
        self.line.setPlaceholderText(self.tr("Search the whole dossier (Ctrl+F)"))
        self.line.setAccessibleName(self.tr("Search the whole dossier"))
        self.line.setClearButtonEnabled(True)
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("x" * 36))
        self.line.textChanged.connect(self._on_text)
        self.line.installEventFilter(self)

        self.model = SearchHitModel(self)
        self.delegate = HitDelegate(self)
        self.popup = QListView(self)  # a window of its own, owned by the field
        self.popup.setObjectName("searchResults")
        self.popup.setAccessibleName(self.tr("Search results"))
        self.popup.setWindowFlags(Qt.WindowType.Popup)
        self.popup.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.popup.setFocusProxy(self.line)
        self.popup.setModel(self.model)
        self.popup.setItemDelegate(self.delegate)
        self.popup.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.popup.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.popup.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.popup.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.popup.setUniformItemSizes(False)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.popup.setMouseTracking(True)
        self.popup.installEventFilter(self)
        self.popup.clicked.connect(self.activate)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_now)
        self.runner = BackgroundRunner(self)
        self._generation = 0
        self._shown_text = ""
        self._open_when_shown = False
        self._prepared = False

        self.shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.activated.connect(self.focus_search)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        self.setFocusProxy(self.line)

    # Typing ------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line.selectAll()

    def _on_text(self, text: str) -> None:
        if text.strip():
            self.timer.start()
        else:
            self.timer.stop()
            self._generation += 1
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
        self.runner.submit(
            partial(run_search, path, text),
            partial(self._show_hits, generation, text),
            partial(self._search_failed, generation),
        )

    def _show_hits(self, generation: int, text: str, hits: list[Hit]) -> None:
        if generation != self._generation:
            return  # the person typed on; a newer query is on its way
        message = self.tr("Nothing found for “%1”.").replace("%1", text.strip())
        self.model.set_hits(hits, message)
        self._shown_text = text
        if hits:
            self.popup.setCurrentIndex(self.model.index(0, 0))
        if self._open_when_shown and hits:
            self._open_when_shown = False
            self.activate(self.model.index(0, 0))
        else:
            self._open_when_shown = False
            self.show_popup()
        self.results_shown.emit()

    def _search_failed(self, generation: int, _error: BaseException) -> None:
        if generation == self._generation:
            self.model.set_hits([], self.tr("The search could not be done just now."))
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
        return self.popup.isVisible()

    def activate(self, index: QModelIndex | None = None) -> bool:
        """Open the hit at ``index`` (default: the selected one, else the first)."""
        if index is None or not index.isValid():
            index = self.popup.currentIndex()
        if not index.isValid() and self.model.hits:
            index = self.model.index(0, 0)
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
        key = event.key()
        if watched is self.line:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.hits:
                self.show_popup()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.timer.isActive() or self._shown_text != self.line.text():
                    self.run_now()  # Enter before the pause: search now, then open
                    self._open_when_shown = True
                    return True
                return self.activate()
            return False
        if watched is self.popup:
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
