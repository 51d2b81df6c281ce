"""An appointment's questions, without a display: which, in what order, what an answer says."""

from __future__ import annotations

from typing import Any

from dossier.core import questions, records
from dossier.core.appointment_questions import (
    added_question,
    answer_changes,
    answerer,
    has_answer,
    questions_for,
)
from dossier.core.storage import Dossier


def _visit(dossier: Dossier, **extra: Any) -> dict[str, Any]:
    case = records.create(dossier, "case", {"title": "Knee"}).id
    made = records.create(
        dossier, "appointment", {"case_id": case, "starts_at": "2026-03-20 14:00", **extra}
    )
    return records.get(dossier, "appointment", made.id)


def test_the_appointments_questions_in_the_cases_order(dossier: Dossier) -> None:
    visit = _visit(dossier)
    other = records.create(
        dossier, "appointment", {"case_id": visit["case_id"], "starts_at": "2026-04-01 09:00"}
    ).id
    ids = {
        text: records.create(
            dossier,
            "question",
            {"case_id": visit["case_id"], "appointment_id": appointment, "text": text},
        ).id
        for text, appointment in (("A", visit["id"]), ("B", other), ("C", visit["id"]))
    }
    records.create(dossier, "question", {"case_id": visit["case_id"], "text": "D"})
    assert [q["text"] for q in questions_for(dossier, visit)] == ["A", "C"]
    questions.reorder(dossier, [ids["C"], ids["A"]])
    assert [q["text"] for q in questions_for(dossier, visit)] == ["C", "A"]
    records.delete(dossier, "question", ids["C"])
    assert [q["text"] for q in questions_for(dossier, visit)] == ["A"]


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
