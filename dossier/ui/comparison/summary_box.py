"""Above the aspects: what agrees and differs in plain words, what the guides advise, the
decision. The advice and the disclaimer fold away; the counts and the decision stay."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from ...core import comparison as cmp
from ...core.i18n import ntr, tr
from ..formatting import date_text
from .aspect_row import wrapped


class SummaryBox(QFrame):
    """The summary of one comparison and its decision, with a button for each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_label = wrapped(name="comparisonSummary", rich=True)
        self.summary_label.setAccessibleName(tr("Summary of the comparison"))
        self.advice = wrapped(name="comparisonAdvice", rich=True)
        self.disclaimer = wrapped(name="comparisonDisclaimer")
        small = self.disclaimer.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        small.setItalic(True)
        self.disclaimer.setFont(small)
        self.add_steps_button = QPushButton(tr("Add these as next steps"))
        self.add_steps_button.setObjectName("addSuggestedSteps")
        self.decision_label = wrapped(name="decisionText", rich=True)
        self.decision_label.setAccessibleName(tr("The decision"))
        self.decision_button = QPushButton(tr("Record the decision…"))
        self.decision_button.setObjectName("recordDecision")

        self.setObjectName("summaryBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.toggle = QToolButton()
        self.toggle.setObjectName("summaryToggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._show_details)
        # What the guides advise and the disclaimer fold away; counts and decision stay.
        self.details = QWidget()
        self.details.setObjectName("summaryDetails")
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(6)
        advice_row = QHBoxLayout()
        advice_row.addWidget(self.advice, 1)
        advice_row.addWidget(self.add_steps_button, 0, Qt.AlignmentFlag.AlignBottom)
        details.addLayout(advice_row)
        details.addWidget(self.disclaimer)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        box.setSpacing(6)
        counts_row = QHBoxLayout()
        counts_row.addWidget(self.summary_label, 1)
        counts_row.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(counts_row)
        box.addWidget(self.details)
        decision_row = QHBoxLayout()
        decision_row.addWidget(self.decision_label, 1)
        decision_row.addWidget(self.decision_button, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(decision_row)
        self._show_details(True)

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.UpArrow if shown else Qt.ArrowType.DownArrow)
        self.toggle.setText(tr("Hide advice") if shown else tr("Show advice"))
        self.toggle.setAccessibleName(
            tr("Hide what the guides advise") if shown else tr("Show what the guides advise")
        )

    def counts_text(self, summary: cmp.Summary) -> str:
        """How many points were compared and how they came out, in one sentence that
        leaves out what did not happen ("and 0 are not addressed")."""
        total = summary.agree + summary.differ + summary.not_addressed
        if total == 1:
            if summary.agree:
                return tr("One point was compared: the opinions say the same.")
            if summary.differ:
                return tr("One point was compared: the opinions differ wholly or partly.")
            return tr("One point was compared: not every opinion addresses it.")
        counts = {"agree": summary.agree, "differ": summary.differ}
        if summary.not_addressed == 0:
            return ntr(
                "Of the {n} point compared, the opinions say the same on {agree} and differ "
                "wholly or partly on {differ}.",
                "Of the {n} points compared, the opinions say the same on {agree} and differ "
                "wholly or partly on {differ}.",
                total,
                **counts,
            )
        # Translators: {n} is how many points are not addressed by every opinion (one or
        # more); {total} how many points were compared (two or more).
        return ntr(
            "Of the {total} points compared, the opinions say the same on {agree}, differ "
            "wholly or partly on {differ}, and one is not addressed by every opinion.",
            "Of the {total} points compared, the opinions say the same on {agree}, differ "
            "wholly or partly on {differ}, and {n} are not addressed by every opinion.",
            summary.not_addressed,
            total=total,
            **counts,
        )

    def show_summary(self, summary: cmp.Summary, table: cmp.ComparisonTable) -> None:
        """Fill in ``summary`` of ``table``; its buttons work once the comparison is kept."""
        counts = self.counts_text(summary)
        self.summary_label.setText(f"<b>{escape(counts)}</b>")
        if summary.advice:
            steps = "".join(
                f"<li>{escape(s.title)}"
                + (" <i>(" + escape(tr("added")) + ")</i>" if s.added else "")
                + "</li>"
                for s in summary.suggested
            )
            self.advice.setText(
                f"{escape(summary.advice)}<ul style='margin-top:4px; margin-bottom:0'>{steps}</ul>"
            )
        self.advice.setVisible(bool(summary.advice))
        pending = [s for s in summary.suggested if not s.added]
        self.add_steps_button.setVisible(bool(summary.suggested))
        self.add_steps_button.setEnabled(table.stored and bool(pending))
        self.add_steps_button.setText(
            tr("Add these as next steps") if pending else tr("Added as next steps")
        )
        self.disclaimer.setText(summary.disclaimer)
        self.decision_label.setText(self._decision_html(table))
        self.decision_button.setEnabled(table.stored)
        self.decision_button.setText(
            tr("Change the decision…") if table.decision.made else tr("Record the decision…")
        )

    def _decision_html(self, table: cmp.ComparisonTable) -> str:
        decision = table.decision
        deadline = date_text(decision.deadline)
        if not decision.made:
            text = tr("No decision is written down yet.")
            if deadline:
                text += " " + tr("You wanted to decide by {date}.", date=deadline)
            return escape(text)
        parts = ["<b>" + escape(tr("Decision:")) + f"</b> {escape(decision.text or '')}"]
        when = date_text(decision.decided_on)
        dates = {"date": when, "deadline": deadline}
        if decision.within_deadline is True:
            timing = tr("Decided on {date}, within the decision deadline ({deadline}).", **dates)
        elif decision.within_deadline is False:
            timing = tr("Decided on {date}, after the decision deadline ({deadline}).", **dates)
        elif when:
            timing = tr("Decided on {date}.", date=when)
        else:
            timing = ""
        if timing:
            parts.append(escape(timing))
        if decision.reason:
            parts.append(f"{escape(tr('Why:'))} {escape(decision.reason)}")
        if decision.participants:
            parts.append(f"{escape(tr('Who took part:'))} {escape(decision.participants)}")
        return "<br>".join(parts)
