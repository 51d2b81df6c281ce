"""The cover letter to the doctor giving the second opinion: who the patient is, the one
question (whole), why a second opinion is asked for, what is enclosed (as the bundle for
that doctor holds it, :func:`~dossier.core.handover.contents.bundle_contents`), what is
sent separately and where it is, the day the decision is needed by, and how to reach the
patient. Calm, courteous and short: one page for a typical case.

:func:`cover_letter_text` gives the editable text; :func:`cover_letter` lays that text
(edited or not) out as a report, with shorter tellings of the suggested wording for a
case whose texts would not fit on one page (the question is never shortened).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from .. import records
from ..bidi import isolate
from ..clock import today
from ..document_language import language_name
from ..handover.contents import BundleContents, bundle_contents
from ..i18n import current_language, ntr, tr
from ..storage import Dossier
from .common import one_line
from .dates import DateFormatter, format_day, long_date, parse_day
from .letter_layout import (
    Telling,
    letter_report,
    listed,
    patient,
    reach_me,
    recipient,
    sender,
    shortened,
)
from .model import Report

MAX_PAGES: Final = 1


@dataclass(frozen=True)
class _Level:
    """How fully the suggested wording tells the case (the question is always whole)."""

    motive: int  # characters of the motive (0: all of it)
    untranslated: int  # titles named one by one
    separately: int  # items sent separately listed one by one (0: only counted)
    compact: bool = False  # the address blocks in fewer lines
    inline: bool = False  # the enclosures in one sentence
    small: bool = False  # the question (whole) in smaller type
    packet: bool = True  # the packet named among the enclosures (the contents list names it)


# The address blocks go on fewer lines before the patient's own words are shortened, and
# the enclosures stay a list as long as they can.
_LEVELS: Final = (
    _Level(0, 8, 8),
    _Level(0, 8, 8, compact=True),
    _Level(900, 4, 5, compact=True),
    _Level(450, 2, 3, compact=True),
    _Level(300, 0, 2, compact=True, inline=True),
    _Level(200, 0, 0, compact=True, inline=True, packet=False),
    _Level(150, 0, 0, compact=True, inline=True, small=True, packet=False),
)


def second_doctor(dossier: Dossier, case_id: int, printed: date | None = None) -> int | None:
    """The doctor the cover letter goes to by default: the contact of the case's next
    appointment (from ``printed`` on) with a doctor who has not yet given an opinion in
    the case; None when there is none."""
    day = (printed or today()).isoformat()
    gave = {
        o["contact_id"]
        for o in records.list_records(dossier, "opinion", case_id=case_id)
        if o.get("contact_id") is not None
    }
    upcoming = sorted(
        (
            a
            for a in records.list_records(dossier, "appointment", case_id=case_id)
            if (a.get("starts_at") or "")[:10] >= day
            and a.get("contact_id") is not None
            and a["contact_id"] not in gave
        ),
        key=lambda a: (a["starts_at"], a["id"]),
    )
    return int(upcoming[0]["contact_id"]) if upcoming else None


def _appointment_with(
    dossier: Dossier, case_id: int, contact_id: int | None, day: date
) -> dict[str, Any] | None:
    """The case's next appointment with ``contact_id`` from ``day`` on."""
    if contact_id is None:
        return None
    found = [
        a
        for a in records.list_records(dossier, "appointment", case_id=case_id)
        if a.get("contact_id") == contact_id and (a.get("starts_at") or "")[:10] >= day.isoformat()
    ]
    return min(found, key=lambda a: (a["starts_at"], a["id"])) if found else None


def subject(case: dict[str, Any]) -> str:
    return tr("Second opinion: {title}", title=isolate(one_line(case.get("title"))))


def _enclosed(bundle: BundleContents, level: _Level) -> list[str]:
    """What the bundle holds, one line each."""
    out = [tr("the consultation brief: my history, diagnoses, treatment so far and medicines")]
    if level.packet:  # the bundle always holds it: the letter says so, and what is in it
        out.append(
            tr(
                "the consultation packet: the brief, my questions and the main documents in "
                "one file to print"
            )
        )
    n = len(bundle.documents)
    if n:
        out.append(
            ntr(
                "{n} document from my records, named in the enclosed contents list",
                "{n} documents from my records, each named in the enclosed contents list",
                n,
            )
        )
    language = language_name(bundle.language)
    if bundle.translations:
        out.append(
            ntr(
                "a translation into {language} of {n} of them",
                "translations into {language} of {n} of them",
                len(bundle.translations),
                language=language,
            )
        )
    if bundle.untranslated:
        titles = [isolate(u.title) for u in bundle.untranslated]
        named = "; ".join(titles[: level.untranslated])
        left = len(titles) - level.untranslated
        if not named:
            out.append(
                ntr(
                    "{n} document not yet translated into {language} (listed in the contents list)",
                    "{n} documents not yet translated into {language} (listed in the contents "
                    "list)",
                    len(titles),
                    language=language,
                )
            )
        elif left > 0:
            out.append(
                ntr(
                    "not yet translated into {language}: {titles} and {n} more (listed in the "
                    "contents list)",
                    "not yet translated into {language}: {titles} and {n} more (listed in the "
                    "contents list)",
                    left,
                    language=language,
                    titles=named,
                )
            )
        else:
            out.append(tr("not yet translated into {language}: {titles}", language=language,
                          titles=named))  # fmt: skip
    if bundle.studies:
        out.append(
            ntr(
                "copies of the images of {n} imaging study",
                "copies of the images of {n} imaging studies",
                len(bundle.studies),
            )
        )
    return out


def _more_listed(n: int) -> str:
    return ntr(
        "and {n} more, listed in the contents list", "and {n} more, listed in the contents list", n
    )


def _text(
    dossier: Dossier,
    case: dict[str, Any],
    bundle: BundleContents,
    dates: DateFormatter,
    printed: date | None,
    level: _Level,
) -> str:
    case_id, to_id = case["id"], bundle.to_id
    day = printed or today()
    address, greeting, _contact = recipient(
        dossier, to_id, tr("To the doctor giving the second opinion"), compact=level.compact
    )
    visit = _appointment_with(dossier, case_id, to_id, day)
    if visit is not None:
        thanks = tr(
            "Thank you for seeing me on {day} for a second opinion.",
            day=format_day(visit["starts_at"], dates),
        )
    else:
        thanks = tr("Thank you for giving me a second opinion.")
    who = patient(dossier, dates)
    paragraphs = [
        sender(dossier, compact=level.compact),
        address,
        dates(day),
        subject(case),
        greeting,
    ]
    intro = tr(
        "{thanks} This letter and the enclosed records concern: {who}.", thanks=thanks, who=who
    )
    question = shortened(case.get("question"), 0)
    if question:
        asked = tr("The question I would like you to answer:")
        paragraphs += [f"{intro} {asked}", question]
    else:
        paragraphs.append(intro)
    motive = shortened(case.get("motive"), level.motive)
    if motive:
        paragraphs.append(
            tr("Why I am asking for a second opinion: {motive}", motive=isolate(motive))
        )
    enclosed = _enclosed(bundle, level)
    if level.inline:
        paragraphs.append(tr("Enclosed: {items}.", items="; ".join(enclosed)))
    else:
        head = tr("Enclosed:")
        paragraphs.append(f"{head}\n{listed(enclosed, 12, _more_listed)}")
    if bundle.separately and level.separately:
        # Slides sent on by a laboratory, a disc the patient brings: not in the envelope.
        head = tr("Sent or brought separately (with where each one is now):")
        paragraphs.append(f"{head}\n{listed(bundle.separately, level.separately, _more_listed)}")
    elif bundle.separately:
        paragraphs.append(
            ntr(
                "Sent separately: {n} item (slides, films or discs), listed in the contents "
                "list with where it is now.",
                "Sent separately: {n} items (slides, films or discs), listed in the contents "
                "list with where each one is now.",
                len(bundle.separately),
            )
        )
    deadline = parse_day(case.get("decision_deadline"))
    if deadline is not None and deadline >= day:
        paragraphs.append(
            tr(
                "I need to decide by {day}, so I would be grateful for your opinion before then.",
                day=dates(deadline),
            )
        )
    closing = tr("Thank you for your time and your advice.")
    paragraphs += [f"{reach_me(dossier)} {closing}", tr("Yours sincerely,")]
    return "\n\n".join(p for p in paragraphs if p)


def cover_letter_text(
    dossier: Dossier,
    case_id: int,
    *,
    to_id: int | None = None,
    language: str | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> str:
    """The cover letter as plain text the person may edit (paragraphs separated by blank
    lines), to the contact ``to_id`` (None: :func:`second_doctor`, else "Dear Doctor").
    ``language``: the document language chosen for that doctor, whose translated copies
    the bundle takes (default: the language the letter is written in). Raises
    NotFoundError for an unknown case or contact."""
    case = records.get(dossier, "case", case_id)  # NotFoundError for an unknown case
    if to_id is None:
        to_id = second_doctor(dossier, case_id, printed)
    code = language or current_language()
    bundle = bundle_contents(dossier, case_id, code, to_id=to_id, dates=dates)
    return _text(dossier, case, bundle, dates, printed, _LEVELS[0])


def cover_letter(
    dossier: Dossier,
    case_id: int,
    *,
    to_id: int | None = None,
    text: str | None = None,
    language: str | None = None,
    left_out: Collection[int] = (),
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report:
    """The cover letter as a report: ``text`` (edited by the person) or the suggested
    wording, which keeps to one page (shorter tellings of it when the case's texts are
    long; the question always whole). ``left_out``: documents a bundle could not include,
    not counted as enclosed."""
    case = records.get(dossier, "case", case_id)
    if to_id is None:
        to_id = second_doctor(dossier, case_id, printed)
    code = language or current_language()
    bundle = bundle_contents(dossier, case_id, code, to_id=to_id, dates=dates)
    bundle = bundle.without(left_out)
    question = shortened(case.get("question"), 0)
    tellings = (
        [Telling(text)]
        if text is not None
        else [
            Telling(
                _text(dossier, case, bundle, dates, printed, level),
                spaced=not level.compact,
                small=(question,) if level.small and question else (),
            )
            for level in _LEVELS
        ]
    )
    return letter_report(
        dossier,
        tellings[0].text,
        kind="cover_letter",
        subjects=(subject(case),),
        bold=(question,) if question else (),
        dates=dates,
        printed=printed,
        shorter=tellings[1:],
        max_pages=MAX_PAGES,
    )


__all__ = ["cover_letter", "cover_letter_text", "second_doctor", "subject"]
