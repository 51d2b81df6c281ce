"""Back into ongoing care: the checklist of who has been told about a case's decision,
ticking and unticking (undoable), and the decided cases still waiting for it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from dossier.core import records, trash
from dossier.core.errors import DossierError, NotFoundError, ValidationError
from dossier.core.handover.told import pending_handovers, tell, told_checklist, untell
from dossier.core.history import History
from dossier.core.storage import Dossier
from tests.pinned_day import PinDay


@pytest.fixture(autouse=True)
def _on_the_day(today: PinDay) -> None:
    """The dates below are past on this day (whatever day the suite runs on)."""
    today("2026-05-12")


@dataclass
class Knee:
    case: int
    gp: int
    surgeon: int
    second: int
    physio: int
    insurer: int
    records_office: int
    clinic: int


def contact(dossier: Dossier, name: str, role: str = "doctor") -> int:
    return records.create(dossier, "contact", {"name": name, "role": role}).id


def knee(dossier: Dossier) -> Knee:
    """A knee case naming its doctors everywhere a case can, and others who are not told."""
    gp = contact(dossier, "Dr. Achterberg")
    surgeon = contact(dossier, "Dr. Okonkwo")
    second = contact(dossier, "Dr. Halvorsen")
    physio = contact(dossier, "Dr. Physio")
    insurer = contact(dossier, "Nordhaven", "insurer")
    office = contact(dossier, "Records office", "records_office")
    clinic = contact(dossier, "Northfield Joint Clinic", "institution")
    case = records.create(
        dossier,
        "case",
        {"title": "Right knee", "referred_by_id": gp, "treating_id": surgeon},
    ).id
    add = records.create
    add(dossier, "diagnosis", {"case_id": case, "name": "Arthrosis", "contact_id": surgeon})
    add(dossier, "opinion", {"case_id": case, "contact_id": surgeon, "ordinal": 1})
    add(dossier, "opinion", {"case_id": case, "contact_id": second, "ordinal": 2})
    add(dossier, "treatment", {"case_id": case, "name": "Exercise", "contact_id": physio})
    add(dossier, "appointment", {"case_id": case, "contact_id": clinic,
                                 "starts_at": "2026-04-01 10:00"})  # fmt: skip
    add(dossier, "records_request", {"case_id": case, "contact_id": office, "what": "Films"})
    add(dossier, "appointment", {"starts_at": "2026-04-02 09:00", "contact_id": gp})  # no case
    add(
        dossier,
        "cost",
        {"case_id": case, "description": "Fee", "amount": 90, "insurer_id": insurer},
    )
    return Knee(case, gp, surgeon, second, physio, insurer, office, clinic)


def decide(dossier: Dossier, case: int, day: str = "2026-04-30") -> int:
    return records.create(
        dossier,
        "comparison",
        {"case_id": case, "decision": "Exercise therapy for three months first.",
         "decided_on": day},
    ).id  # fmt: skip


def test_the_checklist_names_each_doctor_and_institution_once_referring_first(
    dossier: Dossier,
) -> None:
    k = knee(dossier)
    rows = told_checklist(dossier, k.case)
    assert [r.contact_id for r in rows] == [k.gp, k.surgeon, k.second, k.physio, k.clinic]
    assert rows[0].why == ("referred_by_id",)
    assert rows[1].why == ("treating_id", "diagnosis", "opinion")
    assert [r.told_on for r in rows] == [None] * 5
    assert not any(r.told for r in rows)
    assert rows[0].as_dict()["name"] == "Dr. Achterberg"


def test_a_contact_in_the_trash_is_left_out(dossier: Dossier) -> None:
    k = knee(dossier)
    records.delete(dossier, "contact", k.physio)
    assert k.physio not in [r.contact_id for r in told_checklist(dossier, k.case)]


def test_tell_ticks_once_on_today_and_corrects(dossier: Dossier, today: PinDay) -> None:
    today("2026-05-12")
    k = knee(dossier)
    change = tell(dossier, k.case, k.gp, how="letter")
    assert change.action == "created"
    row = told_checklist(dossier, k.case)[0]
    assert (row.told_on, row.how, row.hand_over_id) == ("2026-05-12", "letter", change.id)
    stored = records.get(dossier, "hand_over", change.id)
    assert (stored["kind"], stored["contact_id"], stored["case_id"]) == ("told", k.gp, k.case)
    again = tell(dossier, k.case, k.gp, on="2026-05-10")  # a second tick corrects the day
    assert (again.action, again.id) == ("updated", change.id)
    assert len(records.list_records(dossier, "hand_over", case_id=k.case)) == 1
    row = told_checklist(dossier, k.case)[0]
    assert (row.told_on, row.how) == ("2026-05-10", "letter")


def test_untell_goes_to_the_trash_and_undo_brings_it_back(dossier: Dossier) -> None:
    k = knee(dossier)
    history = History()
    history.record(tell(dossier, k.case, k.second, on="2026-05-01"))
    history.record(untell(dossier, k.case, k.second))
    assert told_checklist(dossier, k.case)[2].told_on is None
    assert [e.entity for e in trash.list_trash(dossier)] == ["hand_over"]
    history.undo(dossier)  # the untick
    assert told_checklist(dossier, k.case)[2].told_on == "2026-05-01"
    history.undo(dossier)  # the tick
    assert told_checklist(dossier, k.case)[2].told_on is None
    history.redo(dossier)
    assert told_checklist(dossier, k.case)[2].told_on == "2026-05-01"


def test_two_told_records_count_once_and_both_are_unticked(dossier: Dossier) -> None:
    """One untold to the trash, told again, then the first restored: two records."""
    k = knee(dossier)
    first = tell(dossier, k.case, k.gp, on="2026-05-01").id
    untell(dossier, k.case, k.gp)
    tell(dossier, k.case, k.gp, on="2026-05-03")
    records.restore(dossier, "hand_over", first)
    assert told_checklist(dossier, k.case)[0].told_on == "2026-05-01"  # the earliest
    history = History()
    history.record(untell(dossier, k.case, k.gp))
    assert told_checklist(dossier, k.case)[0].told_on is None
    history.undo(dossier)
    assert len(records.list_records(dossier, "hand_over", case_id=k.case)) == 2


def test_a_told_contact_no_longer_named_by_the_case_stays_listed(dossier: Dossier) -> None:
    k = knee(dossier)
    tell(dossier, k.case, k.physio)
    [treatment] = records.list_records(dossier, "treatment", case_id=k.case)
    records.delete(dossier, "treatment", treatment["id"])
    row = told_checklist(dossier, k.case)[-1]
    assert (row.contact_id, row.why, row.told) == (k.physio, ("told",), True)


@pytest.mark.parametrize("on", ["2026-02-30", "12/05/2026", "yesterday", "1800-01-01", ""])
def test_a_day_in_the_wrong_form_is_refused(dossier: Dossier, on: str) -> None:
    k = knee(dossier)
    with pytest.raises(ValidationError) as refused:
        tell(dossier, k.case, k.gp, on=on)
    assert "YYYY-MM-DD" in refused.value.message
    assert records.list_records(dossier, "hand_over") == []


def test_a_day_to_come_is_refused(dossier: Dossier, today: PinDay) -> None:
    today("2026-05-12")
    k = knee(dossier)
    with pytest.raises(ValidationError, match="future"):
        tell(dossier, k.case, k.gp, on="2026-05-13")
    assert records.list_records(dossier, "hand_over") == []


def test_refusals_change_nothing(dossier: Dossier) -> None:
    k = knee(dossier)
    with pytest.raises(NotFoundError):
        tell(dossier, 9999, k.gp)
    with pytest.raises(NotFoundError):
        tell(dossier, k.case, 9999)
    for outsider in (k.insurer, k.records_office):
        with pytest.raises(DossierError, match="not one of the doctors or institutions"):
            tell(dossier, k.case, outsider)
    with pytest.raises(DossierError, match="not marked as told"):
        untell(dossier, k.case, k.gp)
    with pytest.raises(ValidationError):
        tell(dossier, k.case, k.gp, how="x" * 600)
    assert records.list_records(dossier, "hand_over") == []
    records.delete(dossier, "case", k.case)
    with pytest.raises(NotFoundError):
        told_checklist(dossier, k.case)


def test_pending_lists_decided_cases_until_everyone_is_told(dossier: Dossier) -> None:
    k = knee(dossier)
    assert pending_handovers(dossier) == []  # not decided yet
    decide(dossier, k.case)
    [pending] = pending_handovers(dossier)
    assert (pending.case_id, pending.decided_on) == (k.case, "2026-04-30")
    assert pending.decision == "Exercise therapy for three months first."
    assert len(pending.not_told) == 5
    for row in told_checklist(dossier, k.case)[:-1]:
        tell(dossier, k.case, row.contact_id)
    assert [r.contact_id for r in pending_handovers(dossier)[0].not_told] == [k.clinic]
    tell(dossier, k.case, k.clinic)
    assert pending_handovers(dossier) == []
    untell(dossier, k.case, k.gp)
    assert [p.case_id for p in pending_handovers(dossier)] == [k.case]


def test_pending_order_and_what_counts_as_decided(dossier: Dossier) -> None:
    later, earlier, marked, reconsidered, closed, nobody = (knee(dossier) for _ in range(6))
    decide(dossier, later.case, "2026-05-02")
    decide(dossier, earlier.case, "2026-04-01")
    records.update(dossier, "case", marked.case, {"status": "decided"})  # no day written
    decide(dossier, reconsidered.case, "2026-04-15")
    records.create(dossier, "comparison", {"case_id": reconsidered.case})  # a third opinion
    decide(dossier, closed.case)
    records.update(dossier, "case", closed.case, {"status": "closed"})
    for name in ("diagnosis", "opinion", "treatment", "appointment"):
        for record in records.list_records(dossier, name, case_id=nobody.case):
            records.delete(dossier, name, record["id"])
    records.update(dossier, "case", nobody.case, {"referred_by_id": None, "treating_id": None})
    decide(dossier, nobody.case)  # a decided case that names no doctor: nobody to tell
    listed = pending_handovers(dossier)
    assert [p.case_id for p in listed] == [earlier.case, later.case, marked.case]
    assert (listed[2].decided_on, listed[2].decision) == (None, None)
    assert listed[0].as_dict()["checklist"][0]["told"] is False
