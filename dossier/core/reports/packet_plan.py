"""What goes into the consultation packet, in order: the brief, the question sheet, then
every document of the case flagged "bring to next consultation" (findings first). The
renderer puts a contents page (:mod:`.packet_contents`) after the brief and its appendix
(the document index, when the brief only summarises its enclosures and says the index is
printed with it): the contents page lists every enclosure by its page in the packet, and
the imaging studies and the physical items of the case, which the plan carries as lines.

The plan names the vault file of each document (its SHA-256 and recorded size);
``dossier.reports.packet_pdf`` reads each one checked (:mod:`..vault_read`: a regular file of
the vault, never a link, of that size and content), and puts a page saying what could not
be included in place of one it cannot use.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .. import records
from ..choice_labels import choice_label
from ..document_language import language_name
from ..document_translations import needs_translation, translation_into
from ..i18n import current_language, tr
from ..storage import Dossier
from ..vault import Vault
from .brief import consultation_brief
from .common import documents_to_bring, footer_for, one_line
from .dates import DateFormatter, format_day, long_date
from .imaging_lines import case_studies, contents_lines, without_discs
from .model import Footer, KeyValues, Paragraph, Report, Sections
from .packet_contents import Untranslated
from .physical_items import case_items, item_line
from .question_sheet import next_appointment, question_sheet


@dataclass(frozen=True)
class ReportPart:
    bookmark: str
    report: Report


@dataclass(frozen=True)
class DocumentPart:
    bookmark: str
    document: dict[str, Any]
    vault: Vault
    sha256: str  # the stored file, read through the vault's checked reader
    size: int
    media_type: str

    @property
    def path(self) -> Path:
        """Where the file is expected in the vault (it may be missing, or not what was
        stored): for showing only, never for reading."""
        return self.vault.path_for(self.sha256)


PacketPart = ReportPart | DocumentPart


@dataclass(frozen=True)
class PacketPlan:
    footer: Footer
    parts: tuple[PacketPart, ...]
    large_print: bool = False  # every printed part (reports, contents, stand-in pages)
    items: tuple[str, ...] = ()  # slides, films, discs and where they are (item_line)
    imaging: tuple[str, ...] = ()  # the imaging studies and where their images are
    # The language it was planned in: the contents page, the pages standing in for a
    # document and the footer are printed in it too.
    language: str = field(default_factory=current_language)
    # With translations into a language (its code), the translated copy of a document is
    # printed in place of its original; ``untranslated`` are the documents known to be in
    # another language that have none (:class:`Untranslated`), for the contents page.
    translations: str | None = None
    untranslated: tuple[Untranslated, ...] = ()
    # False: no contents page (a letter printed with its enclosure: the letter says what
    # is enclosed).
    contents: bool = True


def as_printed(report: Report, *, large_print: bool) -> Report:
    """``report`` as the packet prints it, large when asked: its appendix and its shorter
    forms likewise."""
    large = report.large_print or large_print
    return replace(
        report,
        large_print=large,
        appendix=tuple(replace(a, large_print=large) for a in report.appendix),
        shorter=tuple(
            replace(
                s,
                large_print=large,
                appendix=tuple(replace(a, large_print=large) for a in s.appendix),
            )
            for s in report.shorter
        ),
    )


def packet_plan(
    dossier: Dossier,
    case_id: int,
    *,
    appointment_id: int | None = None,
    large_print: bool = False,
    translations: str | None = None,
    to_id: int | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> PacketPlan:
    """The packet of case ``case_id``. ``translations``: the language (its code) whose
    translated copies replace their originals where there are any; the documents known to
    be in another language without one are listed as still to be translated. ``to_id``:
    the doctor the packet is for (a bundle's): its questions are those of the next
    appointment with that doctor, else the case's open ones, never another doctor's sheet."""
    brief = consultation_brief(dossier, case_id, dates=dates, printed=printed)
    appointment_id = appointment_id or next_appointment(dossier, case_id, printed, with_id=to_id)
    sheet = question_sheet(
        dossier,
        case_id=None if appointment_id else case_id,
        appointment_id=appointment_id,
        large_print=large_print,
        dates=dates,
        printed=printed,
    )
    parts: list[PacketPart] = [
        ReportPart(brief.title, as_printed(brief, large_print=large_print)),
        ReportPart(sheet.title, as_printed(sheet, large_print=large_print)),
    ]
    documents, untranslated = _with_translations(
        dossier, documents_to_bring(dossier, case_id), translations
    )
    for doc in documents:
        day = format_day(doc.get("document_date"), dates)
        title = one_line(doc["title"])
        parts.append(
            DocumentPart(
                # Translators: a document's bookmark in the packet: its title and its date.
                tr("{title} ({day})", title=title, day=day) if day else title,
                doc,
                dossier.vault,
                str(doc["sha256"]),
                int(doc["size"]),
                doc["media_type"],
            )
        )
    studies = case_studies(dossier, case_id)
    items = tuple(
        item_line(dossier, item, dates)
        for item in without_discs(case_items(dossier, case_id), studies)
    )
    return PacketPlan(
        footer_for(dossier, dates, printed),
        tuple(parts),
        large_print=large_print,
        items=items,
        imaging=contents_lines(dossier, studies, dates),
        translations=translations,
        untranslated=untranslated,
    )


def _with_translations(
    dossier: Dossier, documents: list[dict[str, Any]], language: str | None
) -> tuple[list[dict[str, Any]], tuple[Untranslated, ...]]:
    """``documents`` with each one known to be in another language than ``language``
    replaced by its translation into it where there is one (each document once); and those
    that have none. Without a language, ``documents`` as they are."""
    if language is None:
        return documents, ()
    chosen: list[dict[str, Any]] = []
    untranslated: list[Untranslated] = []
    for doc in documents:
        if needs_translation(doc, language):
            translation_id = translation_into(dossier.db, doc["id"], language)
            if translation_id is not None:
                doc = records.get(dossier, "document", translation_id)
            else:
                untranslated.append(
                    Untranslated(one_line(doc["title"]), language_name(doc["language"]))
                )
        if all(doc["id"] != other["id"] for other in chosen):
            chosen.append(doc)
    return chosen, tuple(untranslated)


def not_included(
    document: dict[str, Any],
    reason: str,
    footer: Footer,
    dates: DateFormatter = long_date,
    *,
    large_print: bool = False,
) -> Report:
    """The page that stands in for a document the packet could not include."""
    details = [
        (label, value)
        for label, value in (
            (tr("Title"), one_line(document.get("title"))),
            (tr("Date"), format_day(document.get("document_date"), dates)),
            (tr("Kind"), choice_label("document", "kind", document.get("kind"))),
            (tr("Source"), one_line(document.get("source"))),
            (tr("Pages"), str(document.get("page_count") or "")),
        )
        if value
    ]
    out = Sections()
    out.add(
        None,
        Paragraph(tr("This document could not be included in the packet."), "lead"),
        Paragraph(reason),
        KeyValues(tuple(details)),
        Paragraph(
            tr(
                "Please ask the patient for a paper copy, or ask the place it came from to "
                "send it again."
            ),
            "small",
        ),
    )
    return Report(
        kind="not_included",
        title=tr("Document not included"),
        subtitle=one_line(document.get("title")),
        footer=footer,
        sections=out.done(),
        large_print=large_print,
    )


# Reasons, in plain words, for the page above.
def reason_missing() -> str:
    return tr("Its file is no longer in the dossier (it may have been moved or deleted).")


def reason_damaged() -> str:
    return tr("Its file is damaged and cannot be read.")


def reason_replaced() -> str:
    return tr(
        "Its file in the dossier has been replaced by a link or by something that is not an "
        "ordinary file, so it was not used. Check the dossier (Dossier → Check the dossier…)."
    )


def reason_password() -> str:
    return tr("Its file is protected by a password, so it cannot be copied into the packet.")


def reason_unsupported() -> str:
    return tr("This kind of file cannot be printed.")


def short_reason(problem: str) -> str:
    """Why a document is not included, in a few words for the contents page: ``problem``
    is "missing", "replaced", "damaged", "password", "unsupported" or "unsafe"."""
    words = {
        "missing": tr("file missing"),
        "replaced": tr("file replaced"),
        "damaged": tr("damaged file"),
        "password": tr("password-protected"),
        "unsupported": tr("cannot be printed"),
        "unsafe": tr("cannot be read safely"),
    }
    return words[problem]
