"""Costs and claims, with what the insurer is expected to pay back."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.reimbursement import expected_for
from ..formatting import money_text
from ..models.record_table import Column
from ..session import Session
from .record_page import RecordPage


class CostsPage(RecordPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        columns = [
            Column("incurred_on", tr("Date")),
            Column("description", tr("What")),
            Column(
                "amount",
                tr("Amount"),
                text=lambda r: money_text(r["amount"], r.get("currency")),
            ),
            Column(
                "expected",
                tr("Expected back"),
                text=self._expected_text,
                sort=self._expected_sort,
            ),
            Column("claim_status", tr("Claim")),
            Column(
                "reimbursed",
                tr("Received"),
                text=lambda r: money_text(r.get("reimbursed"), r.get("currency")),
            ),
        ]
        super().__init__(session, "cost", columns, title=tr("Costs"), parent=parent)
        self.expectation = QLabel()
        self.expectation.setObjectName("expectation")
        self.expectation.setWordWrap(True)
        form_layout = self.form.layout()
        assert isinstance(form_layout, QVBoxLayout)
        form_layout.insertWidget(2, self.expectation)
        self.selected.connect(self._explain)

    def _expected(self, record: dict[str, Any]) -> Any:
        try:
            return expected_for(self.session.dossier, record["id"])
        except DossierError:
            return None

    def _expected_text(self, record: dict[str, Any]) -> str:
        result = self._expected(record)
        return (
            money_text(result.expected, result.currency)
            if result and result.expected is not None
            else "?"
        )

    def _expected_sort(self, record: dict[str, Any]) -> float:
        result = self._expected(record)
        return result.expected if result and result.expected is not None else -1.0

    def _explain(self, record: dict[str, Any] | None) -> None:
        if record is None:
            self.expectation.clear()
            return
        result = self._expected(record)
        if result is None:
            self.expectation.clear()
            return
        amount = (
            money_text(result.expected, result.currency) if result.expected is not None else "?"
        )
        self.expectation.setText(
            tr("Expected back: {amount}.", amount=amount) + " " + " ".join(result.reasons)
        )
