"""Overview: for each open case, where it stands and what to do next, and by when."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ...core.overview import Overview, overview
from ..formatting import date_text, datetime_text
from ..session import Session


class OverviewPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.summary = QLabel()
        self.summary.setObjectName("overview")
        self.summary.setAccessibleName(self.tr("Overview"))
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setContentsMargins(24, 16, 24, 16)
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)  # calm, readable text for tired eyes
        self.summary.setFont(font)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        session.changed.connect(lambda _change: self.refresh())
        session.reloaded.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.summary.setText(self._html(overview(self.session.dossier)))

    def _html(self, data: Overview) -> str:
        tr = self.tr
        parts = [f"<h2>{tr('Open questions about your health')}</h2>"]
        for item in data.cases:
            case = item.case
            deadline = escape(date_text(case.get("decision_deadline")))
            if item.days_left is None:
                when = tr("No decision deadline set")
            elif item.days_left < 0:
                when = "<b>" + tr("Decision deadline passed on %1").replace("%1", deadline) + "</b>"
            else:
                when = tr("Days left to decide: %1").replace("%1", str(item.days_left))
            counts = (
                tr("Opinions: %1").replace("%1", str(item.opinions))
                + " · "
                + tr("Unanswered questions: %1").replace("%1", str(item.unanswered_questions))
            )
            parts.append(f"<p><b>{escape(case['title'])}</b><br>{when} · {counts}</p>")
        if not data.cases:
            parts.append(f"<p>{tr('No open cases. Add one on the Cases page.')}</p>")
        parts.append(f"<h2>{tr('Coming appointments')}</h2>")
        parts += [
            "<p>"
            + " · ".join(
                escape(part)
                for part in (datetime_text(a["starts_at"]), a.get("purpose"), a.get("location"))
                if part
            )
            + "</p>"
            for a in data.appointments
        ] or [f"<p>{tr('None in the coming weeks.')}</p>"]
        parts.append(f"<h2>{tr('To do')}</h2>")
        for task in data.tasks:
            due = escape(date_text(task.get("due_on")))
            text = " · ".join(p for p in (due, escape(task["title"])) if p)
            parts.append(
                f"<p>{'<b>' + tr('Overdue:') + '</b> ' if task['overdue'] else ''}{text}</p>"
            )
        if not data.tasks:
            parts.append(f"<p>{tr('Nothing to do right now.')}</p>")
        if data.to_bring:
            parts.append(f"<h2>{tr('Bring to the next consultation')}</h2>")
            parts += [f"<p>{escape(d['title'])}</p>" for d in data.to_bring]
        return "".join(parts)
