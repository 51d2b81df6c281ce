"""The main window. For now: the overview of the open dossier (the full app follows)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QScrollArea

from .. import APP_NAME
from ..core.overview import Overview, overview
from ..core.storage import Dossier


class MainWindow(QMainWindow):
    def __init__(self, dossier: Dossier) -> None:
        super().__init__()
        self.dossier = dossier
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
        self.setCentralWidget(scroll)
        self.resize(1000, 700)
        self.refresh()

    def refresh(self) -> None:
        data = overview(self.dossier)
        name = data.person["name"]
        self.setWindowTitle(f"{name} · {APP_NAME}")
        self.summary.setText(self._html(data))

    def _html(self, data: Overview) -> str:
        tr = self.tr
        person = data.person
        born = f"<p>{tr('Born')} {escape(person['born'])}</p>" if person.get("born") else ""
        parts = [f"<h1>{escape(person['name'])}</h1>{born}"]
        parts.append(f"<h2>{tr('Open questions about your health')}</h2>")
        for item in data.cases:
            case = item.case
            deadline = escape(case.get("decision_deadline") or "")
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
        parts.append(f"<h2>{tr('Coming appointments')}</h2>")
        parts += [
            "<p>"
            + " · ".join(
                escape(part)
                for part in (a["starts_at"].replace("T", " "), a.get("purpose"), a.get("location"))
                if part
            )
            + "</p>"
            for a in data.appointments
        ] or [f"<p>{tr('None in the coming weeks.')}</p>"]
        parts.append(f"<h2>{tr('To do')}</h2>")
        for task in data.tasks:
            due = escape(task.get("due_on") or "")
            text = f"{due} · {escape(task['title'])}"
            parts.append(
                f"<p>{'<b>' + tr('Overdue:') + '</b> ' if task['overdue'] else ''}{text}</p>"
            )
        if data.to_bring:
            parts.append(f"<h2>{tr('Bring to the next consultation')}</h2>")
            parts += [f"<p>{escape(d['title'])}</p>" for d in data.to_bring]
        return "".join(parts)
