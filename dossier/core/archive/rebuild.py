"""Rebuild a dossier from an archive (``dossier import-archive ARCHIVE NEW_FOLDER``).

All or nothing. Before anything is written, the archive's entries and its manifest are
checked (see :mod:`.entries`, :mod:`.manifest`, :mod:`.precheck` and :mod:`.image_files`).
Then, inside a staging folder beside the target: a fresh dossier is made with this
program's own schema, every file (the documents' and the imaging studies' images) is
unpacked into its vault and checked against its SHA-256 and size and by its content (a
document's of a kind the program keeps, an image's a DICOM file), each document is read
again in the sandboxed reader processes of the import (page texts and thumbnails; the
images hold no text and are not read), the
records are inserted with their own numbers (so links hold) in one transaction, and the
search index is built. Only then is the staging folder renamed to the target. Any
failure removes the staging folder, and nothing outside it was written.

A database found inside an archive is never opened: an archive holds records as JSON,
and any entry its manifest does not list is refused.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..crypto.stream import DamagedFile
from ..entities import ENTITIES
from ..errors import ValidationError
from ..hashing import new_sha256
from ..i18n import tr
from ..imaging.header import MAGIC, PREAMBLE, is_dicom
from ..importer import sniff
from ..importer.handlers import Parsed
from ..importer.pool import SandboxPool, Task
from ..opening import create_dossier
from ..sql_driver import sqlite3
from ..storage import Dossier
from .entries import check_entries, damaged, open_archive, read_entry
from .errors import ArchiveCancelled, ArchiveError, ArchiveRejected, disk_message
from .format import DEFAULT_LIMITS, Limits, Progress
from .image_files import LostImages, match_images
from .manifest import FileSpec, ImageSpec, Manifest, invalid
from .precheck import check_space, match_files, not_as_listed, read_manifest
from .readback import check_readable
from .reindex import rebuild_search_index, restore_readings, store_pages
from .staging import Staging, check_target
from .tables import Table, archived_tables, from_json, quote
from .values import check_records, record_name


@dataclass(frozen=True)
class RebuildResult:
    path: Path
    person: str
    records: int
    documents: int
    unreadable: tuple[tuple[int, str], ...]  # documents whose text could not be read again
    missing: tuple[tuple[int, str], ...] = ()  # (id, title): saved in the archive without file
    studies: int = 0  # imaging studies
    images: int = 0  # image files of imaging studies unpacked into the vault
    # (study id, title, images): images that came without their file, now "not kept"
    missing_images: tuple[tuple[int, str, int], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "person": self.person,
            "records": self.records,
            "documents": self.documents,
            "studies": self.studies,
            "images": self.images,
            "unreadable": [{"document_id": i, "reason": r} for i, r in self.unreadable],
            "missing_files": [{"document_id": i, "title": t} for i, t in self.missing],
            "missing_images": [
                {"study_id": i, "title": t, "images": n} for i, t, n in self.missing_images
            ],
        }


def import_archive(
    archive: Path | str,
    target: Path | str,
    *,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    workers: int | None = None,
    passphrase: str | None = None,
) -> RebuildResult:
    """Rebuild the dossier archived in ``archive`` as the new dossier folder ``target``
    (``passphrase``: the archive's own, when it is protected with one)."""
    archive, target = Path(archive).absolute(), Path(target).absolute()
    check_target(target)
    if not archive.is_file():
        raise ArchiveError(tr("There is no archive file at {path}.", path=archive))
    _report(progress, tr("Checking the archive"), 0, 1)
    try:
        with open_archive(archive, limits, passphrase) as opened:
            entries = check_entries(opened, limits)
            manifest = read_manifest(opened, entries, limits)
            check_records(manifest)
            match_files(manifest, entries, limits)
            lost = match_images(manifest)
            check_space(target, manifest)
            if cancelled():
                raise ArchiveCancelled()
            staging = Staging(target)
            try:
                rebuilt = _Rebuild(opened, entries, manifest, staging.folder, limits, lost)
                result = rebuilt.run(progress, cancelled, workers)
                staging.publish()
            except BaseException:
                staging.remove()
                raise
    except OSError as exc:
        outcome = tr("The dossier was not rebuilt; nothing was changed.")
        raise ArchiveError(disk_message(exc, outcome=outcome)) from exc
    except DamagedFile:  # a part of a protected archive failed its check
        raise damaged() from None
    missing = tuple((m.document_id, m.title) for m in manifest.missing)
    return RebuildResult(
        target,
        result.person,
        result.records,
        result.documents,
        result.unreadable,
        missing,
        studies=len(manifest.tables.get("imaging_study", [])),
        images=len(manifest.images),
        missing_images=lost.studies,
    )


def _report(progress: Progress | None, step: str, done: int, total: int) -> None:
    if progress is not None:
        progress(step, done, total)


def _check_dicom(path: Path, name: str) -> None:
    """Refuse an image file that is not a DICOM file (128 bytes, then "DICM"), by content."""
    with path.open("rb") as handle:
        head = handle.read(PREAMBLE + len(MAGIC))
    if not is_dicom(head):
        raise ArchiveRejected(
            tr(
                "the file {name} in it is listed as an image of an imaging study, but it is "
                "not a DICOM file.",
                name=name,
            )
        )


def _kind(table: str) -> str:
    """The plain name of the records of ``table`` ("deadline or task"), else the table's."""
    return next((tr(e.label) for e in ENTITIES.values() if e.table == table), table)


@dataclass(frozen=True)
class _Hashing:
    """Writes chunks to ``out`` and adds them to ``digest``."""

    digest: Any
    out: BinaryIO

    def write(self, chunk: bytes) -> None:
        self.digest.update(chunk)
        self.out.write(chunk)


@dataclass(frozen=True)
class _Outcome:
    person: str
    records: int
    documents: int
    unreadable: tuple[tuple[int, str], ...]


class _Rebuild:
    def __init__(
        self,
        archive: zipfile.ZipFile,
        entries: dict[str, zipfile.ZipInfo],
        manifest: Manifest,
        folder: Path,
        limits: Limits,
        lost: LostImages,
    ) -> None:
        self.archive = archive
        self.entries = entries
        self.manifest = manifest
        self.folder = folder
        self.limits = limits
        self.lost = lost  # images rebuilt without their file (no SHA-256)
        self.image_hashes = {  # the files images use: each must be a DICOM file
            row["sha256"]
            for row in manifest.tables.get("imaging_file", [])
            if row.get("sha256") and row.get("id") not in lost.image_ids
        }

    def run(
        self, progress: Progress | None, cancelled: Callable[[], bool], workers: int | None
    ) -> _Outcome:
        person = self.manifest.person
        try:
            dossier = create_dossier(self.folder, name=person["name"], born=person.get("born"))
        except ValidationError as exc:
            raise ArchiveRejected(
                tr("the person's details in it cannot be used: {problem}", problem=exc.message)
            ) from None
        try:
            inserts = self._prepared_rows(archived_tables(dossier.db.conn))
            self._unpack(dossier, progress, cancelled)
            pages, thumbs, unreadable = self._read_again(dossier, progress, cancelled, workers)
            if cancelled():
                raise ArchiveCancelled()
            _report(progress, tr("Saving the records"), 0, 1)
            self._store(dossier, inserts, pages, thumbs)
            dossier.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            _report(progress, tr("Saving the records"), 1, 1)
        finally:
            dossier.close()
        records = sum(len(rows) for rows in self.manifest.tables.values())
        documents = len(self.manifest.files) + len(self.manifest.missing)
        return _Outcome(str(person["name"]), records, documents, unreadable)

    def _prepared_rows(self, tables: list[Table]) -> list[tuple[str, str, str, list[Any]]]:
        """(table, SQL, the record in words, values) of every record, already checked
        (:func:`.values.check_records`), as the schema stores them; an image whose file is
        not in the archive without its SHA-256 (not kept)."""
        known = {table.name: table for table in tables}
        prepared: list[tuple[str, str, str, list[Any]]] = []
        for name, rows in self.manifest.tables.items():
            columns = {c.name: c for c in known[name].columns}
            lost_studies = {study for study, _title, _count in self.lost.studies}
            for row in rows:
                if name == "imaging_file" and row.get("id") in self.lost.image_ids:
                    row = {**row, "sha256": None}
                if name == "imaging_study" and row.get("id") in lost_studies:
                    row = {**row, "kept": 0}  # some of its images came without their files
                record = record_name(name, row)
                try:
                    values = [from_json(columns[key], value) for key, value in row.items()]
                except (KeyError, ValueError) as exc:
                    raise invalid(
                        tr("its {record}: {problem}", record=record, problem=exc)
                    ) from None
                marks = ", ".join("?" * len(row))
                names = ", ".join(quote(k) for k in row)
                sql = f"INSERT INTO {quote(name)} ({names}) VALUES ({marks})"
                prepared.append((name, sql, record, values))
        return prepared

    def _unpack(
        self, dossier: Dossier, progress: Progress | None, cancelled: Callable[[], bool]
    ) -> None:
        """Each file into the vault, refused unless its size and SHA-256 are as listed (and
        an image unless it is a DICOM file)."""
        step = tr("Unpacking the documents")
        vault = dossier.vault
        incoming = vault.root / "tmp"
        files = self.manifest.stored
        for done, file in enumerate(files):
            if cancelled():
                raise ArchiveCancelled()
            if isinstance(file, ImageSpec):
                step = tr("Unpacking the images of the imaging studies")
            _report(progress, step, done, len(files))
            fd, name = tempfile.mkstemp(dir=incoming, prefix="archive-")
            temporary = Path(name)
            try:
                digest = new_sha256()
                with os.fdopen(fd, "wb") as out:
                    size = read_entry(
                        self.archive,
                        self.entries[file.path],
                        _Hashing(digest, out).write,
                        most=file.size,
                        limits=self.limits,
                    )
                if size != file.size or digest.hexdigest() != file.sha256:
                    raise not_as_listed(file.path)
                if file.sha256 in self.image_hashes:  # in images/, or a document's too
                    _check_dicom(temporary, file.path)
                vault.add_file(temporary, file.sha256, sync_folder=False)
            finally:
                temporary.unlink(missing_ok=True)
        _report(progress, step, len(files), len(files))
        vault.sync_folders({vault.path_for(f.sha256).parent for f in files})

    def _read_again(
        self,
        dossier: Dossier,
        progress: Progress | None,
        cancelled: Callable[[], bool],
        workers: int | None,
    ) -> tuple[dict[int, list[str]], dict[int, bool], tuple[tuple[int, str], ...]]:
        """Page texts and thumbnails, read in the import's sandboxed reader processes."""
        tasks: list[Task] = []
        for file in self.manifest.files:
            path = dossier.vault.path_for(file.sha256)
            media_type = sniff.sniff_file(path)
            if media_type is None:
                raise ArchiveRejected(
                    tr(
                        "the file {name} in it is not a kind of document this program keeps.",
                        name=file.path,
                    )
                )
            tasks.append((file, path, media_type))
        pages: dict[int, list[str]] = {}
        thumbs: dict[int, bool] = {m.document_id: False for m in self.manifest.missing}
        unreadable: list[tuple[int, str]] = []
        if not tasks:
            return pages, thumbs, ()
        step = tr("Reading the documents again")
        _report(progress, step, 0, len(tasks))
        size = workers or min(os.cpu_count() or 1, len(tasks))
        with SandboxPool(workers=size) as pool:
            for done, ((file, _path, _media), outcome) in enumerate(
                pool.run(tasks, cancelled=cancelled), 1
            ):
                spec: FileSpec = file
                if isinstance(outcome, Parsed):
                    pages[spec.document_id] = outcome.pages
                    if outcome.thumbnail:
                        dossier.vault.add_thumbnail(spec.sha256, outcome.thumbnail)
                    thumbs[spec.document_id] = outcome.thumbnail is not None
                else:
                    unreadable.append((spec.document_id, str(outcome)))
                    thumbs[spec.document_id] = False
                _report(progress, step, done, len(tasks))
        if cancelled():
            raise ArchiveCancelled()
        return pages, thumbs, tuple(sorted(unreadable))

    def _store(
        self,
        dossier: Dossier,
        inserts: list[tuple[str, str, str, list[Any]]],
        pages: dict[int, list[str]],
        thumbs: dict[int, bool],
    ) -> None:
        """Every record, page text and search entry, in one transaction."""
        db = dossier.db
        conn = db.conn
        try:
            with db.atomic():
                conn.execute("PRAGMA defer_foreign_keys = ON")  # records come in any order
                for table in reversed(archived_tables(conn)):
                    conn.execute(f"DELETE FROM {quote(table.name)}")  # the new dossier's person
                for _table, sql, record, values in inserts:
                    try:
                        conn.execute(sql, values)
                    except (sqlite3.Error, UnicodeEncodeError, OverflowError) as exc:
                        raise ArchiveRejected(
                            tr(
                                "its {record} cannot be stored ({problem}).",
                                record=record,
                                problem=exc,
                            )
                        ) from None
                conn.executemany(
                    "UPDATE document SET has_thumbnail = ? WHERE id = ?",
                    [(int(has), document_id) for document_id, has in thumbs.items()],
                )
                store_pages(dossier, pages)
                restore_readings(dossier, pages)
                check_readable(dossier)
                rebuild_search_index(dossier)
                broken = conn.execute("PRAGMA foreign_key_check").fetchone()
                if broken is not None:
                    raise ArchiveRejected(
                        tr(
                            "its {kind} record {id} points to a {other} that is not in the "
                            "archive.",
                            id=broken[1],
                            kind=_kind(str(broken[0])),
                            other=_kind(str(broken[2])),
                        )
                    )
        except sqlite3.IntegrityError as exc:  # a check the schema makes at the end
            raise ArchiveRejected(
                tr("its records do not fit together ({problem}).", problem=exc)
            ) from None
