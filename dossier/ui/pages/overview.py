"""Overview: for each open case, where it stands and what to do next, and by when.

The first screen answers a worried person's two questions. Each open case shows its
six steps ticked (with words, not colour alone), what to do next, and the days left
before the decision deadline; beside the cases, the appointments and deadlines of the
coming weeks (overdue ones first and in bold), and the documents to bring. The case
whose decision deadline comes first is at the top. Clicking
a case's title opens it on the Cases page (:attr:`OverviewPage.open_case`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from ...core.bidi import isolate
from ...core.clock import today
from ...core.i18n import is_right_to_left, ntr, tr
from ...core.locale_format import full_date, number, short_time, weekday_date
from ...core.overview import CaseSummary, Overview, overview
from ...core.plan import open_plans
from ...core.steps import CaseSteps, Step, all_case_steps
from ..formatting import date_text, escape
from ..plan.overview_warning import plan_warnings_html
from ..reminders.missed_panel import MissedReminders
from ..session import Session
from .overview_told import ToldPanel

WEEKS = 6  # how far ahead "the coming weeks" look


def _row(cells: list[str]) -> str:
    """A table row whose first cell is where reading starts: on the right in Hebrew (Qt's
    rich text does not mirror a table's columns itself)."""
    ordered = cells[::-1] if is_right_to_left() else cells
    return "<tr>" + "".join(ordered) + "</tr>"


class OverviewPage(QWidget):
    open_case = Signal(int)  # a case's title was clicked: show it on the Cases page
    open_plan = Signal(int)  # "Open the plan" of a plan that does not fit
    new_case = Signal()  # "Add one" was clicked on an Overview without open cases

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # A text browser lays out long rich text far faster than a word-wrapped label
        # (one layout instead of a search for the best width): 70 ms instead of 370.
        self.summary = QTextBrowser()
        self.summary.setObjectName("overview")
        self.summary.setAccessibleName(tr("Overview"))
        self.summary.setOpenLinks(False)
        self.summary.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.summary.setViewportMargins(20, 12, 20, 16)
        self.summary.viewport().setAutoFillBackground(False)
        self.summary.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.summary.anchorClicked.connect(lambda url: self._follow_link(url.toString()))
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)  # calm, readable text for tired eyes
        self.summary.setFont(font)
        self._html_text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.missed = MissedReminders(session, self)  # once: what fell due while closed
        layout.addWidget(self.missed)
        self.told = ToldPanel(session, self)  # after a decision: who has been told
        layout.addWidget(self.told)
        layout.addWidget(self.summary)
        session.changed.connect(lambda _change: self.refresh())
        session.reloaded.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        dossier = self.session.dossier
        data = overview(dossier, weeks=WEEKS)
        steps = {s.case["id"]: s for s in all_case_steps(dossier)}
        self._html_text = self._html(data, steps, plan_warnings_html(open_plans(dossier)))
        position = self.summary.verticalScrollBar().value()
        self.summary.setHtml(self._html_text)
        self.summary.verticalScrollBar().setValue(position)
        self.told.refresh()

    def html(self) -> str:
        """The page as the HTML it was given (for tests and printing)."""
        return self._html_text

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "summary"):
            # Light or dark: the cards' background follows.
            self.refresh()

    def _follow_link(self, link: str) -> None:
        kind, _, number = link.partition(":")
        if kind == "case" and number.isdigit():
            self.open_case.emit(int(number))
        elif kind == "plan" and number.isdigit():
            self.open_plan.emit(int(number))
        elif kind == "new-case":
            self.new_case.emit()

    # The page ------------------------------------------------------------------------
    def _html(self, data: Overview, steps: dict[int, CaseSteps], warnings: str = "") -> str:
        today_line = escape(tr("Today is {date}.", date=full_date(today())))
        urgent_first = sorted(
            data.cases, key=lambda c: (c.days_left is None, c.days_left or 0, c.case["id"])
        )
        cases = [
            self._case_html(item, steps[item.case["id"]])
            for item in urgent_first
            if item.case["id"] in steps
        ] or [
            "<p>"
            + escape(tr("No open cases."))
            + " "
            + tr(
                "<a href='{link}'>Add a case</a>: the question about your health you want a "
                "second opinion on.",
                link="new-case:",
            )
            + "</p>"
        ]
        left = (
            "<h2>" + escape(tr("Open questions about your health")) + "</h2>"
            f"<p>{today_line}</p>" + warnings + "".join(cases)
        )
        right = self._agenda_html(data) + self._bring_html(data)
        between = "left" if is_right_to_left() else "right"  # the space between the columns
        columns = [
            f"<td width='62%' valign='top' style='padding-{between}: 24px'>{left}</td>",
            f"<td width='38%' valign='top'>{right}</td>",
        ]
        return f"<table width='100%' cellspacing='0' cellpadding='0'>{_row(columns)}</table>"

    def _case_html(self, item: CaseSummary, progress: CaseSteps) -> str:
        case = item.case
        card = self.palette().color(QPalette.ColorRole.AlternateBase).name()
        title = f"<a href='case:{case['id']}'>{escape(str(case['title']))}</a>"
        lines = [f"<h3 style='margin-top: 0'>{title}</h3>", f"<p>{self._deadline_html(item)}</p>"]
        step = progress.next_step()
        if step is not None:
            lines.append(f"<p>{self._next_html(step)}</p>")
        if progress.decision is not None:
            decision = progress.decision
            when = date_text(decision.get("decided_on"))
            lines.append(
                f"<p><b>{escape(tr('Decision:'))}</b> {escape(isolate(str(decision['decision'])))}"
                + (f" ({escape(when)})" if when else "")
                + "</p>"
            )
        elif step is None:
            lines.append(f"<p>{escape(progress.step('decision').status)}</p>")
        lines.append(self._steps_html(progress))
        lines.append(
            "<p>"
            + escape(
                tr("Opinions: {count}", count=number(item.opinions))
                + " · "
                + tr("Unanswered questions: {count}", count=number(item.unanswered_questions))
            )
            + "</p>"
        )
        return (
            f"<table width='100%' cellpadding='12' cellspacing='0' bgcolor='{card}'>"
            f"<tr><td>{''.join(lines)}</td></tr></table><p></p>"
        )

    def _deadline_html(self, item: CaseSummary) -> str:
        deadline = date_text(item.case.get("decision_deadline"))
        if item.days_left is None:
            return escape(tr("No decision deadline set."))
        if item.days_left < 0:
            late = -item.days_left
            text = ntr(
                "Overdue: the decision deadline passed yesterday ({deadline}).",
                "Overdue: the decision deadline passed {n} days ago ({deadline}).",
                late,
                deadline=deadline,
            )
            return "<b>" + escape(text) + "</b>"
        if item.days_left == 0:
            return "<b>" + escape(tr("The decision deadline is today.")) + "</b>"
        return escape(
            ntr(
                "Days left to decide: {n} (until {deadline}).",
                "Days left to decide: {n} (until {deadline}).",
                item.days_left,
                deadline=deadline,
            )
        )

    def _next_html(self, step: Step) -> str:
        what = step.hint or step.status
        if step.number == 0:
            label = tr("First:")
        else:
            label = tr(
                "Next, step {number} of 6 (not done yet: {step}):",
                number=step.number,
                step=step.title.lower(),
            )
        return f"<b>{escape(label)}</b> {escape(what)}"

    def _steps_html(self, progress: CaseSteps) -> str:
        cells = [self._step_cell(step) for step in progress.steps]
        rows = "".join(
            _row([f"<td width='50%'>{cells[i]}</td>", f"<td width='50%'>{cells[i + 1]}</td>"])
            for i in range(0, len(cells), 2)
        )
        return (
            "<table width='100%' cellspacing='0' cellpadding='3' style='margin-top: 8px'>"
            f"{rows}</table>"
        )

    def _step_cell(self, step: Step) -> str:
        if step.done:
            return f"✓&nbsp;{escape(step.title)}"
        state = tr("under way") if step.started else tr("not yet")
        mark = "◐" if step.started else "○"
        return f"{mark}&nbsp;{escape(step.title)}: <i>{escape(state)}</i>"

    # The coming weeks ------------------------------------------------------------------
    def _agenda_html(self, data: Overview) -> str:
        now = today()
        horizon = now + timedelta(weeks=WEEKS)
        overdue = [t for t in data.tasks if t["overdue"]]
        dated: list[tuple[str, str]] = []
        for task in data.tasks:
            due = task.get("due_on")
            if due and not task["overdue"] and date.fromisoformat(due) <= horizon:
                dated.append((due, self._task_line(task, now)))
        for appointment in data.appointments:
            dated.append((appointment["starts_at"], self._appointment_line(appointment, now)))
        dated.sort(key=lambda pair: pair[0])
        undated = [t for t in data.tasks if not t.get("due_on")]
        parts = ["<h2>" + escape(tr("The coming weeks")) + "</h2>"]
        if overdue:
            parts += [f"<p>{self._task_line(t, now)}</p>" for t in overdue]
        parts += [f"<p>{line}</p>" for _, line in dated]
        if not overdue and not dated:
            parts.append(
                "<p>" + escape(tr("No appointments or deadlines in the coming weeks.")) + "</p>"
            )
        if undated:
            parts.append("<h3>" + escape(tr("Also to do")) + "</h3>")
            parts += [f"<p>{escape(str(t['title']))}</p>" for t in undated]
        return "".join(parts)

    def _task_line(self, task: dict[str, Any], now: date) -> str:
        due = task["due_on"]
        title = escape(isolate(str(task["title"])))
        when = escape(self._day_text(due))
        if task["overdue"]:
            late = (now - date.fromisoformat(due)).days
            ago = ntr("{n} day late", "{n} days late", late)
            overdue = escape(tr("Overdue:"))
            return f"<b>{overdue} {title}</b><br>{when} · {escape(ago)}"
        deadline = escape(tr("Deadline:"))
        return f"<b>{when}</b> · {deadline} {title}{self._in_days(due, now)}"

    def _appointment_line(self, appointment: dict[str, Any], now: date) -> str:
        starts = str(appointment["starts_at"])
        try:
            time = short_time(datetime.fromisoformat(starts[:16].replace(" ", "T")))
        except ValueError:
            time = ""
        what = "<br>".join(
            escape(str(part))
            for part in (appointment.get("purpose"), appointment.get("location"))
            if part
        )
        return (
            f"<b>{escape(self._day_text(starts))}, {escape(time)}</b>"
            f"{self._in_days(starts, now)}<br>{what}"
        )

    def _in_days(self, iso: str, now: date) -> str:
        days = (date.fromisoformat(iso[:10]) - now).days
        if days == 0:
            text = tr("today")
        elif days == 1:
            text = tr("tomorrow")
        else:
            text = ntr("in {n} day", "in {n} days", days)
        return f" <i>({escape(text)})</i>"

    def _day_text(self, iso: str) -> str:
        try:
            return weekday_date(date.fromisoformat(iso[:10]), with_year=False)
        except ValueError:
            return iso

    def _bring_html(self, data: Overview) -> str:
        if not data.to_bring:
            return ""
        items = "".join(f"<li>{escape(str(d['title']))}</li>" for d in data.to_bring)
        return f"<h2>{escape(tr('Bring to the next consultation'))}</h2><ul>{items}</ul>"


__all__ = ["OverviewPage"]
