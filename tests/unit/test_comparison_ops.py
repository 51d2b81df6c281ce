"""Comparison operations on a real dossier: each one step, undone and redone through History."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dossier.core import comparison as cmp
from dossier.core import records, trash
from dossier.core.errors import DossierError, NotFoundError, ValidationError
from dossier.core.history import History
from dossier.core.importer.pipeline import import_paths
from dossier.core.importer.pool import SandboxPool
from dossier.core.storage import Dossier


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    with SandboxPool(workers=1) as shared:
        yield shared


@dataclass
class Knee:
    case: int
    a: int
    b: int
    c: int
    doctor_a: int
    doctor_b: int


@pytest.fixture
def knee(dossier: Dossier) -> Knee:
    case = records.create(dossier, "case", {"title": "Knee", "decision_deadline": "2026-06-30"}).id
    doctor_a = records.create(dossier, "contact", {"name": "Dr. A", "institution": "Harbour"}).id
    doctor_b = records.create(dossier, "contact", {"name": "Dr. B"}).id
    a = records.create(
        dossier,
        "opinion",
        {
            "case_id": case,
            "contact_id": doctor_a,
            "ordinal": 1,
            "diagnosis": "Osteoarthritis of the right knee.",
            "treatment": "Total knee replacement.",
            "risks": "Infection, stiffness.",
        },
    ).id
    b = records.create(
        dossier,
        "opinion",
        {
            "case_id": case,
            "contact_id": doctor_b,
            "ordinal": 2,
            "institution": "Northfield",
            "diagnosis": "osteoarthritis of the right knee",
            "treatment": "Twelve weeks of exercise therapy first.",
        },
    ).id
    c = records.create(dossier, "opinion", {"case_id": case, "ordinal": 3}).id
    return Knee(case, a, b, c, doctor_a, doctor_b)


def import_text(dossier: Dossier, pool: SandboxPool, folder: Path, pages: int = 3) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "letter.txt"
    path.write_text("Orthopaedic letter\nTotal knee replacement advised.", encoding="utf-8")
    [result] = import_paths(dossier, [path], pool=pool)
    assert result.document_id is not None, result.reason
    dossier.db.execute(
        "UPDATE document SET page_count = ? WHERE id = ?", [pages, result.document_id]
    )
    return result.document_id


def undo_redo(dossier: Dossier, change: records.Change) -> History:
    history = History()
    history.record(change)
    history.undo(dossier)
    return history


# --- reading ---------------------------------------------------------------------------------


def test_for_case_lays_opinions_side_by_side_without_writing(dossier: Dossier, knee: Knee) -> None:
    table = cmp.for_case(dossier, knee.case, [knee.a, knee.b])
    assert table.comparison_id is None and not table.stored
    assert records.list_records(dossier, "comparison") == []
    assert [c.ordinal_label for c in table.columns] == ["original opinion", "second opinion"]
    assert [(c.doctor, c.institution) for c in table.columns] == [
        ("Dr. A", "Harbour"),
        ("Dr. B", "Northfield"),
    ]
    assert table.row("diagnosis").verdict == "same"
    assert table.row("treatment").verdict == "different"
    assert table.row("risks").verdict == "not_addressed"
    assert table.row("risks").verdict_source == "proposed"
    changed = [s.text for s in table.row("treatment").cells[1].segments if s.changed]
    assert changed == ["Twelve weeks of exercise therapy first"]


def test_for_case_defaults_to_the_first_four_opinions_and_needs_two(
    dossier: Dossier, knee: Knee
) -> None:
    assert [c.opinion_id for c in cmp.for_case(dossier, knee.case).columns] == [
        knee.a,
        knee.b,
        knee.c,
    ]
    assert cmp.for_case(dossier, knee.case).columns[2].who == "third opinion"
    with pytest.raises(DossierError, match="two to four"):
        cmp.for_case(dossier, knee.case, [knee.a])
    with pytest.raises(NotFoundError):
        cmp.for_case(dossier, 999)
    other = records.create(dossier, "case", {"title": "Other"}).id
    with pytest.raises(DossierError, match="another case"):
        cmp.for_case(dossier, other, [knee.a, knee.b])


# --- operations, each undone and redone -------------------------------------------------------


def test_start_stores_a_comparison_and_can_be_undone(dossier: Dossier, knee: Knee) -> None:
    change = cmp.start(dossier, knee.case, [knee.b, knee.a])
    table = cmp.load(dossier, change.id)
    assert table.title == "Dr. B and Dr. A"
    assert [c.opinion_id for c in table.columns] == [knee.b, knee.a]
    assert cmp.for_case(dossier, knee.case, [knee.a, knee.b]).comparison_id == change.id
    history = undo_redo(dossier, change)
    assert cmp.find(dossier, knee.case) is None
    history.redo(dossier)
    assert cmp.find(dossier, knee.case) == change.id
    with pytest.raises(DossierError):
        cmp.start(dossier, knee.case, [knee.a, knee.a])


def test_set_verdict_wins_over_the_proposal_and_keeps_the_note(
    dossier: Dossier, knee: Knee
) -> None:
    cid = cmp.start(dossier, knee.case, [knee.a, knee.b]).id
    cmp.set_note(dossier, cid, "treatment", "Operate now vs. exercise first.")
    change = cmp.set_verdict(dossier, cid, "treatment", "partly")
    row = cmp.load(dossier, cid).row("treatment")
    assert (row.verdict, row.verdict_source, row.proposed) == ("partly", "stored", "different")
    assert row.note == "Operate now vs. exercise first."
    history = undo_redo(dossier, change)
    assert cmp.load(dossier, cid).row("treatment").verdict == "different"
    assert cmp.load(dossier, cid).row("treatment").note == "Operate now vs. exercise first."
    history.redo(dossier)
    assert cmp.load(dossier, cid).row("treatment").stored == "partly"
    cmp.set_verdict(dossier, cid, "treatment", None, note=None)
    row = cmp.load(dossier, cid).row("treatment")
    assert (row.stored, row.note, row.verdict_source) == (None, None, "proposed")
    with pytest.raises(ValidationError):
        cmp.set_verdict(dossier, cid, "treatment", "maybe")
    with pytest.raises(ValidationError):
        cmp.set_verdict(dossier, cid, "mood", "same")


def test_aspect_to_question_links_back_and_undoes(dossier: Dossier, knee: Knee) -> None:
    cid = cmp.start(dossier, knee.case, [knee.a, knee.b]).id
    appointment = records.create(
        dossier, "appointment", {"case_id": knee.case, "starts_at": "2026-05-01 10:00"}
    ).id
    change = cmp.aspect_to_question(dossier, cid, "risks", appointment_id=appointment)
    question = records.get(dossier, "question", change.id)
    assert question["comparison_id"] == cid and question["aspect"] == "risks"
    assert question["appointment_id"] == appointment and question["case_id"] == knee.case
    assert question["text"].startswith("Dr. B did not say anything about the risks")
    row = cmp.load(dossier, cid).row("risks")
    assert [(o.entity, o.record_id) for o in row.origins] == [("question", change.id)]
    assert cmp.origin_of(dossier, "question", change.id) == (cid, "risks", "not_addressed")
    assert cmp.because_of("risks", "not_addressed") == (
        "risks and side effects not addressed by every opinion"
    )
    history = undo_redo(dossier, change)
    assert records.list_records(dossier, "question") == []
    history.redo(dossier)
    assert records.get(dossier, "question", change.id)["aspect"] == "risks"


def test_default_question_on_a_difference_quotes_both_and_stays_neutral(
    dossier: Dossier, knee: Knee
) -> None:
    cid = cmp.start(dossier, knee.case, [knee.a, knee.b]).id
    text = records.get(dossier, "question", cmp.aspect_to_question(dossier, cid, "treatment").id)[
        "text"
    ]
    assert "Dr. A: “Total knee replacement”" in text
    assert "Dr. B: “Twelve weeks of exercise therapy first”" in text
    assert text.endswith("What makes you advise this, and what would change your view?")
    own = cmp.aspect_to_question(dossier, cid, "treatment", text="Why now?").id
    assert records.get(dossier, "question", own)["text"] == "Why now?"


def test_aspect_to_next_step_makes_a_dated_task(dossier: Dossier, knee: Knee) -> None:
    cid = cmp.start(dossier, knee.case, [knee.a, knee.b]).id
    change = cmp.aspect_to_next_step(dossier, cid, "treatment", due_on="2026-05-15")
    task = records.get(dossier, "task", change.id)
    assert task["title"] == "Ask Dr. A and Dr. B about the difference in recommended treatment"
    assert (task["due_on"], task["comparison_id"], task["aspect"]) == (
        "2026-05-15",
        cid,
        "treatment",
    )
    history = undo_redo(dossier, change)
    assert records.list_records(dossier, "task") == []
    history.redo(dossier)
    assert cmp.load(dossier, cid).row("treatment").origins[0].due_on == "2026-05-15"
    with pytest.raises(ValidationError):
        cmp.aspect_to_next_step(dossier, cid, "treatment", due_on="2026-02-30")


def test_record_decision_within_the_deadline_marks_the_case_and_undoes(
    dossier: Dossier, knee: Knee
) -> None:
    cid = cmp.start(dossier, knee.case, [knee.a, knee.b]).id
    assert cmp.decision_within_deadline(dossier, cid) is None
    change = cmp.record_decision(
        dossier,
        cid,
        decision="Exercise therapy first",
        reason="Wants to avoid surgery for now",
        decided_on="2026-06-01",
        participants=["Anna", "Dr. B"],
    )
    decision = cmp.load(dossier, cid).decision
    assert decision.made and decision.participants == "Anna, Dr. B"
    assert decision.within_deadline is True and cmp.decision_within_deadline(dossier, cid)
    assert records.get(dossier, "case", knee.case)["status"] == "decided"
    history = undo_redo(dossier, change)
    assert not cmp.load(dossier, cid).decision.made
    assert records.get(dossier, "case", knee.case)["status"] == "open"
    history.redo(dossier)
    assert records.get(dossier, "case", knee.case)["status"] == "decided"
    cmp.record_decision(dossier, cid, decision="Surgery", decided_on="2026-07-02")
    assert cmp.decision_within_deadline(dossier, cid) is False
    with pytest.raises(ValidationError):
        cmp.record_decision(dossier, cid, decision="  ")


def test_suggested_steps_are_added_once_on_request(dossier: Dossier, knee: Knee) -> None:
    cid = cmp.start(dossier, knee.case, [knee.a, knee.b]).id
    assert records.list_records(dossier, "task") == []  # nothing added by itself
    result = cmp.summary_of(dossier, cid)
    assert result.key_differences == ("treatment",)
    change = cmp.add_suggested_steps(dossier, cid, ["discuss"], due_on="2026-05-20")
    titles = [t["title"] for t in records.list_records(dossier, "task")]
    assert titles == ["Talk the difference in recommended treatment over with Dr. A and Dr. B"]
    assert [s.added for s in cmp.summary_of(dossier, cid).suggested] == [True, False]
    cmp.add_suggested_steps(dossier, cid)
    cmp.add_suggested_steps(dossier, cid)  # a second click adds nothing more
    assert len(records.list_records(dossier, "task")) == 2
    history = History()
    history.record(change)
    history.undo(dossier)
    assert len(records.list_records(dossier, "task")) == 1


# --- citations -------------------------------------------------------------------------------


def test_citations_are_validated_stored_shown_and_undone(
    dossier: Dossier, knee: Knee, pool: SandboxPool, tmp_path: Path
) -> None:
    doc = import_text(dossier, pool, tmp_path / "in")
    change = cmp.set_citations(dossier, knee.a, "treatment", [{"document_id": doc, "page": 2}])
    assert records.get(dossier, "opinion", knee.a)["citations"] == {
        "treatment": [{"document_id": doc, "page": 2}]
    }
    history = History()
    history.record(change)
    history.record(cmp.set_citations(dossier, knee.a, "risks", [{"document_id": doc}]))
    cell = (
        cmp.load(dossier, cmp.start(dossier, knee.case, [knee.a, knee.b]).id)
        .row("treatment")
        .cells[0]
    )
    assert [(c.document_id, c.page, c.available, c.title) for c in cell.citations] == [
        (doc, 2, True, "Orthopaedic letter")
    ]
    history.undo(dossier)
    assert records.get(dossier, "opinion", knee.a)["citations"] == {
        "treatment": [{"document_id": doc, "page": 2}]
    }
    history.undo(dossier)
    assert records.get(dossier, "opinion", knee.a)["citations"] == {}
    history.redo(dossier)
    history.redo(dossier)
    assert set(records.get(dossier, "opinion", knee.a)["citations"]) == {"treatment", "risks"}
    for bad in ({"document_id": doc, "page": 4}, {"document_id": doc, "page": 0}, {"page": 1}):
        with pytest.raises(ValidationError):
            cmp.set_citations(dossier, knee.a, "treatment", [bad])
    with pytest.raises(ValidationError):
        cmp.set_citations(dossier, knee.a, "treatment", [{"document_id": 999}])
    with pytest.raises(ValidationError):
        records.update(dossier, "opinion", knee.a, {"citations": {"mood": []}})


def test_a_cited_document_in_the_trash_and_emptied_for_good(
    dossier: Dossier, knee: Knee, pool: SandboxPool, tmp_path: Path
) -> None:
    doc = import_text(dossier, pool, tmp_path / "in")
    cid = cmp.start(dossier, knee.case, [knee.a, knee.b]).id
    change = cmp.set_citations(dossier, knee.a, "treatment", [{"document_id": doc, "page": 1}])
    records.delete(dossier, "document", doc)
    [citation] = cmp.load(dossier, cid).row("treatment").cells[0].citations
    assert citation.available is False
    cmp.set_citations(dossier, knee.b, "treatment", [{"document_id": doc}])  # not refused
    history = undo_redo(dossier, change)  # taking back still works with the document in the trash
    history.redo(dossier)
    trash.empty_trash(dossier)
    assert records.get(dossier, "opinion", knee.a)["citations"] == {}
    assert dossier.db.execute("SELECT COUNT(*) FROM opinion_citation").fetchone()[0] == 0


def test_deleting_the_case_takes_the_comparison_and_its_questions_along(
    dossier: Dossier, knee: Knee
) -> None:
    cid = cmp.start(dossier, knee.case, [knee.a, knee.b]).id
    question = cmp.aspect_to_question(dossier, cid, "treatment").id
    task = cmp.aspect_to_next_step(dossier, cid, "treatment", due_on=None).id
    records.delete(dossier, "case", knee.case)
    with pytest.raises(NotFoundError):
        cmp.load(dossier, cid)
    records.restore(dossier, "case", knee.case)
    assert [o.record_id for o in cmp.load(dossier, cid).row("treatment").origins] == [
        question,
        task,
    ]
    records.delete(dossier, "case", knee.case)
    trash.empty_trash(dossier)
    for table in ("comparison", "question", "task", "opinion_citation", "comparison_aspect"):
        assert dossier.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0


def test_a_question_outlives_its_comparison_emptied_from_the_trash(
    dossier: Dossier, knee: Knee
) -> None:
    cid = cmp.start(dossier, knee.case, [knee.a, knee.b]).id
    question = cmp.aspect_to_question(dossier, cid, "treatment").id
    records.delete(dossier, "comparison", cid)
    assert cmp.origin_of(dossier, "question", question) is None
    trash.empty_trash(dossier)
    kept = records.get(dossier, "question", question)
    assert kept["comparison_id"] is None
    records.update(dossier, "question", question, {"text": "Still editable"})
