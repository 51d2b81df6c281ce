"""Back into ongoing care: who has been told about the decision on a case.

After the decision, everyone treating the patient should know what was decided. The
checklist of a case holds each doctor and institution the case names (the referring and
the treating doctor first, then those of its diagnoses, opinions, treatments so far,
appointments and records requests, each once), with the day each was told: a hand-over
record of kind "told" for that case and contact. :func:`tell` ticks one (one record, never
two), :func:`untell` unticks it (to the trash, so it can be undone like any deletion), and
:func:`pending_handovers` lists the decided cases where someone has not been told yet, in
the order they were decided: the Overview shows them until everyone is ticked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .. import records
from ..clock import today
from ..entities import ENTITIES
from ..errors import DossierError, ValidationError
from ..i18n import tr
from ..records import Change
from ..storage import Dossier
from ..validation import parse_date

#: The roles of the contacts to tell: doctors and institutions (not the insurer, the
#: records office or a companion).
TOLD_ROLES = ("doctor", "institution")
#: Where a case names its contacts, in the checklist's order: the case's own two first.
_CASE_FIELDS = ("referred_by_id", "treating_id")
_CHILDREN = ("diagnosis", "opinion", "treatment", "appointment", "records_request")


@dataclass(frozen=True)
class ToldRow:
    """One doctor or institution of a case, and whether (and when) they were told."""

    contact: dict[str, Any]
    why: tuple[str, ...]  # where the case names them: "referred_by_id", "opinion", … "told"
    told_on: str | None = None  # YYYY-MM-DD; None: not told yet
    how: str | None = None
    hand_over_id: int | None = None  # the "told" record

    @property
    def contact_id(self) -> int:
        return int(self.contact["id"])

    @property
    def name(self) -> str:
        return str(self.contact.get("name") or "")

    @property
    def told(self) -> bool:
        return self.told_on is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact_id,
            "name": self.name,
            "role": self.contact.get("role"),
            "specialty": self.contact.get("specialty"),
            "institution": self.contact.get("institution"),
            "why": list(self.why),
            "told": self.told,
            "told_on": self.told_on,
            "how": self.how,
            "hand_over_id": self.hand_over_id,
        }


@dataclass(frozen=True)
class PendingHandover:
    """A decided case where someone in its checklist has not been told yet."""

    case: dict[str, Any]
    decided_on: str | None  # the decision's day, when written down
    decision: str | None  # what was decided, when written down in a comparison
    rows: tuple[ToldRow, ...]

    @property
    def case_id(self) -> int:
        return int(self.case["id"])

    @property
    def not_told(self) -> tuple[ToldRow, ...]:
        return tuple(row for row in self.rows if not row.told)

    def as_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "title": self.case.get("title"),
            "decided_on": self.decided_on,
            "decision": self.decision,
            "checklist": [row.as_dict() for row in self.rows],
        }


class _Loaded:
    """What the checklists look at, loaded once for one case or for all of them."""

    def __init__(self, dossier: Dossier, case_id: int | None) -> None:
        self.contacts = {c["id"]: c for c in records.list_records(dossier, "contact")}
        self.by_case: dict[str, dict[int, list[dict[str, Any]]]] = {}
        for name in (*_CHILDREN, "hand_over", "comparison"):
            grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for record in records.list_records(dossier, name, case_id=case_id):
                if record.get("case_id") is not None:  # an appointment of no case
                    grouped[int(record["case_id"])].append(record)
            self.by_case[name] = grouped

    def of(self, name: str, case_id: int) -> list[dict[str, Any]]:
        return self.by_case[name].get(case_id, [])

    def checklist(self, case: Mapping[str, Any]) -> list[ToldRow]:
        case_id = int(case["id"])
        why: dict[int, list[str]] = {}  # contact id -> reasons, in the checklist's order

        def add(contact_id: Any, reason: str) -> None:
            contact = self.contacts.get(contact_id) if contact_id is not None else None
            if contact is None or contact.get("role") not in TOLD_ROLES:
                return
            reasons = why.setdefault(int(contact_id), [])
            if reason not in reasons:
                reasons.append(reason)

        for name in _CASE_FIELDS:
            add(case.get(name), name)
        for name in _CHILDREN:
            for record in self.of(name, case_id):
                add(record.get("contact_id"), name)
        told: dict[int, dict[str, Any]] = {}
        for record in self.of("hand_over", case_id):
            if record.get("kind") != "told" or record.get("contact_id") is None:
                continue
            contact_id = int(record["contact_id"])
            earlier = told.get(contact_id)
            if earlier is None or _day_key(record) < _day_key(earlier):
                told[contact_id] = record
            if contact_id in self.contacts and contact_id not in why:
                why[contact_id] = ["told"]  # told before, though the case names them no more
        rows = []
        for contact_id, reasons in why.items():
            said = told.get(contact_id)
            rows.append(
                ToldRow(
                    self.contacts[contact_id],
                    tuple(reasons),
                    told_on=said.get("done_on") if said else None,
                    how=said.get("how") if said else None,
                    hand_over_id=int(said["id"]) if said else None,
                )
            )
        return rows

    def decision(self, case: Mapping[str, Any]) -> tuple[bool, dict[str, Any] | None]:
        """Whether the case is decided, and the comparison in which the decision is written
        (the newest decided one), if any. A case is decided when marked so, or when its
        latest comparison records a decision."""
        comparisons = self.of("comparison", int(case["id"]))
        written = sorted(
            (c for c in comparisons if (c.get("decision") or "").strip()),
            key=lambda c: (c.get("decided_on") or "", c["id"]),
        )
        latest = max(comparisons, key=lambda c: c["id"], default=None)
        latest_decided = latest is not None and bool((latest.get("decision") or "").strip())
        decided = case.get("status") == "decided" or latest_decided
        return decided, (written[-1] if written else None)


def _day_key(record: Mapping[str, Any]) -> tuple[str, int]:
    return (str(record.get("done_on") or "9999-12-31"), int(record["id"]))


def told_checklist(dossier: Dossier, case_id: int) -> list[ToldRow]:
    """Every doctor and institution of the case ``case_id``, each once, the referring and the
    treating doctor first, each with the day they were told (None: not yet). Raises
    NotFoundError for a case that is not there (or is in the trash)."""
    case = records.get(dossier, "case", case_id)
    return _Loaded(dossier, case_id).checklist(case)


def is_decided(dossier: Dossier, case_id: int) -> bool:
    """Whether the case ``case_id`` is decided: marked so, or with a decision written in its
    latest comparison (then its checklist is to be ticked)."""
    case = records.get(dossier, "case", case_id)
    return _Loaded(dossier, case_id).decision(case)[0]


def pending_handovers(dossier: Dossier) -> list[PendingHandover]:
    """The decided cases (marked decided, or with a decision written in their latest
    comparison) where someone in the checklist has not been told, the earliest decision
    first (a decision without a day last). A closed case is put away: it is not listed."""
    loaded = _Loaded(dossier, None)
    pending: list[PendingHandover] = []
    for case in records.list_records(dossier, "case"):
        if case.get("status") == "closed":
            continue
        decided, comparison = loaded.decision(case)
        if not decided:
            continue
        rows = loaded.checklist(case)
        if all(row.told for row in rows):
            continue
        pending.append(
            PendingHandover(
                case,
                comparison.get("decided_on") if comparison else None,
                str(comparison["decision"]).strip() if comparison else None,
                tuple(rows),
            )
        )
    pending.sort(key=lambda p: (p.decided_on is None, p.decided_on or "", p.case_id))
    return pending


def tell(
    dossier: Dossier,
    case_id: int,
    contact_id: int,
    *,
    on: date | str | None = None,
    how: str | None = None,
) -> Change:
    """Record that the contact ``contact_id`` was told of the decision on case ``case_id``,
    on the day ``on`` (default today; never a day to come), ``how`` (a letter, a phone
    call…). Someone told already keeps their one record: a day or a way given corrects it.

    Refuses (changing nothing) a case or contact that is not there, a contact that is not
    a doctor or institution of the case, and a day that is not a real one."""
    row = _row_of(dossier, case_id, contact_id)
    data: dict[str, Any] = {}
    if on is not None:
        data["done_on"] = _checked_day(on)
    if how is not None:
        data["how"] = how
    if row.hand_over_id is not None:
        return records.update(dossier, "hand_over", row.hand_over_id, data)
    data.setdefault("done_on", today().isoformat())
    return records.create(
        dossier,
        "hand_over",
        {"case_id": case_id, "contact_id": contact_id, "kind": "told", **data},
    )


def untell(dossier: Dossier, case_id: int, contact_id: int) -> Change:
    """Take back that ``contact_id`` was told of the decision on case ``case_id``: the
    record goes to the trash (Undo, or the Trash page, brings it back). Refuses someone
    not marked as told."""
    _row_of(dossier, case_id, contact_id)
    told = records.list_records(
        dossier, "hand_over", case_id=case_id, equal={"contact_id": contact_id, "kind": "told"}
    )
    if not told:
        contact = records.get(dossier, "contact", contact_id)
        raise DossierError(
            tr(
                "{name} is not marked as told of the decision on this case.",
                name=str(contact["name"]),
            )
        )
    if len(told) == 1:
        return records.delete(dossier, "hand_over", int(told[0]["id"]))
    from ..history import ChangeGroup  # two records (one restored from the trash): both go

    with dossier.db.atomic():
        parts = [records.delete(dossier, "hand_over", int(r["id"])) for r in told]
    return ChangeGroup.of(
        parts, entity="hand_over", summary=tr("marking someone as not told of the decision")
    )


def _row_of(dossier: Dossier, case_id: int, contact_id: int) -> ToldRow:
    """The checklist row of ``contact_id`` in case ``case_id``; refused when not there."""
    rows = told_checklist(dossier, case_id)  # NotFoundError for a case that is not there
    contact = records.get(dossier, "contact", contact_id)  # and for a contact
    for row in rows:
        if row.contact_id == contact_id:
            return row
    raise DossierError(
        tr(
            "{name} is not one of the doctors or institutions of this case: add them to the "
            "case first (as its treating doctor, or with an opinion, an appointment…).",
            name=str(contact["name"]),
        )
    )


def _checked_day(on: date | str) -> str:
    """``on`` as YYYY-MM-DD: a real day, not one to come; a ValidationError if not."""
    label = tr(ENTITIES["hand_over"].field("done_on").label)
    try:
        day = parse_date(on)
    except ValueError:
        raise ValidationError(
            {
                "done_on": tr(
                    "The {label} must be a real date, written as YYYY-MM-DD (such as {example}).",
                    label=label,
                    example=today().isoformat(),
                )
            }
        ) from None
    if day > today():
        raise ValidationError({"done_on": tr("The day someone was told cannot be in the future.")})
    return day.isoformat()


__all__ = [
    "TOLD_ROLES",
    "PendingHandover",
    "ToldRow",
    "is_decided",
    "pending_handovers",
    "tell",
    "told_checklist",
    "untell",
]
