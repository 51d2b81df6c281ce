"""Export a whole dossier to one archive file (``dossier export ARCHIVE``).

The records are read in one read transaction, so the archive is one consistent moment
of the dossier, and written with every file (the documents' and the imaging studies'
kept images, each verified against its SHA-256 on the way) to a temporary file beside
the target, which is fsynced and then renamed. A failure at any point (a full disk)
leaves no partial file and changes nothing in the dossier, which is only read. An
archive its own rebuild would refuse as too large is not made (:mod:`.capacity`).

A stored file that cannot be read (missing, replaced by a link, damaged) stops the
export with :class:`.unreadable.UnreadableFiles` naming every such file, found in the
same pass. With ``skip_unreadable`` the archive is saved without them instead: their
records stay in it, and the manifest (``missing_files``, ``missing_images``) and README
name them. A file found damaged only after it was copied into the archive cannot be
taken out again, so the archive is then written once more without it.
"""

from __future__ import annotations

import contextlib
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from ... import __version__
from ..crypto.kdf import KdfParams, tuned_params
from ..i18n import tr
from ..schema import MIGRATIONS
from ..storage import Dossier
from .atomic_file import AtomicFile
from .capacity import check_fits, manifest_bytes
from .errors import ArchiveCancelled, ArchiveError, disk_message
from .format import (
    DEFAULT_LIMITS,
    DERIVED_TABLES,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    README_NAME,
    Progress,
)
from .listing import archived_files, entry_name, manifest_entry
from .readme import readme_text
from .sealed import SealingStream
from .tables import archived_tables, quote, to_json
from .unreadable import Unreadable, UnreadableFiles, UnreadableImage, copy_verified

FILE_MODE = 0o100644 << 16  # a regular file, readable by all: what unzip tools expect


@dataclass(frozen=True)
class ExportResult:
    path: Path
    records: int
    files: int  # in the archive: the documents' and the images'
    size: int  # bytes of the archive file
    left_out: tuple[Unreadable, ...] = ()  # documents and images saved without their file
    images: int = 0  # of ``files``, the imaging studies' images

    def as_dict(self) -> dict[str, Any]:
        return {
            "archive": str(self.path),
            "records": self.records,
            "files": self.files,
            "images": self.images,
            "size": self.size,
            "left_out": [file.as_dict() for file in self.left_out],
        }


def export_archive(
    dossier: Dossier,
    target: Path | str,
    *,
    overwrite: bool = False,
    skip_unreadable: bool = False,
    leave_out: Iterable[Unreadable] = (),
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    passphrase: str | None = None,
    params: KdfParams | None = None,
) -> ExportResult:
    """Write the whole of ``dossier`` to the archive file ``target``; with ``passphrase``,
    protected by it (:mod:`.sealed`; ``params``: Argon2id's, by default tuned here).

    ``skip_unreadable``: save it without the stored files that cannot be read (else
    :class:`UnreadableFiles` names them and nothing is saved). ``leave_out``: files
    already known to be unreadable (from that error), not read again.
    """
    target = Path(target).absolute()
    _check_target(dossier, target, overwrite=overwrite)
    manifest = read_manifest(dossier)
    files = archived_files(manifest["tables"])
    check_fits(manifest_bytes(manifest), files)  # before a file is written
    job = _Job(dossier, manifest, files, {f.sha256: f for f in leave_out})
    job.skip, job.progress, job.cancelled = skip_unreadable, progress, cancelled
    if passphrase is not None:
        job.sealing = (passphrase, params or tuned_params())
    while True:
        try:
            return _export(job, target)
        except UnreadableFiles as exc:
            found = {f.sha256: f for f in exc.files if f.sha256 not in job.left_out}
            if not skip_unreadable or not found:
                raise
            job.left_out.update(found)  # copied before they were found damaged: write again


@dataclass
class _Job:
    """One export: what it writes, the files it leaves out, and how it reports."""

    dossier: Dossier
    manifest: dict[str, Any]
    files: list[Unreadable]
    left_out: dict[str, Unreadable]  # by SHA-256
    skip: bool = False
    progress: Progress | None = None
    cancelled: Callable[[], bool] = lambda: False
    sealing: tuple[str, KdfParams] | None = None  # the archive's passphrase and parameters

    def tell(self, step: str, done: int) -> None:
        if self.cancelled():
            raise ArchiveCancelled()
        if self.progress is not None:
            self.progress(step, done, len(self.files))


def _export(job: _Job, target: Path) -> ExportResult:
    outcome = tr("The archive was not saved; your dossier was not changed.")
    try:
        with AtomicFile(target, about=job.dossier.path) as out:
            missing = _write(job, out)
            out.commit()
    except OSError as exc:
        raise ArchiveError(disk_message(exc, outcome=outcome)) from exc
    records = sum(len(t["rows"]) for t in job.manifest["tables"].values())
    files = len(job.files) - len(missing)
    images = sum(isinstance(f, UnreadableImage) for f in job.files) - sum(
        isinstance(f, UnreadableImage) for f in missing
    )
    return ExportResult(target, records, files, target.stat().st_size, tuple(missing), images)


def read_manifest(dossier: Dossier) -> dict[str, Any]:
    """The manifest of ``dossier``: every record of every archived table, read at one moment.

    Its ``files`` and ``images`` lists are filled in from the document and image records;
    the sizes and hashes are checked against the vault while the archive is written.
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
        "description": "A Second Opinion Dossier archive: every record of the dossier, "
        "every document file and every kept image of its imaging studies. See "
        "resources/archive-format.md of the program.",
        "program": {"name": "Second Opinion Dossier", "version": __version__},
        "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "schema_migrations": migrations,
        "person": person_rows[0] if person_rows else None,
        "left_out": dict(DERIVED_TABLES),
        "tables": tables,
    }
    _list_files(manifest, archived_files(tables), [])
    return manifest


def _list_files(
    manifest: dict[str, Any], files: list[Unreadable], missing: list[Unreadable]
) -> list[Unreadable]:
    """The manifest's lists of files in the archive (``files``: the documents', ``images``:
    the imaging studies') and of those left out because they could not be read; the files
    in the archive."""
    gone = {f.sha256 for f in missing}
    kept = [f for f in files if f.sha256 not in gone]
    manifest["files"] = [manifest_entry(f) for f in kept if not isinstance(f, UnreadableImage)]
    manifest["images"] = [manifest_entry(f) for f in kept if isinstance(f, UnreadableImage)]
    manifest["missing_files"] = [f.as_dict() for f in missing if not isinstance(f, UnreadableImage)]
    manifest["missing_images"] = [f.as_dict() for f in missing if isinstance(f, UnreadableImage)]
    return kept


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


def _write(job: _Job, out: AtomicFile) -> list[Unreadable]:
    """Write the archive; the files left out. :class:`UnreadableFiles` when files cannot
    be read and ``skip`` is off, or when one was found damaged after it was copied: after
    the first such file the others are only checked, so all are named at once."""
    stamp = time.localtime()[:6]
    sealed = SealingStream(out.stream, *job.sealing) if job.sealing is not None else None
    archive = zipfile.ZipFile(sealed or out.stream, "w", allowZip64=True)
    try:
        missing = [
            replace(f, reason=job.left_out[f.sha256].reason)
            for f in job.files
            if f.sha256 in job.left_out
        ]
        found: list[Unreadable] = []
        writing = True
        step = tr("Saving the documents")
        for done, file in enumerate(job.files):
            if isinstance(file, UnreadableImage):
                step = tr("Saving the images of the imaging studies")
            job.tell(step, done)
            if file.sha256 in job.left_out:
                continue
            reason, copied = _add_file(job.dossier, archive if writing else None, file, stamp)
            if reason is not None:
                found.append(replace(file, reason=reason))
                writing = writing and job.skip and not copied
        if found and not writing:
            raise UnreadableFiles(tuple(missing + found))
        missing += found
        job.tell(step, len(job.files))
        _write_lists(job, archive, missing, stamp)
        archive.close()
        if sealed is not None:
            sealed.finish()
        return missing
    except BaseException:
        with contextlib.suppress(Exception):
            archive.close()  # may fail as the writes did; the caller removes the file
        raise


def _write_lists(
    job: _Job, archive: zipfile.ZipFile, missing: list[Unreadable], stamp: tuple[int, ...]
) -> None:
    """``manifest.json`` (with the files in the archive and those left out) and README.txt."""
    manifest = job.manifest
    kept = _list_files(manifest, job.files, missing)
    data = manifest_bytes(manifest)
    check_fits(data, kept)  # as written: the missing files' entries are a little longer
    archive.writestr(_info(MANIFEST_NAME, stamp, _packing(data)), data)
    readme = readme_text(manifest).encode("utf-8")
    archive.writestr(_info(README_NAME, stamp, zipfile.ZIP_DEFLATED), readme)


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
    dossier: Dossier,
    archive: zipfile.ZipFile | None,
    file: Unreadable,
    stamp: tuple[int, ...],
) -> tuple[str | None, bool]:
    """Copy one stored file into ``archive``, stored as it is, through the vault's checked
    reader (a regular file of the vault, never a link, of the recorded size and SHA-256;
    with no archive, only check it). Why it cannot be read (None: it was copied), and whether
    anything of it went into the archive."""
    if archive is None:
        return copy_verified(dossier.vault, file.sha256, file.size, None), False
    info = _info(entry_name(file), stamp, zipfile.ZIP_STORED)
    info.file_size = file.size  # tells zipfile whether the entry needs ZIP64
    entry: IO[bytes] | None = None
    try:

        def sink(chunk: bytes) -> None:
            nonlocal entry
            if entry is None:  # the entry is made only once the file could be opened
                entry = archive.open(info, "w")
            entry.write(chunk)

        reason = copy_verified(dossier.vault, file.sha256, file.size, sink)
        if reason is None and entry is None:  # an empty file
            sink(b"")
    finally:
        if entry is not None:
            entry.close()
    return reason, entry is not None
