"""The consultation brief: one or two pages a consulting doctor reads first.

It is built at several levels of detail: the fullest is printed when it fits on two pages,
else the first shorter one that does (fewer history rows, shorter opinion lines and
descriptions; never a shorter question, never less of the patient's identity). When many
documents are enclosed it summarises them and carries the document index as an appendix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .. import records
from ..bidi import isolate
from ..choice_labels import choice_label
from ..clock import today
from ..i18n import ntr, tr
from ..storage import Dossier
from .brief_conditions import case_treatments, other_conditions, proposals, treatments_table
from .brief_enclosures import enclosures
from .brief_history import case_events, history_blocks
from .brief_medicines import medicines_blocks
from .common import (
    clip_noted,
    contact_name,
    decision_status,
    footer_for,
    lines,
    one_line,
    opinion_author,
)
from .dates import DateFormatter, format_day, long_date
from .diagnosis_words import CURRENT, diagnosis_name, status_words
from .document_index import document_index
from .imaging_lines import brief_blocks, case_studies, disc_ids
from .model import (
    Block,
    BulletList,
    KeyValues,
    Paragraph,
    Report,
    Sections,
    Table,
    lead_style,
)

MAX_PAGES = 2


@dataclass(frozen=True)
class Detail:
    """How much of each part a version of the brief prints."""

    history_rows: int
    details: int  # characters of a history row's details
    description: int  # characters of the case's description (0: left out)
    plan: int  # characters of a proposed treatment
    opinion: int  # characters of an opinion's line (0: no such lines)
    other: int  # characters of another condition's treatment line
    diagnoses: int  # rows of the diagnoses table
    documents: int  # enclosed documents listed whole up to this many, else summarised
    studies: int = 8  # imaging studies listed one per line up to this many, else summarised
    medicines: int = 12  # medicines taken now listed, the others counted
    medicine_reasons: bool = True  # each medicine with why it is taken
    # The medicines by name and strength only, on one line, under the other conditions.
    medicine_names: bool = False


LEVELS = (
    Detail(14, 160, 600, 400, 260, 300, 8, 8),
    # The opinions' own lines go first: the history and the proposals name each opinion.
    Detail(12, 140, 500, 400, 0, 300, 8, 8),
    Detail(10, 120, 300, 320, 0, 260, 8, 8),
    Detail(8, 100, 200, 280, 0, 240, 8, 8),
    Detail(6, 90, 120, 260, 0, 240, 6, 8, 6),
    Detail(4, 80, 0, 240, 0, 240, 6, 8, 6, 10),
    Detail(3, 70, 0, 240, 0, 240, 6, 8, 4, 8, False),
    # Only for a dossier whose question and diagnoses alone nearly fill the two pages:
    # the history only counted, with where it is.
    Detail(0, 60, 0, 240, 0, 240, 6, 8, 4, 8, False, True),
)


def consultation_brief(
    dossier: Dossier,
    case_id: int,
    *,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report:
    """The brief at its fullest, with its shorter versions for the renderer to choose from
    so it stays within two pages."""
    full, *shorter = (
        _brief(dossier, case_id, level, dates=dates, printed=printed) for level in LEVELS
    )
    return Report(
        kind=full.kind,
        title=full.title,
        subtitle=full.subtitle,
        footer=full.footer,
        sections=full.sections,
        appendix=full.appendix,
        max_pages=MAX_PAGES,
        shorter=tuple(shorter),
    )


def _brief(
    dossier: Dossier,
    case_id: int,
    level: Detail,
    *,
    dates: DateFormatter,
    printed: date | None,
) -> Report:
    case = records.get(dossier, "case", case_id)
    person = records.get(dossier, "person", 1)
    diagnoses = records.list_records(dossier, "diagnosis", case_id=case_id)
    opinions = records.list_records(dossier, "opinion", case_id=case_id)
    treatments = case_treatments(dossier, case_id)
    studies = case_studies(dossier, case_id)
    imaging, imaging_summarised = brief_blocks(dossier, studies, dates, list_max=level.studies)
    enclosed = enclosures(
        dossier, case_id, dates, list_max=level.documents, leave_out=disc_ids(studies)
    )
    needs_index = enclosed.needs_index or imaging_summarised
    medicines = medicines_blocks(
        dossier,
        person,
        dates,
        on=printed or today(),
        rows=level.medicines,
        reasons=level.medicine_reasons,
        names_only=level.medicine_names,
    )
    others = other_conditions(dossier, case_id, dates, level.other)
    others_blocks: tuple[Block | None, ...] = (others,)
    if level.medicine_names and others is not None:  # one heading less
        others_blocks, medicines = (others, *medicines), ()
    out = Sections()
    out.add(tr("Patient"), _patient(dossier, person, case, dates))
    question = one_line(case.get("question")) or one_line(case.get("title"))
    description = (
        clip_noted(case.get("description"), level.description) if level.description else ""
    )
    out.add(
        tr("The question for this consultation"),
        Paragraph(question, lead_style(question)),  # whole, always
        Paragraph(description) if description else None,
        decision_status(dossier, case, dates),
    )
    events = case_events(dossier, case_id, diagnoses, opinions, treatments, level.details)
    out.add(
        tr("History"),
        *history_blocks(events, level.history_rows, dates, index_attached=needs_index),
    )
    out.add(
        tr("Diagnoses and treatment"),
        *_diagnoses(diagnoses, level.diagnoses, dates),
        *proposals(dossier, case_id, opinions, dates, level.plan),
    )
    out.add(tr("Treatments so far"), treatments_table(dossier, treatments, dates, level.plan))
    out.add(tr("Other current conditions and treatment"), *others_blocks)
    out.add(tr("Medications and allergies"), *medicines)
    out.add(
        tr("Opinions so far"),
        BulletList(tuple(_opinion_line(dossier, o, dates, level.opinion) for o in opinions))
        if opinions and level.opinion  # else the history and the proposals name them
        else None,
    )
    if level is LEVELS[-1] and enclosed.documents and enclosed.items:  # one heading less
        label = Paragraph(tr("Slides, films and discs:"), "small")
        out.add(tr("Enclosed documents"), *enclosed.documents, label, *enclosed.items)
        out.add(tr("Imaging"), *imaging)
    else:
        out.add(tr("Enclosed documents"), *enclosed.documents)
        out.add(tr("Imaging"), *imaging)
        out.add(tr("Slides, films and discs"), *enclosed.items)
    appendix = (
        (document_index(dossier, case_id, dates=dates, printed=printed),) if needs_index else ()
    )
    return Report(
        kind="brief",
        title=tr("Consultation brief"),
        subtitle=one_line(case.get("title")),
        footer=footer_for(dossier, dates, printed),
        sections=out.done(),
        appendix=appendix,
    )


def _patient(
    dossier: Dossier, person: dict[str, Any], case: dict[str, Any], dates: DateFormatter
) -> KeyValues:
    items = [(tr("Name"), one_line(person.get("name")))]
    if person.get("born"):
        items.append((tr("Date of birth"), format_day(person["born"], dates)))
    if person.get("sex"):
        items.append((tr("Sex"), choice_label("person", "sex", person["sex"])))
    contact = [one_line(person.get(k)) for k in ("phone", "email") if person.get(k)]
    if person.get("address"):
        contact.append(", ".join(lines(person["address"])))
    if contact:
        items.append((tr("Contact"), " · ".join(contact)))
    insurer = contact_name(dossier, person.get("insurer_id"))
    if person.get("insurance_number"):
        insurer = tr(
            "{insurer}, number {number}",
            insurer=isolate(insurer or "—"),
            number=isolate(one_line(person["insurance_number"])),
        )
    if insurer:
        items.append((tr("Insurer"), insurer))
    for label, key in (
        (tr("Treating doctor"), "treating_id"),
        (tr("Referred by"), "referred_by_id"),
    ):
        who = contact_name(dossier, case.get(key))
        if who:
            items.append((label, who))
    return KeyValues(tuple(items))


def _diagnoses(
    diagnoses: list[dict[str, Any]], rows: int, dates: DateFormatter
) -> list[Table | Paragraph | None]:
    """The case's diagnoses: those that hold (confirmed, then suspected), then those revised
    or ruled out, each with its status; by date within each."""
    order = (*CURRENT, "revised", "ruled_out")
    ranked = sorted(
        diagnoses,
        key=lambda d: (
            order.index(d["status"]) if d.get("status") in order else len(order),
            d.get("diagnosed_on") is None,
            d.get("diagnosed_on") or "",
        ),
    )
    if not ranked:
        return []
    shown = ranked[:rows]
    table = Table(
        (tr("Diagnosis"), tr("Status"), tr("Date"), tr("Stage")),
        tuple(
            (
                clip_noted(diagnosis_name(d), 200),
                status_words(d.get("status")),
                format_day(d.get("diagnosed_on"), dates),
                clip_noted(d.get("stage"), 120),
            )
            for d in shown
        ),
        (42, 14, 18, 26),
    )
    left = len(ranked) - len(shown)
    note = (
        Paragraph(
            ntr(
                "{n} more diagnosis is recorded in the dossier and not shown here.",
                "{n} more diagnoses are recorded in the dossier and not shown here.",
                left,
            ),
            "small",
        )
        if left
        else None
    )
    return [table, note]


def _opinion_line(
    dossier: Dossier, opinion: dict[str, Any], dates: DateFormatter, chars: int
) -> str:
    """ "19 August 2026, Dr. Weiß · Riverside General: Urgency: … Tests asked for: …": what
    the other sections do not say (the diagnoses and each proposal are above)."""
    who = opinion_author(dossier, opinion)
    when = format_day(opinion.get("given_on"), dates)
    head = tr("{day}, {who}", day=when, who=isolate(who)) if when else isolate(who)
    room = max(chars - len(head), 0)
    parts = [
        (tr("Urgency: {text}"), one_line(opinion.get("urgency"))),
        (tr("Further tests asked for: {text}"), one_line(opinion.get("tests"))),
    ]
    found = [(label, text) for label, text in parts if text]
    if not found and one_line(opinion.get("diagnosis")):
        found = [("{text}", one_line(opinion.get("diagnosis")))]
    if not found or room < 40:
        return head
    share = room // len(found)
    said = " ".join(
        label.format(text=isolate(clip_noted(text, max(share - len(label), 20))))
        for label, text in found
    )
    return tr("{who}: {said}", who=head, said=said)
