"""An appointment's questions, without a display: which, in what order, what an answer says."""

from __future__ import annotations

from typing import Any

from dossier.core import questions, records
from dossier.core.appointment_questions import (
    added_question,
    answer_changes,
    answerer,
    has_answer,
    is_offered,
    put_back,
    questions_for,
    set_aside,
)
from dossier.core.storage import Dossier


def _visit(dossier: Dossier, **extra: Any) -> dict[str, Any]:
    case = records.create(dossier, "case", {"title": "Knee"}).id
    made = records.create(
        dossier, "appointment", {"case_id": case, "starts_at": "2026-03-20 14:00", **extra}
    )
    return records.get(dossier, "appointment", made.id)


def test_assigned_questions_first_then_the_cases_other_open_ones(dossier: Dossier) -> None:
    visit = _visit(dossier)
    case = visit["case_id"]

    def appointment(starts_at: str) -> int:
        return records.create(dossier, "appointment", {"case_id": case, "starts_at": starts_at}).id

    later, earlier = appointment("2026-04-01 09:00"), appointment("2026-02-01 09:00")

    def ask(text: str, **extra: Any) -> int:
        return records.create(dossier, "question", {"case_id": case, "text": text, **extra}).id

    ids = {
        "D": ask("D open, of no appointment"),
        "A": ask("A", appointment_id=visit["id"]),
        "B": ask("B kept for a later visit", appointment_id=later),
        "L": ask("L left over from an earlier visit", appointment_id=earlier),
        "C": ask("C", appointment_id=visit["id"], asked=True),  # assigned: shown even if asked
        "T": ask("T ticked as asked", asked=True),
        "W": ask("W answered", answer="Wait six weeks."),
    }
    records.create(dossier, "question", {"case_id": _visit(dossier)["case_id"], "text": "X"})
    shown = [q["id"] for q in questions_for(dossier, visit)]
    assert shown == [ids["A"], ids["C"], ids["D"], ids["L"]]
    questions.reorder(dossier, [ids["C"], ids["L"], ids["A"], ids["D"]])
    assert [q["id"] for q in questions_for(dossier, visit)] == [ids[k] for k in "CALD"]
    records.delete(dossier, "question", ids["C"])
    assert [q["id"] for q in questions_for(dossier, visit)] == [ids[k] for k in "ALD"]


def test_an_appointment_of_no_case_offers_only_its_own_questions(dossier: Dossier) -> None:
    visit = records.get(
        dossier,
        "appointment",
        records.create(dossier, "appointment", {"starts_at": "2026-03-20 14:00"}).id,
    )
    own = records.create(dossier, "question", {"appointment_id": visit["id"], "text": "Own"}).id
    records.create(dossier, "question", {"text": "Open, of no case"})
    assert [q["id"] for q in questions_for(dossier, visit)] == [own]


def test_a_question_taken_off_the_list_stays_off_and_can_be_put_back(dossier: Dossier) -> None:
    visit = _visit(dossier)
    case = visit["case_id"]
    mine = records.create(
        dossier, "question", {"case_id": case, "appointment_id": visit["id"], "text": "Mine"}
    ).id
    open_one = records.create(dossier, "question", {"case_id": case, "text": "Open"}).id
    for question_id in (mine, open_one):
        before = records.get(dossier, "question", question_id)
        records.update(dossier, "question", question_id, set_aside(before, visit))
        after = records.get(dossier, "question", question_id)
        assert after["appointment_id"] is None and after["set_aside_id"] == visit["id"]
        assert question_id not in [q["id"] for q in questions_for(dossier, visit)]
        assert question_id in [q["id"] for q in records.list_records(dossier, "question")]
        records.update(dossier, "question", question_id, put_back(before))
        assert (
            records.get(dossier, "question", question_id)["appointment_id"]
            == (before["appointment_id"])
        )
    assert [q["id"] for q in questions_for(dossier, visit)] == [mine, open_one]
    # Assigned again on purpose: offered again. The appointment gone: the mark goes too.
    records.update(dossier, "question", open_one, set_aside({"id": open_one}, visit))
    records.update(dossier, "question", open_one, {"appointment_id": visit["id"]})
    assert open_one in [q["id"] for q in questions_for(dossier, visit)]
    assert is_offered({"id": 1, "appointment_id": None}, visit)
    assert not is_offered({"id": 1, "set_aside_id": visit["id"]}, visit)


def test_the_answerer_is_the_contact_unless_in_the_trash(dossier: Dossier) -> None:
    assert answerer(dossier, _visit(dossier)) is None
    doctor = records.create(dossier, "contact", {"name": "Dr. Okonkwo"}).id
    visit = _visit(dossier, contact_id=doctor)
    assert answerer(dossier, visit) == doctor
    records.delete(dossier, "contact", doctor)
    assert answerer(dossier, visit) is None


def test_an_answer_is_anything_but_blanks() -> None:
    assert has_answer("Wait and see")
    assert has_answer("  x\n")
    assert not has_answer("")
    assert not has_answer(" \n\t")


def test_the_first_answer_is_credited_to_the_answerer() -> None:
    assert answer_changes("Yes", {}, 7) == {"answer": "Yes", "answered_by_id": 7}
    assert answer_changes("Yes", {"answered_by_id": 3}, 7) == {"answer": "Yes"}
    assert answer_changes("Yes", {}, None) == {"answer": "Yes"}
    assert answer_changes("  ", {}, 7) == {"answer": "  "}  # a blank answer credits no one


def test_a_question_added_belongs_to_the_appointment_and_its_case(dossier: Dossier) -> None:
    visit = _visit(dossier)
    assert added_question(visit, "Can I drive?") == {
        "case_id": visit["case_id"],
        "appointment_id": visit["id"],
        "text": "Can I drive?",
    }
