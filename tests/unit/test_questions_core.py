"""Reordering questions: one transaction, one undoable step, other questions left in place."""

from __future__ import annotations

import pytest

from dossier.core import questions, records
from dossier.core.errors import NotFoundError, ValidationError
from dossier.core.history import ChangeGroup, History
from dossier.core.storage import Dossier


def _order(dossier: Dossier, case_id: int | None = None) -> list[str]:
    return [q["text"] for q in records.list_records(dossier, "question", case_id=case_id)]


def _ask(dossier: Dossier, case_id: int, *texts: str, **extra: object) -> list[int]:
    return [
        records.create(dossier, "question", {"case_id": case_id, "text": text, **extra}).id
        for text in texts
    ]


@pytest.fixture
def case_id(dossier: Dossier) -> int:
    return records.create(dossier, "case", {"title": "Knee"}).id


def test_reorder_writes_positions_and_undo_redo_restores_them(
    dossier: Dossier, case_id: int
) -> None:
    a, b, c = _ask(dossier, case_id, "A", "B", "C")
    history = History()
    change = questions.reorder(dossier, [c, a, b])
    history.record(change)
    assert _order(dossier) == ["C", "A", "B"]
    assert [records.get(dossier, "question", i)["position"] for i in (c, a, b)] == [0, 1, 2]
    assert isinstance(change, ChangeGroup) and len(change.parts) == 3
    assert change.entity == "question" and {i for _, i in change.also} | {change.id} == {a, b, c}
    assert history.undo_text() == "Undo changing the order of the questions"

    undone = history.undo(dossier)
    assert _order(dossier) == ["A", "B", "C"]
    assert isinstance(undone, ChangeGroup) and undone.entity == "question"
    history.redo(dossier)
    assert _order(dossier) == ["C", "A", "B"]


def test_reorder_of_a_subset_keeps_the_other_questions_in_place(
    dossier: Dossier, case_id: int
) -> None:
    appointment = records.create(
        dossier, "appointment", {"case_id": case_id, "starts_at": "2026-05-01 10:00"}
    ).id
    a = _ask(dossier, case_id, "A", appointment_id=appointment)[0]
    _ask(dossier, case_id, "x")
    b = _ask(dossier, case_id, "B", appointment_id=appointment)[0]
    _ask(dossier, case_id, "y")
    c = _ask(dossier, case_id, "C", appointment_id=appointment)[0]
    questions.reorder(dossier, [c, b, a])
    assert _order(dossier) == ["C", "x", "B", "y", "A"]


def test_only_questions_that_move_are_written(dossier: Dossier, case_id: int) -> None:
    a, b, c = _ask(dossier, case_id, "A", "B", "C")
    change = questions.reorder(dossier, [a, c, b])
    assert sorted(part.id for part in change.parts) == [b, c]
    unchanged = questions.reorder(dossier, [a, c, b])
    assert unchanged.parts == [] and unchanged.after is None


def test_tied_positions_are_spread_out(dossier: Dossier, case_id: int) -> None:
    a, b = _ask(dossier, case_id, "A", "B", position=4)
    questions.reorder(dossier, [b, a])
    assert [records.get(dossier, "question", i)["position"] for i in (b, a)] == [4, 5]
    assert _order(dossier) == ["B", "A"]


def test_bad_lists_are_refused_and_nothing_changes(dossier: Dossier, case_id: int) -> None:
    a, b = _ask(dossier, case_id, "A", "B")
    with pytest.raises(ValidationError):
        questions.reorder(dossier, [a, a, b])
    with pytest.raises(NotFoundError):
        questions.reorder(dossier, [b, a, 999])
    records.delete(dossier, "question", b)
    with pytest.raises(NotFoundError):
        questions.reorder(dossier, [b, a])
    assert [records.get(dossier, "question", a)["position"]] == [0]


def test_undo_is_all_or_nothing_when_a_question_went_to_the_trash(
    dossier: Dossier, case_id: int
) -> None:
    a, b, c = _ask(dossier, case_id, "A", "B", "C")
    history = History()
    history.record(questions.reorder(dossier, [c, b, a]))
    records.delete(dossier, "question", a)
    with pytest.raises(NotFoundError):
        history.undo(dossier)
    assert _order(dossier) == ["C", "B"]  # b and c kept their new places
    assert history.can_undo  # the step stays on the stack
    records.restore(dossier, "question", a)
    history.undo(dossier)
    assert _order(dossier) == ["A", "B", "C"]
