"""What the step rules look at, loaded once for any number of cases, and the small
helpers that put it into words ("in 3 days", "Dr. A and Dr. B")."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import records
from ..clip import clip_line
from ..clock import today
from ..entities import ENTITIES
from ..i18n import ntr, tr
from ..storage import Dossier
from .model import Proof

_CHILDREN = (
    "diagnosis",
    "opinion",
    "comparison",
    "records_request",
    "appointment",
    "task",
    "question",
    "cost",
)
_RULE_FIELDS = ("reimburse_percent", "cap_per_consultation", "consultations_per_year")


@dataclass
class Facts:
    """Everything the rules look at, loaded once for any number of cases."""

    person: dict[str, Any]
    contacts: dict[int, dict[str, Any]]
    by_case: dict[str, dict[int, list[dict[str, Any]]]] = field(default_factory=dict)
    documented_opinions: set[int] = field(default_factory=set)  # with a live document
    today: date = field(default_factory=today)

    def of(self, name: str, case_id: int) -> list[dict[str, Any]]:
        return self.by_case[name].get(case_id, [])


def load_facts(dossier: Dossier, case_id: int | None) -> Facts:
    """The facts of one case (``case_id``), or of every case (None)."""
    facts = Facts(
        person=records.get(dossier, "person", 1),
        contacts={c["id"]: c for c in records.list_records(dossier, "contact")},
    )
    for name in _CHILDREN:
        grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for record in records.list_records(dossier, name, case_id=case_id):
            if record.get("case_id") is not None:
                grouped[record["case_id"]].append(record)
        facts.by_case[name] = grouped
    facts.documented_opinions = {
        int(row[0])
        for row in dossier.db.execute(
            "SELECT link.opinion_id FROM document_opinion AS link "
            "JOIN document ON document.id = link.document_id WHERE document.deleted_at IS NULL"
        )
    }
    return facts


def second_doctor_meetings(case: dict[str, Any], facts: Facts) -> list[dict[str, Any]]:
    """The case's appointments with a doctor other than the first: one who gave a first
    opinion or a diagnosis of the case."""
    first = {
        o["contact_id"]
        for o in facts.of("opinion", case["id"])
        if o.get("contact_id") and (o.get("ordinal") or 1) < 2
    }
    first |= {d["contact_id"] for d in facts.of("diagnosis", case["id"]) if d.get("contact_id")}
    return [
        a
        for a in facts.of("appointment", case["id"])
        if a.get("contact_id") is not None
        and a["contact_id"] not in first
        and facts.contacts.get(a["contact_id"], {}).get("role") == "doctor"
    ]


def proofs(name: str, rows: list[dict[str, Any]]) -> tuple[Proof, ...]:
    spec = ENTITIES[name]
    return tuple(Proof(name, r["id"], records.label_of(spec, r)) for r in rows)


def has_rules(insurer: dict[str, Any]) -> bool:
    return bool(insurer.get("prior_approval_required")) or any(
        insurer.get(name) is not None for name in _RULE_FIELDS
    )


def insurer_of(cost: dict[str, Any], facts: Facts) -> dict[str, Any]:
    insurer_id = cost.get("insurer_id") or facts.person.get("insurer_id")
    return facts.contacts.get(insurer_id, {}) if insurer_id is not None else {}


def contact_name(contact_id: int | None, facts: Facts) -> str:
    contact = facts.contacts.get(contact_id) if contact_id is not None else None
    return str(contact["name"]) if contact else tr("the doctor")


def contact_field(record: dict[str, Any], name: str, facts: Facts) -> str | None:
    contact = facts.contacts.get(record.get("contact_id") or -1)
    value = contact.get(name) if contact else None
    return str(value) if value else None


def opinion_by(opinion: dict[str, Any], facts: Facts) -> str:
    if opinion.get("contact_id") in facts.contacts:
        return contact_name(opinion["contact_id"], facts)
    return str(opinion.get("institution") or tr("the doctor"))


def facility(request: dict[str, Any], facts: Facts) -> str:
    if request.get("facility"):
        return str(request["facility"])
    contact = facts.contacts.get(request.get("contact_id") or -1)
    if contact:
        return str(contact.get("institution") or contact["name"])
    return tr("the records office")


def coming_appointments(case: dict[str, Any], facts: Facts) -> list[dict[str, Any]]:
    return [
        a for a in facts.of("appointment", case["id"]) if days_until(a["starts_at"], facts) >= 0
    ]


def task_hint(task: dict[str, Any], facts: Facts) -> str:
    due = task.get("due_on")
    if not due:
        return tr("{task}.", task=task["title"])
    days = days_until(due, facts)
    if days < 0:
        return tr("Overdue since {when}: {task}.", when=when_words(days), task=task["title"])
    return tr("{task}: due {when}.", task=task["title"], when=when_words(days))


def days_until(iso: str, facts: Facts) -> int:
    return (date.fromisoformat(iso[:10]) - facts.today).days


def when_words(days: int) -> str:
    """A number of days from today in words: "today", "in 3 days", "5 days ago"."""
    if days == 0:
        return tr("today")
    if days == 1:
        return tr("tomorrow")
    if days == -1:
        return tr("yesterday")
    if days > 1:
        return ntr("in {n} day", "in {n} days", days)
    return ntr("{n} day ago", "{n} days ago", -days)


def join_words(parts: Any) -> str:
    items = [str(p) for p in parts]
    if len(items) <= 1:
        return "".join(items)
    return tr("{first} and {last}", first=", ".join(items[:-1]), last=items[-1])


def shorten(text: str, limit: int) -> str:
    return clip_line(text, limit)


__all__ = [
    "Facts",
    "coming_appointments",
    "contact_field",
    "contact_name",
    "days_until",
    "facility",
    "has_rules",
    "insurer_of",
    "join_words",
    "load_facts",
    "opinion_by",
    "proofs",
    "shorten",
    "task_hint",
    "when_words",
]
