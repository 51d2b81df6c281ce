"""A complete, entirely fictional demo dossier, to try the program without real data.

``build_demo(path)`` makes a new dossier for "Maggie Lindqvist" with four cases (a
treatment choice for early breast cancer, a recommended knee replacement, an objection
to a refused home-care assessment, and a thyroid nodule whose plan does not fit its
decision deadline), their doctors, opinions, comparisons, appointments, deadlines,
questions, costs and notes, and about twenty documents that go through the ordinary
import, so they have hashes, pages, thumbnails and search text.

Every date is relative to :func:`.clock.today`, so the demo never looks stale: the
next appointment is always next week and one task is always a few days overdue.
The words live in ``resources/demo/content.toml`` (and ``content.<code>.toml``, the same
story told in another language), read and checked by :mod:`.demo_content`; this module
only builds, in the language of the content, so the dates written into the documents
read as that language writes them.
"""

from __future__ import annotations

import os
import re
import tempfile
import textwrap
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from . import clock, person, records
from .clock import now_iso
from .demo_content import DAYS_AGO, DemoContent, DemoDocument, Moment, demo_content
from .entities import entity
from .errors import DossierError
from .i18n import ENGLISH, LANGUAGES, PSEUDO, language_scope, normal_language, tr
from .importer.pipeline import ImportAborted, import_paths
from .importer.pool import SandboxPool
from .locale_format import long_date
from .open_errors import problem_creating
from .opening import create_dossier
from .sql_driver import sqlite3
from .storage import Dossier, remove_new_folder
from .textpdf import Block, Style, pagebreak, write_pdf

_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 0x9003
# Line markers of a document body, longest first; a line without one is body text.
_MARKERS: tuple[tuple[str, Style], ...] = (
    ("## ", "heading"),
    ("# ", "title"),
    ("|| ", "rowhead"),
    ("| ", "row"),
    ("~ ", "small"),
)


def build_demo(path: Path, *, today: date | None = None, language: str | None = None) -> Dossier:
    """Create the demo dossier in ``path`` (a missing or empty folder) and return it open.

    Its dates are counted from ``today`` (default: :func:`.clock.today`). ``language`` (one
    of :data:`.i18n.LANGUAGES`; None: English) chooses the telling of the story and the
    language the dates in its documents are written in. Refuses a folder that is not empty,
    like :func:`.opening.create_dossier`. If building fails half-way, what was written into
    the folder is removed again.
    """
    code = normal_language(language) if language else ENGLISH
    if code is None:
        raise ValueError(f"no language {language!r}; one of {', '.join(LANGUAGES)}")
    content = demo_content(None if code == PSEUDO else code)  # read and checked first
    folder = Path(path).absolute()
    existed = folder.exists()
    with language_scope(code):
        dossier = create_dossier(folder, name=content.patient_name, born=content.patient_born)
        try:
            _Builder(dossier, content, today or clock.today()).build()
        except BaseException as exc:
            dossier.close()
            remove_new_folder(folder, existed=existed)  # the folder was missing or empty before
            if isinstance(exc, (OSError, sqlite3.Error, DossierError)):  # a full disk, above all
                full = isinstance(exc, ImportAborted)  # an import stops only for a full disk
                raise problem_creating(folder, exc, disk_full=full) from exc
            raise
    return dossier


class _Builder:
    def __init__(self, dossier: Dossier, content: DemoContent, today: date) -> None:
        self.dossier = dossier
        self.content = content
        self.today = today
        self.ids: dict[str, int] = {}  # content key -> record id

    def build(self) -> None:
        content = self.content
        for key, data in content.contacts.items():
            self.ids[key] = self.create("contact", data)
        person.update_person(self.dossier, self.resolve("person", content.patient))
        for key, data in content.cases.items():
            self.ids[key] = self.create("case", data)
        self.import_documents(content.documents)
        for record in content.records:
            record_id = self.create(record.name, record.fields)
            if record.key is not None:
                self.ids[record.key] = record_id
        for doc in content.documents:  # the written reports point back at their opinions
            if doc.opinion is not None:
                records.update(
                    self.dossier,
                    "document",
                    self.ids[doc.key],
                    {"opinion_ids": [self.ids[doc.opinion]]},
                )

    def day(self, offset: int) -> str:
        return (self.today + timedelta(days=offset)).isoformat()

    def create(self, name: str, data: Mapping[str, Any]) -> int:
        return records.create(self.dossier, name, self.resolve(name, data)).id

    def resolve(self, name: str, data: Mapping[str, Any]) -> dict[str, Any]:
        """Content values made real: day offsets become dates, keys become record ids."""
        spec = entity(name)
        out: dict[str, Any] = {}
        for key, value in data.items():
            kind = spec.field(key).kind if key in spec.field_names else None
            if kind == "ref" and isinstance(value, str):
                value = self.ids[value]
            elif kind == "date" and isinstance(value, int):
                value = self.day(value)
            elif kind == "datetime" and isinstance(value, Moment):
                value = f"{self.day(value.days)} {value.time}"
            elif key == "opinion_ids":
                value = [self.ids[item] for item in value]
            elif key == "citations":  # {aspect: [Citation]}
                value = {
                    aspect: [{"document_id": self.ids[c.document], "page": c.page} for c in cited]
                    for aspect, cited in value.items()
                }
            out[key] = value
        return out

    def import_documents(self, docs: Sequence[DemoDocument]) -> None:
        """Write every document to a temporary folder and import it, one batch per case."""
        with tempfile.TemporaryDirectory(prefix="dossier-demo-") as temp:
            batches: dict[str, list[tuple[DemoDocument, Path]]] = {}
            for doc in docs:
                file = Path(temp, doc.case, doc.file)
                file.parent.mkdir(exist_ok=True)
                self.write(doc, file)
                batches.setdefault(doc.case, []).append((doc, file))
            with SandboxPool(workers=min(4, os.cpu_count() or 1)) as pool:
                for case, batch in batches.items():
                    files = [file for _, file in batch]
                    results = import_paths(self.dossier, files, case_id=self.ids[case], pool=pool)
                    for (doc, written), result in zip(batch, results, strict=True):
                        if result.status != "imported" or result.document_id is None:
                            raise DossierError(
                                tr(
                                    "The demo document {name} could not be added: {reason}",
                                    name=doc.file,
                                    reason=result.reason or result.status,
                                )
                            )
                        self.ids[doc.key] = result.document_id
                        self.describe(doc)
                        if written.suffix not in (".pdf", ".txt"):
                            self.no_text(result.document_id)

    def no_text(self, document_id: int) -> None:
        """The example's photos are of an X-ray film, with no text on them: their reading
        is recorded as done and finding none, so the example opens with nothing to read
        (and needs no text recognition engine)."""
        with self.dossier.db.atomic():
            self.dossier.db.execute(
                "UPDATE page_reading SET state = 'read', text = '', read_at = ? "
                "WHERE document_id = ? AND state = 'pending'",
                [now_iso(), document_id],
            )

    def describe(self, doc: DemoDocument) -> None:
        """Set what the import cannot guess: title, kind, date, source, tags, "bring"."""
        records.update(
            self.dossier,
            "document",
            self.ids[doc.key],
            {
                "title": doc.title,
                "kind": doc.kind,
                "document_date": self.day(-doc.days_ago),
                "source": doc.source or doc.author or None,
                "bring": doc.bring,
                "tags": list(doc.tags),
            },
        )

    def write(self, doc: DemoDocument, file: Path) -> None:
        moment = datetime.combine(self.today - timedelta(days=doc.days_ago), time(9, 40))
        if file.suffix == ".pdf":
            blocks = self.blocks(doc)
            write_pdf(file, blocks, title=doc.title, author=doc.author or None, created=moment)
        elif file.suffix == ".txt":
            file.write_text(self.dated(textwrap.dedent(doc.body).strip() + "\n"), "utf-8")
        else:
            xray_photo(file, moment)

    def dated(self, text: str) -> str:
        """``text`` with each ``{N days ago}`` replaced by that date, written out in the
        current language ("14 March 2026", "14 maart 2026")."""

        def date_of(match: re.Match[str]) -> str:
            written = long_date(self.today - timedelta(days=int(match.group(1))))
            ends_sentence = text[match.end() : match.end() + 1] == "."
            return written[:-1] if ends_sentence and written.endswith(".") else written

        return DAYS_AGO.sub(date_of, text)  # "… 2026 г." ends a sentence with one stop

    def blocks(self, doc: DemoDocument) -> list[Block]:
        """The PDF blocks of a document body (the markup is described in content.toml)."""
        out: list[Block] = []
        if doc.letterhead is not None:
            institution, department = doc.letterhead
            when = self.dated(f"{{{doc.days_ago} days ago}}")
            out += [Block(institution, "heading"), Block(f"{department} · {when}", "small")]
            out.append(Block(self.content.patient_line, "small"))
        paragraph: list[str] = []
        style: Style = "body"

        def flush() -> None:
            if paragraph:
                out.append(Block(" ".join(paragraph), style))
                paragraph.clear()

        for raw in self.dated(textwrap.dedent(doc.body)).strip().splitlines():
            line = raw.strip()
            marker, marked = next(((m, s) for m, s in _MARKERS if line.startswith(m)), ("", "body"))
            text = line[len(marker) :]
            if not line or line == "---" or marker:
                flush()
            if line == "---":
                out.append(pagebreak())
            elif marked in ("row", "rowhead"):
                out.append(Block("\t".join(cell.strip() for cell in text.split("|")), marked))
            elif marked in ("title", "heading"):
                out.append(Block(text, marked))
            elif line:
                if not paragraph:
                    style = marked  # "body" or "small", kept by the lines that follow
                paragraph.append(text)
        flush()
        return out


def xray_photo(path: Path, taken: datetime) -> None:
    """A phone photo of a knee X-ray film on a light box (grey shapes), with EXIF date."""
    room = (38, 36, 40)
    image = Image.new("RGB", (1200, 900), room)
    draw = ImageDraw.Draw(image)
    draw.rectangle((90, 40, 1110, 860), fill=(232, 238, 246))  # the light box
    draw.rectangle((170, 70, 1030, 830), fill=(26, 28, 32))  # the film
    bone, dense = (186, 188, 192), (214, 215, 218)
    # thigh bone, its two condyles (the inner one sits lower: narrowed joint space)
    draw.polygon([(530, 70), (670, 70), (700, 360), (770, 420), (440, 420), (500, 360)], fill=bone)
    draw.ellipse((430, 380, 600, 486), fill=dense)
    draw.ellipse((600, 370, 780, 470), fill=dense)
    draw.ellipse((550, 300, 650, 390), outline=(150, 152, 156), width=4)  # kneecap
    # shin bone with its plateau, and the thin fibula beside it
    draw.polygon(
        [(430, 492), (790, 486), (730, 570), (690, 830), (545, 830), (500, 570)], fill=bone
    )
    draw.polygon([(760, 560), (792, 560), (782, 830), (752, 830)], fill=(150, 152, 156))
    draw.rectangle((582, 110, 618, 290), fill=(120, 122, 126))  # marrow cavity, femur
    draw.rectangle((595, 600, 640, 830), fill=(120, 122, 126))  # marrow cavity, tibia
    font = ImageFont.load_default(size=48)
    draw.text((210, 100), "R", fill=(245, 245, 245), font=font)
    draw.text((210, 770), "STANDING AP", fill=(200, 200, 200), font=ImageFont.load_default(24))
    image = image.filter(ImageFilter.GaussianBlur(2.5))
    image = image.rotate(2.5, resample=Image.Resampling.BICUBIC, fillcolor=room)
    exif = Image.Exif()
    exif[0x010F] = "Demo"  # Make
    exif[0x0110] = "Phone camera"  # Model
    exif.get_ifd(_EXIF_IFD)[_DATETIME_ORIGINAL] = taken.strftime("%Y:%m:%d %H:%M:%S")
    image.save(path, "JPEG", quality=88, exif=exif)
