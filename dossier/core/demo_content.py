"""The words of the example dossier, read from ``resources/demo/content.toml`` and checked.

The file is data (people, cases, records, the text of the documents); :mod:`.demo` builds
the dossier from what this module returns. Each language may have its own telling of the
same story, ``content.<code>.toml`` (``content.nl.toml``): names, places, letters and
notes as they are written there, with the same keys, kinds, links and dates, so the
example works the same in every language (:func:`content_shape` says what must match). Everything is checked as it is read, so a slip
in the file is told in one line naming its place (``records[12].case_id: …``) before a
dossier is half made: every field belongs to its kind of record, every link names
something made before it, every date is a whole number of days (or days and a time),
every document's file is a PDF, a text file or the photo.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from .entities import ASPECTS, ENTITIES, entity
from .i18n import ENGLISH
from .resources import resource_path

CONTENT_FILE: Final = "demo/content.toml"
_FILE_KINDS: Final = (".pdf", ".txt", ".jpg")
_TIME: Final = re.compile(r"[0-2]\d:[0-5]\d")
#: A date in a document's text, written out in the dossier's language when it is built.
DAYS_AGO: Final = re.compile(r"\{(\d+) days? ago\}")
# Fields each language writes its own way (money too: a country has its own prices).
_OWN_WORDS: Final = ("text", "longtext", "money")


class DemoContentError(ValueError):
    """The content file is not what the builder expects; the message names the place."""


@dataclass(frozen=True)
class Moment:
    """A date and time: ``days`` from today (negative: past) at ``time`` ("HH:MM")."""

    days: int
    time: str


@dataclass(frozen=True)
class Citation:
    """A page of a demo document (by its key) that an opinion's aspect cites."""

    document: str
    page: int


@dataclass(frozen=True)
class DemoRecord:
    """One record to make: its kind, the key later content names it by, its fields.

    Field values are as the file gives them, checked: a whole number for a date, a
    :class:`Moment` for a date and time, a content key (str) for a link, a list of keys
    for ``opinion_ids`` and ``{aspect: [Citation]}`` for ``citations``.
    """

    name: str
    key: str | None
    fields: Mapping[str, Any]


@dataclass(frozen=True)
class DemoDocument:
    """One file of the demo: a PDF (from ``body``), a plain-text file or the photo."""

    key: str
    case: str
    file: str  # its suffix says what to make: .pdf, .txt or .jpg
    title: str
    kind: str
    days_ago: int
    author: str = ""
    letterhead: tuple[str, str] | None = None  # (institution, department)
    body: str = ""
    source: str = ""
    bring: bool = False
    tags: tuple[str, ...] = ()
    opinion: str | None = None  # key of the opinion whose written report this is


@dataclass(frozen=True)
class DemoContent:
    patient_name: str
    patient_born: str  # YYYY-MM-DD
    patient_line: str  # under each letterhead
    patient: Mapping[str, Any]  # the person's details
    contacts: Mapping[str, Mapping[str, Any]]  # by key, in the order they are made
    cases: Mapping[str, Mapping[str, Any]]
    records: tuple[DemoRecord, ...]
    documents: tuple[DemoDocument, ...]


def content_file(language: str | None = None) -> Path:
    """The content file of ``language`` ("nl"): its own when it has one, else the English."""
    if language and language != ENGLISH:
        own = resource_path(CONTENT_FILE.replace(".toml", f".{language}.toml"))
        if own.is_file():
            return own
    return resource_path(CONTENT_FILE)


def content_languages() -> tuple[str, ...]:
    """The languages that have their own content file, English first."""
    folder = resource_path(CONTENT_FILE).parent
    own = sorted(p.suffixes[0][1:] for p in folder.glob("content.*.toml"))
    return (ENGLISH, *own)


@functools.cache
def demo_content(language: str | None = None) -> DemoContent:
    """The content that ships with the program, in ``language`` when it has its own
    (English otherwise); each file is read once."""
    return load_demo_content(content_file(language))


def load_demo_content(path: Path) -> DemoContent:
    """Read and check the content file at ``path``; :class:`DemoContentError` if it is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DemoContentError(f"{path.name}: {exc}") from None
    return _Reader().content(data)


def content_shape(content: DemoContent) -> dict[str, Any]:
    """What every language's telling of the example shares with the English one: the keys,
    kinds, links, choices, day offsets and numbers, the order of the records and documents,
    and the ``{N days ago}`` dates each document names. Names, titles, letters and prices
    are each language's own: only whether they are there counts."""
    return {
        "born": content.patient_born,
        "patient": _shape("person", content.patient),
        "contacts": {key: _shape("contact", fields) for key, fields in content.contacts.items()},
        "cases": {key: _shape("case", fields) for key, fields in content.cases.items()},
        "records": [(r.name, r.key, _shape(r.name, r.fields)) for r in content.records],
        "documents": [
            {
                "key": d.key,
                "case": d.case,
                "file": Path(d.file).suffix,
                "kind": d.kind,
                "days_ago": d.days_ago,
                "letterhead": d.letterhead is not None,
                "author": bool(d.author),
                "source": bool(d.source),
                "bring": d.bring,
                "tags": len(d.tags),
                "opinion": d.opinion,
                "dates": sorted(set(DAYS_AGO.findall(d.body))),
            }
            for d in content.documents
        ],
    }


def _shape(name: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    spec = entity(name)
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key in spec.field_names and spec.field(key).kind in _OWN_WORDS:
            out[key] = "(own words)"
        elif key == "aspects" and isinstance(value, dict):
            out[key] = {
                aspect: (row.get("verdict"), "note" in row) if isinstance(row, dict) else row
                for aspect, row in value.items()
            }
        else:
            out[key] = value
    return out


class _Reader:
    """Checks the file top down; ``known`` holds the keys of what is made before."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}  # content key -> kind of record

    def content(self, data: Mapping[str, Any]) -> DemoContent:
        _keys(data, "the file", {"patient", "contacts", "cases", "records", "documents"})
        patient = _table(data, "patient", "the file")
        _keys(patient, "patient", {"name", "born", "line", "details"})
        contacts = self.keyed(data, "contacts", "contact")  # the person's insurer is one
        details = self.fields("person", _table(patient, "details", "patient"), "patient.details")
        cases = self.keyed(data, "cases", "case")
        documents = tuple(
            self.document(item, f"documents[{n}]")
            for n, item in enumerate(_tables(data, "documents"))
        )
        records = tuple(
            self.record(item, f"records[{n}]") for n, item in enumerate(_tables(data, "records"))
        )
        for n, doc in enumerate(documents):  # a written report points back at its opinion
            if doc.opinion is not None and self.known.get(doc.opinion) != "opinion":
                raise DemoContentError(f"documents[{n}].opinion: no opinion {doc.opinion!r}")
        return DemoContent(
            patient_name=_text(patient, "name", "patient"),
            patient_born=_text(patient, "born", "patient"),
            patient_line=_text(patient, "line", "patient"),
            patient=details,
            contacts=contacts,
            cases=cases,
            records=records,
            documents=documents,
        )

    def keyed(self, data: Mapping[str, Any], name: str, kind: str) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for key, fields in _table(data, name, "the file").items():
            if not isinstance(fields, dict):
                raise DemoContentError(f"{name}.{key}: expected a table")
            out[key] = self.fields(kind, fields, f"{name}.{key}")
            self.learn(key, kind, f"{name}.{key}")
        return out

    def learn(self, key: str, kind: str, where: str) -> None:
        if key in self.known:
            raise DemoContentError(f"{where}: the key {key!r} is used twice")
        self.known[key] = kind

    def record(self, item: Mapping[str, Any], where: str) -> DemoRecord:
        name = _text(item, "record", where)
        if name not in ENTITIES or name == "person":
            raise DemoContentError(f"{where}.record: no kind of record {name!r}")
        key = item.get("key")
        if key is not None and not isinstance(key, str):
            raise DemoContentError(f"{where}.key: expected text")
        fields = {k: v for k, v in item.items() if k not in ("record", "key")}
        record = DemoRecord(name, key, self.fields(name, fields, where))
        if key is not None:
            self.learn(key, name, f"{where}.key")
        return record

    def fields(self, name: str, fields: Mapping[str, Any], where: str) -> dict[str, Any]:
        spec = entity(name)
        out: dict[str, Any] = {}
        for key, value in fields.items():
            here = f"{where}.{key}"
            if key in spec.field_names:
                field = spec.field(key)
                if field.kind == "ref":
                    self.link(value, field.ref, here)
                elif field.kind == "date" and (type(value) is not int):
                    raise DemoContentError(f"{here}: expected a whole number of days from today")
                elif field.kind == "datetime":
                    value = _moment(value, here)
            elif key == "opinion_ids" and key in spec.links:
                if not isinstance(value, list):
                    raise DemoContentError(f"{here}: expected a list of opinion keys")
                for n, item in enumerate(value):
                    self.link(item, "opinion", f"{here}[{n}]")
            elif key == "citations" and key in spec.links:
                value = self.citations(value, here)
            elif key not in spec.links:
                raise DemoContentError(f"{here}: a {name} has no field {key!r}")
            out[key] = value
        return out

    def link(self, value: Any, kind: str | None, where: str) -> None:
        if not isinstance(value, str) or self.known.get(value) != kind:
            raise DemoContentError(f"{where}: no {kind} {value!r} made before it")

    def citations(self, value: Any, where: str) -> dict[str, list[Citation]]:
        if not isinstance(value, dict):
            raise DemoContentError(f"{where}: expected a table of aspects")
        out: dict[str, list[Citation]] = {}
        for aspect, cited in value.items():
            if aspect not in ASPECTS or not isinstance(cited, list):
                raise DemoContentError(f"{where}.{aspect}: expected an aspect and a list")
            out[aspect] = []
            for n, item in enumerate(cited):
                here = f"{where}.{aspect}[{n}]"
                if not isinstance(item, dict):
                    raise DemoContentError(f"{here}: expected {{ document = KEY, page = N }}")
                _keys(item, here, {"document", "page"})
                self.link(item.get("document"), "document", f"{here}.document")
                page = item.get("page")
                if type(page) is not int or page < 1:
                    raise DemoContentError(f"{here}.page: expected a page number")
                out[aspect].append(Citation(item["document"], page))
        return out

    def document(self, item: Mapping[str, Any], where: str) -> DemoDocument:
        _keys(item, where, {f for f in DemoDocument.__dataclass_fields__} | {"key", "case"})
        key, case, file = (_text(item, k, where) for k in ("key", "case", "file"))
        if self.known.get(case) != "case":
            raise DemoContentError(f"{where}.case: no case {case!r}")
        if Path(file).suffix not in _FILE_KINDS or Path(file).name != file:
            raise DemoContentError(f"{where}.file: expected a name ending {', '.join(_FILE_KINDS)}")
        body = item.get("body", "")
        if not isinstance(body, str) or (not body.strip()) != file.endswith(".jpg"):
            raise DemoContentError(f"{where}.body: a PDF or text file has a body, the photo none")
        days = item.get("days_ago")
        if type(days) is not int or days < 0:
            raise DemoContentError(f"{where}.days_ago: expected a whole number of days, 0 or more")
        letterhead = item.get("letterhead")
        if letterhead is not None and not (
            isinstance(letterhead, list) and len(letterhead) == 2 and _all_text(letterhead)
        ):
            raise DemoContentError(f"{where}.letterhead: expected [institution, department]")
        tags = item.get("tags", [])
        if not isinstance(tags, list) or not _all_text(tags):
            raise DemoContentError(f"{where}.tags: expected a list of words")
        if not isinstance(item.get("bring", False), bool):
            raise DemoContentError(f"{where}.bring: expected true or false")
        texts = {k: item.get(k, "") for k in ("title", "kind", "author", "source")}
        if not _all_text(texts.values()) or not texts["title"] or not texts["kind"]:
            raise DemoContentError(f"{where}: title, kind, author and source are text")
        opinion = item.get("opinion")
        if opinion is not None and not isinstance(opinion, str):
            raise DemoContentError(f"{where}.opinion: expected an opinion's key")
        self.learn(key, "document", f"{where}.key")
        return DemoDocument(
            key=key,
            case=case,
            file=file,
            title=texts["title"],
            kind=texts["kind"],
            days_ago=days,
            author=texts["author"],
            letterhead=(letterhead[0], letterhead[1]) if letterhead else None,
            body=body,
            source=texts["source"],
            bring=item.get("bring", False),
            tags=tuple(tags),
            opinion=opinion,
        )


def _keys(data: Mapping[str, Any], where: str, allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise DemoContentError(f"{where}: unknown {', '.join(unknown)}")


def _table(data: Mapping[str, Any], name: str, where: str) -> dict[str, Any]:
    value = data.get(name)
    if not isinstance(value, dict):
        raise DemoContentError(f"{where}: expected a table [{name}]")
    return value


def _tables(data: Mapping[str, Any], name: str) -> list[dict[str, Any]]:
    value = data.get(name)
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise DemoContentError(f"the file: expected [[{name}]] tables")
    return value


def _text(data: Mapping[str, Any], name: str, where: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise DemoContentError(f"{where}.{name}: expected text")
    return value


def _all_text(values: Any) -> bool:
    return all(isinstance(value, str) for value in values)


def _moment(value: Any, where: str) -> Moment:
    if (
        isinstance(value, dict)
        and set(value) == {"days", "time"}
        and type(value["days"]) is int
        and isinstance(value["time"], str)
        and _TIME.fullmatch(value["time"])
    ):
        return Moment(value["days"], value["time"])
    raise DemoContentError(f'{where}: expected {{ days = N, time = "HH:MM" }}')
