"""One editor per kind of field, all with the same small interface: value() and set_value()."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from ...core import records
from ...core.entities import ENTITIES, Field
from ...core.errors import DossierError
from ...core.i18n import tr
from ..formatting import choice_label, shown_date
from ..models.names import appointment_label
from ..session import Session
from .date_field import DateField


class Editor(QObject):
    """Adapts a widget to a field: ``value()`` gives what the person entered, as text or bool."""

    edited = Signal()

    def __init__(self, field: Field, widget: QWidget) -> None:
        super().__init__(widget)
        self.field = field
        self.widget = widget

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class LineEditor(Editor):
    def __init__(self, field: Field) -> None:
        super().__init__(field, QLineEdit())
        self.line: QLineEdit = self.widget  # type: ignore[assignment]
        self.line.textEdited.connect(lambda _text: self.edited.emit())

    def value(self) -> Any:
        return self.line.text()

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else _plain_number(value))
        self.line.setCursorPosition(0)  # a text longer than the box shows its beginning


class GrowingTextEdit(QPlainTextEdit):
    """A text box as tall as its text: three lines empty, up to twelve, then it scrolls.
    A form with twelve of them (an opinion) stays short until they are filled in."""

    MIN_LINES, MAX_LINES = 3, 12
    #: The window turned to the other direction (its language changed).
    direction_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._grow)
        self._grow()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self.direction_changed.emit()

    def _grow(self, *_size: object) -> None:
        lines = int(self.document().documentLayout().documentSize().height())
        shown = max(self.MIN_LINES, min(lines, self.MAX_LINES))
        margins = self.contentsMargins()
        height = (
            shown * self.fontMetrics().lineSpacing()
            + 2 * int(self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 2
        )
        if height != self.height():
            self.setFixedHeight(height)


class TextEditor(Editor):
    """Several lines of text. In a right-to-left window (Hebrew) its paragraphs run right
    to left and stand at the right, also one that starts with a Latin word (a drug's name);
    elsewhere text that starts in a right-to-left script (Hebrew, Arabic) is aligned to the
    right, as a one-line field does by itself."""

    def __init__(self, field: Field) -> None:
        edit = GrowingTextEdit()
        edit.setTabChangesFocus(True)
        super().__init__(field, edit)
        self.edit = edit
        edit.textChanged.connect(self.edited.emit)
        edit.textChanged.connect(self._follow_direction)
        edit.direction_changed.connect(self._follow_direction)

    def value(self) -> Any:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self.edit.blockSignals(True)
        self.edit.setPlainText("" if value is None else str(value))
        self.edit.blockSignals(False)
        self._follow_direction()

    def _follow_direction(self) -> None:
        """Qt's own way: the document's default text option gives every paragraph its
        direction (the window's, in a right-to-left one) and its alignment."""
        document = self.edit.document()
        option = document.defaultTextOption()
        if self.edit.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            wanted_direction = Qt.LayoutDirection.RightToLeft
            right = True
        else:
            block, direction = document.begin(), None
            for _ in range(50):  # the first paragraph with a letter decides
                if not block.isValid() or (direction := first_direction(block.text())) is not None:
                    break
                block = block.next()
            wanted_direction = Qt.LayoutDirection.LayoutDirectionAuto  # each paragraph's own
            right = direction is Qt.LayoutDirection.RightToLeft
        wanted = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
        if option.alignment() != wanted or option.textDirection() != wanted_direction:
            option.setAlignment(wanted)
            option.setTextDirection(wanted_direction)
            document.setDefaultTextOption(option)


class DateEditor(Editor):
    def __init__(self, field: Field) -> None:
        super().__init__(field, DateField(with_time=field.kind == "datetime"))
        self.date: DateField = self.widget  # type: ignore[assignment]
        self.date.edited.connect(self.edited.emit)

    def value(self) -> Any:
        return self.date.text()

    def set_value(self, value: Any) -> None:
        self.date.set_text(value)


class BoolEditor(Editor):
    def __init__(self, field: Field) -> None:
        super().__init__(field, QCheckBox())
        self.box: QCheckBox = self.widget  # type: ignore[assignment]
        self.box.toggled.connect(lambda _on: self.edited.emit())

    def value(self) -> Any:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class ChoiceEditor(Editor):
    """One of the words of ``entity``'s ``field``; a field that may stay empty and has no
    default (a person's sex) first offers to leave it unsaid."""

    def __init__(self, entity: str, field: Field) -> None:
        super().__init__(field, QComboBox())
        self.combo: QComboBox = self.widget  # type: ignore[assignment]
        if not field.required and field.default is None:
            self.combo.addItem(tr("(not given)"), None)
        for choice in field.choices:
            self.combo.addItem(choice_label(entity, field.name, choice), choice)
        self.combo.activated.connect(lambda _i: self.edited.emit())

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value if value is not None else self.field.default)
        self.combo.setCurrentIndex(max(index, 0))


class RefEditor(Editor):
    """Pick a record of another kind (a contact, a case…) by name; or none.

    ``only``, when set, narrows the choice: it gives the filters of the records to list
    (``{"case_id": 3}``: the documents of case 3), or None for none at all.
    """

    def __init__(self, field: Field, session: Session) -> None:
        super().__init__(field, QComboBox())
        self.session = session
        self.only: Callable[[], dict[str, Any] | None] | None = None
        self.combo: QComboBox = self.widget  # type: ignore[assignment]
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(16)
        self.combo.activated.connect(lambda _i: self.edited.emit())
        self._current: Any = None
        self.refresh()

    def refresh(self) -> None:
        assert self.field.ref is not None
        target = ENTITIES[self.field.ref]
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(tr("(none)"), None)
        narrowed = self.only() if self.only is not None else {}
        listed = (
            records.list_records(self.session.dossier, target.name, **narrowed)
            if narrowed is not None
            else []
        )
        for record in listed:
            self.combo.addItem(self._label(target.name, record), record["id"])
        self.combo.blockSignals(False)
        self.set_value(self._current)

    def _label(self, kind: str, record: dict[str, Any]) -> str:
        """How the record is named in the list: an appointment by its day, time and doctor
        ("Mon 9 Mar 2026, 10:30 · Dr. de Vries"), as people tell appointments apart."""
        if kind == "appointment":
            return appointment_label(self.session, record)
        return records.label_of(ENTITIES[kind], record, shown_date)

    def _unlisted(self, value: Any) -> str:
        """The name of a record chosen before that the list leaves out."""
        assert self.field.ref is not None
        try:
            record = records.get(self.session.dossier, self.field.ref, value, include_deleted=True)
        except DossierError:
            record = None
        if record is None or record.get("deleted_at") is not None:
            return tr("(number {n}, in the trash)", n=value)
        return self._label(self.field.ref, record)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        self._current = value
        index = self.combo.findData(value)
        if index < 0 and value is not None:  # a contact now in the trash (show it anyway),
            self.combo.addItem(self._unlisted(value), value)  # or a choice narrowed away
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))


def make_editor(entity: str, field: Field, session: Session) -> Editor:
    """The editor of ``entity``'s ``field``."""
    if field.kind == "longtext":
        return TextEditor(field)
    if field.kind in ("date", "datetime"):
        return DateEditor(field)
    if field.kind == "bool":
        return BoolEditor(field)
    if field.kind == "choice":
        return ChoiceEditor(entity, field)
    if field.kind == "ref":
        return RefEditor(field, session)
    return LineEditor(field)


def first_direction(text: str) -> Qt.LayoutDirection | None:
    """The direction of the first letter with one (Unicode's strong types) among the first
    thousand characters of ``text``, if any."""
    for char in text[:1000]:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
    return None


def _plain_number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if not value.is_integer() else str(int(value))
    return str(value)
