"""The demo dossier: complete, imported through the real pipeline, and always up to date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from dossier.core import clock, person, records, reimbursement, search
from dossier.core import demo as demo_module
from dossier.core.demo import build_demo
from dossier.core.entities import ASPECTS
from dossier.core.errors import DossierOpenError
from dossier.core.medications import current_medications, medication_changes, past_medications
from dossier.core.storage import Dossier
from tests.pinned_day import PinDay


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dossier]:
    built = build_demo(tmp_path_factory.mktemp("demo") / "dossier")
    yield built
    built.close()


def _all(dossier: Dossier, name: str, **where: Any) -> list[dict[str, Any]]:
    rows = records.list_records(dossier, name)
    return [r for r in rows if all(r.get(k) == v for k, v in where.items())]


def _case(dossier: Dossier, kind: str) -> dict[str, Any]:
    (found,) = _all(dossier, "case", kind=kind)
    return found


def _days_from(today: date, value: str) -> int:
    return (date.fromisoformat(value[:10]) - today).days


def test_three_cases_of_different_kinds(demo: Dossier) -> None:
    cases = records.list_records(demo, "case")
    assert len(cases) >= 3
    assert {"treatment", "surgery", "administrative"} <= {c["kind"] for c in cases}
    for case in cases:
        assert _all(demo, "diagnosis", case_id=case["id"])
        assert _all(demo, "question", case_id=case["id"])
        assert _all(demo, "task", case_id=case["id"])
    codes = [d["icd10"] for d in records.list_records(demo, "diagnosis")]
    assert all(codes)
    statuses = {d["status"] for d in records.list_records(demo, "diagnosis")}
    assert {"confirmed", "suspected", "ruled_out"} <= statuses


def test_patient_profile_is_filled_in(demo: Dossier) -> None:
    profile = person.get_person(demo)
    assert "Lindqvist" in profile["name"]
    assert profile["born"].startswith("1958")
    assert profile["allergies"]
    assert not profile["medications"]  # the medicines are a list: no other notes on them
    insurer = records.get(demo, "contact", profile["insurer_id"])
    assert insurer["role"] == "insurer"


def test_medicines_taken_now_and_one_stopped_during_the_knee_case(demo: Dossier) -> None:
    today = clock.today()
    taken = [m["name"] for m in current_medications(demo, today)]
    assert taken == [
        "Amlodipine",
        "Atorvastatin",
        "Diclofenac gel",
        "Paracetamol",
        "Vitamin D3",
    ]
    assert all(m["prescribed_by_id"] and m["reason"] for m in current_medications(demo, today))
    (stopped,) = past_medications(demo, today)
    knee = _case(demo, "surgery")
    opened = date.fromisoformat(knee["opened_on"])
    changes = [(c, m["name"]) for c, m in medication_changes(demo, opened, today)]
    assert changes == [("stopped", "Ibuprofen"), ("started", "Vitamin D3")]
    assert stopped["name"] == "Ibuprofen" and stopped["notes"]


def test_treatment_opinions_agree_on_diagnosis_but_not_on_treatment(demo: Dossier) -> None:
    case = _case(demo, "treatment")
    first, second = _all(demo, "opinion", case_id=case["id"])
    assert first["diagnosis"] == second["diagnosis"]
    assert first["stage"] == second["stage"]
    assert first["treatment"] != second["treatment"]
    assert first["contact_id"] != second["contact_id"]
    assert first["institution"] != second["institution"]
    assert all(first[a] and second[a] for a in ASPECTS)
    for opinion in (first, second):
        report = records.get(demo, "document", opinion["report_document_id"])
        assert report["kind"] == "written_opinion"
        assert report["opinion_ids"] == [opinion["id"]]

    (comparison,) = _all(demo, "comparison", case_id=case["id"])
    assert comparison["opinion_ids"] == [first["id"], second["id"]]
    assert comparison["aspects"]["diagnosis"]["verdict"] == "same"
    assert comparison["aspects"]["treatment"]["verdict"] == "different"
    assert comparison["summary"] and comparison["next_steps"]
    assert 21 <= _days_from(clock.today(), case["decision_deadline"]) <= 35


def test_surgery_case_has_an_opinion_with_aspects_left_empty(demo: Dossier) -> None:
    case = _case(demo, "surgery")
    opinions = _all(demo, "opinion", case_id=case["id"])
    assert len(opinions) >= 2
    empty = [[a for a in ASPECTS if opinion[a] is None] for opinion in opinions]
    assert max(len(aspects) for aspects in empty) >= 3


def test_administrative_case_has_appeal_records(demo: Dossier) -> None:
    case = _case(demo, "administrative")
    letters = [
        d
        for d in records.list_records(demo, "document", case_id=case["id"])
        if d["kind"] == "letter"
    ]
    assert any("appeal" in d["tags"] for d in letters)
    assert _all(demo, "records_request", case_id=case["id"])
    today = clock.today()
    assert any(
        _days_from(today, t["due_on"]) > 0 and not t["done"]
        for t in _all(demo, "task", case_id=case["id"])
    )


def test_documents_are_imported_into_the_vault(demo: Dossier) -> None:
    documents = records.list_records(demo, "document")
    assert len(documents) >= 15
    for doc in documents:
        assert re.fullmatch(r"[0-9a-f]{64}", doc["sha256"])
        assert demo.vault.has(doc["sha256"])
        assert doc["has_thumbnail"] or doc["media_type"] == "text/plain"
        assert doc["case_ids"], doc["title"]
        assert doc["document_date"]
        assert -200 <= _days_from(clock.today(), doc["document_date"]) <= 0
    media = {d["media_type"] for d in documents}
    assert {"application/pdf", "image/jpeg", "text/plain"} <= media
    assert sum(1 for d in documents if (d["page_count"] or 0) >= 2) >= 5
    kinds = {d["kind"] for d in documents}
    assert {
        "lab_result",
        "imaging_report",
        "image",
        "pathology",
        "letter",
        "referral",
        "discharge_summary",
        "prescription",
        "insurance",
        "written_opinion",
    } <= kinds
    assert any(d["bring"] for d in documents)
    assert any(d["tags"] for d in documents)


def test_photo_keeps_its_exif_date(demo: Dossier) -> None:
    photos = [d for d in records.list_records(demo, "document") if d["media_type"] == "image/jpeg"]
    assert photos
    assert all(p["exif_date"] for p in photos)
    assert photos[0]["exif_date"][:10] == photos[0]["document_date"]


def test_insurer_has_reimbursement_rules(demo: Dossier) -> None:
    (insurer,) = _all(demo, "contact", role="insurer")
    assert insurer["reimburse_percent"] == 80
    assert insurer["cap_per_consultation"] == 350
    assert insurer["consultations_per_year"] == 3
    assert insurer["prior_approval_required"] is True
    assert insurer["currency"] == "EUR"
    roles = [c["role"] for c in records.list_records(demo, "contact")]
    assert roles.count("doctor") >= 5
    assert {"records_office", "companion"} <= set(roles)
    institutions = {c["institution"] for c in _all(demo, "contact", role="doctor")}
    assert len(institutions) >= 5


def test_costs_follow_the_insurer_rules(demo: Dossier) -> None:
    consultations = _all(demo, "cost", is_consultation=True)
    approved = [c for c in consultations if c["prior_approval_obtained"]]
    refused = [c for c in consultations if not c["prior_approval_obtained"]]
    assert approved and refused
    # 80% of 480 is 384, more than the cap of 350 per consultation.
    assert reimbursement.expected_for(demo, approved[0]["id"]).expected == 350
    assert reimbursement.expected_for(demo, refused[0]["id"]).expected == 0
    statuses = {c["claim_status"] for c in records.list_records(demo, "cost")}
    assert len(statuses) >= 3


def test_tasks_appointments_and_questions_look_live(demo: Dossier) -> None:
    today = clock.today()
    tasks = records.list_records(demo, "task")
    overdue = [t for t in tasks if not t["done"] and _days_from(today, t["due_on"]) < 0]
    assert overdue
    assert any(t["done"] and t["done_on"] for t in tasks)
    assert {"decision", "insurer_approval", "records", "follow_up"} <= {t["kind"] for t in tasks}

    appointments = records.list_records(demo, "appointment")
    ahead = sorted(
        _days_from(today, a["starts_at"])
        for a in appointments
        if a["starts_at"] > today.isoformat()
    )
    assert any(1 <= days <= 8 for days in ahead)  # next week
    assert any(18 <= days <= 24 for days in ahead)  # in three weeks
    upcoming = [a for a in appointments if _days_from(today, a["starts_at"]) > 0]
    assert any(a["companion"] and a["preparation"] for a in upcoming)

    questions = records.list_records(demo, "question")
    upcoming_ids = {a["id"] for a in upcoming}
    assert any(q["appointment_id"] in upcoming_ids and not q["asked"] for q in questions)
    answered = [q for q in questions if q["asked"] and q["answer"]]
    assert len(answered) >= 2
    assert all(q["answered_by_id"] for q in answered)


def test_records_requests_and_physical_items(demo: Dossier) -> None:
    today = clock.today()
    requests = records.list_records(demo, "records_request")
    assert any(r["status"] == "received" for r in requests)
    assert any(r["status"] == "requested" and _days_from(today, r["due_on"]) < 0 for r in requests)
    items = records.list_records(demo, "physical_item")
    assert any(i["kind"] == "slides" and i["sent_to_id"] and not i["returned_on"] for i in items)
    assert any(i["kind"] == "disc" for i in items)


def test_treatments_so_far_and_the_doctors_of_each_case(demo: Dossier) -> None:
    """Only what was given or tried is a treatment (the advised operations are in the
    opinions); the knee's painkillers, injection and exercise therapy, with dates."""
    today = clock.today()
    assert person.get_person(demo)["sex"] == "female"
    knee, breast = _case(demo, "surgery"), _case(demo, "treatment")
    treatments = _all(demo, "treatment", case_id=knee["id"])
    assert {"medication", "physiotherapy"} <= {t["kind"] for t in treatments}
    assert all(_days_from(today, t["started_on"]) < 0 for t in treatments if t["started_on"])
    assert not [t for t in records.list_records(demo, "treatment") if t["kind"] == "operation"]
    assert _all(demo, "treatment", case_id=breast["id"]) == []  # nothing given yet
    names = {c["id"]: c["name"] for c in records.list_records(demo, "contact")}
    assert names[breast["treating_id"]] == "Dr. Jürgen Weiß"
    assert names[knee["treating_id"]] == "Dr. Samuel Okonkwo"
    assert names[breast["referred_by_id"]] == names[knee["referred_by_id"]]
    assert "Achterberg" in names[knee["referred_by_id"]]


def test_search_finds_a_lab_value_on_its_page(demo: Dossier) -> None:
    hits = [h for h in search.search(demo, "ferritin") if h.kind == "document"]
    assert hits
    assert hits[0].page == 2
    assert records.get(demo, "document", hits[0].id)["kind"] == "lab_result"


@pytest.mark.parametrize("query", ["muller", "Müller", "zoe martinez"])
def test_search_ignores_accents_in_names(demo: Dossier, query: str) -> None:
    assert any(h.kind == "contact" for h in search.search(demo, query))


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(DossierOpenError):
        build_demo(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("existing", [False, True])
def test_a_failed_build_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    def broken(*args: object, **kwargs: object) -> list[object]:
        raise OSError("disk full")

    monkeypatch.setattr(demo_module, "import_paths", broken)
    folder = tmp_path / "demo"
    if existing:
        folder.mkdir()
    with pytest.raises(DossierOpenError, match=r"No dossier could be made in .*disk full"):
        build_demo(folder)
    assert folder.exists() == existing
    assert not existing or not any(folder.iterdir())


def test_dates_follow_the_day_it_is_built(demo: Dossier, tmp_path: Path, today: PinDay) -> None:
    built_on = today()
    before = sorted(
        datetime.fromisoformat(a["starts_at"]) - datetime.combine(built_on, datetime.min.time())
        for a in records.list_records(demo, "appointment")
    )
    later = built_on + timedelta(days=1234)
    today(later)
    shifted = build_demo(tmp_path / "later")
    try:
        after = sorted(
            datetime.fromisoformat(a["starts_at"]) - datetime.combine(later, datetime.min.time())
            for a in records.list_records(shifted, "appointment")
        )
        assert after == before
        photo = next(
            d for d in records.list_records(shifted, "document") if d["media_type"] == "image/jpeg"
        )
        assert _days_from(later, photo["exif_date"]) == _days_from(
            built_on, _photo(demo)["exif_date"]
        )
        (case,) = _all(shifted, "case", kind="treatment")
        assert _days_from(later, case["decision_deadline"]) == _days_from(
            built_on, _case(demo, "treatment")["decision_deadline"]
        )
        visit = later - timedelta(days=20)  # the letter thanks her for that visit
        pages = [r[0] for r in shifted.db.execute("SELECT text FROM document_page")]
        assert any(f"coming on {visit.day} {visit:%B} {visit.year}" in text for text in pages)
    finally:
        shifted.close()


def _photo(dossier: Dossier) -> dict[str, Any]:
    return next(
        d for d in records.list_records(dossier, "document") if d["media_type"] == "image/jpeg"
    )
