"""The hand-over letter after the decision, to the GP and the treating team: the question,
the opinions in one line each (who, when, what they advised), the decision and why, what
happens next, the changes to the medicines since the case began, and what is enclosed
(the written report of the second opinion). One page for a typical case.

:func:`handover_letter_text` gives the editable text; :func:`handover_letter` lays that
text (edited or not) out as a report, with shorter tellings of the suggested wording for
a case whose texts would not fit on one page (each shortened text says the full text can
be had). :func:`handover_print` is what is printed: the letter followed by the pages of
its enclosure (:class:`~.packet_plan.PacketPlan`, without a contents page), or the letter
alone. A case without a decision has no hand-over letter: it is refused, saying so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from .. import records
from ..bidi import isolate
from ..clock import today
from ..errors import DossierError
from ..i18n import ntr, tr
from ..medications import medication_changes, medication_line
from ..storage import Dossier
from .common import footer_for, one_line, opinion_author, opinion_doctor
from .dates import DateFormatter, format_day, long_date, parse_day
from .letter_layout import (
    Telling,
    contact_only,
    letter_report,
    listed,
    patient,
    recipient,
    sender,
    shortened,
)
from .model import Report
from .packet_plan import DocumentPart, PacketPlan, ReportPart, as_printed

MAX_PAGES: Final = 1
MOST_OPINIONS: Final = 6  # opinions listed one by one; more are counted


class NoDecision(DossierError):
    """The case has no decision to hand over."""


@dataclass(frozen=True)
class _Level:
    """How fully the suggested wording tells the case (0: the whole text)."""

    question: int
    advice: int  # each opinion's line
    decision: int
    reason: int
    next_steps: int
    medicines: int  # changes listed one by one
    why: bool  # each medicine's reason
    compact: bool = False  # the address blocks and the closing in fewer lines
    least: bool = False  # each doctor by name alone, the decision in ordinary type


# The address blocks go on fewer lines before any of the doctors' words is shortened.
_LEVELS: Final = (
    _Level(0, 300, 0, 0, 0, 12, True),
    _Level(0, 300, 0, 0, 0, 12, True, compact=True),
    _Level(0, 180, 0, 0, 0, 12, False, compact=True),
    _Level(900, 140, 800, 1200, 600, 8, False, compact=True),
    _Level(500, 110, 400, 500, 300, 5, False, compact=True),
    _Level(250, 80, 200, 250, 200, 3, False, compact=True),
    _Level(200, 60, 150, 200, 150, 1, False, compact=True, least=True),
)


def decision(dossier: Dossier, case_id: int) -> dict[str, Any] | None:
    """The case's latest comparison with a decision (by the day it was taken), or None."""
    taken = [
        c
        for c in records.list_records(dossier, "comparison", case_id=case_id)
        if (c.get("decision") or "").strip()
    ]
    return max(taken, key=lambda c: (c.get("decided_on") or "", c["id"])) if taken else None


def treating_team(dossier: Dossier, case_id: int) -> int | None:
    """Whom the letter goes to by default: the doctor who referred the case (the GP),
    else the treating doctor; None when neither is recorded."""
    case = records.get(dossier, "case", case_id)
    for key in ("referred_by_id", "treating_id"):
        if case.get(key) is not None:
            return int(case[key])
    return None


def _opinions(dossier: Dossier, case_id: int) -> list[dict[str, Any]]:
    """The case's opinions in the order they were given."""
    return sorted(
        records.list_records(dossier, "opinion", case_id=case_id),
        key=lambda o: (o.get("given_on") is None, o.get("given_on") or "", o.get("ordinal") or 1,
                       o["id"]),
    )  # fmt: skip


def enclosure(
    dossier: Dossier, case: dict[str, Any], dates: DateFormatter = long_date
) -> tuple[dict[str, Any], str] | None:
    """The document sent with the letter and the sentence naming it: the case's
    hand-over report, else the written report of its latest opinion; None for neither."""
    opinions = _opinions(dossier, case["id"])
    doc_id = case.get("handover_report_id")
    if doc_id is None and opinions:
        doc_id = opinions[-1].get("report_document_id")
    if doc_id is None:
        return None
    try:
        doc = records.get(dossier, "document", doc_id)
    except records.NotFoundError:
        return None
    author = next((o for o in reversed(opinions) if o.get("report_document_id") == doc_id), None)
    if author is not None:
        day = format_day(author.get("given_on") or doc.get("document_date"), dates)
        who = isolate(opinion_doctor(dossier, author))
        if day:
            return doc, tr("Enclosed: the written report of {who}, {day}.", who=who, day=day)
        return doc, tr("Enclosed: the written report of {who}.", who=who)
    title = isolate(one_line(doc.get("title")))
    day = format_day(doc.get("document_date"), dates)
    if day:
        return doc, tr("Enclosed: {title}, {day}.", title=title, day=day)
    return doc, tr("Enclosed: {title}.", title=title)


def subject(dossier: Dossier, case: dict[str, Any], dates: DateFormatter) -> str:
    about = tr(
        "The decision after a second opinion: {title}", title=isolate(one_line(case.get("title")))
    )
    whose = tr("Patient: {who}", who=patient(dossier, dates))
    return f"{about}\n{whose}"


def _required(dossier: Dossier, case: dict[str, Any]) -> dict[str, Any]:
    found = decision(dossier, case["id"])
    if found is None:
        raise NoDecision(
            tr(
                "The case “{title}” has no decision yet, and the hand-over letter tells the "
                "decision. Record the decision first (in the comparison of the opinions), "
                "then print the letter.",
                title=one_line(case.get("title")),
            )
        )
    return found


def _since(dossier: Dossier, case: dict[str, Any]) -> date | None:
    """From when the medicines' changes count: the case's opening, else its first opinion."""
    opened = parse_day(case.get("opened_on"))
    if opened is not None:
        return opened
    days = [d for o in _opinions(dossier, case["id"]) if (d := parse_day(o.get("given_on")))]
    return min(days) if days else None


def _medicines(
    dossier: Dossier, case: dict[str, Any], day: date, dates: DateFormatter, level: _Level
) -> list[str]:
    since = _since(dossier, case)
    if since is None or since > day:
        return []
    changes = medication_changes(dossier, since, day)
    if not changes:
        if not records.list_records(dossier, "medication"):
            return []
        return [tr("My medicines have not changed since {day}.", day=dates(since))]
    items = []
    for change, med in changes:
        line = medication_line(dossier, med, dates, reason=level.why)
        if change == "started":
            items.append(tr("started: {medicine}", medicine=line))
        else:
            items.append(tr("stopped: {medicine}", medicine=line))
    head = tr("Changes to my medicines since {day}:", day=dates(since))
    return [f"{head}\n{listed(items, level.medicines, _more_changes)}"]


def _more_changes(n: int) -> str:
    return ntr(
        "and {n} more change (the full list on request)",
        "and {n} more changes (the full list on request)",
        n,
    )


def _more_opinions(n: int) -> str:
    return ntr("and {n} more opinion", "and {n} more opinions", n)


def _decided(chosen: dict[str, Any], dates: DateFormatter, chars: int) -> str:
    """ "My decision, taken on 10 May 2026: …" (set in bold when it is short)."""
    decided_on = format_day(chosen.get("decided_on"), dates)
    what = isolate(shortened(chosen.get("decision"), chars))
    if decided_on:
        return tr("My decision, taken on {day}: {decision}", day=decided_on, decision=what)
    return tr("My decision: {decision}", decision=what)


def _text(
    dossier: Dossier,
    case: dict[str, Any],
    to_id: int | None,
    dates: DateFormatter,
    printed: date | None,
    level: _Level,
) -> str:
    chosen = _required(dossier, case)
    day = printed or today()
    address, greeting, _contact = recipient(
        dossier, to_id, tr("To the family doctor"), compact=level.compact
    )
    paragraphs = [
        sender(dossier, compact=level.compact),
        address,
        dates(day),
        subject(dossier, case, dates),
        greeting,
    ]
    intro = tr("I am writing to let you know the decision I have taken after a second opinion.")
    question = shortened(case.get("question"), level.question)
    if question:
        asked = tr("The question was: {question}", question=isolate(question))
        paragraphs.append(f"{intro} {asked}")
    else:
        paragraphs.append(intro)
    opinions = _opinions(dossier, case["id"])
    if opinions:
        lines = []
        for opinion in opinions:
            advice = opinion.get("treatment") or opinion.get("diagnosis")
            said = shortened(advice, level.advice).replace("\n", " ") or tr("no advice recorded")
            author = opinion_doctor if level.least else opinion_author
            who = isolate(author(dossier, opinion))
            when = format_day(opinion.get("given_on"), dates)
            lines.append(
                tr("{who}, {day}: {advice}", who=who, day=when, advice=isolate(said))
                if when
                else tr("{who}: {advice}", who=who, advice=isolate(said))
            )
        head = tr("The opinions:")
        paragraphs.append(f"{head}\n{listed(lines, MOST_OPINIONS, _more_opinions)}")
    paragraphs.append(_decided(chosen, dates, level.decision))
    reason = shortened(chosen.get("decision_reason"), level.reason)
    next_steps = shortened(chosen.get("next_steps"), level.next_steps)
    paragraphs.append(
        "\n".join(
            [
                *([tr("Why: {reason}", reason=isolate(reason))] if reason else []),
                *(
                    [tr("What happens next: {steps}", steps=isolate(next_steps))]
                    if next_steps
                    else []
                ),
            ]
        )
    )
    paragraphs += _medicines(dossier, case, day, dates, level)
    enclosed = enclosure(dossier, case, dates)
    sent = [enclosed[1]] if enclosed is not None else []
    copies = [
        contact_only(dossier, case[key])
        for key in ("referred_by_id", "treating_id")
        if case.get(key) is not None and case[key] != to_id
    ]
    copies = [c for i, c in enumerate(copies) if c and c not in copies[:i]]
    if copies:
        who = "; ".join(isolate(c) for c in copies)
        sent.append(tr("A copy of this letter goes to {who}.", who=who))
    closing = tr("Please add this letter to my records. Thank you for your care.")
    if level.compact:
        paragraphs += [" ".join([*sent, closing]), tr("Yours sincerely,")]
    else:
        paragraphs += [" ".join(sent), closing, tr("Yours sincerely,")]
    return "\n\n".join(p for p in paragraphs if p)


def handover_letter_text(
    dossier: Dossier,
    case_id: int,
    *,
    to_id: int | None = None,
    language: str | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> str:
    """The letter as plain text the person may edit (paragraphs separated by blank lines),
    to the contact ``to_id`` (None: :func:`treating_team`). ``language`` is taken for the
    same shape as the other letters; the letter is written in the current language.
    Raises :class:`NoDecision` for a case without a decision, NotFoundError for an unknown
    case or contact."""
    del language
    case = records.get(dossier, "case", case_id)
    if to_id is None:
        to_id = treating_team(dossier, case_id)
    return _text(dossier, case, to_id, dates, printed, _LEVELS[0])


def handover_letter(
    dossier: Dossier,
    case_id: int,
    *,
    to_id: int | None = None,
    text: str | None = None,
    language: str | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report:
    """The letter as a report: ``text`` (edited by the person) or the suggested wording,
    which keeps to one page. Refused (:class:`NoDecision`) for a case without a decision,
    even with a text of the person's own."""
    del language
    case = records.get(dossier, "case", case_id)
    found = _required(dossier, case)
    if to_id is None:
        to_id = treating_team(dossier, case_id)
    elif text is not None:
        records.get(dossier, "contact", to_id)  # the same refusal as the suggested wording
    tellings = (
        [Telling(text)]
        if text is not None
        else [
            Telling(_text(dossier, case, to_id, dates, printed, level), spaced=not level.compact)
            for level in _LEVELS
        ]
    )
    return letter_report(
        dossier,
        tellings[0].text,
        kind="handover_letter",
        subjects=(subject(dossier, case, dates),),
        bold=tuple(_decided(found, dates, level.decision) for level in _LEVELS if not level.least),
        dates=dates,
        printed=printed,
        shorter=tellings[1:],
        max_pages=MAX_PAGES,
    )


def handover_print(
    dossier: Dossier,
    case_id: int,
    *,
    to_id: int | None = None,
    text: str | None = None,
    large_print: bool = False,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report | PacketPlan:
    """What is printed: the letter followed by the pages of its enclosure (a packet without
    a contents page; a file that cannot be used gets the page saying why), or the letter
    alone when nothing is enclosed."""
    letter = handover_letter(dossier, case_id, to_id=to_id, text=text, dates=dates, printed=printed)
    enclosed = enclosure(dossier, records.get(dossier, "case", case_id), dates)
    if enclosed is None or not enclosed[0].get("sha256"):
        return letter
    doc = enclosed[0]
    title = one_line(doc.get("title")) or tr("Enclosure")
    return PacketPlan(
        footer_for(dossier, dates, printed),
        (
            ReportPart(tr("Hand-over letter"), as_printed(letter, large_print=large_print)),
            DocumentPart(
                title,
                doc,
                dossier.vault,
                str(doc["sha256"]),
                int(doc.get("size") or 0),
                str(doc.get("media_type") or ""),
            ),
        ),
        large_print=large_print,
        contents=False,
    )


__all__ = [
    "NoDecision",
    "decision",
    "enclosure",
    "handover_letter",
    "handover_letter_text",
    "handover_print",
    "treating_team",
]
