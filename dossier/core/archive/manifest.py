"""Reading an archive's ``manifest.json``: valid JSON, the fields it must have, of the
right types, in a format version this program knows. Nothing here touches the disk."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..i18n import tr
from ..schema import known_migrations
from ..untrusted import SHA256_RE as _SHA
from ..untrusted import Untrusted
from ..untrusted import as_int as _int
from ..untrusted import as_list as _list
from ..untrusted import as_object as _object
from ..untrusted import as_text as _string
from ..untrusted import need as _field
from ..untrusted import no_constant as _no_constant
from ..untrusted import unique_keys as _unique_keys
from .errors import ArchiveRejected
from .format import FORMAT_NAME, FORMAT_VERSION, MANIFEST_NAME


@dataclass(frozen=True)
class FileSpec:
    path: str
    sha256: str
    size: int
    media_type: str | None
    document_id: int


@dataclass(frozen=True)
class Manifest:
    format_version: int
    created_at: str
    program_version: str
    migrations: tuple[str, ...]
    person: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    files: tuple[FileSpec, ...]


def invalid(detail: str) -> ArchiveRejected:
    return ArchiveRejected(
        tr(
            "its list of contents ({name}) is not valid: {detail}.",
            name=MANIFEST_NAME,
            detail=detail,
        )
    )


def parse_manifest(data: bytes) -> Manifest:
    """The manifest in ``data``, checked; :class:`ArchiveRejected` says what is wrong."""
    try:
        return _parse(data)
    except Untrusted as exc:  # a value of the wrong kind (dossier.core.untrusted)
        raise invalid(exc.detail) from None


def _parse(data: bytes) -> Manifest:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise invalid(tr("it is not readable text (UTF-8)")) from None
    try:
        raw = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except RecursionError:
        raise invalid(tr("it is nested too deeply")) from None
    except ValueError as exc:
        raise ArchiveRejected(
            tr(
                "its list of contents ({name}) is damaged: it is not valid JSON ({error}).",
                name=MANIFEST_NAME,
                error=exc,
            )
        ) from None
    root = _object(raw, "the manifest")
    if root.get("format") != FORMAT_NAME:
        raise ArchiveRejected(
            tr("it was not made by Second Opinion Dossier (its manifest names another format).")
        )
    version = _int(_field(root, "format_version"), "format_version")
    if version > FORMAT_VERSION:
        raise ArchiveRejected(
            tr(
                "it was made by a newer version of Second Opinion Dossier (archive format "
                "{version}; this version reads up to {known}). Update the program to open it.",
                version=version,
                known=FORMAT_VERSION,
            )
        )
    if version < 1:
        raise invalid(tr('"format_version" must be 1 or more'))
    program = _object(_field(root, "program"), "program")
    created_at = _string(_field(root, "created_at"), "created_at")
    try:
        datetime.fromisoformat(created_at)
    except ValueError:
        raise invalid(tr('"created_at" must be a date and time (ISO 8601)')) from None
    migrations = tuple(
        _string(item, "schema_migrations")
        for item in _list(_field(root, "schema_migrations"), "schema_migrations")
    )
    unknown = set(migrations) - set(known_migrations())
    if unknown:
        raise ArchiveRejected(
            tr(
                "it was made by a newer version of Second Opinion Dossier, whose dossiers "
                "hold more than this version knows. Update the program to open it."
            )
        )
    tables = _tables(_object(_field(root, "tables"), "tables"))
    person = _person(root, tables)
    files = _files(_list(_field(root, "files"), "files"))
    return Manifest(
        format_version=version,
        created_at=created_at,
        program_version=_string(program.get("version", ""), "program.version"),
        migrations=migrations,
        person=person,
        tables=tables,
        files=files,
    )


def _tables(raw: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, table in raw.items():
        where = f"tables.{name}"
        rows = _list(_field(_object(table, where), "rows", where), f"{where}.rows")
        tables[name] = [_object(row, f"a row of {where}") for row in rows]
    return tables


def _person(root: dict[str, Any], tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    rows = tables.get("person", [])
    if len(rows) != 1:
        raise invalid(tr("it must hold exactly one person"))
    person = rows[0]
    _string(person.get("name"), "tables.person.rows[0].name")
    _object(_field(root, "person"), "person")
    return person


def _files(raw: list[Any]) -> tuple[FileSpec, ...]:
    files: list[FileSpec] = []
    paths: set[str] = set()
    hashes: set[str] = set()
    for number, item in enumerate(raw):
        where = f"files[{number}]"
        entry = _object(item, where)
        path = _string(_field(entry, "path", where), f"{where}.path")
        sha = _string(_field(entry, "sha256", where), f"{where}.sha256")
        if not _SHA.match(sha):
            raise invalid(tr('"{where}.sha256" must be 64 hexadecimal digits', where=where))
        size = _int(_field(entry, "size", where), f"{where}.size")
        if size < 0:
            raise invalid(tr('"{where}.size" must not be negative', where=where))
        media_type = entry.get("media_type")
        if media_type is not None:
            media_type = _string(media_type, f"{where}.media_type")
        document_id = _int(_field(entry, "document_id", where), f"{where}.document_id")
        if path in paths or sha in hashes:
            raise invalid(tr("it lists the file {path} twice", path=path))
        paths.add(path)
        hashes.add(sha)
        files.append(FileSpec(path, sha, size, media_type, document_id))
    return tuple(files)
