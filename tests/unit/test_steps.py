"""The six steps of a second opinion, worked out from real dossiers (the demo, and a case
built up step by step the way a person would)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from dossier.core import person, records
from dossier.core.clock import today
from dossier.core.demo import build_demo
from dossier.core.errors import NotFoundError
from dossier.core.steps import STEP_KEYS, CaseSteps, all_case_steps, case_steps, next_step
from dossier.core.storage import Dossier


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dossier]:
    built = build_demo(tmp_path_factory.mktemp("demo") / "dossier")
    yield built
    built.close()


def _case_of_kind(dossier: Dossier, kind: str) -> dict[str, Any]:
    (found,) = [c for c in records.list_records(dossier, "case") if c["kind"] == kind]
    return found


def _done(progress: CaseSteps) -> dict[str, bool]:
    return {step.key: step.done for step in progress.steps}


def _day(offset: int) -> str:
    return (today() + timedelta(days=offset)).isoformat()


def _create(dossier: Dossier, kind: str, /, **data: Any) -> int:
    return records.create(dossier, kind, data).id


# The demo dossier ------------------------------------------------------------------------


def test_the_six_steps_in_the_issues_order(demo: Dossier) -> None:
    progress = case_steps(demo, _case_of_kind(demo, "treatment")["id"])
    assert tuple(s.key for s in progress.steps) == STEP_KEYS
    assert [s.number for s in progress.steps] == [1, 2, 3, 4, 5, 6]
    assert [s.title for s in progress.steps] == [
        "Records requested",
        "Second doctor chosen",
        "Insurer checked",
        "Questions prepared",
        "Opinions in",
        "Decision made",
    ]
    for step in progress.steps:
        assert step.rule.startswith("Done when")


def test_demo_treatment_case_has_taken_five_steps_and_must_decide(demo: Dossier) -> None:
    case = _case_of_kind(demo, "treatment")
    progress = case_steps(demo, case["id"])
    assert progress.identify.done
    assert _done(progress) == {
        "records": True,
        "doctor": True,
        "insurer": True,
        "questions": True,
        "opinions": True,
        "decision": False,
    }
    assert progress.done_count == 5
    assert progress.days_left == 28
    assert progress.decision is None
    step = progress.next_step()
    assert step is not None and step.key == "decision"
    assert "comparison" in step.hint and "in 28 days" in step.hint
    assert next_step(demo, case["id"]) == step

    # The proof is the case's own records.
    requests = {r["id"] for r in records.list_records(demo, "records_request", case_id=case["id"])}
    assert {p.record_id for p in progress.step("records").proof} == requests
    (second,) = progress.step("doctor").proof
    opinion = records.get(demo, "opinion", second.record_id)
    assert opinion["ordinal"] == 2 and opinion["case_id"] == case["id"]
    assert "Martínez" in progress.step("doctor").status
    assert {p.entity for p in progress.step("insurer").proof} == {"contact", "task"}
    assert "Weiß" in progress.step("opinions").status
    assert "Martínez" in progress.step("opinions").status


def test_demo_appeal_waits_for_overdue_records_and_has_no_second_view(demo: Dossier) -> None:
    progress = case_steps(demo, _case_of_kind(demo, "administrative")["id"])
    records_step = progress.step("records")
    assert not records_step.done and records_step.started
    assert "Westbrook Care Assessment Office" in records_step.status
    assert "due 6 days ago" in records_step.hint and "again" in records_step.hint
    assert progress.next_step() == records_step
    doctor = progress.step("doctor")
    assert not doctor.done and not doctor.proof
    assert "review this decision" in doctor.hint  # an administrative case: the right body
    assert "prior approval" not in progress.step("insurer").hint
    assert not progress.step("opinions").done
    assert "decision you doubt" in progress.step("opinions").hint


def test_demo_knee_case_is_decided_while_the_insurer_task_waits(demo: Dossier) -> None:
    progress = case_steps(demo, _case_of_kind(demo, "surgery")["id"])
    insurer = progress.step("insurer")
    assert not insurer.done and insurer.started
    assert "reconsider" in insurer.status and "due in 10 days" in insurer.hint
    # Decided (exercise therapy first): no step is next, whatever is still to do.
    assert progress.step("decision").done
    assert progress.step("decision").status.startswith("Decided: Exercise therapy")
    assert progress.next_step() is None
    # Dr. Halvorsen gave no written report: the opinions step says to ask for one.
    assert "Halvorsen" in progress.step("opinions").hint


def test_all_case_steps_loads_every_open_case_once(demo: Dossier) -> None:
    everything = all_case_steps(demo)
    assert [p.case["id"] for p in everything] == [
        c["id"] for c in records.list_records(demo, "case") if c["status"] != "closed"
    ]
    for progress in everything:
        assert progress == case_steps(demo, progress.case["id"])


# A case built up step by step ------------------------------------------------------------


def test_a_case_walks_through_the_steps(dossier: Dossier) -> None:
    case_id = _create(dossier, "case", title="Hip: operate now or wait?", kind="surgery")
    progress = case_steps(dossier, case_id)
    assert not progress.identify.done and progress.done_count == 0
    first = progress.next_step()
    assert first is not None and first.key == "identify"
    assert "unsure" in first.hint

    records.update(
        dossier,
        "case",
        case_id,
        {"question": "Do I need a new hip now?", "decision_deadline": _day(30)},
    )
    assert next_step(dossier, case_id) == case_steps(dossier, case_id).step("records")

    # 1. Records: asked for (under way), then received (done).
    request = _create(
        dossier, "records_request", case_id=case_id, facility="City Hospital", what="X-rays on disc"
    )
    step = case_steps(dossier, case_id).step("records")
    assert step.started and not step.done
    assert "City Hospital" in step.status
    records.update(dossier, "records_request", request, {"status": "received"})
    step = case_steps(dossier, case_id).step("records")
    assert step.done and [p.record_id for p in step.proof] == [request]

    # 2. Second doctor: an appointment with the first doctor does not count; another does.
    first_doctor = _create(dossier, "contact", name="Dr. First", institution="City Hospital")
    other_doctor = _create(dossier, "contact", name="Dr. Other", institution="Lake Clinic")
    _create(dossier, "opinion", case_id=case_id, contact_id=first_doctor, ordinal=1,
            institution="City Hospital")  # fmt: skip
    _create(dossier, "appointment", case_id=case_id, contact_id=first_doctor,
            starts_at=f"{_day(3)} 09:00")  # fmt: skip
    step = case_steps(dossier, case_id).step("doctor")
    assert not step.done and "another hospital than City Hospital" in step.hint
    meeting = _create(dossier, "appointment", case_id=case_id, contact_id=other_doctor,
                      starts_at=f"{_day(9)} 10:00")  # fmt: skip
    step = case_steps(dossier, case_id).step("doctor")
    assert step.done and step.status == "Appointment with Dr. Other in 9 days."
    assert [(p.entity, p.record_id) for p in step.proof] == [("appointment", meeting)]

    # 3. Insurer: nothing known, then its rules; an open approval task holds the step back.
    step = case_steps(dossier, case_id).step("insurer")
    assert not step.done and step.status == "No insurer recorded."
    insurer = _create(dossier, "contact", name="Good Health", role="insurer",
                      reimburse_percent=80, prior_approval_required=True)  # fmt: skip
    person.update_person(dossier, {"insurer_id": insurer})
    assert case_steps(dossier, case_id).step("insurer").done
    task = _create(dossier, "task", case_id=case_id, kind="insurer_approval",
                   title="Ask Good Health for approval", due_on=_day(-2))  # fmt: skip
    step = case_steps(dossier, case_id).step("insurer")
    assert not step.done and "Overdue since 2 days ago" in step.hint
    records.update(dossier, "task", task, {"done": True})
    assert case_steps(dossier, case_id).step("insurer").done
    # A consultation without the approval this insurer requires.
    cost = _create(dossier, "cost", case_id=case_id, description="Consultation, Dr. Other",
                   amount=200, is_consultation=True)  # fmt: skip
    step = case_steps(dossier, case_id).step("insurer")
    assert not step.done and "prior approval" in step.status
    records.update(dossier, "cost", cost, {"prior_approval_obtained": True})
    assert case_steps(dossier, case_id).step("insurer").done

    # 4. Questions.
    assert not case_steps(dossier, case_id).step("questions").done
    _create(dossier, "question", case_id=case_id, text="What if I wait a year?")
    step = case_steps(dossier, case_id).step("questions")
    assert step.done and "not answered" in step.status
    assert "in 3 days" in step.hint  # the coming appointment

    # 5. Opinions: one in, then two.
    step = case_steps(dossier, case_id).step("opinions")
    assert not step.done and step.started and "Dr. Other" in step.hint
    second = _create(dossier, "opinion", case_id=case_id, contact_id=other_doctor, ordinal=2)
    step = case_steps(dossier, case_id).step("opinions")
    assert step.done and "Dr. First and Dr. Other" in step.status

    # 6. Decision: a comparison without a decision, then with one.
    first_opinion = records.list_records(dossier, "opinion", case_id=case_id)[0]["id"]
    comparison = _create(dossier, "comparison", case_id=case_id, title="Side by side",
                         opinion_ids=[first_opinion, second])  # fmt: skip
    progress = case_steps(dossier, case_id)
    assert not progress.decided and "Read the comparison again" in progress.step("decision").hint
    assert progress.next_step() == progress.step("decision")
    records.update(dossier, "comparison", comparison,
                   {"decision": "Wait a year with exercise", "decided_on": _day(0)})  # fmt: skip
    progress = case_steps(dossier, case_id)
    assert progress.decided and progress.done_count == 6
    assert progress.decision is not None and progress.decision["id"] == comparison
    assert "Wait a year" in progress.step("decision").status
    assert progress.next_step() is None


def test_a_case_marked_decided_needs_no_next_step(dossier: Dossier) -> None:
    case_id = _create(dossier, "case", title="Cataract", question="Operate now?")
    assert next_step(dossier, case_id) is not None
    records.update(dossier, "case", case_id, {"status": "decided"})
    progress = case_steps(dossier, case_id)
    assert progress.decided and progress.decision is None
    assert progress.step("decision").status == "The case is marked as decided."
    assert progress.next_step() is None


def test_records_in_the_trash_do_not_count(dossier: Dossier) -> None:
    case_id = _create(dossier, "case", title="Thyroid nodule", question="Surgery?")
    _create(dossier, "question", case_id=case_id, text="Is a biopsy enough?")
    question_id = records.list_records(dossier, "question", case_id=case_id)[0]["id"]
    assert case_steps(dossier, case_id).step("questions").done
    records.delete(dossier, "question", question_id)
    assert not case_steps(dossier, case_id).step("questions").done
    records.restore(dossier, "question", question_id)
    assert case_steps(dossier, case_id).step("questions").done


def test_a_passed_deadline_is_said_plainly(dossier: Dossier) -> None:
    case_id = _create(dossier, "case", title="Back surgery", question="Operate?",
                      decision_deadline=_day(-4))  # fmt: skip
    progress = case_steps(dossier, case_id)
    assert progress.days_left == -4
    assert "deadline passed 4 days ago" in progress.step("decision").hint


def test_a_second_doctor_at_the_same_hospital_gets_a_word_of_advice(dossier: Dossier) -> None:
    case_id = _create(dossier, "case", title="Knee", question="Replace?")
    _create(dossier, "opinion", case_id=case_id, ordinal=1, institution="City Hospital")
    _create(dossier, "opinion", case_id=case_id, ordinal=2, institution="City Hospital")
    step = case_steps(dossier, case_id).step("doctor")
    assert step.done
    assert "like the first" in step.hint and "another hospital" in step.hint


def test_closed_cases_are_left_out_unless_asked(dossier: Dossier) -> None:
    open_id = _create(dossier, "case", title="Open one")
    closed_id = _create(dossier, "case", title="Closed one", status="closed")
    assert [p.case["id"] for p in all_case_steps(dossier)] == [open_id]
    both = all_case_steps(dossier, include_closed=True)
    assert [p.case["id"] for p in both] == [open_id, closed_id]
    assert both[1].next_step() is None


def test_an_unknown_case_is_a_plain_error(dossier: Dossier) -> None:
    with pytest.raises(NotFoundError):
        case_steps(dossier, 999)
    as_dict = case_steps(dossier, _create(dossier, "case", title="X")).identify.as_dict()
    assert as_dict["key"] == "identify" and as_dict["proof"] == []
