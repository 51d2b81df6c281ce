"""The plan in the window: the Overview says at the top when a plan does not fit and opens
it; the Plan tab lists the steps, makes one into a task with a click and follows it when
it is done; the durations dialog changes the plan; Print opens the print dialog for it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.plan.durations import read_durations
from dossier.core.plan.working_week import read_working_week
from dossier.core.storage import Dossier
from dossier.ui.pages.cases import CasesPage
from dossier.ui.pages.overview import OverviewPage
from dossier.ui.plan.durations_dialog import DurationsDialog
from dossier.ui.plan.plan_view import PlanView
from tests.pinned_day import PinDay
from tests.ui.dialog_hand import DialogHand
from tests.ui.windows import page_of, shown_window

TITLE = "Schildklier / Щитовидка / בלוטת התריס: operation now, or watch it?"


def late_case(dossier: Dossier) -> int:
    """A case whose plan cannot meet its deadline: the first free appointment is too late."""
    case = records.create(dossier, "case", {"title": TITLE, "decision_deadline": "2026-06-01"}).id
    surgeon = records.create(dossier, "contact", {"name": "Dr. Lena Sørensen", "role": "doctor"}).id
    records.create(
        dossier,
        "appointment",
        {"case_id": case, "contact_id": surgeon, "starts_at": "2026-05-27T10:30",
         "location": "Northfield Endocrine Clinic"},
    )  # fmt: skip
    return case


def shot(widget: object, name: str) -> None:
    folder = os.environ.get("DOSSIER_SHOTS")
    if folder:  # for a person to look at: DOSSIER_SHOTS=/tmp/shots pytest …
        widget.grab().save(str(Path(folder) / name))  # type: ignore[attr-defined]


def test_the_overview_says_the_plan_does_not_fit_and_opens_it(
    qtbot: QtBot, dossier: Dossier, today: PinDay
) -> None:
    today("2026-05-12")
    case = late_case(dossier)
    window = shown_window(qtbot, dossier)
    overview = page_of(window, "overview", OverviewPage)
    html = overview.html()
    assert "The plan does not fit:" in html and f"plan:{case}" in html
    assert "Ask the second doctor&#x27;s office for an earlier appointment" in html
    shot(window, "plan-overview.png")
    overview._follow_link(f"plan:{case}")  # the link "Open the plan"
    cases = page_of(window, "cases", CasesPage)
    assert cases.case_id == case and cases.tabs.currentWidget() is cases.tabs.plan
    plan = cases.tabs.plan
    assert plan.problem.isVisible() and "does not fit" in plan.problem.text()
    assert plan.steps.rowCount() == 8
    shot(window, "plan-tab.png")


def test_a_step_becomes_a_task_with_a_click_and_the_plan_follows_it(
    qtbot: QtBot, dossier: Dossier, today: PinDay
) -> None:
    today("2026-05-12")
    case = late_case(dossier)
    window = shown_window(qtbot, dossier)
    cases = page_of(window, "cases", CasesPage)
    assert cases.show_plan(case)
    view = cases.tabs.plan
    assert isinstance(view, PlanView)
    view.select_step("appointment_booked")
    assert not view.task_button.isEnabled()  # done: booked for 27 May
    view.select_step("records_requested")
    assert view.task_button.isEnabled()
    qtbot.mouseClick(view.task_button, Qt.MouseButton.LeftButton)
    tasks = records.list_records(dossier, "task", case_id=case)
    assert [(t["plan_step"], t["due_on"]) for t in tasks] == [("records_requested", "2026-05-12")]
    assert "Task made" in view.message.text()
    assert not view.task_button.isEnabled()  # it has its task now
    assert "Task: Ask for the whole file" in view.row_texts(0)[3]
    window.session.apply(  # type: ignore[union-attr]
        lambda d: records.update(d, "task", tasks[0]["id"], {"done": True, "done_on": "2026-05-12"})
    )
    assert view.row_texts(0)[1] == "done"
    window.undo()
    assert view.row_texts(0)[1] == "overdue"


def test_the_durations_dialog_changes_every_plan(
    qtbot: QtBot, dossier: Dossier, today: PinDay
) -> None:
    today("2026-05-12")
    case = late_case(dossier)
    window = shown_window(qtbot, dossier)
    cases = page_of(window, "cases", CasesPage)
    cases.show_plan(case)
    view = cases.tabs.plan
    before = view.plan.step("records_requested").latest  # type: ignore[union-attr]

    def longer_records(dialog: DurationsDialog) -> None:
        dialog.boxes["records"].setValue(21)
        shot(dialog, "plan-durations.png")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    hand = DialogHand(DurationsDialog, longer_records)
    qtbot.mouseClick(view.durations_button, Qt.MouseButton.LeftButton)
    hand.check()
    assert read_durations(dossier).records == 21
    after = view.plan.step("records_requested").latest  # type: ignore[union-attr]
    assert before is not None and after is not None and (before - after).days == 7
    assert read_working_week(dossier) == "mon-fri"

    def israeli_week(dialog: DurationsDialog) -> None:
        week = dialog.findChild(QComboBox, "workingWeek")
        assert week is not None and week.currentText() == "Monday to Friday"
        week.setCurrentIndex(week.findText("Sunday to Thursday"))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    hand = DialogHand(DurationsDialog, israeli_week)
    qtbot.mouseClick(view.durations_button, Qt.MouseButton.LeftButton)
    hand.check()
    assert read_working_week(dossier) == "sun-thu"
    assert read_durations(dossier).records == 21  # kept


def test_an_administrative_case_says_it_has_no_plan(
    qtbot: QtBot, dossier: Dossier, today: PinDay
) -> None:
    today("2026-05-12")
    case = records.create(dossier, "case", {"title": "Appeal", "kind": "administrative"}).id
    window = shown_window(qtbot, dossier)
    cases = page_of(window, "cases", CasesPage)
    cases.show_plan(case)
    view = cases.tabs.plan
    assert "administrative case" in view.deadline.text()
    assert view.steps.isHidden() and not view.print_button.isEnabled()
