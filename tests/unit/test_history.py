"""Undo and redo of additions, edits, deletions and restores, on a real dossier."""

from __future__ import annotations

import pytest

from dossier.core import records, search
from dossier.core.bidi import isolate
from dossier.core.errors import DossierError, NotFoundError
from dossier.core.history import History
from dossier.core.storage import Dossier


def test_undo_and_redo_an_addition(dossier: Dossier) -> None:
    history = History()
    change = records.create(dossier, "case", {"title": "Knee", "decision_deadline": "2026-12-01"})
    history.record(change)
    assert history.undo_text() == f"Undo adding case '{isolate('Knee')}'"
    history.undo(dossier)
    with pytest.raises(NotFoundError):
        records.get(dossier, "case", change.id)
    assert search.search(dossier, "knee") == []
    assert history.redo_text() == f"Redo adding case '{isolate('Knee')}'"
    history.redo(dossier)
    again = records.get(dossier, "case", change.id)
    assert again["title"] == "Knee" and again["decision_deadline"] == "2026-12-01"
    assert [h.id for h in search.search(dossier, "knee")] == [change.id]


def test_undo_and_redo_an_edit_of_fields_and_links(dossier: Dossier) -> None:
    history = History()
    case = records.create(dossier, "case", {"title": "Hip"}).id
    a = records.create(dossier, "opinion", {"case_id": case, "treatment": "Replace"}).id
    b = records.create(dossier, "opinion", {"case_id": case, "treatment": "Wait"}).id
    comparison = records.create(dossier, "comparison", {"case_id": case, "opinion_ids": [a, b]}).id
    history.record(
        records.update(
            dossier,
            "comparison",
            comparison,
            {"summary": "They differ", "aspects": {"treatment": {"verdict": "different"}}},
        )
    )
    history.undo(dossier)
    undone = records.get(dossier, "comparison", comparison)
    assert undone["summary"] is None
    assert undone["aspects"]["treatment"] == {"verdict": None, "note": None}
    history.redo(dossier)
    redone = records.get(dossier, "comparison", comparison)
    assert redone["summary"] == "They differ"
    assert redone["aspects"]["treatment"]["verdict"] == "different"


def test_undo_a_deletion_restores_and_redo_deletes_again(dossier: Dossier) -> None:
    history = History()
    case = records.create(dossier, "case", {"title": "Hip"}).id
    records.create(dossier, "note", {"case_id": case, "text": "call"})
    history.record(records.delete(dossier, "case", case))
    history.undo(dossier)
    assert len(records.list_records(dossier, "note", case_id=case)) == 1
    history.redo(dossier)
    assert records.list_records(dossier, "case") == []
    assert not history.can_redo and history.can_undo


def test_a_new_change_clears_redo(dossier: Dossier) -> None:
    history = History()
    history.record(records.create(dossier, "note", {"text": "one"}))
    history.undo(dossier)
    assert history.can_redo
    history.record(records.create(dossier, "note", {"text": "two"}))
    assert not history.can_redo


def test_undoing_a_case_that_now_holds_records_is_refused_and_kept(dossier: Dossier) -> None:
    history = History()
    change = records.create(dossier, "case", {"title": "Kept"})
    history.record(change)
    records.create(dossier, "note", {"case_id": change.id, "text": "made elsewhere"})
    with pytest.raises(DossierError, match="holds other records"):
        history.undo(dossier)
    assert records.get(dossier, "case", change.id)["title"] == "Kept"
    assert history.can_undo  # the step stays on the stack


def test_changes_made_as_one_are_undone_and_redone_as_one(dossier: Dossier) -> None:
    history = History()
    case = records.create(dossier, "case", {"title": "Knee"}).id
    question = records.create(dossier, "question", {"case_id": case, "text": "Why now?"}).id
    visit = records.create(dossier, "appointment", {"starts_at": "2026-03-20T14:00"}).id
    history.record(records.update(dossier, "case", case, {"title": "Left knee"}))
    with history.grouped("changes in appointment mode"):
        history.record(records.update(dossier, "question", question, {"answer": "Pain"}))
        history.record(records.update(dossier, "appointment", visit, {"outcome": "Wait"}))
        assert (
            history.undo_text() == f"Undo changes to case '{isolate('Left knee')}'"
        )  # not yet recorded
    assert history.undo_text() == "Undo changes in appointment mode"
    history.undo(dossier)  # both at once
    assert records.get(dossier, "question", question)["answer"] is None
    assert records.get(dossier, "appointment", visit)["outcome"] is None
    assert records.get(dossier, "case", case)["title"] == "Left knee"  # the step before
    assert history.redo_text() == "Redo changes in appointment mode"
    history.redo(dossier)
    assert records.get(dossier, "question", question)["answer"] == "Pain"
    assert records.get(dossier, "appointment", visit)["outcome"] == "Wait"
    history.undo(dossier)
    history.undo(dossier)
    assert records.get(dossier, "case", case)["title"] == "Knee"


def test_a_group_of_one_change_is_that_change_and_an_empty_one_is_nothing(
    dossier: Dossier,
) -> None:
    history = History()
    case = records.create(dossier, "case", {"title": "Hip"}).id
    history.record(records.update(dossier, "case", case, {"title": "Left hip"}))
    history.undo(dossier)
    with history.grouped("nothing at all"):
        pass
    assert history.can_redo and not history.can_undo  # the redo is still there
    with history.grouped("one change"), history.grouped("inside: joins the outer one"):
        history.record(records.update(dossier, "case", case, {"title": "Right hip"}))
    assert history.undo_text() == f"Undo changes to case '{isolate('Right hip')}'"
    assert not history.can_redo
