"""The bundle's contents list, in the language its papers are printed in: every file with
what it is, what is not included and why, what is sent separately, and what is not yet
translated. Written twice: ``CONTENTS.txt``, which any computer opens, and
``CONTENTS.pdf``, printed like the other papers.

The list is made once as plain sections (:class:`Listing`), then set as text (each file
name on a line of its own, what it is indented under it: a name and a sentence in two
scripts never share a line, so a right-to-left list reads in order) and as a report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..bidi import isolate, left_to_right, without_isolates
from ..choice_labels import choice_label
from ..clock import today
from ..document_language import language_name
from ..i18n import language_scope, ntr, tr
from ..reports.common import one_line
from ..reports.dates import DateFormatter, format_day, long_date
from ..reports.imaging_lines import counts
from ..reports.imaging_words import study_name
from ..reports.model import BulletList, KeyValues, Paragraph, Report, Sections, Table
from .bundle_plan import CONTENTS_PDF, CONTENTS_TEXT, BundlePlan, Stored
from .bundle_result import Outcome, PaperDone

NEWLINE = "\r\n"  # what every text editor shows as lines, Windows' own included
TEXT_ENCODING = "utf-8-sig"  # the mark tells an older Windows editor it is UTF-8


@dataclass
class Section:
    heading: str
    intro: str = ""
    files: list[tuple[str, str]] = field(default_factory=list)  # (file name, what it is)
    lines: list[str] = field(default_factory=list)  # plain items (left out, to translate)


@dataclass
class Listing:
    title: str
    facts: list[tuple[str, str]]  # (label, value)
    notes: list[str]
    sections: list[Section]


def listing(
    plan: BundlePlan,
    outcome: Outcome,
    *,
    dates: DateFormatter = long_date,
    made: date | None = None,
) -> Listing:
    """The contents list of the bundle ``plan`` as written (``outcome``), in its language."""
    with language_scope(plan.printed_in):
        into = language_name(plan.language)
        facts = [
            (tr("For"), isolate(plan.doctor)),
            (tr("Patient"), _patient(plan)),
            (tr("Case"), isolate(plan.case_title)),
            (tr("Made on"), dates(made or today())),
        ]
        notes = []
        if plan.in_english_instead and outcome.translations:
            notes.append(
                tr(
                    "The letters and this list are in English: the program does not write "
                    "{language}. The translated copies are in {language}.",
                    language=into,
                )
            )
        elif plan.in_english_instead:  # no translated copy to speak of
            notes.append(
                tr(
                    "The letters and this list are in English: the program does not write "
                    "{language}.",
                    language=into,
                )
            )
        sections = [_papers(outcome.papers)]
        sections.append(_documents(plan, outcome, dates))
        if outcome.translations:
            sections.append(_translations(plan, outcome, into))
        if outcome.discs:
            sections.append(_discs(outcome, dates))
        left = _left_out(plan, outcome)
        if left.lines:
            sections.append(left)
        if plan.told.separately:
            sections.append(
                Section(
                    tr("Sent separately or brought by the patient"),
                    lines=list(plan.told.separately),
                )
            )
        if plan.told.untranslated:
            sections.append(
                Section(
                    tr("Not yet translated into {language}", language=into),
                    lines=[
                        tr(
                            "{title} (written in {language})",
                            title=isolate(u.title),
                            language=u.language,
                        )
                        for u in plan.told.untranslated
                    ],
                )
            )
        return Listing(
            tr("Records for a second opinion"), [(k, v) for k, v in facts if v], notes, sections
        )


def _patient(plan: BundlePlan) -> str:
    born = plan.footer.born
    name = isolate(plan.person)
    return tr("{name}, born {born}", name=name, born=born) if born else name


def _papers(papers: list[PaperDone]) -> Section:
    section = Section(tr("In this bundle"))
    for paper in papers:
        section.files.append((left_to_right(paper.path.as_posix()), _paper_words(paper)))
    section.files.append((CONTENTS_TEXT, tr("This list, as text.")))
    section.files.append((CONTENTS_PDF, tr("This list, to print.")))
    return section


def _paper_words(paper: PaperDone) -> str:
    pages = ntr("{n} page", "{n} pages", paper.pages)
    if paper.kind == "brief":
        what = tr(
            "The consultation brief: the case in short (the question, the diagnoses, the "
            "treatments so far, the medication, the opinions given)."
        )
    elif paper.kind == "packet":
        what = tr(
            "The consultation packet: the brief, the questions and the main documents, in one "
            "file to print."
        )
    else:
        what = tr(
            "The cover letter: who the patient is, the question, why a second opinion is "
            "sought, and what is enclosed."
        )
    return tr("{what} ({pages})", what=what, pages=pages)


def _documents(plan: BundlePlan, outcome: Outcome, dates: DateFormatter) -> Section:
    folder = _folder_of(outcome.originals) or tr("Documents")
    translated = {int(s.original["id"]) for s in outcome.translations if s.original}
    section = Section(
        tr(
            "The documents, as they came, in the folder \u201c{folder}\u201d",
            folder=isolate(folder),
        ),
        intro=ntr(
            "{n} document, numbered from the oldest.",
            "{n} documents, numbered from the oldest.",
            len(outcome.originals),
        )
        if len(outcome.originals) != 1
        else tr("One document."),  # nothing to number it against
    )
    into = language_name(plan.language)
    for stored in outcome.originals:
        words = _document_words(stored.document, dates)
        if int(stored.document["id"]) in translated:
            words = tr(
                "{words}. A translation into {language} is included.", words=words, language=into
            )
        section.files.append((left_to_right(stored.path.name), words))
    return section


def _document_words(document: dict[str, Any], dates: DateFormatter) -> str:
    parts = [
        isolate(one_line(document.get("title"))),
        choice_label("document", "kind", document.get("kind")),
        format_day(document.get("document_date"), dates),
        isolate(one_line(document.get("source"))),
    ]
    language = document.get("language")
    if language:
        parts.append(tr("in {language}", language=language_name(language)))
    return " · ".join(p for p in parts if p)


def _translations(plan: BundlePlan, outcome: Outcome, into: str) -> Section:
    folder = _folder_of(outcome.translations) or tr("Translations")
    section = Section(
        tr(
            "Translations into {language}, in the folder \u201c{folder}\u201d",
            language=into,
            folder=folder,
        ),
        intro=tr("Each has the number of the document it translates."),
    )
    originals = {int(s.document["id"]): s for s in outcome.originals}
    for stored in outcome.translations:
        assert stored.original is not None
        of = originals.get(int(stored.original["id"]))
        if of is not None:
            name = left_to_right(of.path.name)
        else:
            name = isolate(one_line(stored.original.get("title")))
        document = stored.document
        who = isolate(one_line(document.get("translated_by")))
        if document.get("translation_certified"):
            words = (
                tr("Certified translation of {name}, by {who}.", name=name, who=who)
                if who
                else tr("Certified translation of {name}.", name=name)
            )
        else:
            words = (
                tr("Translation of {name}, by {who}.", name=name, who=who)
                if who
                else tr("Translation of {name}.", name=name)
            )
        section.files.append((left_to_right(stored.path.name), words))
    return section


def _discs(outcome: Outcome, dates: DateFormatter) -> Section:
    first = outcome.discs[0].path.parent.as_posix()
    section = Section(
        tr("Imaging studies, in the folder \u201c{folder}\u201d", folder=isolate(first)),
        intro=tr(
            "Each folder is a copy of the disc, with the hospital's own image files: open its "
            "DICOMDIR file with a DICOM viewer."
        ),
    )
    for disc in outcome.discs:
        study = disc.study
        parts = [
            study_name(study),
            format_day(study.get("study_date"), dates),
            counts(study),
            isolate(one_line(study.get("institution"))),
        ]
        section.files.append(
            (left_to_right(disc.path.name + "/"), " · ".join(p for p in parts if p))
        )
    return section


def _left_out(plan: BundlePlan, outcome: Outcome) -> Section:
    section = Section(tr("Not included, and why"))
    for item in outcome.left_out:
        section.lines.append(tr("{title}: {reason}", title=isolate(item.title), reason=item.reason))
    for study in plan.contents.not_kept:
        section.lines.append(
            tr(
                "{title}: the dossier only lists this imaging study; its images are on the "
                "disc itself (see \u201cSent separately or brought by the patient\u201d, where "
                "it is known).",
                title=study_name(study),
            )
        )
    left = [item.title for item in outcome.left_out]
    for paper in outcome.papers:
        for title, reason in paper.not_included:
            if any(title.startswith(other) for other in left):
                continue  # its file is not in the bundle either: said above
            section.lines.append(
                tr(
                    "{title}: its file is in the bundle, but it could not be printed in "
                    "{paper}. {reason}",
                    title=isolate(title),
                    paper=left_to_right(paper.path.as_posix()),
                    reason=reason,
                )
            )
    return section


def _folder_of(stored: list[Stored]) -> str:
    return stored[0].path.parent.as_posix() if stored else ""


def as_text(listing: Listing) -> bytes:
    """``CONTENTS.txt``: the list as plain text, UTF-8 with a byte order mark, CR LF."""
    out = [listing.title, "=" * min(len(listing.title), 60), ""]
    out.extend(f"{label}: {value}" for label, value in listing.facts)
    for note in listing.notes:
        out.extend(["", note])
    for section in listing.sections:
        out.extend(["", "", section.heading, "-" * min(len(section.heading), 60)])
        if section.intro:
            out.append(section.intro)
        for name, words in section.files:
            out.extend(["", name, f"    {words}"])
        if section.lines:
            out.append("")
            out.extend(f"- {line}" for line in section.lines)
    out.append("")
    text = NEWLINE.join(without_isolates(line) for line in out)
    return text.encode(TEXT_ENCODING, "replace")


def as_report(listing: Listing, plan: BundlePlan) -> Report:
    """``CONTENTS.pdf``: the same list, printed like the other papers."""
    with language_scope(plan.printed_in):
        out = Sections()
        out.add(
            None, KeyValues(tuple(listing.facts)), *(Paragraph(n, "small") for n in listing.notes)
        )
        for section in listing.sections:
            table = (
                Table((tr("File"), tr("What it is")), tuple(section.files), (2, 3))
                if section.files
                else None
            )
            out.add(
                section.heading,
                Paragraph(section.intro, "small") if section.intro else None,
                table,
                BulletList(tuple(section.lines)) if section.lines else None,
            )
        return Report(
            kind="bundle_contents",
            title=listing.title,
            subtitle=tr("Contents of the bundle"),
            footer=plan.footer,
            sections=out.done(),
        )


__all__ = ["Listing", "as_report", "as_text", "listing"]
