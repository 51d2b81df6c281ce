"""Above the tabs of the case shown: its title and the next step to take, in plain words."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ...core.handover.told import told_checklist
from ...core.i18n import ntr, tr
from ...core.steps import case_steps
from ..session import Session


class CaseHeader(QWidget):
    """The case's title (large, bold) and where it stands: the next of its six steps."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = QLabel()
        self.title.setObjectName("caseTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.next_step = QLabel()
        self.next_step.setObjectName("caseNextStep")
        self.next_step.setWordWrap(True)
        self.next_step.setTextFormat(Qt.TextFormat.RichText)
        self.next_step.setFrameShape(QFrame.Shape.StyledPanel)
        self.next_step.setContentsMargins(8, 6, 8, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.next_step)

    def show_case(self, case: dict[str, Any] | None) -> None:
        """Show ``case`` (None: a new case, with what a case is)."""
        if case is None:
            self.title.setText(tr("New case"))
            self.next_step.setText(
                escape(
                    tr(
                        "A case is one thing you are unsure about: a diagnosis, a treatment "
                        "plan, an operation, or a decision by an insurer or an agency. Give "
                        "it a short title and write down the question you want answered."
                    )
                )
            )
            return
        self.title.setText(str(case["title"]))
        progress = case_steps(self.session.dossier, case["id"])
        step = progress.next_step()
        done = tr("Steps done: {done} of 6.", done=progress.done_count)
        if step is None:
            decided = progress.step("decision").status
            told = self._told(case) if progress.decided else ""
            self.next_step.setText(f"{escape(done)} {escape(decided)}{told}")
            return
        label = (
            tr("Next step")
            if step.number == 0
            else tr(
                "Next, step {number} of 6 (not done yet: {step})",
                number=step.number,
                step=step.title.lower(),
            )
        )
        what = step.hint or step.status
        self.next_step.setText(f"<b>{escape(label)}</b> — {escape(what)}<br>{escape(done)}")

    def _told(self, case: dict[str, Any]) -> str:
        """After the decision, until everyone treating the patient knows: how many do."""
        if case.get("status") == "closed":
            return ""
        rows = told_checklist(self.session.dossier, case["id"])
        told = sum(row.told for row in rows)
        if not rows or told == len(rows):
            return ""
        text = ntr(
            "Told of the decision: {told} of {n}.",
            "Told of the decision: {told} of {n}.",
            len(rows),
            told=told,
        )
        return "<br>" + escape(text)
