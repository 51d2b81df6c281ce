"""What the search box shows: its hits as a list model, drawn as rich text.

Imported by :mod:`dossier.ui.search_box` on the first search, not at start: the model,
the delegate and the styles they use cost a tenth of the window's start-up time.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..core.entities import ENTITIES
from ..core.i18n import tr
from ..core.opening import open_dossier
from ..core.search import Found, Hit, find
from .formatting import dates_in_text

LIMIT = 30

HIT_ROLE = Qt.ItemDataRole.UserRole + 30
_Index = QModelIndex | QPersistentModelIndex


def run_search(dossier_path: Path, text: str, limit: int = LIMIT) -> Found:
    """One query with a connection of its own (runs on a worker thread): the hits and
    what was searched for."""
    with open_dossier(dossier_path) as dossier:
        return find(dossier, text, limit=limit)


def kind_label(kind: str) -> str:
    spec = ENTITIES.get(kind)
    # The record kinds' names are marked for the catalogue where they are described
    # (core/entities.py); here they are translated, then begun with a capital.
    label = tr(spec.label) if spec is not None else kind.replace("_", " ")
    return label[:1].upper() + label[1:]


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
    where = kind_label(hit.kind)
    if hit.page is not None:
        where += " · " + tr("page {page}", page=hit.page)
    title_text, _ = dates_in_text(hit.title)
    title = escape(title_text or tr("(no title)"))
    snippet_text, highlights = dates_in_text(hit.snippet, hit.highlights)
    snippet = marked_html(snippet_text, highlights)
    show_snippet = snippet and snippet_text.strip() != title_text.strip()
    return (
        f"<div><small>{escape(where)}</small><br><b>{title}</b>"
        + (f"<br>{snippet}" if show_snippet else "")
        + "</div>"
    )


def hit_text(hit: Hit) -> str:
    """The same in plain words, for screen readers."""
    title, _ = dates_in_text(hit.title)
    snippet, _ = dates_in_text(hit.snippet)
    parts = [kind_label(hit.kind), title]
    if hit.page is not None:
        parts.append(tr("page {page}", page=hit.page))
    if snippet and snippet != title:
        parts.append(snippet)
    return ", ".join(p for p in parts if p)


class SearchHitModel(QAbstractListModel):
    """The hits of the last query, or one line saying nothing was found; above them, when
    the search was not simply what was typed, a line saying what was searched for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.message = ""
        self.note = ""

    def set_hits(self, hits: list[Hit], message: str = "", note: str = "") -> None:
        """``message`` shows when there are no hits; ``note`` (what was searched for)
        on a line of its own above everything."""
        self.beginResetModel()
        self.hits = list(hits)
        self.message = message if not hits else ""
        self.note = note
        self.endResetModel()

    def _first(self) -> int:
        return 1 if self.note else 0

    def first_hit(self) -> QModelIndex:
        """The index of the best hit (invalid when there is none)."""
        return self.index(self._first(), 0) if self.hits else QModelIndex()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return self._first() + (len(self.hits) if self.hits else (1 if self.message else 0))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid() or index.row() < self._first():
            return Qt.ItemFlag.NoItemFlags  # the note: not a place to move to or choose
        if not self.hits:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = index.row() - self._first()
        if row < 0 or not self.hits:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.note if row < 0 else self.message
            return None
        hit = self.hits[row]
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
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = palette.color(role)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        elif not index.flags() & Qt.ItemFlag.ItemIsEnabled:
            # The line saying what was searched for: not a hit to choose, but words to read,
            # in the text's own colour (Qt would grey it out), on a band of its own.
            active = QPalette.ColorGroup.Active
            painter.fillRect(rect, palette.color(active, QPalette.ColorRole.AlternateBase))
            painter.setPen(palette.color(active, QPalette.ColorRole.Mid))
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())
            text = palette.color(active, QPalette.ColorRole.Text)
        document = self._document(index, option, rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text)
        painter.translate(rect.topLeft() + QPoint(self.PAD, self.PAD))
        document.documentLayout().draw(painter, context)
        painter.restore()


def make_popup(owner: QWidget, model: SearchHitModel, delegate: HitDelegate) -> QListView:
    """The list of hits: a window of its own (a popup), owned by the search field."""
    popup = QListView(owner)
    popup.setObjectName("searchResults")
    popup.setAccessibleName(tr("Search results"))
    popup.setWindowFlags(Qt.WindowType.Popup)
    popup.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    popup.setModel(model)
    popup.setItemDelegate(delegate)
    popup.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    popup.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    popup.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    popup.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    popup.setUniformItemSizes(False)
    popup.setFrameShape(QFrame.Shape.StyledPanel)
    popup.setMouseTracking(True)
    return popup
