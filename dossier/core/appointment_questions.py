"""An appointment's questions: which they are, in what order, and what an answer says.

Appointment mode (``ui/appointment``) shows these and saves what is typed; the rules
are here, without Qt, so they hold whatever screen asks.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from . import records
from .errors import DossierError
from .storage import Dossier


def questions_for(dossier: Dossier, appointment: dict[str, Any]) -> list[dict[str, Any]]:
    """The questions to ask at ``appointment``, in the order to ask them: first those
    assigned to it, then the case's other open questions (see :func:`is_offered`), each
    group in the case's order."""
    case_id = appointment.get("case_id")
    if case_id is None:  # an appointment of no case: only what was assigned to it
        return records.list_records(
            dossier, "question", equal={"appointment_id": appointment["id"]}
        )
    questions = records.list_records(dossier, "question", case_id=case_id)
    later = _later_appointments(dossier, appointment)
    assigned = [q for q in questions if q.get("appointment_id") == appointment["id"]]
    others = [q for q in questions if is_offered(q, appointment, later)]
    return assigned + others


def is_offered(
    question: dict[str, Any], appointment: dict[str, Any], later: Collection[int] = ()
) -> bool:
    """Whether ``question``, not assigned to ``appointment``, is still offered there: it is
    open (not asked, no answer), it was not taken off this appointment's list, and it is
    not kept for one of the ``later`` appointments."""
    return (
        question.get("appointment_id") != appointment["id"]
        and question.get("appointment_id") not in later
        and not question.get("asked")
        and not has_answer(question.get("answer") or "")
        and question.get("set_aside_id") != appointment["id"]
    )


def assigned(question: dict[str, Any], appointment: dict[str, Any]) -> bool:
    """Whether ``question`` was assigned to ``appointment`` (rather than only offered)."""
    return bool(question.get("appointment_id") == appointment["id"])


def _later_appointments(dossier: Dossier, appointment: dict[str, Any]) -> set[int]:
    """The case's other appointments that start at the same time as ``appointment`` or
    after it: questions kept for those wait for them."""
    return {
        int(other["id"])
        for other in records.list_records(
            dossier, "appointment", case_id=appointment.get("case_id")
        )
        if other["id"] != appointment["id"]
        and str(other.get("starts_at") or "") >= str(appointment.get("starts_at") or "")
    }


def set_aside(question: dict[str, Any], appointment: dict[str, Any]) -> dict[str, Any]:
    """The fields that take ``question`` off ``appointment``'s list: no longer assigned to
    it, and not offered there again. It stays the case's question."""
    changes: dict[str, Any] = {"set_aside_id": appointment["id"]}
    if assigned(question, appointment):
        changes["appointment_id"] = None
    return changes


def put_back(question: dict[str, Any]) -> dict[str, Any]:
    """The fields that undo :func:`set_aside` on ``question`` as it was before it."""
    return {
        "set_aside_id": question.get("set_aside_id"),
        "appointment_id": question.get("appointment_id"),
    }


def answerer(dossier: Dossier, appointment: dict[str, Any]) -> int | None:
    """Who answers the appointment's questions: its contact, unless that is in the trash
    (a link to a contact in the trash would be refused) or there is none."""
    contact_id = appointment.get("contact_id")
    if contact_id is None:
        return None
    try:
        records.get(dossier, "contact", contact_id)
    except DossierError:
        return None
    return int(contact_id)


def has_answer(text: str) -> bool:
    """Whether ``text`` is an answer: anything but blanks. A question answered was asked."""
    return bool(text.strip())


def answer_changes(text: str, stored: dict[str, Any], answerer_id: int | None) -> dict[str, Any]:
    """The fields to save when the answer to the question ``stored`` reads ``text``.

    The first answer is credited to ``answerer_id`` (the appointment's contact), unless
    the question already says who answered it.
    """
    changes: dict[str, Any] = {"answer": text}
    if has_answer(text) and not stored.get("answered_by_id") and answerer_id is not None:
        changes["answered_by_id"] = answerer_id
    return changes


def added_question(appointment: dict[str, Any], text: str) -> dict[str, Any]:
    """A question added during ``appointment``: it belongs to the appointment and its case."""
    return {
        "case_id": appointment.get("case_id"),
        "appointment_id": appointment["id"],
        "text": text,
    }


__all__ = [
    "added_question",
    "answer_changes",
    "answerer",
    "assigned",
    "has_answer",
    "is_offered",
    "put_back",
    "questions_for",
    "set_aside",
]
