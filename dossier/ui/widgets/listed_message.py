"""A message box that names a list of things (documents without their file, files that
cannot be read) without growing taller than the screen or wrapping every line.

The headline is one sentence; under it the explanation, then the first few names as
bullets, then the advice. When there are more, all of them are under **Show Details…**,
one a line, where they scroll.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox

from ...core.i18n import ntr

SHOWN = 6  # names shown in the message itself; the details hold every one
WIDTH_EM = 34  # wide enough that a long title takes one or two lines, not four


def bullets(items: Sequence[str], shown: int = SHOWN, *, in_details: bool = False) -> str:
    """The first ``shown`` items as bullet lines, and how many more there are
    (``in_details``: and that Show Details… lists them all)."""
    lines = [f"• {item}" for item in items[:shown]]
    more = len(items) - shown
    if more > 0 and in_details:
        lines.append(
            ntr(
                "… and {n} more: Show Details… lists them all.",
                "… and {n} more: Show Details… lists them all.",
                more,
            )
        )
    elif more > 0:
        lines.append(ntr("… and {n} more.", "… and {n} more.", more))
    return "\n".join(lines)


def set_listed(box: QMessageBox, items: Sequence[str], *, before: str, after: str = "") -> None:
    """Fill the informative text of ``box``: ``before``, the first items, ``after``; with
    more items than fit, every one of them in the details too."""
    if len(items) > SHOWN:
        box.setDetailedText("\n".join(items))
    parts = [before, bullets(items, in_details=True), after]
    box.setInformativeText("\n\n".join(part for part in parts if part))
    widen(box)


def widen(box: QMessageBox) -> None:
    """Let the message's words run wider than Qt's narrow default."""
    box.setStyleSheet(
        f"QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel {{ min-width: {WIDTH_EM}em; }}"
    )


def all_text(box: QMessageBox) -> str:
    """Everything the box says, headline to details (for the tests and for logs)."""
    return "\n".join(
        part for part in (box.text(), box.informativeText(), box.detailedText()) if part
    )
