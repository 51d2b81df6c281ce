"""What several reports share: the footer, plain labels, shortened texts, a case's documents."""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import records
from ..bidi import isolate
from ..choice_labels import choice_label
from ..clock import today
from ..i18n import tr
from ..storage import Dossier
from .dates import DateFormatter, format_day
from .model import Footer, Paragraph

# Order of the documents in a packet: the findings first, then what was said about them.
KIND_ORDER = (
    "pathology",
    "imaging_report",
    "image",
    "lab_result",
    "discharge_summary",
    "written_opinion",
    "letter",
    "referral",
    "prescription",
    "insurance",
    "other",
)


def footer_for(dossier: Dossier, formatter: DateFormatter, printed: date | None = None) -> Footer:
    person = records.get(dossier, "person", 1)
    return Footer(
        name=one_line(person.get("name") or ""),
        born=format_day(person.get("born"), formatter),
        printed=formatter(printed or today()),
        page_label=tr("page {n} of {m}"),  # filled in per page by the renderer
    )


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def clip(text: str | None, limit: int) -> str:
    """``text`` on one line, shortened at a word boundary with "…" when longer than ``limit``."""
    flat = one_line(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def clip_noted(text: str | None, limit: int) -> str:
    """:func:`clip`, and when something was left out, a word on where the full text is:
    nothing is cut on paper without saying so."""
    short = clip(text, limit)
    if short == one_line(text):
        return short
    return tr("{shortened} (full text in the dossier)", shortened=short)


def lines(text: str | None) -> tuple[str, ...]:
    """The non-empty lines of a multi-line field (medications, allergies)."""
    return tuple(one_line(line) for line in (text or "").splitlines() if line.strip())


def case_documents(dossier: Dossier, case_id: int) -> list[dict[str, Any]]:
    """The case's documents, oldest first, undated last."""
    docs = records.list_records(dossier, "document", case_id=case_id)
    return sorted(
        docs, key=lambda d: (d["document_date"] is None, d["document_date"] or "", d["id"])
    )


def documents_to_bring(dossier: Dossier, case_id: int) -> list[dict[str, Any]]:
    """The case's documents flagged "bring", findings first, then by date."""
    flagged = [d for d in case_documents(dossier, case_id) if d["bring"]]
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    return sorted(
        flagged,
        key=lambda d: (
            rank.get(d["kind"], len(rank)),
            d["document_date"] is None,
            d["document_date"] or "",
            d["id"],
        ),
    )


def contact_name(dossier: Dossier, contact_id: int | None) -> str:
    if contact_id is None:
        return ""
    try:
        contact = records.get(dossier, "contact", contact_id)
    except records.NotFoundError:
        return ""
    return " · ".join(one_line(contact.get(k)) for k in ("name", "institution") if contact.get(k))


def document_line(doc: dict[str, Any], formatter: DateFormatter, flag: str = "") -> str:
    """ "14 March 2026 · Breast MRI report · imaging report · Dr. Raman", then its flag."""
    parts = [
        format_day(doc.get("document_date"), formatter),
        one_line(doc.get("title")),
        choice_label("document", "kind", doc.get("kind")),
        one_line(doc.get("source")),
    ]
    line = " · ".join(p for p in parts if p)
    return tr("{document}: {flag}", document=isolate(line), flag=flag) if flag else line


def document_flag(dossier: Dossier, doc: dict[str, Any]) -> str:
    """Why a document's pages cannot go with the reports ("not included (password-protected)"),
    or "" when they can."""
    if doc.get("encrypted"):
        return tr("not included (password-protected)")
    sha = doc.get("sha256")
    if sha and not dossier.vault.has(str(sha)):
        return tr("not included (its file is missing)")
    return ""


def opinion_author(dossier: Dossier, opinion: dict[str, Any]) -> str:
    """Who gave the opinion: the doctor (with the institution), else the institution, else
    its ordinal ("Opinion 2")."""
    return (
        contact_name(dossier, opinion.get("contact_id"))
        or one_line(opinion.get("institution"))
        or tr("Opinion {n}", n=opinion.get("ordinal") or 1)
    )


def opinion_doctor(dossier: Dossier, opinion: dict[str, Any]) -> str:
    """The doctor's name alone (the institution when no doctor is recorded)."""
    contact_id = opinion.get("contact_id")
    if contact_id is not None:
        try:
            name = one_line(records.get(dossier, "contact", contact_id).get("name"))
        except records.NotFoundError:
            name = ""
        if name:
            return name
    return one_line(opinion.get("institution")) or tr("Opinion {n}", n=opinion.get("ordinal") or 1)


def decision_status(
    dossier: Dossier, case: dict[str, Any], formatter: DateFormatter
) -> Paragraph | None:
    """Where the case's decision stands: taken (when, and what), else needed by its
    deadline; None when there is neither."""
    taken = [
        c
        for c in records.list_records(dossier, "comparison", case_id=case["id"])
        if (c.get("decision") or "").strip()
    ]
    if taken:
        latest = max(taken, key=lambda c: (c.get("decided_on") or "", c["id"]))
        what = isolate(clip(latest["decision"], 300))
        if latest.get("decided_on"):
            return Paragraph(
                tr(
                    "The decision was taken on {day}: {decision}",
                    day=format_day(latest["decided_on"], formatter),
                    decision=what,
                ),
                "small",
            )
        return Paragraph(tr("The decision has been taken: {decision}", decision=what), "small")
    if case.get("decision_deadline"):
        return Paragraph(
            tr(
                "A decision is needed by {day}.",
                day=format_day(case["decision_deadline"], formatter),
            ),
            "small",
        )
    return None
