"""The consultation brief: one or two pages a consulting doctor reads first."""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import records
from ..i18n import tr
from ..storage import Dossier
from .common import (
    choice_label,
    clip,
    contact_name,
    decision_status,
    document_line,
    documents_to_bring,
    footer_for,
    lines,
    one_line,
)
from .dates import DateFormatter, format_day, long_date
from .model import BulletList, KeyValues, Paragraph, Report, Sections, Table

TIMELINE_MAX = 12  # rows of the history; the document index lists everything
OPINION_CHARS = 180
TEXT_CHARS = 500
DETAIL_CHARS = 110
DIAGNOSES_MAX = 6


def consultation_brief(
    dossier: Dossier,
    case_id: int,
    *,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report:
    case = records.get(dossier, "case", case_id)
    person = records.get(dossier, "person", 1)
    diagnoses = records.list_records(dossier, "diagnosis", case_id=case_id)
    opinions = records.list_records(dossier, "opinion", case_id=case_id)
    enclosed = documents_to_bring(dossier, case_id)
    out = Sections()
    out.add(tr("Patient"), _patient(dossier, person, dates))
    question = one_line(case.get("question")) or one_line(case.get("title"))
    out.add(
        tr("The question for this consultation"),
        Paragraph(clip(question, TEXT_CHARS), "lead"),
        Paragraph(clip(case.get("description"), TEXT_CHARS - 150))
        if case.get("description")
        else None,
        decision_status(dossier, case, dates),
    )
    out.add(tr("History"), _timeline(dossier, case_id, diagnoses, opinions, dates))
    out.add(tr("Current diagnoses and treatment"), *_diagnoses(dossier, diagnoses, opinions, dates))
    out.add(
        tr("Medications and allergies"),
        KeyValues(
            (
                (
                    tr("Medications"),
                    "; ".join(lines(person.get("medications"))) or tr("none recorded"),
                ),
                (tr("Allergies"), "; ".join(lines(person.get("allergies"))) or tr("none recorded")),
            )
        ),
    )
    out.add(
        tr("Opinions so far"),
        BulletList(tuple(_opinion_line(dossier, o, dates) for o in opinions)) if opinions else None,
    )
    out.add(
        tr("Enclosed documents"),
        BulletList(tuple(document_line(d, dates) for d in enclosed), numbered=True)
        if enclosed
        else Paragraph(tr("No documents are enclosed."), "small"),
    )
    return Report(
        kind="brief",
        title=tr("Consultation brief"),
        subtitle=one_line(case.get("title")),
        footer=footer_for(dossier, dates, printed),
        sections=out.done(),
    )


def _patient(dossier: Dossier, person: dict[str, Any], dates: DateFormatter) -> KeyValues:
    items = [(tr("Name"), one_line(person.get("name")))]
    if person.get("born"):
        items.append((tr("Date of birth"), format_day(person["born"], dates)))
    contact = [one_line(person.get(k)) for k in ("phone", "email") if person.get(k)]
    if person.get("address"):
        contact.append(", ".join(lines(person["address"])))
    if contact:
        items.append((tr("Contact"), " · ".join(contact)))
    insurer = contact_name(dossier, person.get("insurer_id"))
    if person.get("insurance_number"):
        insurer = tr(
            "{insurer}, number {number}", insurer=insurer or "—", number=person["insurance_number"]
        )
    if insurer:
        items.append((tr("Insurer"), insurer))
    return KeyValues(tuple(items))


def _timeline(
    dossier: Dossier,
    case_id: int,
    diagnoses: list[dict[str, Any]],
    opinions: list[dict[str, Any]],
    dates: DateFormatter,
) -> Table | None:
    events: list[tuple[str, str, str]] = []  # (iso date, what, details)
    for d in diagnoses:
        if d.get("diagnosed_on"):
            events.append((d["diagnosed_on"], tr("Diagnosis"), clip(d["name"], DETAIL_CHARS)))
    for o in opinions:
        if o.get("given_on"):
            who = contact_name(dossier, o.get("contact_id")) or one_line(o.get("institution"))
            events.append(
                (
                    o["given_on"],
                    tr("Opinion"),
                    clip(f"{who}: {o.get('diagnosis') or ''}", DETAIL_CHARS),
                )
            )
    key_kinds = {
        "pathology",
        "imaging_report",
        "discharge_summary",
        "written_opinion",
        "lab_result",
    }
    for doc in documents_to_bring(dossier, case_id) + [
        d
        for d in records.list_records(dossier, "document", case_id=case_id)
        if d["kind"] in key_kinds
    ]:
        if doc.get("document_date"):
            events.append((doc["document_date"], tr("Document"), clip(doc["title"], DETAIL_CHARS)))
    unique = sorted(set(events))
    if not unique:
        return None
    if len(unique) > TIMELINE_MAX:  # keep the latest; the index has the rest
        unique = unique[-TIMELINE_MAX:]
    return Table(
        (tr("Date"), tr("What"), tr("Details")),
        tuple((format_day(day, dates), what, text.rstrip(": ")) for day, what, text in unique),
        (22, 14, 64),
    )


def _diagnoses(
    dossier: Dossier,
    diagnoses: list[dict[str, Any]],
    opinions: list[dict[str, Any]],
    dates: DateFormatter,
) -> list[Table | Paragraph | None]:
    current = [d for d in diagnoses if d["status"] != "ruled_out"][-DIAGNOSES_MAX:]
    table = None
    if current:
        table = Table(
            (tr("Diagnosis"), tr("Status"), tr("Since"), tr("Stage")),
            tuple(
                (
                    clip(
                        " ".join(
                            filter(None, (d["name"], f"({d['icd10']})" if d.get("icd10") else ""))
                        ),
                        200,
                    ),
                    choice_label(d["status"]),
                    format_day(d.get("diagnosed_on"), dates),
                    clip(d.get("stage"), 80),
                )
                for d in current
            ),
            (46, 16, 18, 20),
        )
    latest = next((o for o in reversed(opinions) if o.get("treatment")), None)
    treatment = (
        Paragraph(
            tr("Treatment proposed so far: {plan}", plan=clip(latest["treatment"], TEXT_CHARS))
        )
        if latest
        else None
    )
    return [table, treatment]


def _opinion_line(dossier: Dossier, opinion: dict[str, Any], dates: DateFormatter) -> str:
    who = contact_name(dossier, opinion.get("contact_id")) or one_line(opinion.get("institution"))
    when = format_day(opinion.get("given_on"), dates)
    said = opinion.get("treatment") or opinion.get("diagnosis") or tr("no summary recorded")
    head = " · ".join(p for p in (when, who) if p) or tr("Opinion {n}", n=opinion.get("ordinal"))
    return clip(f"{head}: {one_line(said)}", OPINION_CHARS)
