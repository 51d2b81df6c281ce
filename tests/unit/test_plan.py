"""The plan of a case: worked back from the decision deadline with the durations, forward
from today; whether it fits, why not, the choices; a step made into a task; the durations
stored and read with suspicion."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.core import records
from dossier.core.dossier_settings import set_setting
from dossier.core.errors import ValidationError
from dossier.core.plan import case_plan, open_plans
from dossier.core.plan.durations import (
    DEFAULTS,
    Durations,
    checked_durations,
    read_durations,
    save_durations,
)
from dossier.core.plan.schedule import add_working_days, less_working_days
from dossier.core.plan.tasks import task_for_step
from dossier.core.storage import Dossier
from tests.pinned_day import PinDay

LONG_TITLE = "Щитовидная залоза / בלוטת התריס / Schildklier: " + "operatie of afwachten? " * 12


def new_case(dossier: Dossier, deadline: str | None, **extra: object) -> int:
    data = {"title": "Thyroid nodule", "decision_deadline": deadline, **extra}
    return records.create(dossier, "case", data).id


def doctor(dossier: Dossier, name: str = "Dr. Lena Sørensen") -> int:
    return records.create(dossier, "contact", {"name": name, "role": "doctor"}).id


def insurer_asking_first(dossier: Dossier, name: str = "Nordhaven") -> None:
    """The person's insurer (Nordhaven) asks for approval before a second opinion."""
    insurer = records.create(
        dossier,
        "contact",
        {"name": name, "role": "insurer", "prior_approval_required": True},
    ).id
    records.update(dossier, "person", 1, {"insurer_id": insurer})


def test_working_days_skip_the_weekend() -> None:
    friday = date(2026, 5, 15)
    assert add_working_days(friday, 1) == date(2026, 5, 18)
    assert add_working_days(friday, 10) == date(2026, 5, 29)
    assert less_working_days(date(2026, 6, 21), 10) == date(2026, 6, 8)
    assert add_working_days(friday, 0) == friday


def test_the_latest_days_count_back_from_the_deadline(dossier: Dossier, today: PinDay) -> None:
    today("2026-05-12")
    case = new_case(dossier, "2026-06-30")
    plan = case_plan(dossier, case)
    latest = {s.key: s.latest for s in plan.steps}
    assert latest == {
        "records_requested": date(2026, 6, 7),  # 14 days before the records are needed
        "records_received": date(2026, 6, 21),  # by the consultation
        "doctor_chosen": date(2026, 6, 7),  # in time to book
        "insurer_approval": None,  # no insurer asks for it: not needed
        "appointment_booked": date(2026, 6, 7),  # 14 days before the consultation
        "consultation": date(2026, 6, 21),  # 7 days for the report
        "report": date(2026, 6, 28),  # 2 days to decide
        "decision": date(2026, 6, 30),
    }
    assert plan.step("insurer_approval").status == "not_needed"
    assert plan.fits and plan.problem == "" and plan.choices == ()


def test_an_insurer_asking_for_approval_first_makes_it_a_step(
    dossier: Dossier, today: PinDay
) -> None:
    today("2026-05-12")
    insurer_asking_first(dossier)
    plan = case_plan(dossier, new_case(dossier, "2026-06-30"))
    approval = plan.step("insurer_approval")
    assert approval.status == "on_track" and approval.latest == date(2026, 6, 21)
    assert approval.expected == date(2026, 5, 26)  # ten working days from today
    assert "Nordhaven" in approval.note
    # The doctor must be chosen in time to ask the insurer: ten working days before.
    assert plan.step("doctor_chosen").latest == date(2026, 6, 7)


def test_a_plan_that_does_not_fit_says_by_how_much_why_and_what_can_be_done(
    dossier: Dossier, today: PinDay
) -> None:
    today("2026-05-12")
    case = new_case(dossier, "2026-05-30")
    plan = case_plan(dossier, case)
    # Records and a first appointment both take 14 days: the consultation on 26 May,
    # the report a week later, two days to decide: 4 June.
    assert plan.step("consultation").expected == date(2026, 5, 26)
    assert plan.step("report").expected == date(2026, 6, 2)
    assert plan.step("decision").expected == date(2026, 6, 4)
    assert not plan.fits and plan.days_over == 5
    assert plan.problem.startswith(
        "The decision could come on 4 Jun 2026 at the earliest: 5 days after your deadline"
    )
    keys = [c.key for c in plan.choices]
    assert keys[:3] == ["move_deadline", "earlier_appointment", "faster_report"]
    assert "4 Jun 2026" in plan.choices[0].text  # the first day that would fit
    statuses = {s.key: s.status for s in plan.steps}
    assert statuses["records_requested"] == "overdue"  # by 7 May, for the records in time
    assert statuses["report"] == statuses["decision"] == "late"


def test_a_booked_appointment_is_on_its_own_day_and_named_as_the_reason(
    dossier: Dossier, today: PinDay
) -> None:
    today("2026-05-12")
    case = new_case(dossier, "2026-06-15")
    records.create(
        dossier,
        "records_request",
        {"case_id": case, "what": "The whole file", "facility": "Riverside",
         "requested_on": "2026-05-10", "due_on": "2026-05-24"},
    )  # fmt: skip
    records.create(
        dossier,
        "appointment",
        {"case_id": case, "contact_id": doctor(dossier), "starts_at": "2026-06-10T10:00"},
    )
    plan = case_plan(dossier, case)
    consultation = plan.step("consultation")
    assert consultation.fixed and consultation.expected == date(2026, 6, 10)
    assert plan.step("appointment_booked").status == "done"
    assert plan.step("doctor_chosen").status == "done"
    assert plan.step("records_requested").status == "done"
    assert plan.step("records_received").expected == date(2026, 5, 24)  # when it is due
    assert plan.step("decision").expected == date(2026, 6, 19)
    assert plan.days_over == 4
    assert "The consultation is on 10 Jun 2026, 4 days after" in plan.problem


def test_a_step_becomes_a_task_and_the_plan_follows_it(dossier: Dossier, today: PinDay) -> None:
    today("2026-05-12")
    case = new_case(dossier, "2026-06-30")
    plan = case_plan(dossier, case)
    change = task_for_step(dossier, plan, "appointment_booked")
    task = records.get(dossier, "task", change.id)
    assert task["due_on"] == "2026-06-07" and task["plan_step"] == "appointment_booked"
    assert task["case_id"] == case and not task["done"]
    again = case_plan(dossier, case)
    assert again.step("appointment_booked").task is not None
    with pytest.raises(ValidationError, match="has a task already"):
        task_for_step(dossier, again, "appointment_booked")
    records.update(dossier, "task", change.id, {"done": True, "done_on": "2026-05-14"})
    done = case_plan(dossier, case).step("appointment_booked")
    assert done.status == "done" and done.expected == date(2026, 5, 14)
    with pytest.raises(ValidationError, match="is done"):
        task_for_step(dossier, case_plan(dossier, case), "appointment_booked")


def test_an_overdue_step_makes_a_task_due_today_not_in_the_past(
    dossier: Dossier, today: PinDay
) -> None:
    today("2026-05-12")
    case = new_case(dossier, "2026-05-20")
    plan = case_plan(dossier, case)
    assert plan.step("records_requested").status == "overdue"
    change = task_for_step(dossier, plan, "records_requested")
    assert records.get(dossier, "task", change.id)["due_on"] == "2026-05-12"


def test_a_passed_deadline_is_said_plainly(dossier: Dossier, today: PinDay) -> None:
    today("2026-05-12")
    plan = case_plan(dossier, new_case(dossier, "2026-05-01"))
    assert "has passed" in plan.problem
    assert [c.key for c in plan.choices] == ["move_deadline"]


def test_without_a_deadline_there_are_no_latest_days(dossier: Dossier, today: PinDay) -> None:
    today("2026-05-12")
    plan = case_plan(dossier, new_case(dossier, None))
    assert all(s.latest is None for s in plan.steps) and plan.fits and not plan.problem


def test_a_decided_case_needs_nothing_more(dossier: Dossier, today: PinDay) -> None:
    today("2026-05-12")
    case = new_case(dossier, "2026-05-20", status="decided")
    plan = case_plan(dossier, case)
    assert plan.decided and plan.fits
    assert {s.status for s in plan.steps} == {"done", "not_needed"}
    assert open_plans(dossier) == []


def test_administrative_and_closed_cases_have_no_plan(dossier: Dossier, today: PinDay) -> None:
    today("2026-05-12")
    appeal = new_case(dossier, "2026-05-20", kind="administrative")
    new_case(dossier, "2026-05-20", status="closed")
    medical = new_case(dossier, "2026-06-20", title=LONG_TITLE)
    with pytest.raises(ValidationError, match="administrative case"):
        case_plan(dossier, appeal)
    assert [p.case["id"] for p in open_plans(dossier)] == [medical]


def test_longer_durations_move_the_latest_days_and_are_kept(
    dossier: Dossier, today: PinDay
) -> None:
    today("2026-05-12")
    case = new_case(dossier, "2026-06-30")
    longer = checked_durations({"records": "21", "report": 10}, read_durations(dossier))
    save_durations(dossier, longer)
    assert read_durations(dossier) == Durations(records=21, report=10)
    plan = case_plan(dossier, case)
    assert plan.step("consultation").latest == date(2026, 6, 18)
    assert plan.step("records_requested").latest == date(2026, 5, 28)
    save_durations(dossier, DEFAULTS)
    assert read_durations(dossier) == DEFAULTS


@pytest.mark.parametrize(
    "values",
    [{"records": "x"}, {"records": -1}, {"records": 366}, {"insurer": 261},
     {"records": True}, {"records": "1e3"}, {"nonsense": 3}, {"report": "9" * 40}],
)  # fmt: skip
def test_wrong_durations_are_refused_in_plain_words(values: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as refused:
        checked_durations(values)
    assert refused.value.message and "Traceback" not in refused.value.message


@pytest.mark.parametrize(
    "stored",
    ["not json", "[1, 2]", '{"records": "14"}', '{"records": true}', '{"records": -5}',
     '{"records": 10000}', '{"x": 1}', "{" + " " * 5000 + "}"],
)  # fmt: skip
def test_durations_edited_in_the_file_are_not_trusted(dossier: Dossier, stored: str) -> None:
    set_setting(dossier, "plan_durations", stored)
    assert read_durations(dossier) == DEFAULTS


def test_hard_data_a_long_mixed_title_and_many_records(dossier: Dossier, today: PinDay) -> None:
    today("2026-05-12")
    case = new_case(dossier, "2026-05-25", title=LONG_TITLE)
    for number in range(300):
        records.create(
            dossier,
            "records_request",
            {"case_id": case, "what": f"Letter {number}", "facility": f"Ziekenhuis {number}",
             "requested_on": "2026-05-01", "due_on": "2026-05-20"},
        )  # fmt: skip
    plan = case_plan(dossier, case)
    assert plan.step("records_received").expected == date(2026, 5, 20)
    assert not plan.fits and plan.problem
    assert plan.as_dict()["case"]["title"] == LONG_TITLE.strip()


def test_after_the_consultation_what_should_have_come_first_is_overdue_not_late(
    dossier: Dossier, today: PinDay
) -> None:
    today("2026-05-30")
    insurer_asking_first(dossier)
    case = new_case(dossier, "2026-06-04")
    records.create(
        dossier,
        "records_request",
        {"case_id": case, "what": "The file", "facility": "Riverside", "requested_on": "2026-05-10",
         "due_on": "2026-05-24"},
    )  # fmt: skip
    records.create(
        dossier,
        "appointment",
        {"case_id": case, "contact_id": doctor(dossier), "starts_at": "2026-05-29T09:30"},
    )
    plan = case_plan(dossier, case)
    consultation = plan.step("consultation")
    assert consultation.status == "done" and consultation.expected == date(2026, 5, 29)
    assert "add the second opinion" in consultation.note  # was it held? the record will say
    for key in ("records_received", "insurer_approval"):
        step = plan.step(key)
        assert step.status == "overdue" and step.latest is None and step.expected is None
    assert "ask the insurer whether it will still pay" in plan.step("insurer_approval").note
    # The reason it does not fit is what is still ahead: the report.
    assert "The written report would arrive on 5 Jun 2026" in plan.problem


def test_the_insurers_approval_is_needed_by_the_day_the_consultation_is_booked(
    dossier: Dossier, today: PinDay
) -> None:
    today("2026-05-23")
    insurer_asking_first(dossier)
    case = new_case(dossier, "2026-06-30")
    records.create(
        dossier,
        "appointment",
        {"case_id": case, "contact_id": doctor(dossier), "starts_at": "2026-05-29T09:30"},
    )
    plan = case_plan(dossier, case)
    approval = plan.step("insurer_approval")
    assert approval.latest == date(2026, 5, 29) and approval.expected == date(2026, 6, 5)
    assert approval.status == "late"
