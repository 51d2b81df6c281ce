"""The printed reports by kind, each made in the language it is printed in.

The print dialog and ``dossier print`` both ask for a report by its kind ("brief",
"questions", "comparison", "request-letter", "index", "packet", "plan", "cover-letter",
"tell-first-doctor", "handover") and the choices made for it; :func:`print_content` reads
it from the dossier inside a :func:`~dossier.core.i18n.language_scope`, so its headings,
labels, dates and standard wording are in the language chosen for this print (the window
or the command line may speak another), while the person's own text stays as written. The
report (or the packet's plan) remembers that language, and is laid out and footed in it.
The hand-over letter with an enclosure is printed as a packet's plan: the letter, then
the enclosure's pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from ..i18n import language_scope
from ..storage import Dossier
from .brief import consultation_brief
from .comparison import comparison_report
from .cover_letter import cover_letter
from .dates import DateFormatter, long_date
from .document_index import document_index
from .first_doctor_letter import first_doctor_letter
from .handover_letter import handover_print
from .model import Report
from .packet_plan import PacketPlan, packet_plan
from .plan_sheet import plan_sheet
from .question_sheet import question_sheet
from .request_letter import request_letter

KINDS: Final[tuple[str, ...]] = (
    "brief",
    "questions",
    "comparison",
    "request-letter",
    "index",
    "packet",
    "plan",
    "cover-letter",
    "tell-first-doctor",
    "handover",
)
LETTERS: Final[tuple[str, ...]] = (
    "request-letter",
    "cover-letter",
    "tell-first-doctor",
    "handover",
)


@dataclass(frozen=True)
class PrintChoices:
    """What was chosen for a report: the case (None: the whole dossier, for the index),
    the appointment whose questions, the opinions compared, large print, the text of
    a letter as edited (None: the suggested wording), for the packet the language whose
    translated copies replace their originals (None: the originals) and for the cover
    letter the language of the bundle's translated copies (None: the letter's language),
    and the contact a letter goes to (None: the one each letter suggests)."""

    case_id: int | None
    appointment_id: int | None = None
    opinion_ids: Sequence[int] | None = None
    large_print: bool = False
    letter: str | None = None
    translations: str | None = None  # the packet: use translations into this language
    # The cover letter, the first doctor's and the hand-over letter: who it goes to; the
    # packet: the doctor it is for (the questions of the next appointment with them).
    to_id: int | None = None
    # The cover letter in a bundle: the documents whose files the bundle cannot include
    # (it does not count them as enclosed).
    left_out: frozenset[int] = frozenset()


def print_content(
    dossier: Dossier,
    kind: str,
    choices: PrintChoices,
    *,
    language: str | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report | PacketPlan:
    """The report ``kind`` (the packet's plan for "packet") as ``choices`` ask, written in
    ``language`` (None: the current language). Raises the core's DossierError (an unknown
    case, a case without opinions to compare) and ValueError for an unknown kind."""
    if kind not in KINDS:
        raise ValueError(f"unknown report {kind!r}")
    case_id = choices.case_id
    with language_scope(language):
        if kind == "index":
            return document_index(dossier, case_id, dates=dates, printed=printed)
        if kind == "questions":
            return question_sheet(
                dossier,
                case_id=case_id,
                appointment_id=choices.appointment_id,
                large_print=choices.large_print,
                dates=dates,
                printed=printed,
            )
        if case_id is None:
            raise ValueError(f"the report {kind!r} is of one case")
        if kind == "packet":
            return packet_plan(
                dossier,
                case_id,
                appointment_id=choices.appointment_id,
                large_print=choices.large_print,
                translations=choices.translations,
                to_id=choices.to_id,
                dates=dates,
                printed=printed,
            )
        if kind == "plan":
            return plan_sheet(
                dossier, case_id, large_print=choices.large_print, dates=dates, printed=printed
            )
        if kind == "brief":
            return consultation_brief(dossier, case_id, dates=dates, printed=printed)
        if kind == "comparison":
            return comparison_report(
                dossier, case_id, choices.opinion_ids, dates=dates, printed=printed
            )
        if kind == "cover-letter":
            return cover_letter(
                dossier,
                case_id,
                to_id=choices.to_id,
                text=choices.letter,
                language=choices.translations,
                left_out=choices.left_out,
                dates=dates,
                printed=printed,
            )
        if kind == "tell-first-doctor":
            return first_doctor_letter(
                dossier, case_id, to_id=choices.to_id, text=choices.letter, dates=dates,
                printed=printed,
            )  # fmt: skip
        if kind == "handover":
            return handover_print(
                dossier,
                case_id,
                to_id=choices.to_id,
                text=choices.letter,
                large_print=choices.large_print,
                dates=dates,
                printed=printed,
            )
        return request_letter(dossier, case_id, text=choices.letter, dates=dates, printed=printed)


__all__ = ["KINDS", "LETTERS", "PrintChoices", "print_content"]
