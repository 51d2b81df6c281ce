"""A form for one record, built from the entity's fields; errors appear beside each field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.entities import Entity, entity
from ...core.errors import DossierError, ValidationError
from ...core.i18n import tr
from ...core.new_record_titles import new_record_title
from ...core.read_only import split_refusal
from ...core.records import Change
from ..formatting import capitalised, shown_date
from ..session import Session
from .editors import Editor, RefEditor, make_editor

FIELD_ERROR_STYLE = "color: palette(highlight); font-weight: bold;"


class RecordForm(QWidget):
    """Edit one record (or a new one). Saving goes through the session, so it can be undone."""

    saved = Signal(object)  # the Change
    loaded = Signal()  # a record (or an empty form) was put in the form

    def __init__(
        self,
        session: Session,
        entity_name: str,
        *,
        fields: Sequence[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.spec: Entity = entity(entity_name)
        self.record: dict[str, Any] | None = None
        self.defaults: dict[str, Any] = {}
        names = list(fields) if fields is not None else list(self.spec.field_names)
        self.editors: dict[str, Editor] = {}
        self.errors: dict[str, QLabel] = {}
        self._rows: dict[str, tuple[QLabel, QVBoxLayout]] = {}

        self.heading = QLabel()
        self.heading.setObjectName("formHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        # A long title (a note's first line) wraps, and never widens the form past its pane.
        self.heading.setWordWrap(True)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.heading.setSizePolicy(policy)
        self.heading.setMinimumWidth(1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(FIELD_ERROR_STYLE)
        self.message.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            field = self.spec.field(name)
            editor = make_editor(self.spec.name, field, session)
            shown_label = capitalised(tr(field.plain_label))
            label_text = shown_label + (" *" if field.required else "")
            editor.widget.setAccessibleName(shown_label)
            editor.widget.setObjectName(f"field_{name}")
            error = QLabel()
            error.setObjectName(f"error_{name}")
            error.setWordWrap(True)
            error.setStyleSheet(FIELD_ERROR_STYLE)
            error.hide()
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(editor.widget)
            box.addWidget(error)
            label = QLabel(label_text)
            label.setBuddy(editor.widget)
            form.addRow(label, box)
            self._rows[name] = (label, box)
            self.editors[name] = editor
            self.errors[name] = error
            editor.edited.connect(self._on_edited)

        self.save_button = QPushButton(tr("Save"))
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(tr("Undo my typing"))
        self.revert_button.setObjectName("revert")
        self.revert_button.clicked.connect(self.revert)
        self.button_bar = QWidget()  # a pane may pin it below its scrolling (FormPane)
        self.button_bar.setObjectName("formButtons")
        buttons = QHBoxLayout(self.button_bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        # Ctrl+S anywhere in the form, and Enter in a one-line field, save it.
        self.save_keys = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_keys.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_keys.activated.connect(self.save)
        self.save_button.setToolTip(
            tr(
                "Save ({keys})",
                keys=QKeySequence(QKeySequence.StandardKey.Save).toString(
                    QKeySequence.SequenceFormat.NativeText
                ),
            )
        )
        for editor in self.editors.values():
            line = editor.widget if isinstance(editor.widget, QLineEdit) else None
            if line is None:
                line = editor.widget.findChild(QLineEdit)  # a date field's line
            if line is not None:
                line.returnPressed.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.button_bar)
        layout.addStretch(1)
        self.set_record(None)

    # Loading -----------------------------------------------------------------
    def set_record(self, record: Mapping[str, Any] | None, **defaults: Any) -> None:
        """Show ``record`` for editing, or an empty form for a new one (with ``defaults``)."""
        self.record = dict(record) if record is not None else None
        self.defaults = defaults
        for editor in self.editors.values():
            if isinstance(editor, RefEditor):
                editor.refresh()
        source: Mapping[str, Any] = record if record is not None else defaults
        for name, editor in self.editors.items():
            editor.set_value(source.get(name))
        if record is None:
            self.heading.setText(new_record_title(self.spec.name))
        else:
            self.heading.setText(capitalised(records.label_of(self.spec, record, shown_date)))
        self.clear_errors()
        self._set_dirty(False)
        self.loaded.emit()

    def field_labels(self) -> list[QLabel]:
        """The label of each field, in the form's order."""
        return [label for label, _box in self._rows.values()]

    def set_field_visible(self, name: str, visible: bool) -> None:
        """Show or hide one field with its label (e.g. insurer rules only for an insurer)."""
        label, box = self._rows[name]
        label.setVisible(visible)
        self.editors[name].widget.setVisible(visible)
        if not visible:
            self.errors[name].hide()
        del box

    def revert(self) -> None:
        self.set_record(self.record, **self.defaults)

    def is_new(self) -> bool:
        return self.record is None

    def data(self) -> dict[str, Any]:
        """What the form holds now, for the fields it shows."""
        values = {name: editor.value() for name, editor in self.editors.items()}
        if self.record is None:
            values = {**self.defaults, **values}
        return values

    def changed_data(self) -> dict[str, Any]:
        if self.record is None:
            return self.data()
        return {
            name: value
            for name, value in self.data().items()
            if _differs(value, self.record.get(name))
        }

    # Saving ------------------------------------------------------------------
    def save(self) -> Change | None:
        """Create or update; on bad input show why beside each field and keep what was typed."""
        self.clear_errors()
        name = self.spec.name
        data = self.changed_data()
        if self.record is None:
            change = self.session.apply(lambda d: records.create(d, name, data), self._refused)
        elif not data:
            self._set_dirty(False)
            return None
        else:
            record_id = self.record["id"]
            change = self.session.apply(
                lambda d: records.update(d, name, record_id, data), self._refused
            )
        if change is None:
            return None
        self.set_record(change.after)
        self.saved.emit(change)
        return change

    def _refused(self, error: DossierError) -> None:
        """Bad input: why, beside each field (what was typed is kept). A dossier open for
        reading only: one short line here (the notice at the top says why)."""
        if isinstance(error, ValidationError):
            self.show_errors(error.errors)
            return
        lead, _reason = split_refusal(error.message)
        self.show_message(
            lead + " " + tr("The notice at the top of the window says why.")
            if lead
            else error.message
        )

    def show_errors(self, errors: Mapping[str, str]) -> None:
        loose = []
        for name, text in errors.items():
            label = self.errors.get(name)
            if label is None:
                loose.append(text)
                continue
            label.setText(text)
            label.show()
            self.editors[name].widget.setAccessibleDescription(text)
        if loose:
            self.show_message(" ".join(loose))
        first = next((n for n in self.editors if n in errors), None)
        if first is not None:
            self.editors[first].widget.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def clear_errors(self) -> None:
        self.message.hide()
        for name, label in self.errors.items():
            label.clear()
            label.hide()
            self.editors[name].widget.setAccessibleDescription("")

    def _on_edited(self) -> None:
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.revert_button.setEnabled(dirty)


def fit_form(form: RecordForm, scroll: QScrollArea) -> None:
    """Let a form narrow with its pane: long headings wrap, long choice lists do not widen it."""
    form.heading.setWordWrap(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    fields = form.findChild(QFormLayout)
    if fields is not None:  # a field below its label when both do not fit side by side
        fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        _LabelsAbove(form, fields)
    for editor in form.editors.values():
        if isinstance(editor.widget, QComboBox):
            editor.widget.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            editor.widget.setMinimumContentsLength(16)
            editor.widget.setMinimumWidth(120)  # else the longest entry sets the minimum


# Beside their labels, the fields keep at least this many "m" widths; else every label goes
# above its field (a long label, with large text, had left the fields a sliver).
FIELD_EMS = 18


class _LabelsAbove(QObject):
    """Puts the labels of ``form`` above their fields while the fields would be too narrow
    beside them, and back beside them when the form is wide enough again."""

    def __init__(self, form: RecordForm, fields: QFormLayout) -> None:
        super().__init__(form)
        self.form, self.fields = form, fields
        form.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.form and event.type() == QEvent.Type.Resize:
            labels = [label for label in self.form.field_labels() if label.isVisibleTo(self.form)]
            widest = max((label.sizeHint().width() for label in labels), default=0)
            em = self.form.fontMetrics().horizontalAdvance("m")
            room = self.form.width() - widest - self.fields.horizontalSpacing() - 24
            wanted = (
                QFormLayout.RowWrapPolicy.WrapAllRows
                if room < FIELD_EMS * em
                else QFormLayout.RowWrapPolicy.WrapLongRows
            )
            if self.fields.rowWrapPolicy() != wanted:
                self.fields.setRowWrapPolicy(wanted)
        return False


def _differs(typed: Any, stored: Any) -> bool:
    if isinstance(typed, bool) or isinstance(stored, bool):
        return bool(typed) != bool(stored)
    if typed in ("", None) and stored in ("", None):
        return False
    if isinstance(stored, float | int) and isinstance(typed, str):
        try:
            return float(typed.replace(",", ".")) != float(stored)
        except ValueError:
            return True
    if isinstance(stored, str) and isinstance(typed, str) and "T" in stored and len(stored) == 16:
        return typed.strip() != stored.replace("T", " ")
    return bool(typed != stored)
