"""An appointment's questions: which they are, in what order, and what an answer says.

Appointment mode (``ui/appointment``) shows these and saves what is typed; the rules
are here, without Qt, so they hold whatever screen asks.
"""

from __future__ import annotations

from typing import Any

from . import records
from .errors import DossierError
from .storage import Dossier


def questions_for(dossier: Dossier, appointment: dict[str, Any]) -> list[dict[str, Any]]:
    """The live questions of ``appointment``, in the order to ask them (the case's order)."""
    return [
        question
        for question in records.list_records(
            dossier, "question", case_id=appointment.get("case_id")
        )
        if question.get("appointment_id") == appointment["id"]
    ]


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


__all__ = ["added_question", "answer_changes", "answerer", "has_answer", "questions_for"]
