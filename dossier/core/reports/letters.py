"""The patient's letters by print kind: the suggested wording of each (which the print
dialog shows for editing) and the contact each one goes to unless another is chosen."""

from __future__ import annotations

from typing import Final

from ..storage import Dossier
from .cover_letter import cover_letter_text, second_doctor
from .first_doctor_letter import first_doctor, first_doctor_letter_text
from .handover_letter import handover_letter_text, treating_team
from .request_letter import letter_text

# The letters that go to a contact chosen for them ("--to", the dialog's "To" choice).
TO_LETTERS: Final[tuple[str, ...]] = ("cover-letter", "tell-first-doctor", "handover")


def suggested_recipient(dossier: Dossier, kind: str, case_id: int) -> int | None:
    """The contact the letter ``kind`` of the case goes to unless another is chosen: the
    second doctor, the first doctor, the family doctor (else the treating doctor); None
    when the case names none (or for a letter that is not sent to a contact)."""
    if kind == "cover-letter":
        return second_doctor(dossier, case_id)
    if kind == "tell-first-doctor":
        return first_doctor(dossier, case_id)
    if kind == "handover":
        return treating_team(dossier, case_id)
    return None


def suggested_text(dossier: Dossier, kind: str, case_id: int, *, to_id: int | None = None) -> str:
    """The suggested wording of the letter ``kind`` of the case, in the current language,
    to ``to_id`` (None: the one suggested). Raises the core's DossierError (an unknown case
    or contact; a hand-over letter for a case without a decision) and ValueError for a
    kind that is not a letter."""
    if kind == "request-letter":
        return letter_text(dossier, case_id)
    if kind == "cover-letter":
        return cover_letter_text(dossier, case_id, to_id=to_id)
    if kind == "tell-first-doctor":
        return first_doctor_letter_text(dossier, case_id, to_id=to_id)
    if kind == "handover":
        return handover_letter_text(dossier, case_id, to_id=to_id)
    raise ValueError(f"{kind!r} is not a letter")


__all__ = ["TO_LETTERS", "suggested_recipient", "suggested_text"]
