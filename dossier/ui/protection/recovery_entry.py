"""The recovery key typed from the sheet: 8 boxes of 6 digits, numbered as on the sheet.

Each box is checked as it is filled (every group checks itself,
:func:`~dossier.core.crypto.recovery.group_ok`): a group with a typing error is marked
at once, in colour and in words, so the person looks at that group on the sheet. The
focus moves on by itself after 6 digits, and back with Backspace in an empty box. A whole
key pasted or typed into one box is shared out over the boxes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...core.crypto.recovery import GROUP_DIGITS, GROUPS, group_ok
from ...core.i18n import tr
from ..widgets.record_form import FIELD_ERROR_STYLE

PER_ROW = 4  # as the sheet prints them: two rows of four
# Typed between groups, as the sheet shows them: left out of a box.
SEPARATORS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d.\u00b7")
BAD_STYLE = "QLineEdit { border: 3px solid #a40000; background: #fff0f0; color: #000000; }"
DIGIT_SCALE = 1.4


def _digits(text: str) -> list[str]:
    """The digits in ``text`` (of any script), as typed."""
    return [character for character in text if character.isdecimal()]


class _GroupBox(QLineEdit):
    """One group's box; says when Backspace is pressed while it is empty."""

    back_from_empty = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Backspace and not self.text():
            self.back_from_empty.emit()
            return
        super().keyPressEvent(event)


class RecoveryKeyEntry(QWidget):
    """Eight numbered boxes and a line naming the groups with a typing error."""

    changed = Signal()
    returnPressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(self.font().pointSizeF() * DIGIT_SCALE)
        number_font = QFont(self.font())
        number_font.setBold(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.boxes: list[_GroupBox] = []
        self._marked: set[int] = set()  # groups the last try named (numbered from 1)
        for index in range(GROUPS):
            box = _GroupBox()
            box.setObjectName(f"recoveryGroup{index + 1}")
            # Translators: the box for one group of 6 digits of the recovery key.
            box.setAccessibleName(tr("Group {number} of the recovery key", number=index + 1))
            box.setFont(font)
            box.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # digits read left to right
            box.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            width = box.fontMetrics().horizontalAdvance("0" * (GROUP_DIGITS + 2))
            box.setFixedWidth(width + 16)  # as wide as a group: 6 digits and some room
            box.textEdited.connect(lambda text, i=index: self._edited(i, text))
            box.back_from_empty.connect(lambda i=index: self._back(i))
            box.returnPressed.connect(self.returnPressed)
            number = QLabel(str(index + 1))
            number.setFont(number_font)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            number.setBuddy(box)
            row, column = divmod(index, PER_ROW)
            if row:  # room between the first row's boxes and the second row's numbers
                number.setContentsMargins(0, 10, 0, 0)
            grid.addWidget(number, 2 * row, column)
            grid.addWidget(box, 2 * row + 1, column)
            self.boxes.append(box)
        self.message = QLabel()
        self.message.setObjectName("recoveryProblem")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(FIELD_ERROR_STYLE)
        self.message.hide()
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addLayout(grid)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(centred)
        layout.addWidget(self.message)
        self.setFocusProxy(self.boxes[0])

    def text(self) -> str:
        """The key as typed, its groups joined by hyphens (as the sheet writes it)."""
        return "-".join(box.text().strip() for box in self.boxes)

    def complete(self) -> bool:
        """Every box holds 6 digits."""
        return all(len(_digits(box.text())) == GROUP_DIGITS for box in self.boxes)

    def set_text(self, text: str) -> None:
        """Fill the boxes from a whole key (as pasted)."""
        for box in self.boxes:
            box.clear()
        self._share_out(0, _digits(text))
        self._update_marks()

    def mark(self, bad_groups: tuple[int, ...], message: str) -> None:
        """Mark the groups (numbered from 1) a try found wrong, and say why."""
        self._marked = set(bad_groups)
        self._update_marks(message)
        box = self.boxes[bad_groups[0] - 1 if bad_groups else 0]
        box.setFocus()
        box.selectAll()

    def set_enabled(self, enabled: bool) -> None:
        for box in self.boxes:
            box.setEnabled(enabled)

    def bad_groups(self) -> list[int]:
        """The groups (from 1) marked as having a typing error now."""
        return [n for n, box in enumerate(self.boxes, 1) if box.property("bad")]

    # Typing ------------------------------------------------------------------------------
    def _edited(self, index: int, text: str) -> None:
        self._marked.discard(index + 1)  # changed since the try that named it
        kept = "".join(c for c in text if not (c.isspace() or c in SEPARATORS))
        if kept != text:  # the hyphen typed after a group, as on the sheet
            self.boxes[index].setText(kept)
            text = kept
        digits = _digits(text)
        if len(digits) > GROUP_DIGITS:  # a whole key, or more than one group
            self._share_out(index, digits)
        elif len(digits) == GROUP_DIGITS and group_ok(text) and index + 1 < GROUPS:
            self.boxes[index + 1].setFocus()
            self.boxes[index + 1].selectAll()
        self._update_marks()
        self.changed.emit()

    def _share_out(self, index: int, digits: list[str]) -> None:
        """Put ``digits`` into the boxes from ``index`` on, 6 in each."""
        last = index
        for at in range(index, GROUPS):
            chunk = digits[(at - index) * GROUP_DIGITS : (at - index + 1) * GROUP_DIGITS]
            if not chunk:
                break
            self.boxes[at].setText("".join(chunk))
            self._marked.discard(at + 1)
            last = at
        following = min(last + 1, GROUPS - 1)
        target = self.boxes[following] if len(self.boxes[last].text()) == GROUP_DIGITS else None
        (target or self.boxes[last]).setFocus()

    def _back(self, index: int) -> None:
        if index > 0:
            previous = self.boxes[index - 1]
            previous.setFocus()
            previous.end(False)

    def _update_marks(self, message: str | None = None) -> None:
        wrong: list[int] = []
        for number, box in enumerate(self.boxes, 1):
            text = box.text().strip()
            full = len(text) >= GROUP_DIGITS or (text and not all(c.isdecimal() for c in text))
            bad = number in self._marked or bool(full and not group_ok(text))
            if bad != bool(box.property("bad")):
                box.setProperty("bad", bad)
                box.setStyleSheet(BAD_STYLE if bad else "")
            if bad:
                wrong.append(number)
        if message is None and wrong:
            message = (
                # Translators: one group of the recovery key has a typing error, as typed.
                tr(
                    "Group {number} has a typing error: check it against the sheet.",
                    number=wrong[0],
                )
                if len(wrong) == 1
                # Translators: several groups of the recovery key; {numbers}: "2, 5".
                else tr(
                    "Groups {numbers} have typing errors: check them against the sheet.",
                    numbers=", ".join(str(n) for n in wrong),
                )
            )
        if message:
            self.message.setText(message)
            self.message.show()
        else:
            self.message.hide()
