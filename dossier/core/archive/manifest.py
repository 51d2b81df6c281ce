"""Reading an archive's ``manifest.json``: JSON within bounds, the fields it must have,
of the right types, in a format version this program knows. Nothing here touches the disk.

The bytes are scanned as they come out of the archive (:mod:`..bounded_json`): a manifest
larger, deeper or with more values than :class:`.format.Limits` allows is refused before
it is parsed, so a crafted one cannot make the program build gigabytes of objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..bounded_json import BoundedJson, JsonLimits, JsonRefused
from ..i18n import tr
from ..schema import known_migrations
from ..sizes import human_size
from ..untrusted import SHA256_RE as _SHA
from ..untrusted import Untrusted, name_problem
from ..untrusted import as_int as _int
from ..untrusted import as_list as _list
from ..untrusted import as_object as _object
from ..untrusted import as_text as _string
from ..untrusted import need as _field
from ..validation import TEXT_MAX
from .errors import ArchiveRejected
from .format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MISSING_REASONS,
    Limits,
    image_entry_name,
)


@dataclass(frozen=True)
class FileSpec:
    path: str
    sha256: str
    size: int
    media_type: str | None
    document_id: int


@dataclass(frozen=True)
class ImageSpec:
    """An image file of an imaging study in the archive, and the image (``imaging_file``
    row) it is the file of."""

    path: str
    sha256: str
    size: int
    image_id: int


@dataclass(frozen=True)
class MissingFile:
    """A document whose file the export could not read, so the archive holds only its record."""

    document_id: int
    title: str
    sha256: str
    size: int
    reason: str


@dataclass(frozen=True)
class MissingImage:
    """An image whose file the export could not read, so the archive holds only its record."""

    image_id: int
    study_id: int
    sha256: str
    size: int
    reason: str


@dataclass(frozen=True)
class Manifest:
    format_version: int
    created_at: str
    program_version: str
    migrations: tuple[str, ...]
    person: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    files: tuple[FileSpec, ...]
    missing: tuple[MissingFile, ...] = ()
    images: tuple[ImageSpec, ...] = ()  # none before format version 2
    missing_images: tuple[MissingImage, ...] = ()

    @property
    def stored(self) -> tuple[FileSpec | ImageSpec, ...]:
        """Every file the archive holds: the documents', then the images'."""
        return (*self.files, *self.images)


def invalid(detail: str) -> ArchiveRejected:
    return ArchiveRejected(
        tr(
            "its list of contents ({name}) is not valid: {detail}.",
            name=MANIFEST_NAME,
            detail=detail,
        )
    )


def manifest_reader(limits: Limits) -> BoundedJson:
    """Takes the manifest's bytes as they are unpacked, refusing past ``limits``."""
    return BoundedJson(
        JsonLimits(
            max_bytes=limits.max_manifest_bytes,
            max_depth=limits.max_manifest_depth,
            max_items=limits.max_manifest_items,
        )
    )


def refused_json(exc: JsonRefused, limits: Limits) -> ArchiveRejected:
    """Why the manifest's JSON was refused, as an archive refusal."""
    if exc.problem == "too_large":
        return too_large(limits)
    if exc.problem == "not_json":
        return ArchiveRejected(
            tr(
                "its list of contents ({name}) is damaged: {reason}.",
                name=MANIFEST_NAME,
                reason=exc.reason,
            )
        )
    return invalid(exc.reason)


def too_large(limits: Limits) -> ArchiveRejected:
    return ArchiveRejected(
        tr(
            "its list of contents ({name}) is larger than {size}, more than this program reads.",
            name=MANIFEST_NAME,
            size=human_size(limits.max_manifest_bytes),
        )
    )


def parse_manifest(raw: Any) -> Manifest:
    """The manifest whose parsed JSON is ``raw``, checked; :class:`ArchiveRejected` says
    what is wrong."""
    try:
        return _parse(raw)
    except Untrusted as exc:  # a value of the wrong kind (dossier.core.untrusted)
        raise invalid(exc.detail) from None


def _parse(raw: Any) -> Manifest:
    root = _object(raw, tr("the manifest"))
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
    missing = _missing(_list(root.get("missing_files", []), "missing_files"))
    images = _images(_list(root.get("images", []), "images"))
    missing_images = _missing_images(_list(root.get("missing_images", []), "missing_images"))
    _once(files, images)
    return Manifest(
        format_version=version,
        created_at=created_at,
        program_version=_string(program.get("version", ""), "program.version"),
        migrations=migrations,
        person=person,
        tables=tables,
        files=files,
        missing=missing,
        images=images,
        missing_images=missing_images,
    )


def _tables(raw: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, table in raw.items():
        where = f"tables.{name}"
        rows = _list(_field(_object(table, where), "rows", where), f"{where}.rows")
        tables[name] = [_object(row, tr("a row of {table}", table=where)) for row in rows]
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
    for number, item in enumerate(raw):
        where = f"files[{number}]"
        entry = _object(item, where)
        path, sha, size = _stored(entry, where)
        media_type = entry.get("media_type")
        if media_type is not None:
            media_type = _string(media_type, f"{where}.media_type")
        document_id = _int(_field(entry, "document_id", where), f"{where}.document_id")
        files.append(FileSpec(path, sha, size, media_type, document_id))
    return tuple(files)


def _stored(entry: dict[str, Any], where: str) -> tuple[str, str, int]:
    """The ``path``, ``sha256`` and ``size`` of a file listed as in the archive."""
    path = _string(_field(entry, "path", where), f"{where}.path")
    problem = name_problem(path, tr("the archive"))
    if problem is not None:
        raise ArchiveRejected(problem)
    sha = _sha256(entry, where)
    size = _int(_field(entry, "size", where), f"{where}.size")
    if size < 0:
        raise invalid(tr('"{where}.size" must not be negative', where=where))
    return path, sha, size


def _sha256(entry: dict[str, Any], where: str) -> str:
    sha = _string(_field(entry, "sha256", where), f"{where}.sha256")
    if not _SHA.match(sha):
        raise invalid(tr('"{where}.sha256" must be 64 hexadecimal digits', where=where))
    return sha


def _images(raw: list[Any]) -> tuple[ImageSpec, ...]:
    """The manifest's ``images``: the imaging studies' files, each named as only this
    format names them (``images/<sha256>.dcm``)."""
    images: list[ImageSpec] = []
    for number, item in enumerate(raw):
        where = f"images[{number}]"
        entry = _object(item, where)
        path, sha, size = _stored(entry, where)
        if path != image_entry_name(sha):
            raise ArchiveRejected(
                tr(
                    "it lists an image file under a name this program does not give image "
                    "files ({name}; an image with this content is {expected}).",
                    name=path,
                    expected=image_entry_name(sha),
                )
            )
        if entry.get("media_type") is not None:
            _string(entry["media_type"], f"{where}.media_type")
        image_id = _int(_field(entry, "image_id", where), f"{where}.image_id")
        images.append(ImageSpec(path, sha, size, image_id))
    return tuple(images)


def _once(files: tuple[FileSpec, ...], images: tuple[ImageSpec, ...]) -> None:
    """Each file is listed once, by name and by content, across ``files`` and ``images``."""
    paths: set[str] = set()
    hashes: set[str] = set()
    listed: tuple[FileSpec | ImageSpec, ...] = (*files, *images)
    for file in listed:
        if file.path.casefold() in paths or file.sha256 in hashes:
            raise invalid(tr("it lists the file {path} twice", path=file.path))
        paths.add(file.path.casefold())
        hashes.add(file.sha256)


def _missing_images(raw: list[Any]) -> tuple[MissingImage, ...]:
    """The manifest's ``missing_images``: images whose file could not be exported."""
    missing: list[MissingImage] = []
    for number, item in enumerate(raw):
        where = f"missing_images[{number}]"
        entry = _object(item, where)
        sha = _sha256(entry, where)
        missing.append(
            MissingImage(
                _int(_field(entry, "image_id", where), f"{where}.image_id"),
                _int(_field(entry, "study_id", where), f"{where}.study_id"),
                sha,
                _int(_field(entry, "size", where), f"{where}.size"),
                _reason(entry, where),
            )
        )
    return tuple(missing)


def _reason(entry: dict[str, Any], where: str) -> str:
    reason = _string(_field(entry, "reason", where), f"{where}.reason")
    if reason not in MISSING_REASONS:
        raise invalid(
            tr(
                '"{where}.reason" must be one of: {reasons}',
                where=where,
                reasons=", ".join(MISSING_REASONS),
            )
        )
    return reason


def _missing(raw: list[Any]) -> tuple[MissingFile, ...]:
    """The manifest's ``missing_files``: documents whose file could not be exported."""
    missing: list[MissingFile] = []
    for number, item in enumerate(raw):
        where = f"missing_files[{number}]"
        entry = _object(item, where)
        sha = _sha256(entry, where)
        reason = _reason(entry, where)
        title = _string(_field(entry, "title", where), f"{where}.title")
        missing.append(
            MissingFile(
                _int(_field(entry, "document_id", where), f"{where}.document_id"),
                title[:TEXT_MAX],
                sha,
                _int(_field(entry, "size", where), f"{where}.size"),
                reason,
            )
        )
    return tuple(missing)
