"""The example dossier shows both hand-overs of issue 20: a finished one (the breast case's
records sent to the second doctor before her consultation) and a pending one (the knee case
decided, its surgeon and second doctor told, the GP not yet); and each medical case says
its real motive."""

from __future__ import annotations

from datetime import date, timedelta

from dossier.core import records
from dossier.core.clock import today
from dossier.core.handover.told import pending_handovers, told_checklist
from dossier.core.storage import Dossier


def case_of(dossier: Dossier, kind: str) -> dict[str, object]:
    (found,) = [c for c in records.list_records(dossier, "case") if c["kind"] == kind]
    return found


def name_of(dossier: Dossier, contact_id: int) -> str:
    return str(records.get(dossier, "contact", contact_id)["name"])


def test_the_knee_is_decided_and_waits_for_the_gp(demo: Dossier) -> None:
    knee = case_of(demo, "surgery")
    assert knee["status"] == "decided"
    [comparison] = records.list_records(demo, "comparison", case_id=int(knee["id"]))
    assert "three months" in comparison["decision"]
    assert comparison["decision_reason"] and comparison["decision_participants"]
    decided = date.fromisoformat(comparison["decided_on"])
    assert decided == today() - timedelta(days=12)

    [pending] = pending_handovers(demo)
    assert pending.case_id == knee["id"]
    assert pending.decided_on == comparison["decided_on"]
    rows = told_checklist(demo, int(knee["id"]))
    told = {name_of(demo, r.contact_id): r.told_on for r in rows}
    assert told == {
        "Dr. Thomas Achterberg": None,
        "Dr. Samuel Okonkwo": (today() - timedelta(days=10)).isoformat(),
        "Dr. Ingrid Halvorsen": (today() - timedelta(days=8)).isoformat(),
    }
    assert rows[0].why[0] == "referred_by_id"  # the GP who referred her comes first
    for row in rows:  # told after the decision, never before it
        assert row.told_on is None or date.fromisoformat(row.told_on) >= decided


def test_the_breast_records_went_to_the_second_doctor_before_her_opinion(
    demo: Dossier,
) -> None:
    breast = case_of(demo, "treatment")
    [sent] = records.list_records(demo, "hand_over", case_id=int(breast["id"]))
    assert sent["kind"] == "sent"
    assert name_of(demo, sent["contact_id"]) == "Dr. Zoë Martínez"
    assert "Cover letter" in sent["what"] and "packet" in sent["what"]
    [opinion] = [
        o
        for o in records.list_records(demo, "opinion", case_id=int(breast["id"]))
        if o["contact_id"] == sent["contact_id"]
    ]
    assert sent["done_on"] < opinion["given_on"]
    assert breast["status"] == "open"  # not decided: nothing to hand back yet


def test_each_medical_case_says_its_motive(demo: Dossier) -> None:
    for case in records.list_records(demo, "case"):
        if case["kind"] != "administrative":
            assert len(case["motive"] or "") > 40, case["title"]
