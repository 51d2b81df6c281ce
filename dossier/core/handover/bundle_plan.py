"""What a bundle for the second doctor will hold, file by file, before anything is written.

:func:`plan_bundle` takes what goes in from :func:`.contents.bundle_contents` (decided
once, shared with the cover letter) and gives each piece its place and name in the
bundle (:mod:`.bundle_names`): the three papers at the top (the cover letter, the
consultation brief, the packet), the originals in a documents folder, their translated
copies in a translations folder under the number of the original they translate, and
each imaging study whose images the dossier keeps as a disc folder of its own. The
papers are read from the dossier now, in the language they are printed in: the doctor's,
when the program speaks it, else English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from .. import records
from ..document_language import language_name
from ..i18n import ENGLISH, LANGUAGES, language_scope, tr
from ..media_types import extension
from ..reports.common import contact_name, footer_for, one_line
from ..reports.dates import DateFormatter, long_date
from ..reports.imaging_words import study_name
from ..reports.model import Footer, Report
from ..reports.packet_plan import PacketPlan
from ..reports.print_kinds import PrintChoices, print_content
from ..storage import Dossier
from ..vault_read import stored_state
from .bundle_names import STEM_BYTES, STEM_CHARACTERS, NameBook, numbered, safe_ending, safe_stem
from .contents import BundleContents, bundle_contents

ROOT = PurePosixPath(".")
CONTENTS_TEXT = "CONTENTS.txt"
CONTENTS_PDF = "CONTENTS.pdf"
COVER_LETTER = "cover-letter"  # the print kind of the cover letter
_PAPER_ESTIMATE = 512 * 1024  # bytes of a printed letter, brief or contents list, at most
_DISC_LIST_ESTIMATE = 64 * 1024  # a DICOMDIR
SPACE_MARGIN = 4 * 1024 * 1024


@dataclass(frozen=True)
class Printed:
    """A paper the bundle prints: its place, its kind ("cover-letter", "brief", "packet"),
    and what to print."""

    path: PurePosixPath
    kind: str
    content: Report | PacketPlan


@dataclass(frozen=True)
class Stored:
    """A document's own file, copied from the vault: an original, or the translated copy
    of ``original``."""

    path: PurePosixPath
    document: dict[str, Any]
    original: dict[str, Any] | None = None  # for a translated copy: what it translates

    @property
    def size(self) -> int:
        return int(self.document.get("size") or 0)


@dataclass(frozen=True)
class Disc:
    """An imaging study whose images the dossier keeps, copied as a disc of its own."""

    path: PurePosixPath  # its folder
    study: dict[str, Any]
    size: int  # bytes of its images


@dataclass(frozen=True)
class BundlePlan:
    contents: BundleContents
    printed_in: str  # the language of the papers and the contents list (LANGUAGES)
    papers: tuple[Printed, ...]
    originals: tuple[Stored, ...]
    translations: tuple[Stored, ...]
    discs: tuple[Disc, ...]
    footer: Footer  # for the contents list's PDF
    names: NameBook  # the names given, for the contents list's own files
    person: str
    case_title: str
    doctor: str  # the doctor it is for, with their institution ("" when none was chosen)
    told: BundleContents  # the same contents, their words in the papers' language (the list)

    @property
    def language(self) -> str:
        """The doctor's language (a document language code)."""
        return self.contents.language

    @property
    def in_english_instead(self) -> bool:
        """The papers are in English because the program does not speak the doctor's
        language."""
        return self.printed_in != self.language

    def files(self) -> int:
        """Files and disc folders that go in, the contents list's two files included."""
        return len(self.papers) + len(self.originals) + len(self.translations) + len(self.discs) + 2

    def needed(self, *, as_zip: bool) -> int:
        """About how many bytes writing the bundle takes on its drive, at most."""
        documents = sum(s.size for s in self.originals + self.translations)
        images = sum(d.size for d in self.discs)
        packet = (
            sum(int(p.size) for p in self._packet_parts()) + _PAPER_ESTIMATE * 4
        )  # its own pages and each document's pages fitted to paper
        papers = _PAPER_ESTIMATE * (len(self.papers) + 1)  # and the contents list's PDF
        total = documents + images + packet + papers + _DISC_LIST_ESTIMATE * len(self.discs)
        if as_zip:  # each paper and disc list is made beside the zip before it goes in
            total += packet + _DISC_LIST_ESTIMATE
        return total + SPACE_MARGIN

    def _packet_parts(self) -> list[Any]:
        for paper in self.papers:
            if isinstance(paper.content, PacketPlan):
                return [p for p in paper.content.parts if hasattr(p, "size")]
        return []


def printed_language(language: str) -> str:
    """The language the papers for a doctor reading ``language`` are printed in: that one
    when the program speaks it, else English."""
    return language if language in LANGUAGES else ENGLISH


def plan_bundle(
    dossier: Dossier,
    case_id: int,
    language: str,
    *,
    to_id: int | None = None,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> BundlePlan:
    """The bundle of case ``case_id`` for a doctor reading ``language`` (to the contact
    ``to_id``). Raises NotFoundError for an unknown case or contact."""
    contents = bundle_contents(dossier, case_id, language, to_id=to_id, dates=dates)
    speaking = printed_language(language)
    with language_scope(speaking):
        # The contents list says what is sent separately, and in which language each
        # untranslated document is written, in its own language, not in the window's.
        told = bundle_contents(dossier, case_id, language, to_id=to_id, dates=dates)
        names = NameBook()
        names.reserve(ROOT, CONTENTS_TEXT)
        names.reserve(ROOT, CONTENTS_PDF)
        papers = _papers(dossier, contents, names, dates, printed)
        originals, numbers = _originals(contents, names)
        translations = _translations(contents, names, numbers)
        discs = _discs(dossier, contents, names)
        case = records.get(dossier, "case", case_id)
        person = records.get(dossier, "person", 1)
        return BundlePlan(
            contents=contents,
            printed_in=speaking,
            papers=papers,
            originals=originals,
            translations=translations,
            discs=discs,
            footer=footer_for(dossier, dates, printed),
            names=names,
            person=one_line(person.get("name")),
            case_title=one_line(case.get("title")),
            doctor=contact_name(dossier, to_id),
            told=told,
        )


def documents_folder() -> PurePosixPath:
    return PurePosixPath(safe_stem(tr("Documents"), "Documents"))


def translations_folder() -> PurePosixPath:
    return PurePosixPath(safe_stem(tr("Translations"), "Translations"))


def imaging_folder() -> PurePosixPath:
    return PurePosixPath(safe_stem(tr("Imaging"), "Imaging"))


def _papers(
    dossier: Dossier,
    contents: BundleContents,
    names: NameBook,
    dates: DateFormatter,
    printed: date | None,
) -> tuple[Printed, ...]:
    case_id, language = contents.case_id, contents.language
    letter = PrintChoices(
        case_id,
        to_id=contents.to_id,
        translations=language,
        left_out=unusable(dossier, contents),
    )
    wanted = [
        (COVER_LETTER, letter, tr("Cover letter")),
        ("brief", PrintChoices(case_id), tr("Consultation brief")),
        (
            "packet",
            PrintChoices(case_id, translations=language, to_id=contents.to_id),
            tr("Consultation packet"),
        ),
    ]
    speaking = printed_language(language)
    out = []
    for number, (kind, choices, title) in enumerate(wanted, 1):
        content = print_content(
            dossier, kind, choices, language=speaking, dates=dates, printed=printed
        )
        path = names.name(ROOT, safe_stem(f"{number} {title}", kind), ".pdf")
        out.append(Printed(path, kind, content))
    return tuple(out)


def unusable(dossier: Dossier, contents: BundleContents) -> frozenset[int]:
    """The documents (originals and translated copies) whose files are already known not
    to be usable (missing, replaced, not of their size), without reading them: the cover
    letter does not count them. A file found damaged while it is copied is named in the
    contents list only."""
    documents = [*contents.documents, *(t.translation for t in contents.translations)]
    return frozenset(
        d["id"]
        for d in documents
        if stored_state(dossier.vault, str(d["sha256"]), int(d["size"])) is not None
    )


def document_stem(number: str, document: dict[str, Any]) -> str:
    """ "03 2026-02-14 Pathology report": its number, its date, its title."""
    title = one_line(document.get("title")) or tr("Document")
    day = str(document.get("document_date") or "")[:10]
    return safe_stem(" ".join(part for part in (number, day, title) if part), number)


def _ending(document: dict[str, Any]) -> str:
    known = extension(document.get("media_type"))
    if known:
        return known
    original = str(document.get("original_name") or "")
    return safe_ending(PurePosixPath(original).suffix) if "." in original else ""


def _originals(
    contents: BundleContents, names: NameBook
) -> tuple[tuple[Stored, ...], dict[int, str]]:
    folder = documents_folder()
    width = max(2, len(str(len(contents.documents))))
    out: list[Stored] = []
    stems: dict[int, str] = {}
    for index, document in enumerate(contents.documents, 1):
        stem = document_stem(numbered(index, width), document)
        out.append(Stored(names.name(folder, stem, _ending(document)), document))
        stems[int(document["id"])] = stem
    return tuple(out), stems


def _translations(
    contents: BundleContents, names: NameBook, stems: dict[int, str]
) -> tuple[Stored, ...]:
    folder = translations_folder()
    into = language_name(contents.language)
    out: list[Stored] = []
    for pair in contents.translations:
        base = stems.get(int(pair.original["id"])) or document_stem("", pair.original)
        stem = _translated_stem(base, into)
        out.append(
            Stored(
                names.name(folder, stem, _ending(pair.translation)), pair.translation, pair.original
            )
        )
    return tuple(out)


def _translated_stem(base: str, into: str) -> str:
    """ "03 2026-02-14 Pathology report (translation into English)", the original's part
    shortened first, so the words that say what it is always stay."""
    keep = len(base)
    while keep > 0:
        # Translators: the file name of a translated copy in the bundle: the original's
        # file name, then the language it was translated into.
        name = tr("{name} (translation into {language})", name=base[:keep].rstrip(), language=into)
        if len(name) <= STEM_CHARACTERS and len(name.encode("utf-8")) <= STEM_BYTES:
            return safe_stem(name, base)
        keep -= 1
    return safe_stem(base, "translation")


def _discs(dossier: Dossier, contents: BundleContents, names: NameBook) -> tuple[Disc, ...]:
    folder = imaging_folder()
    width = max(2, len(str(len(contents.studies))))
    out: list[Disc] = []
    for index, study in enumerate(contents.studies, 1):
        day = str(study.get("study_date") or "")[:10]
        what = one_line(_plain(study_name(study, 60))) or tr("Imaging study")
        stem = safe_stem(" ".join(p for p in (numbered(index, width), day, what) if p), "study")
        size = dossier.db.execute(
            "SELECT COALESCE(SUM(f.size), 0) FROM imaging_file f "
            "JOIN imaging_series s ON s.id = f.series_id WHERE s.study_id = ?",
            [study["id"]],
        ).fetchone()[0]
        out.append(Disc(names.name(folder, stem), study, int(size or 0)))
    return tuple(out)


def _plain(text: str) -> str:
    from ..bidi import without_isolates

    return without_isolates(text)


__all__ = [
    "CONTENTS_PDF",
    "CONTENTS_TEXT",
    "ROOT",
    "BundlePlan",
    "Disc",
    "Printed",
    "Stored",
    "document_stem",
    "imaging_folder",
    "plan_bundle",
    "printed_language",
    "translations_folder",
]
