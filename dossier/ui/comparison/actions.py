"""What a person does with a comparison: keep it, give verdicts and notes, add and remove
sources, turn a difference into a question or a next step, write the decision down.

Each is one core call (:mod:`dossier.core.comparison`) through the session, so it can be
undone; the view refreshes on the change it announces. The dialogs open window-modal
without blocking: what they ask is written when they are accepted.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog

from ...core import comparison as cmp
from ...core import records
from ...core.bidi import isolate
from ...core.clock import today
from ...core.entities import VERDICTS
from ...core.i18n import tr
from ...core.records import Change
from ..models.names import appointment_label
from .aspect_row import SUGGESTION
from .dialogs import DecisionDialog, QuestionDialog, SourceDialog, StepDialog

if TYPE_CHECKING:
    from .view import ComparisonView


class ComparisonActions(QObject):
    """The person's actions on the comparison ``view`` shows (its case, table and rows)."""

    def __init__(self, view: ComparisonView) -> None:
        super().__init__(view)
        self.view = view
        self.session = view.session
        self.dialog: QDialog | None = None  # the dialog open now, for tests and focus

    def _apply(self, operation: Any) -> Change | None:
        change = self.session.apply(operation, lambda error: self.view.say(error.message))
        if change is not None:
            self.view.message.hide()
        return change

    def start(self) -> None:
        """Keep the comparison of the opinions ticked."""
        view = self.view
        if view.case_id is None or view.table is None or view.table.stored:
            return
        case_id, ids = view.case_id, list(view.chosen)
        self._apply(lambda d: cmp.start(d, case_id, ids))

    def _comparison_id(self) -> int | None:
        return self.view.table.comparison_id if self.view.table is not None else None

    def verdict_picked(self, aspect: str, index: int) -> None:
        comparison_id = self._comparison_id()
        row = self.view.rows.get(aspect)
        if comparison_id is None or row is None:
            return
        verdict = row.verdict.itemData(index)
        if verdict == SUGGESTION:
            verdict = None
        elif verdict not in VERDICTS:
            return
        self._apply(lambda d: cmp.set_verdict(d, comparison_id, aspect, verdict))

    def set_verdict(self, aspect: str, verdict: str | None) -> None:
        comparison_id = self._comparison_id()
        if comparison_id is not None:
            self._apply(lambda d: cmp.set_verdict(d, comparison_id, aspect, verdict))

    def note_edited(self, aspect: str) -> None:
        comparison_id = self._comparison_id()
        widgets = self.view.rows.get(aspect)
        table = self.view.table
        if comparison_id is None or widgets is None or table is None:
            return
        text = widgets.note.text().strip()
        if text == (table.row(aspect).note or ""):
            return
        widgets.note_shown = text
        self._apply(lambda d: cmp.set_note(d, comparison_id, aspect, text or None))

    def cell_link(self, aspect: str, column: int, link: str) -> None:
        if link == "add":
            self.add_source(aspect, column)
            return
        if link.startswith("remove:") and link[7:].isdigit():
            self.remove_source(aspect, column, int(link[7:]))
            return
        kind, _, rest = link.partition(":")
        document, _, page = rest.partition(":")
        if kind == "doc" and document.isdigit():
            self.view.open_document.emit(
                int(document), int(page) if page.isdigit() and int(page) else None
            )

    def _show_dialog(self, dialog: QDialog, done: Any) -> QDialog:
        """Open ``dialog`` (window-modal, not blocking); ``done()`` runs when it is accepted."""
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(done)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def add_source(self, aspect: str, column: int) -> QDialog | None:
        """Ask which document (and page) backs what one opinion says on ``aspect``."""
        table, case_id = self.view.table, self.view.case_id
        if table is None or case_id is None:
            return None
        col = table.columns[column]
        cell = table.row(aspect).cells[column]
        documents = records.list_records(self.session.dossier, "document", case_id=case_id)
        what = tr(
            "Which document shows what {doctor} says on the {aspect}?",
            doctor=isolate(col.who),
            aspect=table.row(aspect).label,
        )
        dialog = SourceDialog(what, documents, col.report_document_id, self.view)

        def done() -> None:
            cited = [{"document_id": c.document_id, "page": c.page} for c in cell.citations]
            cited.append(dialog.citation())
            opinion_id = col.opinion_id
            self._apply(lambda d: cmp.set_citations(d, opinion_id, aspect, cited))

        return self._show_dialog(dialog, done)

    def remove_source(self, aspect: str, column: int, index: int) -> None:
        """Take the ``index``-th source away from what one opinion says on ``aspect``."""
        table = self.view.table
        if table is None or not 0 <= column < len(table.columns):
            return
        citations = table.row(aspect).cells[column].citations
        if not 0 <= index < len(citations):
            return
        rest = [
            {"document_id": c.document_id, "page": c.page}
            for n, c in enumerate(citations)
            if n != index
        ]
        opinion_id = table.columns[column].opinion_id
        self._apply(lambda d: cmp.set_citations(d, opinion_id, aspect, rest))

    def ask_question(self, aspect: str) -> QDialog | None:
        """Offer the question made from ``aspect`` for editing, then add it."""
        table, comparison_id = self.view.table, self._comparison_id()
        if table is None or comparison_id is None:
            return None
        dialog = QuestionDialog(
            cmp.question_text(table, table.row(aspect)), self._appointments(), self.view
        )

        def done() -> None:
            text, appointment = dialog.question(), dialog.appointment_id()
            self._apply(
                lambda d: cmp.aspect_to_question(
                    d, comparison_id, aspect, text=text, appointment_id=appointment
                )
            )

        return self._show_dialog(dialog, done)

    def add_next_step(self, aspect: str) -> QDialog | None:
        """Offer the next step made from ``aspect`` with a due date, then add it."""
        table, comparison_id = self.view.table, self._comparison_id()
        if table is None or comparison_id is None:
            return None
        dialog = StepDialog(
            cmp.step_title(table, table.row(aspect)), self._default_due(), self.view
        )

        def done() -> None:
            title, due = dialog.step_title(), dialog.due_on()
            self._apply(
                lambda d: cmp.aspect_to_next_step(d, comparison_id, aspect, due_on=due, title=title)
            )

        return self._show_dialog(dialog, done)

    def add_suggested_steps(self) -> None:
        comparison_id = self._comparison_id()
        if comparison_id is not None:
            self._apply(lambda d: cmp.add_suggested_steps(d, comparison_id))

    def record_decision(self) -> QDialog | None:
        """Ask what was decided, why, when and with whom; write it down."""
        table, comparison_id = self.view.table, self._comparison_id()
        if table is None or comparison_id is None:
            return None
        decision = table.decision
        dialog = DecisionDialog(
            {
                "text": decision.text,
                "reason": decision.reason,
                "decided_on": decision.decided_on,
                "participants": decision.participants,
            },
            decision.deadline,
            today().isoformat(),
            self.view,
        )

        def done() -> None:
            values = dialog.values()
            self._apply(lambda d: cmp.record_decision(d, comparison_id, **values))

        return self._show_dialog(dialog, done)

    def _appointments(self) -> list[tuple[int, str]]:
        now = today().isoformat()
        case_id = self.view.case_id
        found = [
            a
            for a in records.list_records(self.session.dossier, "appointment")
            if a.get("starts_at", "") >= now and (a.get("case_id") in (None, case_id))
        ]
        found.sort(key=lambda a: a["starts_at"])
        return [(int(a["id"]), appointment_label(self.session, a)) for a in found]

    def _default_due(self) -> str:
        """A week from today, or the decision deadline if that comes sooner."""
        due = today() + timedelta(days=7)
        case: dict[str, Any] = {}
        if self.view.case_id is not None:
            case = records.get(self.session.dossier, "case", self.view.case_id)
        deadline = case.get("decision_deadline")
        if deadline:
            limit = date.fromisoformat(deadline[:10])
            if today() <= limit < due:
                due = limit
        return due.isoformat()
