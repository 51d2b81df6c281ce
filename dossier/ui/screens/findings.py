"""What looks wrong on a screen, found from its widgets: text cut, widgets outside their
window, forms and lists that scroll sideways, buttons off the screen, headings cut, and in
the pseudo-language English that bypassed the catalogue ("untranslated").

Only what a person can see counts: hidden widgets, the pages of other tabs and what lies
in the scrolled-away part of a scroll area are left alone. Text our own code shortens
on purpose (a grid tile's name, a list cell with its whole text in the tooltip) is
already short enough for its place, so it is never reported.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QFormLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStyle,
    QWidget,
)

from .leftover import Leftover
from .widget_texts import shown_texts

SLACK = 1  # pixels: rounding in the layouts is not a finding

__all__ = ["Finding", "find_problems"]


@dataclass(frozen=True)
class Finding:
    screen: str
    size: str
    widget: str  # objectName, or the class when it has none
    kind: str  # text_cut, button_text_cut, outside_window, scrolls_sideways, untranslated…
    description: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _name(widget: QWidget) -> str:
    name = widget.objectName()
    kind = type(widget).__name__
    return f"{name} ({kind})" if name else kind


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _shown(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisible() and widget.isVisibleTo(top) and widget.width() > 0


def _in_scrolled_content(widget: QWidget, top: QWidget) -> bool:
    """True when ``widget`` lies inside the content of a scroll area (which may scroll)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return True
        parent = area
    return False


def _seen_part(widget: QWidget, top: QWidget) -> QRect:
    """The part of ``widget`` not clipped by its parents, in its own coordinates."""
    seen = widget.rect()
    child, parent = widget, widget.parentWidget()
    offset = widget.pos()
    while parent is not None:
        in_parent = seen.translated(offset)
        seen = in_parent.intersected(parent.rect()).translated(-offset)
        if parent is top or seen.isEmpty():
            break
        child, parent = parent, parent.parentWidget()
        offset += child.pos()
    return seen


class _Checker:
    def __init__(
        self,
        top: QWidget,
        screen: str,
        size: str,
        screen_rect: QRect,
        leftover: Leftover | None,
    ) -> None:
        self.top, self.screen, self.size = top, screen, size
        self.screen_rect = screen_rect
        self.leftover = leftover
        self.found: list[Finding] = []

    def add(self, widget: QWidget, kind: str, description: str) -> None:
        self.found.append(Finding(self.screen, self.size, _name(widget), kind, description))

    def run(self) -> list[Finding]:
        top = self.top
        if not top.rect().isEmpty() and not self.screen_rect.contains(
            QRect(0, 0, top.width(), top.height())
        ):
            self.add(
                top,
                "window_too_big",
                f"The window is {top.width()}x{top.height()}, larger than the screen "
                f"({self.screen_rect.width()}x{self.screen_rect.height()}): its edges are "
                "off the screen.",
            )
        if self.leftover is not None:
            self.untranslated(top, [top.windowTitle()])
        for widget in top.findChildren(QWidget):
            if not _shown(widget, top) or widget.isWindow():
                continue
            if _seen_part(widget, top).isEmpty():
                continue  # scrolled away, or behind its parent's edge: nothing to see
            if isinstance(widget, QLabel):
                self.label(widget)
            elif isinstance(widget, QAbstractButton):
                self.button(widget)
            if isinstance(widget, QAbstractItemView):
                self.item_view(widget)
            if isinstance(widget, QScrollArea):
                self.scroll_area(widget)
            if not _in_scrolled_content(widget, top):
                self.inside(widget)
            if self.leftover is not None:
                self.untranslated(widget, shown_texts(widget))
        return self.found

    # The checks ----------------------------------------------------------------------
    def label(self, label: QLabel) -> None:
        text = label.text().strip()
        if not text or not label.pixmap().isNull():  # a picture, or no text
            return
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + SLACK:
                self.add(
                    label,
                    "text_cut",
                    f"Wrapped text needs {needed} px of height but has {label.height()}: "
                    f"its last lines are cut ({_quote(text)}).",
                )
            return
        hint = label.minimumSizeHint()
        if hint.width() > label.width() + SLACK or hint.height() > label.height() + SLACK:
            self.add(
                label,
                "text_cut",
                f"Text needs {hint.width()}x{hint.height()} px but has "
                f"{label.width()}x{label.height()}: it is cut ({_quote(text)}).",
            )

    def button(self, button: QAbstractButton) -> None:
        text = _plain(button.text()).strip()
        if not text:
            return
        metrics = button.fontMetrics()
        needed = metrics.horizontalAdvance(text)
        if not button.icon().isNull():
            needed += button.iconSize().width() + 4
        style = button.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
        if button.inherits("QCheckBox") or button.inherits("QRadioButton"):
            margin = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, button) + 4
        available = button.width() - margin
        if needed > available + SLACK:
            self.add(
                button,
                "button_text_cut",
                f"The text needs {needed} px but the button leaves {available}: "
                f"it is cut ({_quote(text)}).",
            )

    def item_view(self, view: QAbstractItemView) -> None:
        bar = view.horizontalScrollBar()
        if (
            bar.isVisible()
            and bar.maximum() > 0
            and view.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOn
            and getattr(view, "horizontalHeader", None) is not None
        ):
            self.add(
                view,
                "scrolls_sideways",
                "The list is wider than its place: its last columns need scrolling sideways.",
            )
        header = getattr(view, "horizontalHeader", None) or getattr(view, "header", None)
        if callable(header):
            shown = header()
            if isinstance(shown, QHeaderView) and _shown(shown, self.top):
                self.header(view, shown)

    def header(self, view: QAbstractItemView, header: QHeaderView) -> None:
        model = header.model()
        metrics = header.fontMetrics()
        style = header.style()
        margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        for logical in range(header.count()):
            if header.isSectionHidden(logical) or header.sectionSize(logical) <= 0:
                continue
            text = model.headerData(logical, Qt.Orientation.Horizontal)
            if not isinstance(text, str) or not text.strip():
                continue
            needed = metrics.horizontalAdvance(text) + margin
            if header.isSortIndicatorShown() and header.sortIndicatorSection() == logical:
                needed += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
            size = header.sectionSize(logical)
            if needed > size + SLACK:
                self.add(
                    view,
                    "heading_cut",
                    f"The column heading {_quote(text)} needs {needed} px but its column "
                    f"is {size} px wide: it is cut.",
                )

    def scroll_area(self, area: QScrollArea) -> None:
        content = area.widget()
        if content is None:
            return
        forms = content.findChildren(QFormLayout)
        if not isinstance(content.layout(), QFormLayout) and not forms:
            return
        bar = area.horizontalScrollBar()
        if content.width() > area.viewport().width() + SLACK and not bar.isVisible():
            self.add(
                area,
                "cut_sideways",
                f"The form is {content.width()} px wide in a place "
                f"{area.viewport().width()} px wide that does not scroll sideways: "
                "its right-hand part is cut off.",
            )
        elif bar.isVisible() and bar.maximum() > 0:
            self.add(
                area,
                "scrolls_sideways",
                f"The form is {content.width()} px wide in a place "
                f"{area.viewport().width()} px wide: it scrolls sideways.",
            )

    def untranslated(self, widget: QWidget, texts: list[str]) -> None:
        assert self.leftover is not None
        for text in texts:
            words = self.leftover.words(text)
            if words:
                self.add(
                    widget,
                    "untranslated",
                    f"English left outside the catalogue: {', '.join(words)} (in {_quote(text)}).",
                )

    def inside(self, widget: QWidget) -> None:
        top = self.top
        mapped = QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())
        window = top.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
        if window.contains(mapped):
            return
        kind = "button_off_screen" if isinstance(widget, QAbstractButton) else "outside_window"
        what = "button" if isinstance(widget, QAbstractButton) else "widget"
        self.add(
            widget,
            kind,
            f"The {what} at {mapped.x()},{mapped.y()} ({mapped.width()}x{mapped.height()}) "
            f"goes beyond its window ({top.width()}x{top.height()}).",
        )


def _quote(text: str, most: int = 60) -> str:
    one_line = " ".join(text.split())
    return f"“{one_line if len(one_line) <= most else one_line[: most - 1] + '…'}”"


def find_problems(
    top: QWidget,
    screen: str,
    size: str,
    screen_rect: QRect,
    leftover: Leftover | None = None,
) -> list[Finding]:
    """What looks wrong in the window ``top`` (shown) on a screen of ``screen_rect``; with
    ``leftover`` (in the pseudo-language) also the English that bypassed the catalogue."""
    return _Checker(top, screen, size, screen_rect, leftover).run()
