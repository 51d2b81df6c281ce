"""The person's medicines in the Person's details dialog: those taken now (and those to
start), and below them, when asked for, those stopped. Add…, Edit… and Mark as stopped…
open the medicine's record form in a small dialog (with an example in the empty strength
and dose); Move to trash moves the medicine there. Every change goes through the session,
so Edit ▸ Undo takes it back."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QSpacerItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core import records
from ..core.bidi import isolate
from ..core.clock import today
from ..core.errors import DossierError
from ..core.i18n import ntr, tr
from ..core.records import Change
from .models.record_table import SORT_ROLE, Column, RecordTableModel
from .session import Session
from .widgets.common import push_button, record_table
from .widgets.fit_columns import ColumnFitter
from .widgets.form_pane import FormPane
from .widgets.labels import heading_label, text_label
from .widgets.record_form import RecordForm

__all__ = ["UNTIL", "MedicineEdit", "MedicinesPanel"]

UNTIL = 3  # the column of the last day


def _day(record: dict[str, Any], key: str) -> date | None:
    try:
        return date.fromisoformat(str(record.get(key) or "")[:10])
    except ValueError:
        return None


def _stopped(record: dict[str, Any]) -> bool:
    """Ended before today: a past medicine."""
    ended = _day(record, "ended_on")
    return ended is not None and ended < today()


class MedicineEdit(QDialog):
    """A medicine's record form (a new one, or one to edit; ``fields``: only those); saving
    (through the session, so it can be undone) closes it."""

    def __init__(
        self,
        session: Session,
        record: dict[str, Any] | None,
        parent: QWidget | None = None,
        *,
        title: str,
        fields: tuple[str, ...] | None = None,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("medicineEdit")
        self.setWindowTitle(title)
        self.form = RecordForm(session, "medication", fields=fields)
        self.form.set_record(record)
        _examples(self.form)
        self.form.saved.connect(self._saved)
        self.change: Change | None = None
        pane = FormPane(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            layout.addWidget(text_label(intro, "intro"))
        layout.addWidget(pane, 1)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(560, min(300 if fields else 600, screen.height() - 80))

    def _saved(self, change: Change) -> None:
        self.change = change
        self.accept()


def _examples(form: RecordForm) -> None:
    """An example in the empty strength and dose: the two are easily confused."""
    examples = {
        "strength": tr("For example: 500 mg"),
        "dose": tr("For example: 1 tablet twice a day"),
    }
    for key, example in examples.items():
        editor = form.editors.get(key)
        if editor is not None and isinstance(editor.widget, QLineEdit):
            editor.widget.setPlaceholderText(example)


class MedicinesPanel(QWidget):
    """The medicines as two lists (now, and stopped when shown) with their buttons."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("medicines")
        intro = text_label(
            tr(
                "Each medicine with its strength, dose, since when, who prescribed it and "
                "why. The consultation brief prints those taken on the day it is printed."
            ),
            "medicinesIntro",
        )
        self._fitters: dict[str, ColumnFitter] = {}
        self.current = self._table("currentMedicines", tr("Medicines taken now"), past=False)
        self.past = self._table("pastMedicines", tr("Medicines stopped"), past=True)
        self.current_heading = heading_label(tr("Taken now"), "currentHeading")
        self.empty = text_label(
            tr("No medicine is listed yet: add one with the “Add…” button."), "noMedicine"
        )
        self.show_past = QCheckBox()
        self.show_past.setObjectName("showPast")
        self.show_past.toggled.connect(self._show_past)

        self.add_button = push_button("addMedicine", tr("Add…"), self.add)
        self.edit_button = push_button("editMedicine", tr("Edit…"), self.edit)
        self.stop_button = push_button("stopMedicine", tr("Mark as stopped…"), self.stop)
        self.stop_button.setToolTip(tr("Record the day this medicine was stopped"))
        self.trash_button = push_button("trashMedicine", tr("Move to trash"), self.trash)
        self.message = text_label("", "medicinesMessage")
        self.message.hide()

        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.stop_button, self.trash_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.current_heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.current, 2)
        layout.addWidget(self.show_past)
        layout.addWidget(self.past, 1)
        # Without a list (no medicine yet) the words and buttons stay at the top.
        self.bottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        layout.addItem(self.bottom)
        self.past.hide()
        self.session.changed.connect(self._after_change)
        self.session.reloaded.connect(self._update)
        self._update()

    # The lists -----------------------------------------------------------------
    def _table(self, name: str, title: str, *, past: bool) -> QTableView:
        def keep(record: dict[str, Any]) -> bool:
            return _stopped(record) == past

        model = RecordTableModel(self.session, "medication", self._columns(past), keep=keep)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        proxy.setDynamicSortFilter(True)
        proxy.sort(0)  # by name; the stopped ones by the day stopped, latest first
        table = QTableView()
        table.setObjectName(name)
        table.setAccessibleName(title)
        table.setModel(proxy)
        record_table(table)
        table.selectionModel().currentRowChanged.connect(
            lambda current, _previous, view=table: self._on_current(view, current)
        )
        table.doubleClicked.connect(lambda _index: self.edit())
        self._fitters[name] = ColumnFitter(table)
        self._fitters[name].fit()
        return table

    def _columns(self, past: bool) -> list[Column]:
        def name(record: dict[str, Any]) -> str:
            strength = " ".join(str(record.get("strength") or "").split())
            medicine = isolate(" ".join(str(record.get("name") or "").split()))
            if not strength:
                return medicine
            return tr("{medicine} {strength}", medicine=medicine, strength=isolate(strength))

        def order(record: dict[str, Any]) -> Any:
            by_name = str(record.get("name") or "").casefold()
            if past:
                ended = _day(record, "ended_on") or date.min
                return f"{9_999_999 - ended.toordinal():07d} {by_name}"
            return by_name

        return [
            Column("name", tr("Medicine"), name, order),
            Column("dose", tr("Dose")),
            Column("started_on", tr("Since")),
            Column("ended_on", tr("Until")),
            Column("prescribed_by_id", tr("Prescribed by"), self._prescriber),
            Column("reason", tr("Why")),
        ]

    def _prescriber(self, record: dict[str, Any]) -> str:
        contact_id = record.get("prescribed_by_id")
        if contact_id is None:
            return ""
        try:
            contact = records.get(self.session.dossier, "contact", int(contact_id))
        except DossierError:
            return ""
        return " ".join(str(contact.get("name") or "").split())

    def _model(self, table: QTableView) -> RecordTableModel:
        proxy = table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        model = proxy.sourceModel()
        assert isinstance(model, RecordTableModel)
        return model

    def records_in(self, table: QTableView) -> list[dict[str, Any]]:
        """The medicines ``table`` lists, in its order."""
        proxy = table.model()
        model = self._model(table)
        assert isinstance(proxy, QSortFilterProxyModel)
        while model.canFetchMore():
            model.fetchMore()
        return [
            model.record(proxy.mapToSource(proxy.index(row, 0)).row())
            for row in range(proxy.rowCount())
        ]

    def selected(self) -> dict[str, Any] | None:
        """The medicine chosen in either list."""
        for table in (self.current, self.past):
            index = table.currentIndex()
            if index.isValid() and (table is self.current or self.show_past.isChecked()):
                proxy = table.model()
                assert isinstance(proxy, QSortFilterProxyModel)
                return self._model(table).record(proxy.mapToSource(index).row())
        return None

    def select(self, record_id: int) -> bool:
        """Choose the medicine ``record_id`` in the list that holds it."""
        for table in (self.current, self.past):
            model = self._model(table)
            row = model.row_of(record_id)
            if row is None:
                continue
            if table is self.past:
                self.show_past.setChecked(True)
            proxy = table.model()
            assert isinstance(proxy, QSortFilterProxyModel)
            table.setCurrentIndex(proxy.mapFromSource(model.index(row, 0)))
            return True
        return False

    # Actions -------------------------------------------------------------------
    def add(self) -> Change | None:
        dialog = MedicineEdit(self.session, None, self, title=tr("New medicine"))
        return self._run(dialog)

    def edit(self) -> Change | None:
        record = self.selected()
        if record is None:
            return None
        dialog = MedicineEdit(self.session, record, self, title=tr("Edit the medicine"))
        return self._run(dialog)

    def stop(self) -> Change | None:
        """Ask for the day the chosen medicine was stopped (today unless changed)."""
        record = self.selected()
        if record is None:
            return None
        dialog = MedicineEdit(
            self.session,
            record,
            self,
            title=tr("Medicine stopped"),
            fields=("ended_on",),
            intro=tr("The day this medicine was stopped: today, or the day you type or pick."),
        )
        if not record.get("ended_on") or not _stopped(record):
            dialog.form.editors["ended_on"].set_value(today().isoformat())
            dialog.form.revert_button.setEnabled(True)
        return self._run(dialog)

    def trash(self) -> Change | None:
        record = self.selected()
        if record is None:
            return None
        record_id = int(record["id"])
        return self.session.apply(
            lambda d: records.delete(d, "medication", record_id), self._refused
        )

    def _run(self, dialog: MedicineEdit) -> Change | None:
        dialog.exec()
        change = dialog.change
        dialog.deleteLater()
        if change is not None:
            self.select(change.id)
        return change

    def _refused(self, error: DossierError) -> None:
        self.message.setText(error.message)
        self.message.show()

    # Reactions -----------------------------------------------------------------
    def _on_current(self, table: QTableView, current: QModelIndex) -> None:
        if current.isValid():
            other = self.past if table is self.current else self.current
            other.selectionModel().clear()
            other.setCurrentIndex(QModelIndex())
        self._update()

    def _show_past(self, shown: bool) -> None:
        self.past.setVisible(shown)
        if not shown:
            self.past.selectionModel().clear()
            self.past.setCurrentIndex(QModelIndex())
        self._update()

    def _after_change(self, change: Change) -> None:
        if change.entity in ("medication", "contact"):
            self.message.hide()
            self._update()

    def _update(self) -> None:
        now, stopped = len(self.records_in(self.current)), len(self.records_in(self.past))
        self.empty.setVisible(now == 0 and stopped == 0)
        self.current.setVisible(now > 0)
        self.current_heading.setVisible(now > 0)
        self.show_past.setText(
            ntr("Show the stopped medicine ({n})", "Show the stopped medicines ({n})", stopped)
        )
        # "Until" among those taken now only when one of them has a planned last day.
        planned_end = any(m.get("ended_on") for m in self.records_in(self.current))
        if self.current.isColumnHidden(UNTIL) == planned_end:
            self.current.setColumnHidden(UNTIL, not planned_end)
            self._fitters["currentMedicines"].fit()
        self.show_past.setVisible(stopped > 0)
        self.past.setVisible(self.show_past.isChecked() and stopped > 0)
        chosen = self.selected() is not None
        for button in (self.edit_button, self.stop_button, self.trash_button):
            button.setEnabled(chosen)
