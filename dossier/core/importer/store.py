"""Putting parsed files into the dossier: the vault first, then their rows, in batches.

Each file is copied into the vault under a temporary name and renamed to its final
name; nothing refers to it yet. Durability is per batch, not per file: before a batch's
rows are committed, each of its files is fsynced once and each folder it was renamed into
once (:meth:`~dossier.core.vault.Vault.sync_files`), so a row is never durable before its
file. The copying and fsyncing happen on a thread of their own (the disk works while the
import reads the next files and commits the batch before), the rows on the import's own. The rows are then committed for several files at once (one fsync of the log instead
of one per file), each file in a savepoint of its own, so one bad file never takes the
others with it. A file whose rows cannot be committed is taken out of the vault again.

A full disk is different: it ends the whole import (:class:`DiskFull`), and
:meth:`StoreBatch.undo` then takes out what the import had committed so far.
"""

from __future__ import annotations

import contextlib
import errno
import json
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import searchindex
from ..clock import now_iso
from ..document_language import guess_from_pages
from ..entities import ENTITIES
from ..errors import DossierError
from ..i18n import tr
from ..ocr.queue import pages_to_read, queue_pages
from ..safe_files import UnsafePath
from ..sql_driver import error_code, sqlite3
from ..storage import Dossier
from ..vault import Vault
from .handlers import Parsed
from .kinds import guess_kind, plain_name
from .result import ImportResult
from .titles import document_title

BATCH_SIZE = 16


class DiskFull(Exception):
    """The disk (or the database) is full: the import cannot go on."""


def is_disk_full(exc: BaseException) -> bool:
    """True for the operating system's or SQLite's "no space left"."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    if isinstance(exc, sqlite3.Error):
        return error_code(exc) == sqlite3.SQLITE_FULL
    return False


@dataclass
class _Pending:
    index: int
    path: Path
    sha: str
    parsed: Parsed
    had_file: bool  # the file was in the vault before (then never taken out); set on copying


@dataclass
class _Copied:
    """What became of a batch's files on the copying thread."""

    stored: list[_Pending] = field(default_factory=list)  # in the vault, synced
    refused: list[tuple[_Pending, Exception]] = field(default_factory=list)
    error: OSError | None = None  # stopped the batch (a full disk, a failed fsync)


def _copy_batch(vault: Vault, items: list[_Pending]) -> _Copied:
    """Copy ``items`` into the vault (checked against their hashes), then make them durable:
    one fsync of each file and of each folder. Runs on the copying thread: no database."""
    done = _Copied()
    for item in items:
        item.had_file = vault.has(item.sha)
        try:
            vault.add_file(item.path, item.sha, durable=False)
            if item.parsed.thumbnail:
                vault.add_thumbnail(item.sha, item.parsed.thumbnail)
        except (DossierError, OSError) as exc:
            done.refused.append((item, exc))
            if isinstance(exc, OSError) and is_disk_full(exc):
                done.error = exc
                return done
            continue
        done.stored.append(item)
    try:
        vault.sync_files({item.sha for item in done.stored})  # the files, then the rows
    except OSError as exc:
        done.error = exc
    return done


class StoreBatch:
    """The files of an import on their way into the vault and the dossier, a batch at a time.

    A batch's files are copied into the vault and made durable (one fsync of each file and
    of each folder) on a thread of their own, while the import reads the next files; only
    when that is done are the batch's rows committed, on the calling thread. At most one
    batch is being copied while the next one gathers.
    """

    def __init__(
        self,
        dossier: Dossier,
        *,
        case_id: int | None,
        kind: str | None,
        language: str | None = None,
    ) -> None:
        self.dossier = dossier
        self.case_id = case_id
        self.kind = kind
        self.language = language  # the language the person said; else guessed from the text
        self.pending: list[_Pending] = []  # parsed, waiting to be copied
        self.committed: list[tuple[int, _Pending]] = []  # (document id, file) of this import
        self._copying: tuple[list[_Pending], Future[_Copied]] | None = None
        self._executor: ThreadPoolExecutor | None = None

    def add(self, index: int, path: Path, sha: str, parsed: Parsed) -> ImportResult | None:
        """The file (and its thumbnail) goes into the vault with its batch, its rows after
        that (:meth:`rotate`, :meth:`step`, :meth:`commit`, which say what became of it).
        Returns None (a file that cannot be stored is refused by those)."""
        self.pending.append(_Pending(index, path, sha, parsed, had_file=True))
        return None

    def full(self) -> bool:
        return len(self.pending) >= BATCH_SIZE

    def step(self) -> list[tuple[int, ImportResult]]:
        """Without waiting: commit the rows of the batch being copied if its copy is done,
        else, when no batch is being copied, start copying the files waiting."""
        if self._copying is not None:
            return self._finish() if self._copying[1].done() else []
        if self.pending:
            self.start()
        return []

    def rotate(self) -> list[tuple[int, ImportResult]]:
        """Wait for the batch being copied, if any, and commit its rows; then call
        :meth:`start` (unless the import was stopped meanwhile)."""
        return self._finish() if self._copying is not None else []

    def start(self) -> None:
        """Start copying the files waiting (the batch being copied, if any, is finished
        first)."""
        if self._copying is not None:
            raise RuntimeError("a batch is being copied")
        items, self.pending = self.pending, []
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="import-copy")
        self._copying = (items, self._executor.submit(_copy_batch, self.dossier.vault, items))

    def forget_waiting(self) -> None:
        """The import was stopped: the files not being copied yet are not added."""
        self.pending = []

    def commit(self) -> list[tuple[int, ImportResult]]:
        """Copy and commit every file added so far, waiting for it; one result each."""
        rows = self.rotate()
        if self.pending:
            self.start()
            rows += self._finish()
        return rows

    def close(self) -> None:
        """Stop the copying thread (after :meth:`commit` or :meth:`abandon`)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    def _finish(self) -> list[tuple[int, ImportResult]]:
        """Wait for the batch being copied, then commit the rows of its files."""
        assert self._copying is not None
        items, future = self._copying
        self._copying = None
        try:
            copied = future.result()
        except BaseException:
            for item in items:  # none of them was committed
                self._drop(item.sha, item.had_file)
            raise
        rows: list[tuple[int, ImportResult]] = []
        for item, exc in copied.refused:
            self._drop(item.sha, item.had_file)
            rows.append(_refused(item, _message(exc)))
        if copied.error is not None:  # the disk filled up, or the batch could not be synced
            for item in copied.stored:
                self._drop(item.sha, item.had_file)
            if is_disk_full(copied.error):
                raise DiskFull from copied.error
            return rows + [_refused(item, _message(copied.error)) for item in copied.stored]
        try:
            committed, not_stored = self._commit_rows(copied.stored)
        except BaseException:
            for item in copied.stored:  # none of them was committed
                self._drop(item.sha, item.had_file)
            raise
        for item in not_stored:
            self._drop(item.sha, item.had_file)
        return rows + committed

    def _commit_rows(
        self, copied: list[_Pending]
    ) -> tuple[list[tuple[int, ImportResult]], list[_Pending]]:
        """Rows for every copied (and synced) file in one transaction, a savepoint each;
        and what failed."""
        if not copied:
            return [], []
        rows: list[tuple[int, ImportResult]] = []
        failed: list[_Pending] = []
        stored: list[tuple[int, _Pending]] = []
        try:
            with self.dossier.db.atomic():
                for item in copied:
                    try:
                        document_id = _insert(
                            self.dossier, item, self.case_id, self.kind, self.language
                        )
                    except (DossierError, sqlite3.IntegrityError) as exc:
                        failed.append(item)
                        rows.append(_refused(item, _message(exc)))
                    else:
                        imported = ImportResult(str(item.path), "imported", None, document_id)
                        rows.append((item.index, imported))
                        stored.append((document_id, item))
        except (sqlite3.Error, OSError) as exc:  # the whole commit failed
            if is_disk_full(exc):
                raise DiskFull from exc
            return [_refused(item, _message(exc)) for item in copied], copied
        self.committed += stored
        return rows, failed

    def abandon(self) -> None:
        """Take out of the vault the files whose rows will never be committed (waiting for
        the batch being copied first: nothing is written into the vault after this)."""
        self.pending = []  # not copied yet
        if self._copying is not None:
            items, future = self._copying
            self._copying = None
            with contextlib.suppress(BaseException):
                future.result()
            for item in items:
                self._drop(item.sha, item.had_file)
        self.close()

    def undo(self, case_links: Sequence[tuple[int, int]] = ()) -> bool:
        """Take out every document this import committed (rows, then the files it added),
        and the ``(document, case)`` links it made; False when the database refused (its
        documents are then kept whole, with their files).

        Taking a document out of the search index writes more than it frees (the index
        records deletions), so on a database that cannot grow the index is instead built
        again without them: dropping it frees more than building it again takes.
        """
        return self.take_out(case_links, rebuild_index=False) or self.take_out(
            case_links, rebuild_index=True
        )

    def take_out(self, case_links: Sequence[tuple[int, int]], *, rebuild_index: bool) -> bool:
        """:meth:`undo` one way: the documents' index entries removed, or the index rebuilt."""
        committed = self.committed
        if not self._delete_rows(case_links, rebuild_index):
            return False
        self.committed = []
        for _document_id, item in committed:
            self._drop(item.sha, item.had_file)
        return True

    def _delete_rows(self, case_links: Sequence[tuple[int, int]], rebuild: bool) -> bool:
        db = self.dossier.db
        try:
            with db.atomic():
                for document_id, _item in self.committed:
                    db.execute(
                        "DELETE FROM trash WHERE entity = 'document' AND record_id = ?",
                        [document_id],
                    )
                    db.execute("DELETE FROM document WHERE id = ?", [document_id])
                for document_id, case_id in case_links:
                    db.execute(
                        "DELETE FROM document_case WHERE document_id = ? AND case_id = ?",
                        [document_id, case_id],
                    )
                if rebuild:
                    from ..integrity.search_index import rebuild_search_index

                    rebuild_search_index(self.dossier)
                else:
                    for document_id, _item in self.committed:
                        searchindex.remove(db, "document", document_id)
        except sqlite3.Error:
            return False
        return True

    def _drop(self, sha: str, had_file: bool) -> None:
        if had_file:
            return
        exists = self.dossier.db.execute(
            "SELECT 1 FROM document WHERE sha256 = ?", [sha]
        ).fetchone()
        if exists is None:
            self.dossier.vault.remove(sha)


def _refused(item: _Pending, message: str) -> tuple[int, ImportResult]:
    return item.index, ImportResult(str(item.path), "rejected", message)


def _message(exc: Exception) -> str:
    if isinstance(exc, DossierError):
        return exc.message
    if isinstance(exc, UnsafePath):  # a link in the vault, where the file was to go
        return tr("The file could not be stored: {problem}", problem=exc.strerror)
    if isinstance(exc, OSError):
        return os_message(exc)
    return tr("The file could not be recorded in the dossier; nothing was changed.")


def _insert(
    dossier: Dossier,
    item: _Pending,
    case_id: int | None,
    kind: str | None,
    language: str | None = None,
) -> int:
    """The document's rows, pages and search index, in a savepoint of their own. Its
    language is ``language`` when given, else guessed from the text read (or left unknown)."""
    parsed, path = item.parsed, item.path
    first_page = parsed.pages[0] if parsed.pages else ""
    title = document_title(parsed.title, path)
    stamp = now_iso()
    row = {
        "title": title,
        "kind": kind or guess_kind(path.name, parsed.media_type, first_page),
        "document_date": parsed.document_date,
        "sha256": item.sha,
        "size": dossier.vault.size_of(item.sha),
        "media_type": parsed.media_type,
        "page_count": parsed.page_count,
        "encrypted": int(parsed.encrypted),
        "metadata": json.dumps(parsed.metadata, ensure_ascii=False) if parsed.metadata else None,
        "exif_date": parsed.exif_date,
        "orientation": parsed.orientation,
        "has_thumbnail": int(parsed.thumbnail is not None),
        "original_name": plain_name(path.name),  # valid UTF-8, no control characters
        "language": language or guess_from_pages(parsed.pages),
        "created_at": stamp,
        "updated_at": stamp,
    }
    db = dossier.db
    with db.atomic():
        cursor = db.execute(
            f"INSERT INTO document ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        document_id = int(cursor.lastrowid or 0)
        db.conn.executemany(
            "INSERT INTO document_page (document_id, page, text) VALUES (?, ?, ?)",
            [(document_id, number, text) for number, text in enumerate(parsed.pages, 1)],
        )
        if case_id is not None:
            db.execute(
                "INSERT INTO document_case (document_id, case_id) VALUES (?, ?)",
                [document_id, case_id],
            )
        searchindex.index_record(db, ENTITIES["document"], {**row, "id": document_id})
        searchindex.index_pages(db, document_id, parsed.pages)
        scanned = pages_to_read(
            parsed.media_type, parsed.encrypted, parsed.pages, parsed.page_count
        )
        queue_pages(db, document_id, scanned)  # read later (dossier.core.ocr)
    return document_id


def os_message(exc: OSError) -> str:
    """An operating-system error in plain words."""
    if exc.errno == errno.ENOSPC:
        return tr("The disk is full; the file was not added. Free some space and try again.")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return tr("The file cannot be read: permission denied.")
    return tr(
        "The file cannot be read ({problem}).", problem=exc.strerror or exc.__class__.__name__
    )
