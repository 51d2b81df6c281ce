"""Every kind of record: create, read, edit, list, delete to the trash, restore; links and refs."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.core import person, records, trash
from dossier.core.entities import ASPECTS, CASE_CHILDREN, ENTITIES, TODAY, Entity, Field
from dossier.core.errors import DossierError, NotFoundError, ValidationError
from dossier.core.importer.pipeline import import_paths
from dossier.core.importer.pool import SandboxPool
from dossier.core.storage import Dossier
from tests.pinned_day import PinDay

# Records that come from files (a document, an imaging study) are not typed in.
GENERIC = sorted(name for name in ENTITIES if name not in ("person", "document", "study"))
OWNED = sorted(CASE_CHILDREN)
WITH_CASE_FIELD = sorted(
    name for name in GENERIC if "case_id" in ENTITIES[name].field_names
)  # every owned kind


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    with SandboxPool(workers=1) as shared:
        yield shared


def import_text(
    dossier: Dossier, pool: SandboxPool, folder: Path, text: str, name: str = "letter.txt"
) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    [result] = import_paths(dossier, [path], pool=pool)
    assert result.status == "imported", result.reason
    assert result.document_id is not None
    return result.document_id


def sample(spec: Field, refs: dict[str, int]) -> Any:
    """A valid raw value for one field, as a person would type it."""
    if spec.kind == "ref":
        assert spec.ref is not None
        return refs[spec.ref]
    if spec.kind in ("text", "longtext"):
        if spec.name == "email":
            return "dr.rossi@example.org"
        if spec.name == "icd10":
            return "C50.9"
        return f"Some {spec.plain_label}"
    return {
        "date": "2026-03-14",
        "datetime": "2026-03-14 09:30",
        "int": max(spec.minimum or 0, 1) if spec.maximum is None else min(2, spec.maximum),
        "bool": "yes",
        "money": "120.50",
        "percent": "80",
        "choice": spec.choices[-1] if spec.choices else None,
    }[spec.kind]


def expected_public(spec: Field, raw: Any) -> Any:
    if spec.kind == "money":
        return 120.5
    if spec.kind == "percent":
        return 80.0
    if spec.kind == "bool":
        return True
    if spec.kind == "datetime":
        return "2026-03-14T09:30"
    return raw


def minimal(entity: Entity, refs: dict[str, int]) -> dict[str, Any]:
    return {f.name: sample(f, refs) for f in entity.fields if f.required}


def full(entity: Entity, refs: dict[str, int]) -> dict[str, Any]:
    return {f.name: sample(f, refs) for f in entity.fields}


@pytest.fixture
def refs(dossier: Dossier, pool: SandboxPool, tmp_path: Path) -> dict[str, int]:
    """One live record of each kind a ref field can point to."""
    case = records.create(dossier, "case", {"title": "Lump in the left breast"}).id
    contact = records.create(dossier, "contact", {"name": "Dr Rossi"}).id
    appointment = records.create(
        dossier, "appointment", {"starts_at": "2026-04-01 10:00", "case_id": case}
    ).id
    opinion = records.create(dossier, "opinion", {"case_id": case}).id
    document = import_text(dossier, pool, tmp_path / "in", "Pathology report\nBenign.")
    other = records.create(dossier, "opinion", {"case_id": case}).id
    comparison = records.create(
        dossier, "comparison", {"case_id": case, "opinion_ids": [opinion, other]}
    ).id
    return {
        "comparison": comparison,
        "case": case,
        "contact": contact,
        "appointment": appointment,
        "opinion": opinion,
        "document": document,
    }


def trash_keys(dossier: Dossier) -> set[tuple[str, int]]:
    return {(r[0], int(r[1])) for r in dossier.db.execute("SELECT entity, record_id FROM trash")}


# --- the generic life of a record -----------------------------------------------------------


@pytest.mark.parametrize("name", GENERIC)
def test_minimal_record_life(
    dossier: Dossier, refs: dict[str, int], name: str, today: PinDay
) -> None:
    day = today("2026-05-12")
    spec = ENTITIES[name]
    data = minimal(spec, refs)

    created = records.create(dossier, name, data)
    assert created.action == "created"
    assert created.entity == name
    assert created.before is None
    assert created.after is not None and created.after["id"] == created.id
    record = records.get(dossier, name, created.id)
    assert record == created.after
    for key, value in data.items():
        assert record[key] == expected_public(spec.field(key), value)
    for item in spec.fields:  # defaults filled in
        if item.name not in data and item.default is not None:
            default = day.isoformat() if item.default == TODAY else item.default
            assert record[item.name] == default
    assert record["deleted_at"] is None
    assert record["created_at"] and record["updated_at"]

    text_field = next(
        f for f in spec.fields if f.kind in ("text", "longtext") and f.name != "email"
    )
    changed = records.update(dossier, name, created.id, {text_field.name: "Changed wording"})
    assert changed.action == "updated"
    assert changed.before == record
    assert changed.after is not None and changed.after[text_field.name] == "Changed wording"
    assert records.get(dossier, name, created.id)[text_field.name] == "Changed wording"

    assert created.id in [r["id"] for r in records.list_records(dossier, name)]

    deleted = records.delete(dossier, name, created.id)
    assert deleted.action == "deleted"
    assert deleted.before is not None and deleted.before[text_field.name] == "Changed wording"
    assert deleted.after is None
    assert created.id not in [r["id"] for r in records.list_records(dossier, name)]
    with pytest.raises(NotFoundError):
        records.get(dossier, name, created.id)
    assert records.get(dossier, name, created.id, include_deleted=True)["deleted_at"]
    assert (name, created.id) in trash_keys(dossier)
    assert any(e.entity == name and e.record_id == created.id for e in trash.list_trash(dossier))
    with pytest.raises(NotFoundError):
        records.update(dossier, name, created.id, {text_field.name: "edit in the trash"})

    restored = records.restore(dossier, name, created.id)
    assert restored.action == "restored"
    assert restored.after is not None and restored.after["deleted_at"] is None
    assert created.id in [r["id"] for r in records.list_records(dossier, name)]
    assert (name, created.id) not in trash_keys(dossier)
    with pytest.raises(NotFoundError):
        records.restore(dossier, name, created.id)


@pytest.mark.parametrize("name", GENERIC)
def test_every_field_round_trips(dossier: Dossier, refs: dict[str, int], name: str) -> None:
    spec = ENTITIES[name]
    data = full(spec, refs)
    if name == "comparison":
        second = records.create(dossier, "opinion", {"case_id": refs["case"]}).id
        data["opinion_ids"] = [refs["opinion"], second]
        data["aspects"] = {"diagnosis": "same"}
    record = records.get(dossier, name, records.create(dossier, name, data).id)
    for item in spec.fields:
        assert record[item.name] == expected_public(item, data[item.name]), item.name


@pytest.mark.parametrize("name", WITH_CASE_FIELD)
def test_list_filters_by_case(dossier: Dossier, refs: dict[str, int], name: str) -> None:
    spec = ENTITIES[name]
    other_case = records.create(dossier, "case", {"title": "Other question"}).id
    mine = records.create(dossier, name, {**minimal(spec, refs), "case_id": refs["case"]}).id
    theirs_refs = {**refs, "case": other_case}
    if name == "comparison":
        theirs = records.create(dossier, name, {"case_id": other_case}).id
    else:
        theirs = records.create(
            dossier, name, {**minimal(spec, theirs_refs), "case_id": other_case}
        ).id

    listed = [r["id"] for r in records.list_records(dossier, name, case_id=refs["case"])]
    assert mine in listed
    assert theirs not in listed
    assert [r["id"] for r in records.list_records(dossier, name, case_id=other_case)] == [theirs]


def test_list_only_the_records_asked_for_in_the_usual_order(dossier: Dossier) -> None:
    made = [
        records.create(dossier, "contact", {"name": name}).id
        for name in ("Zoë Adler", "Анна Бойко", "אורית כהן", "Bram de Vries")
    ]
    everyone = [r["id"] for r in records.list_records(dossier, "contact")]
    asked = [made[3], made[0], made[2], 999_999]  # one that does not exist
    listed = [r["id"] for r in records.list_records(dossier, "contact", ids=asked)]
    assert listed == [i for i in everyone if i in asked]  # the usual order, not the asked one
    assert records.list_records(dossier, "contact", ids=[]) == []
    many = list(range(1, 40_000)) + made  # more than SQLite takes as separate parameters
    assert len(records.list_records(dossier, "contact", ids=many)) >= len(made)
    records.delete(dossier, "contact", made[0])
    assert made[0] not in [r["id"] for r in records.list_records(dossier, "contact", ids=made)]


@pytest.mark.parametrize("name", ["contact", "case"])
def test_list_by_case_of_kinds_without_a_case_is_refused(dossier: Dossier, name: str) -> None:
    with pytest.raises(DossierError):
        records.list_records(dossier, name, case_id=1)


def test_unknown_kind_is_refused_in_plain_words(dossier: Dossier) -> None:
    with pytest.raises(DossierError) as caught:
        records.create(dossier, "spaceship", {"title": "x"})
    assert "spaceship" in caught.value.message


def test_kind_aliases(dossier: Dossier) -> None:
    task = records.create(dossier, "deadline", {"title": "Decide"})
    assert task.entity == "task"
    assert records.get(dossier, "tasks", task.id)["title"] == "Decide"
    assert records.create(dossier, "physical-item", {"description": "Slides"}).entity == (
        "physical_item"
    )


def test_unknown_field_is_refused(dossier: Dossier) -> None:
    with pytest.raises(ValidationError) as caught:
        records.create(dossier, "case", {"title": "x", "colour": "red"})
    assert "colour" in caught.value.errors
    assert records.list_records(dossier, "case") == []


def test_missing_required_field_names_it(dossier: Dossier) -> None:
    with pytest.raises(ValidationError) as caught:
        records.create(dossier, "cost", {"description": "Consultation"})
    assert set(caught.value.errors) == {"amount"}
    assert "amount" in caught.value.message


def test_update_to_empty_required_field_is_refused(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "Keep my title"}).id
    with pytest.raises(ValidationError):
        records.update(dossier, "case", case, {"title": "   "})
    assert records.get(dossier, "case", case)["title"] == "Keep my title"


def test_update_of_missing_record(dossier: Dossier) -> None:
    with pytest.raises(NotFoundError):
        records.update(dossier, "note", 4242, {"text": "x"})
    with pytest.raises(NotFoundError):
        records.delete(dossier, "note", 4242)


def test_questions_are_numbered_in_order_per_case(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    first = records.create(dossier, "question", {"text": "Is surgery needed?", "case_id": case})
    second = records.create(dossier, "question", {"text": "What if I wait?", "case_id": case})
    loose = records.create(dossier, "question", {"text": "Unfiled"})
    assert first.after is not None and second.after is not None and loose.after is not None
    assert (first.after["position"], second.after["position"]) == (0, 1)
    assert loose.after["position"] == 0
    assert [q["id"] for q in records.list_records(dossier, "question", case_id=case)] == [
        first.id,
        second.id,
    ]


# --- cases and their records ----------------------------------------------------------------


def _one_of_each_child(dossier: Dossier, refs: dict[str, int], case: int) -> dict[str, int]:
    made = {}
    for name in OWNED:
        spec = ENTITIES[name]
        made[name] = records.create(
            dossier, name, {**minimal(spec, {**refs, "case": case}), "case_id": case}
        ).id
    return made


def test_deleting_a_case_takes_its_records(dossier: Dossier, refs: dict[str, int]) -> None:
    case = records.create(dossier, "case", {"title": "Planned knee surgery"}).id
    children = _one_of_each_child(dossier, refs, case)
    survivor = records.create(dossier, "note", {"text": "not about this case"}).id

    change = records.delete(dossier, "case", case)

    assert change.entity == "case"
    assert sorted(change.also) == sorted(children.items())
    for name, record_id in children.items():
        assert record_id not in [r["id"] for r in records.list_records(dossier, name)]
        with pytest.raises(NotFoundError):
            records.get(dossier, name, record_id)
    assert records.get(dossier, "note", survivor)["text"] == "not about this case"
    entries = [e for e in trash.list_trash(dossier) if e.entity == "case" and e.record_id == case]
    assert len(entries) == 1
    assert entries[0].with_it == len(children)


def test_restoring_a_child_brings_back_its_case(dossier: Dossier, refs: dict[str, int]) -> None:
    case = records.create(dossier, "case", {"title": "Thyroid nodule"}).id
    children = _one_of_each_child(dossier, refs, case)
    records.delete(dossier, "case", case)

    change = records.restore(dossier, "note", children["note"])

    assert change.after is not None and change.after["deleted_at"] is None
    assert ("case", case) in change.also
    assert records.get(dossier, "case", case)["deleted_at"] is None
    for name, record_id in children.items():  # deleted together, so back together
        assert records.get(dossier, name, record_id)["deleted_at"] is None
    assert trash_keys(dossier) == set()


def test_restoring_a_child_deleted_alone_whose_case_went_later(
    dossier: Dossier, refs: dict[str, int]
) -> None:
    case = records.create(dossier, "case", {"title": "Back pain"}).id
    note = records.create(dossier, "note", {"text": "deleted first", "case_id": case}).id
    task = records.create(dossier, "task", {"title": "deleted with the case", "case_id": case}).id
    records.delete(dossier, "note", note)
    records.delete(dossier, "case", case)

    change = records.restore(dossier, "note", note)

    assert records.get(dossier, "note", note)["text"] == "deleted first"
    assert records.get(dossier, "case", case)["title"] == "Back pain"
    assert records.get(dossier, "task", task)["deleted_at"] is None
    assert ("case", case) in change.also
    assert trash_keys(dossier) == set()


def test_restoring_a_case_leaves_separately_deleted_records_in_the_trash(
    dossier: Dossier,
) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    note = records.create(dossier, "note", {"text": "deleted on its own", "case_id": case}).id
    records.delete(dossier, "note", note)
    records.delete(dossier, "case", case)
    records.restore(dossier, "case", case)
    assert trash_keys(dossier) == {("note", note)}
    with pytest.raises(NotFoundError):
        records.get(dossier, "note", note)


# --- references -----------------------------------------------------------------------------


def test_reference_to_a_missing_record_is_refused(dossier: Dossier) -> None:
    with pytest.raises(ValidationError) as caught:
        records.create(dossier, "note", {"text": "orphan", "case_id": 999})
    assert "case_id" in caught.value.errors
    assert "999" in caught.value.errors["case_id"]
    assert records.list_records(dossier, "note") == []


@pytest.mark.parametrize(
    ("name", "field", "target"),
    [
        ("note", "case_id", "case"),
        ("diagnosis", "contact_id", "contact"),
        ("question", "appointment_id", "appointment"),
        ("cost", "opinion_id", "opinion"),
        ("physical_item", "sent_to_id", "contact"),
    ],
)
def test_reference_to_a_trashed_record_is_refused(
    dossier: Dossier, refs: dict[str, int], name: str, field: str, target: str
) -> None:
    spec = ENTITIES[name]
    live = records.create(dossier, name, {**minimal(spec, refs), field: refs[target]}).id
    records.delete(dossier, target, refs[target])
    before = {r["id"] for r in records.list_records(dossier, name)}

    with pytest.raises(ValidationError) as caught:
        records.create(dossier, name, {**minimal(spec, refs), field: refs[target]})
    assert field in caught.value.errors
    assert {r["id"] for r in records.list_records(dossier, name)} == before

    if target != "case" or live in before:
        with pytest.raises(ValidationError):
            records.update(dossier, name, live, {field: refs[target]})


def test_opinion_report_must_be_a_live_document(dossier: Dossier, refs: dict[str, int]) -> None:
    opinion = records.create(
        dossier, "opinion", {"case_id": refs["case"], "report_document_id": refs["document"]}
    ).id
    assert records.get(dossier, "opinion", opinion)["report_document_id"] == refs["document"]
    records.delete(dossier, "document", refs["document"])
    with pytest.raises(ValidationError):
        records.create(
            dossier, "opinion", {"case_id": refs["case"], "report_document_id": refs["document"]}
        )


@pytest.mark.parametrize("bad", ["abc", 0, -3, 1.5, True, [1]])
def test_reference_must_be_a_record_number(dossier: Dossier, bad: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        records.create(dossier, "note", {"text": "x", "case_id": bad})
    assert "case_id" in caught.value.errors


def test_reference_given_as_text_is_accepted(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    note = records.create(dossier, "note", {"text": "x", "case_id": f" {case} "})
    assert note.after is not None and note.after["case_id"] == case


def test_huge_reference_number_is_a_validation_error(dossier: Dossier) -> None:
    """A record number too big for SQLite must be refused in plain words, not crash."""
    with pytest.raises(ValidationError):
        records.create(dossier, "note", {"text": "x", "case_id": 2**70})
    with pytest.raises(ValidationError):
        records.create(dossier, "note", {"text": "x", "case_id": "99999999999999999999999"})


# --- comparisons ----------------------------------------------------------------------------


def _opinions(dossier: Dossier, case: int, count: int) -> list[int]:
    return [
        records.create(
            dossier, "opinion", {"case_id": case, "ordinal": n + 1, "institution": f"Clinic {n}"}
        ).id
        for n in range(count)
    ]


def _comparison_rows(dossier: Dossier) -> tuple[int, int, int, int]:
    db = dossier.db
    return (
        db.execute("SELECT COUNT(*) FROM comparison").fetchone()[0],
        db.execute("SELECT COUNT(*) FROM comparison_opinion").fetchone()[0],
        db.execute("SELECT COUNT(*) FROM comparison_aspect").fetchone()[0],
        db.execute("SELECT COUNT(*) FROM search_map WHERE kind = 'comparison'").fetchone()[0],
    )


@pytest.mark.parametrize("count", [2, 3, 4])
def test_comparison_of_two_to_four_opinions(dossier: Dossier, count: int) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    opinions = _opinions(dossier, case, count)
    aspects = {
        "diagnosis": "same",
        "treatment": {"verdict": "different", "note": "surgery versus radiotherapy"},
        "risks": {"verdict": "not addressed"},
        "urgency": {"verdict": "Partly", "note": "  within\r\nweeks  "},
        "cost": {"note": "no verdict yet"},
    }
    change = records.create(
        dossier,
        "comparison",
        {
            "case_id": case,
            "title": "Surgeon vs oncologist",
            "opinion_ids": opinions[::-1],
            "aspects": aspects,
        },
    )
    record = records.get(dossier, "comparison", change.id)
    assert record == change.after
    assert record["opinion_ids"] == opinions[::-1]  # order kept
    assert record["aspects"] == {
        "diagnosis": {"verdict": "same", "note": None},
        "treatment": {"verdict": "different", "note": "surgery versus radiotherapy"},
        "risks": {"verdict": "not_addressed", "note": None},
        "urgency": {"verdict": "partly", "note": "within\nweeks"},
        "cost": {"verdict": None, "note": "no verdict yet"},
    }


@pytest.mark.parametrize("count", [0, 1, 5])
def test_comparison_needs_two_to_four_opinions(dossier: Dossier, count: int) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    opinions = _opinions(dossier, case, count)
    before = _comparison_rows(dossier)
    with pytest.raises(ValidationError) as caught:
        records.create(dossier, "comparison", {"case_id": case, "opinion_ids": opinions})
    assert "opinion_ids" in caught.value.errors
    assert _comparison_rows(dossier) == before


def test_same_opinion_twice_does_not_count_as_two(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    [only] = _opinions(dossier, case, 1)
    with pytest.raises(ValidationError):
        records.create(dossier, "comparison", {"case_id": case, "opinion_ids": [only, only]})


def test_comparison_of_opinions_of_another_case_is_refused(dossier: Dossier) -> None:
    mine = records.create(dossier, "case", {"title": "mine"}).id
    other = records.create(dossier, "case", {"title": "other"}).id
    [a] = _opinions(dossier, mine, 1)
    [b] = _opinions(dossier, other, 1)
    before = _comparison_rows(dossier)
    with pytest.raises(ValidationError) as caught:
        records.create(dossier, "comparison", {"case_id": mine, "opinion_ids": [a, b]})
    assert "same case" in caught.value.errors["opinion_ids"]
    assert _comparison_rows(dossier) == before


def test_comparison_of_trashed_opinion_is_refused(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    a, b = _opinions(dossier, case, 2)
    records.delete(dossier, "opinion", b)
    with pytest.raises(ValidationError):
        records.create(dossier, "comparison", {"case_id": case, "opinion_ids": [a, b]})


def test_comparison_with_case_number_as_text(dossier: Dossier) -> None:
    """A form or the command line gives the case number as text; "3" is case 3."""
    case = records.create(dossier, "case", {"title": "c"}).id
    a, b = _opinions(dossier, case, 2)
    change = records.create(dossier, "comparison", {"case_id": str(case), "opinion_ids": [a, b]})
    assert change.after is not None and change.after["opinion_ids"] == [a, b]


@pytest.mark.parametrize(
    "aspects",
    [
        {"diagnosis": "maybe"},
        {"diagnosis": "same", "treatment": {"verdict": "totally different"}},
        {"colour": "same"},
        ["diagnosis", "same"],
        "diagnosis=same",
    ],
)
def test_bad_aspects_leave_nothing_behind(dossier: Dossier, aspects: Any) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    a, b = _opinions(dossier, case, 2)
    before = _comparison_rows(dossier)
    with pytest.raises(ValidationError) as caught:
        records.create(
            dossier,
            "comparison",
            {"case_id": case, "title": "half", "opinion_ids": [a, b], "aspects": aspects},
        )
    assert "aspects" in caught.value.errors
    assert _comparison_rows(dossier) == before


def test_comparison_update_links_and_aspects(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    a, b, c = _opinions(dossier, case, 3)
    comparison = records.create(
        dossier,
        "comparison",
        {
            "case_id": case,
            "opinion_ids": [a, b],
            "aspects": {"diagnosis": "same", "risks": "partly"},
        },
    ).id

    change = records.update(
        dossier,
        "comparison",
        comparison,
        {"opinion_ids": [a, b, c], "aspects": {"risks": "different"}},
    )
    assert change.before is not None and change.before["opinion_ids"] == [a, b]
    assert change.after is not None and change.after["opinion_ids"] == [a, b, c]
    assert change.after["aspects"]["risks"]["verdict"] == "different"
    assert change.after["aspects"]["diagnosis"]["verdict"] == "same"

    with pytest.raises(ValidationError):
        records.update(
            dossier, "comparison", comparison, {"opinion_ids": [a], "summary": "should not stick"}
        )
    after = records.get(dossier, "comparison", comparison)
    assert after["opinion_ids"] == [a, b, c]
    assert after["summary"] is None


def test_moving_a_comparison_to_another_case_keeps_opinions_of_one_case(
    dossier: Dossier,
) -> None:
    """Compared opinions are always about the comparison's own case, also after an edit."""
    mine = records.create(dossier, "case", {"title": "mine"}).id
    other = records.create(dossier, "case", {"title": "other"}).id
    a, b = _opinions(dossier, mine, 2)
    comparison = records.create(dossier, "comparison", {"case_id": mine, "opinion_ids": [a, b]}).id
    with contextlib.suppress(ValidationError):  # refusing the move is one right answer
        records.update(dossier, "comparison", comparison, {"case_id": other})
    record = records.get(dossier, "comparison", comparison)
    cases = {records.get(dossier, "opinion", o)["case_id"] for o in record["opinion_ids"]}
    assert cases <= {record["case_id"]}


def test_aspects_cover_the_design(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    a, b = _opinions(dossier, case, 2)
    every = {aspect: "same" for aspect in ASPECTS}
    change = records.create(
        dossier, "comparison", {"case_id": case, "opinion_ids": [a, b], "aspects": every}
    )
    assert change.after is not None and set(change.after["aspects"]) == set(ASPECTS)


# --- documents ------------------------------------------------------------------------------


def test_documents_are_only_added_by_import(dossier: Dossier) -> None:
    with pytest.raises(DossierError):
        records.create(dossier, "document", {"title": "Fake"})
    assert records.list_records(dossier, "document") == []


def test_document_links_tags_and_bring(dossier: Dossier, pool: SandboxPool, tmp_path: Path) -> None:
    first = records.create(dossier, "case", {"title": "first"}).id
    second = records.create(dossier, "case", {"title": "second"}).id
    opinion = records.create(dossier, "opinion", {"case_id": first}).id
    document = import_text(dossier, pool, tmp_path, "Blood count\nHaemoglobin 13.1")
    assert records.get(dossier, "document", document)["case_ids"] == []

    change = records.update(
        dossier,
        "document",
        document,
        {
            "case_ids": [second, first, second],
            "opinion_ids": [opinion],
            "tags": ["Biopsy", "biopsy", " BIOPSY ", "urgent", "", "Urgent\n"],
            "bring": "yes",
            "kind": "lab result",
            "document_date": "2026-02-01",
        },
    )
    assert change.before is not None and change.before["tags"] == []
    record = records.get(dossier, "document", document)
    assert record == change.after
    assert record["case_ids"] == [first, second]
    assert record["opinion_ids"] == [opinion]
    assert record["tags"] == ["Biopsy", "urgent"]
    assert record["bring"] is True
    assert record["kind"] == "lab_result"
    assert [d["id"] for d in records.list_records(dossier, "document", case_id=first)] == [document]
    assert [d["id"] for d in records.list_records(dossier, "document", case_id=second)] == [
        document
    ]

    records.update(dossier, "document", document, {"tags": "scan, Scan,letter", "case_ids": []})
    record = records.get(dossier, "document", document)
    assert record["tags"] == ["letter", "scan"]
    assert record["case_ids"] == []
    assert record["opinion_ids"] == [opinion]  # untouched when not given


def test_document_file_fields_cannot_be_edited(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    document = import_text(dossier, pool, tmp_path, "Letter")
    sha = records.get(dossier, "document", document)["sha256"]
    with pytest.raises(ValidationError):
        records.update(dossier, "document", document, {"sha256": "0" * 64})
    assert records.get(dossier, "document", document)["sha256"] == sha


def test_document_links_to_trashed_or_missing_records_refused(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    gone = records.create(dossier, "case", {"title": "gone"}).id
    records.delete(dossier, "case", gone)
    document = import_text(dossier, pool, tmp_path, "Letter")
    records.update(dossier, "document", document, {"case_ids": [case], "tags": ["kept"]})
    for bad in ([gone], [case, 999], ["1"], 7):
        with pytest.raises(ValidationError):
            records.update(dossier, "document", document, {"case_ids": bad, "tags": ["lost"]})
    record = records.get(dossier, "document", document)
    assert record["case_ids"] == [case]
    assert record["tags"] == ["kept"]


def test_too_many_tags_refused(dossier: Dossier, pool: SandboxPool, tmp_path: Path) -> None:
    document = import_text(dossier, pool, tmp_path, "Letter")
    with pytest.raises(ValidationError):
        records.update(dossier, "document", document, {"tags": [f"t{n}" for n in range(51)]})
    records.update(dossier, "document", document, {"tags": [f"t{n}" for n in range(50)]})
    assert len(records.get(dossier, "document", document)["tags"]) == 50


def test_document_delete_and_restore(dossier: Dossier, pool: SandboxPool, tmp_path: Path) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    document = import_text(dossier, pool, tmp_path, "Discharge summary")
    records.update(dossier, "document", document, {"case_ids": [case], "tags": ["x"]})
    records.delete(dossier, "document", document)
    assert records.list_records(dossier, "document") == []
    assert records.list_records(dossier, "document", case_id=case) == []
    restored = records.restore(dossier, "document", document)
    assert restored.after is not None
    assert restored.after["case_ids"] == [case]
    assert restored.after["tags"] == ["x"]


# --- the person -----------------------------------------------------------------------------


def test_person_get_and_update(dossier: Dossier) -> None:
    profile = person.get_person(dossier)
    assert profile["name"] == "Test Person"
    assert profile["born"] == "1960-05-17"
    insurer = records.create(dossier, "contact", {"name": "Good Health", "role": "insurer"}).id

    change = person.update_person(
        dossier, {"phone": "+31 20 555 0101", "insurer_id": insurer, "allergies": "Penicillin"}
    )

    assert change.action == "updated"
    assert change.entity == "person"
    assert change.before is not None and change.before["phone"] is None
    assert change.after is not None and change.after["insurer_id"] == insurer
    assert person.get_person(dossier)["allergies"] == "Penicillin"
    assert [p["id"] for p in records.list_records(dossier, "person")] == [1]


def test_person_update_validates(dossier: Dossier) -> None:
    with pytest.raises(ValidationError):
        person.update_person(dossier, {"email": "not an address"})
    with pytest.raises(ValidationError):
        person.update_person(dossier, {"insurer_id": 77})
    with pytest.raises(ValidationError):
        person.update_person(dossier, {"name": ""})
    assert person.get_person(dossier)["name"] == "Test Person"


def test_person_cannot_be_deleted_or_added(dossier: Dossier) -> None:
    with pytest.raises(DossierError):
        records.delete(dossier, "person", 1)
    with pytest.raises(DossierError):
        records.create(dossier, "person", {"name": "Second person"})
    assert person.get_person(dossier)["name"] == "Test Person"
    assert dossier.db.execute("SELECT COUNT(*) FROM person").fetchone()[0] == 1
    assert trash.list_trash(dossier) == []


# --- what a failing operation leaves --------------------------------------------------------


def _table_counts(dossier: Dossier) -> dict[str, int]:
    names = [
        r[0]
        for r in dossier.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_fts_%'"
        )
    ]
    return {
        name: dossier.db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names
    }


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("case", {"title": "x", "opened_on": "2026-02-30"}),
        ("cost", {"description": "x", "amount": "-5"}),
        ("note", {"text": "x", "case_id": 12345}),
        ("diagnosis", {"name": "x", "case_id": 1, "icd10": "not a code"}),
        ("appointment", {"starts_at": "tomorrow"}),
        ("comparison", {"case_id": 1, "opinion_ids": [1, 2], "aspects": {"x": "same"}}),
    ],
)
def test_failed_create_writes_nothing(dossier: Dossier, name: str, data: dict[str, Any]) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    assert case == 1
    _opinions(dossier, case, 2)
    before = _table_counts(dossier)
    with pytest.raises(ValidationError):
        records.create(dossier, name, data)
    assert _table_counts(dossier) == before


@pytest.mark.parametrize("number", [10**30, -(10**30), 2**63, 0, -1])
def test_a_record_number_no_record_can_have_is_not_found(dossier: Dossier, number: int) -> None:
    """Any caller, not only the command line: numbers beyond SQLite's integers are no record
    (they used to raise OverflowError), in a lookup and in a list of links."""
    with pytest.raises(NotFoundError):
        records.get(dossier, "case", number)
    case = records.create(dossier, "case", {"title": "Knee"}).id
    with pytest.raises(ValidationError, match="There is no opinion number"):
        records.create(dossier, "comparison", {"case_id": case, "opinion_ids": [number]})


def test_a_records_label_writes_its_dates_as_asked() -> None:
    spec = ENTITIES["appointment"]
    record = {"id": 3, "purpose": "Second opinion", "starts_at": "2026-03-13T10:30"}
    assert records.label_of(spec, record) == "Second opinion · 2026-03-13 10:30"
    shown = records.label_of(spec, record, lambda kind, value: f"<{kind} {value}>")
    assert shown == "Second opinion · <datetime 2026-03-13T10:30>"
