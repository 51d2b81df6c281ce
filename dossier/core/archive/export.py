"""Export a whole dossier to one archive file (``dossier export ARCHIVE``).

The records are read in one read transaction, so the archive is one consistent moment
of the dossier, and written with every file (verified against its SHA-256 on the way)
to a temporary file beside the target, which is fsynced and then renamed. A failure at
any point (a full disk, a damaged file) leaves no partial file and changes nothing in
the dossier, which is only read.
"""

from __future__ import annotations

import contextlib
import json
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ... import __version__
from ..i18n import tr
from ..schema import MIGRATIONS
from ..storage import Dossier
from ..vault_read import StoredFileRefused, stored_chunks
from .atomic_file import AtomicFile
from .errors import ArchiveCancelled, ArchiveError, disk_message
from .format import (
    DEFAULT_LIMITS,
    DERIVED_TABLES,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    README_NAME,
    Progress,
    file_entry_name,
)
from .tables import archived_tables, quote, to_json

FILE_MODE = 0o100644 << 16  # a regular file, readable by all: what unzip tools expect


@dataclass(frozen=True)
class ExportResult:
    path: Path
    records: int
    files: int
    size: int  # bytes of the archive file

    def as_dict(self) -> dict[str, Any]:
        return {
            "archive": str(self.path),
            "records": self.records,
            "files": self.files,
            "size": self.size,
        }


@dataclass(frozen=True)
class _File:
    document_id: int
    title: str
    sha256: str
    size: int
    media_type: str | None

    @property
    def entry(self) -> str:
        return file_entry_name(self.sha256, self.media_type)


def export_archive(
    dossier: Dossier,
    target: Path | str,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ExportResult:
    """Write the whole of ``dossier`` to the archive file ``target``."""
    target = Path(target).absolute()
    _check_target(dossier, target, overwrite=overwrite)
    manifest = read_manifest(dossier)
    files = _files(manifest)
    outcome = tr("The archive was not saved; your dossier was not changed.")
    try:
        with AtomicFile(target) as out:
            _write(dossier, out, manifest, files, progress, cancelled)
            out.publish()
    except OSError as exc:
        raise ArchiveError(disk_message(exc, outcome=outcome)) from exc
    records = sum(len(t["rows"]) for t in manifest["tables"].values())
    return ExportResult(target, records, len(files), target.stat().st_size)


def read_manifest(dossier: Dossier) -> dict[str, Any]:
    """The manifest of ``dossier``: every record of every archived table, read at one moment.

    Its ``files`` list is filled in from the document records; the sizes and hashes are
    checked against the vault while the archive is written.
    """
    conn = dossier.db.conn
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")  # one snapshot of the whole dossier
    try:
        migrations = [
            str(row[0])
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [MIGRATIONS.name],
            )
        ]
        tables: dict[str, Any] = {}
        for table in archived_tables(conn):
            cursor = conn.execute(f"SELECT * FROM {quote(table.name)} ORDER BY {table.order_by}")
            keys = [c[0] for c in cursor.description]
            rows = [{k: to_json(v) for k, v in zip(keys, row, strict=True)} for row in cursor]
            tables[table.name] = {**table.describe(), "rows": rows}
    finally:
        if own:
            conn.execute("ROLLBACK")  # only read
    person_rows = tables.get("person", {}).get("rows", [])
    manifest: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "description": "A Second Opinion Dossier archive: every record of the dossier and "
        "every document file. See resources/archive-format.md of the program.",
        "program": {"name": "Second Opinion Dossier", "version": __version__},
        "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "schema_migrations": migrations,
        "person": person_rows[0] if person_rows else None,
        "left_out": dict(DERIVED_TABLES),
        "tables": tables,
        "files": [],
    }
    manifest["files"] = [
        {
            "path": f.entry,
            "sha256": f.sha256,
            "size": f.size,
            "media_type": f.media_type,
            "document_id": f.document_id,
        }
        for f in _files(manifest)
    ]
    return manifest


def _files(manifest: dict[str, Any]) -> list[_File]:
    rows = manifest["tables"].get("document", {}).get("rows", [])
    return [
        _File(
            int(row["id"]),
            str(row.get("title") or ""),
            str(row["sha256"]),
            int(row["size"]),
            row.get("media_type"),
        )
        for row in rows
    ]


def _check_target(dossier: Dossier, target: Path, *, overwrite: bool) -> None:
    folder = dossier.path.resolve()
    resolved = target.resolve()
    if resolved == folder or folder in resolved.parents:
        raise ArchiveError(
            tr(
                "Save the archive outside the dossier's own folder ({path}), for instance "
                "on another drive.",
                path=folder,
            )
        )
    if not target.parent.is_dir():
        raise ArchiveError(
            tr("There is no folder {path} to save the archive in.", path=target.parent)
        )
    if target.is_dir():
        raise ArchiveError(tr("{path} is a folder; give a name for the archive file.", path=target))
    if target.exists() and not overwrite:
        raise ArchiveError(
            tr(
                "There is already a file at {path}. Choose another name, or allow replacing it.",
                path=target,
            )
        )


def _write(
    dossier: Dossier,
    out: AtomicFile,
    manifest: dict[str, Any],
    files: list[_File],
    progress: Progress | None,
    cancelled: Callable[[], bool],
) -> None:
    stamp = time.localtime()[:6]
    archive = zipfile.ZipFile(out.stream, "w", allowZip64=True)
    try:
        step = tr("Saving the documents")
        for done, file in enumerate(files):
            if cancelled():
                raise ArchiveCancelled()
            if progress is not None:
                progress(step, done, len(files))
            _add_file(dossier, archive, file, stamp)
        if progress is not None:
            progress(step, len(files), len(files))
        data = json.dumps(manifest, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")
        archive.writestr(_info(MANIFEST_NAME, stamp, _packing(data)), data)
        readme = readme_text(manifest).encode("utf-8")
        archive.writestr(_info(README_NAME, stamp, zipfile.ZIP_DEFLATED), readme)
        archive.close()
    except BaseException:
        with contextlib.suppress(Exception):
            archive.close()  # may fail as the writes did; the caller removes the file
        raise


def _info(name: str, stamp: tuple[int, ...], packing: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
    info.compress_type = packing
    info.external_attr = FILE_MODE
    return info


def _packing(data: bytes) -> int:
    """Deflate unless that packs so tightly that an import would take it for a zip bomb."""
    limits = DEFAULT_LIMITS
    if len(data) <= limits.ratio_floor:
        return zipfile.ZIP_DEFLATED
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = len(packer.compress(data)) + len(packer.flush())
    safe = len(data) <= packed * (limits.max_ratio // 2)
    return zipfile.ZIP_DEFLATED if safe else zipfile.ZIP_STORED


def _add_file(
    dossier: Dossier, archive: zipfile.ZipFile, file: _File, stamp: tuple[int, ...]
) -> None:
    """Copy one document file into the archive, stored as it is, checking its content.

    It is read through the vault's checked reader (a regular file of the vault, never a
    link, of the recorded size and SHA-256); a refusal ends the export, and the archive's
    temporary file, holding whatever was copied, is removed by the caller.
    """
    info = _info(file.entry, stamp, zipfile.ZIP_STORED)  # most documents are packed already
    info.file_size = file.size  # tells zipfile whether the entry needs ZIP64
    try:
        with archive.open(info, "w") as entry:
            for chunk in stored_chunks(dossier.vault, file.sha256, file.size):
                entry.write(chunk)
    except StoredFileRefused as exc:
        raise ArchiveError(_refusal(exc, file)) from None


def _refusal(exc: StoredFileRefused, file: _File) -> str:
    if exc.problem == "missing":
        return tr(
            "The file of the document \u201c{title}\u201d (number {id}) is missing from the "
            "dossier, so the archive would be incomplete. Nothing was saved; "
            "check the dossier first.",
            title=file.title,
            id=file.document_id,
        )
    if exc.problem == "replaced":
        return tr(
            "The file of the document \u201c{title}\u201d (number {id}) has been replaced by a "
            "link (or by something that is not an ordinary file), which is never followed. "
            "Nothing was saved; check the dossier first.",
            title=file.title,
            id=file.document_id,
        )
    return tr(
        "The file of the document \u201c{title}\u201d (number {id}) is damaged in the "
        "dossier: its content no longer matches what was stored. Nothing was saved; "
        "check the dossier first.",
        title=file.title,
        id=file.document_id,
    )


def readme_text(manifest: dict[str, Any]) -> str:
    """The plain-words note that travels inside the archive."""
    person = manifest.get("person") or {}
    return tr(
        "Second Opinion Dossier archive\n"
        "==============================\n\n"
        "This archive holds the whole dossier of {name}, saved on {when} by Second Opinion "
        "Dossier {version}.\n\n"
        "- files/ holds every document (PDF, pictures, text), named by the SHA-256 of its "
        "content.\n"
        "- manifest.json holds every record (cases, opinions, doctors, appointments, "
        "questions, costs, notes...) in JSON, with readable field names and dates written "
        'YYYY-MM-DD. Its "files" list says which document each file is, with its size '
        "and SHA-256.\n\n"
        "To use it again, choose Dossier > Open an archive file... in Second Opinion Dossier, "
        "or run: dossier import-archive ARCHIVE NEW_FOLDER\n"
        "The format is described in archive-format.md, which comes with the program.\n",
        name=person.get("name") or "?",
        when=str(manifest.get("created_at", ""))[:10],
        version=manifest.get("program", {}).get("version", "?"),
    )
