"""Import files and folders into a dossier.

For each file: checks that need no parsing (empty, too large, unknown type,
duplicate by SHA-256) happen here; parsing happens in the sandbox pool, using
every core; then the file goes into the vault (temporary name, rename) and only
after its batch's files and folders are fsynced are their rows committed, with
their pages and search index, in one transaction. A file that fails at any step
changes nothing.

A file can only be a duplicate of one of the same size: a file whose size no other file
of the import and no document of the dossier has is hashed by the reader that parses it
(which reads every byte anyway), not here, and checked for a duplicate when it comes back
(should it have changed size meanwhile). The others are hashed here, before parsing, so a
duplicate is never parsed. Either way the parent reads each new file once more, to copy
it into the vault, and checks the copy against that hash.

While files may sit in the vault before their rows are committed, the import holds
:func:`~dossier.core.integrity.inflight.import_in_flight`, so the start-up sweep and the
check's repair leave those files alone (and find them, should the import be killed).

A full disk ends the whole import: what it had added is taken out again and
:class:`ImportAborted` says so, with the results of every file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from ..entities import DOCUMENT_KINDS, ENTITIES
from ..errors import DossierError, ValidationError
from ..hashing import sha256_file
from ..i18n import tr
from ..imaging.disc import is_dicom_file
from ..integrity.inflight import import_in_flight
from ..records import get
from ..sql_driver import sqlite3
from ..storage import Dossier
from ..validation import clean
from . import sniff
from .handlers import WITH_SHA256
from .pool import SandboxPool, Task
from .result import ImportResult
from .store import DiskFull, StoreBatch, is_disk_full, os_message

# 1 GiB: a worker reads at most 2 GiB, so larger files fail anyway, after a long wait; a
# file at the limit is hashed, read and refused (or stored) within 10 seconds.
MAX_FILE_BYTES = 1 << 30

# Two readers per core: while the parent stores a batch (copies, fsyncs, commits), each core
# still has a file being read; the readers run at a lower priority (see .pool), so the
# parent is never slowed by them.
READERS_PER_CORE = 2

Progress = Callable[[int, int, ImportResult], None]


class ImportAborted(DossierError):
    """The import stopped part way (the disk is full); ``results`` says what became of each
    file, ``undone`` whether what it had added was taken out again."""

    def __init__(self, message: str, results: list[ImportResult], *, undone: bool) -> None:
        super().__init__(message)
        self.results = results
        self.undone = undone


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the files inside folders named (recursively, hidden ones skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):  # does not follow links to folders
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [Path(root, f) for f in sorted(files) if not f.startswith(".")]
        else:
            found.append(path)
    return found


def import_paths(
    dossier: Dossier,
    paths: Sequence[Path | str],
    *,
    case_id: int | None = None,
    kind: str | None = None,
    language: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    pool: SandboxPool | None = None,
) -> list[ImportResult]:
    """Import every file in ``paths``; one result per file, in the order found.

    ``language``: the language the files are written in (an ISO 639-1 code, as the
    document's field takes it); without it, each file's is guessed from its text."""
    dossier.require_writable()  # before any file reaches the vault
    if kind is not None:
        kind = kind.strip().lower().replace(" ", "_")
        if kind not in DOCUMENT_KINDS:
            raise ValidationError(
                {"kind": tr("The kind must be one of: {k}.", k=", ".join(DOCUMENT_KINDS))}
            )
    if language is not None:
        language = clean(ENTITIES["document"], {"language": language}, partial=True)["language"]
    if case_id is not None:
        get(dossier, "case", case_id)  # raises NotFoundError in plain words
    files = collect_files(Path(p) for p in paths)
    shared = _shared_sizes(dossier, files)
    results: list[ImportResult | None] = [None] * len(files)
    seen: dict[str, int] = {}  # sha256 -> index of the first file with that content
    case_links: list[tuple[int, int]] = []  # (document, case) links made for duplicates
    hashes: dict[int, str] = {}
    duplicate_of: dict[int, int] = {}
    done = 0

    def finish(index: int, result: ImportResult) -> None:
        nonlocal done
        results[index] = result
        done += 1
        if progress is not None:
            progress(done, len(files), result)

    def tasks() -> Iterator[Task]:
        for index, path in enumerate(files):
            if cancelled():
                return
            verdict = _precheck(dossier, path, case_id, case_links, shared)
            if isinstance(verdict, ImportResult):
                finish(index, verdict)
                continue
            sha, media_type = verdict
            if sha is None:  # no other file has its size: the reader hashes it
                yield (index, path, media_type + WITH_SHA256)
                continue
            if sha in seen:  # pointed at the first copy's document once the batch is done
                duplicate_of[index] = seen[sha]
                first = files[seen[sha]].name
                message = tr("The same content is in {name}.", name=first)
                finish(index, ImportResult(str(path), "duplicate", message))
                continue
            hashes[index] = sha
            seen[sha] = index
            yield (index, path, media_type)

    own_pool = pool is None
    active = pool or SandboxPool(
        workers=min(READERS_PER_CORE * (os.cpu_count() or 1), max(1, len(files)))
    )
    batch = StoreBatch(dossier, case_id=case_id, kind=kind, language=language)

    def stored(rows: list[tuple[int, ImportResult]]) -> None:
        for index, result in rows:
            finish(index, result)

    try:
        with import_in_flight(dossier.vault.root):
            try:
                for (index, _source, _media_type), outcome in active.run(
                    tasks(), cancelled=cancelled, idle=lambda: stored(batch.step())
                ):
                    path = files[index]  # read by its path: the person's own file
                    if cancelled():  # read after the stop: not stored
                        break
                    if isinstance(outcome, str):
                        finish(index, ImportResult(str(path), "rejected", outcome))
                        continue
                    if index not in hashes:  # hashed by its reader
                        known = _hashed_by_reader(
                            dossier, path, outcome.sha256, case_id, case_links, seen, files
                        )
                        if known is not None:
                            finish(index, known)
                            if known.status == "duplicate" and outcome.sha256 in seen:
                                duplicate_of[index] = seen[outcome.sha256]
                            continue
                        assert outcome.sha256 is not None
                        hashes[index] = outcome.sha256
                        seen[outcome.sha256] = index
                    refused = batch.add(index, path, hashes[index], outcome)
                    if refused is not None:
                        finish(index, refused)
                    elif batch.full():
                        stored(batch.rotate())  # the batch before, copied and synced
                        if not cancelled():
                            batch.start()
                if cancelled():  # the files whose copy had begun are kept, no others
                    batch.forget_waiting()
                stored(batch.commit())
                batch.close()
            except BaseException as exc:
                batch.abandon()
                if not (isinstance(exc, DiskFull) or is_disk_full(exc)):
                    raise
                undone = batch.undo(case_links)
                raise ImportAborted(
                    _disk_full_message(undone, len(batch.committed)),
                    _aborted_results(files, results, undone),
                    undone=undone,
                ) from None
    except OSError as exc:  # only before anything was written (making the import's marker)
        if not is_disk_full(exc):
            raise
        message = _disk_full_message(True, 0)
        raise ImportAborted(message, _aborted_results(files, results, True), undone=True) from None
    finally:
        if own_pool:
            active.close()
    final: list[ImportResult] = []
    for index, path in enumerate(files):
        result = results[index] or ImportResult(
            str(path), "cancelled", tr("The import was stopped before this file.")
        )
        if index in duplicate_of:
            first = results[duplicate_of[index]]
            result.document_id = first.document_id if first else None
        final.append(result)
    return final


def _disk_full_message(undone: bool, kept: int) -> str:
    if undone:
        return tr(
            "The disk is full, so adding the files was stopped. Nothing from this import was "
            "kept: your dossier is as it was before. Free some space on the disk, then add "
            "the files again."
        )
    return tr(
        "The disk is full, so adding the files was stopped. The {n} files added before the "
        "disk filled up are in your dossier; the others were not added. Free some space on "
        "the disk, then add the rest again.",
        n=kept,
    )


def _aborted_results(
    files: list[Path], results: list[ImportResult | None], undone: bool
) -> list[ImportResult]:
    """Every file's result after a full disk stopped the import."""
    final: list[ImportResult] = []
    for index, path in enumerate(files):
        result = results[index]
        if result is None:
            result = ImportResult(str(path), "rejected", tr("Not added: the disk is full."))
        elif result.status == "imported" and undone:
            result = ImportResult(
                str(path), "rejected", tr("Taken out again: the disk filled up during the import.")
            )
        final.append(result)
    return final


def _shared_sizes(dossier: Dossier, files: list[Path]) -> set[int]:
    """The sizes a file of ``files`` could share with another file of the import or with a
    document of the dossier (in its trash too): only such a file can be a duplicate."""
    counts: dict[int, int] = {}
    for path in files:
        try:
            size = path.stat().st_size
        except OSError:  # refused by its precheck
            continue
        counts[size] = counts.get(size, 0) + 1
    shared = {size for size, count in counts.items() if count > 1}
    for (size,) in dossier.db.execute("SELECT DISTINCT size FROM document"):
        if size in counts:
            shared.add(int(size))
    return shared


def _hashed_by_reader(
    dossier: Dossier,
    path: Path,
    sha: str | None,
    case_id: int | None,
    case_links: list[tuple[int, int]],
    seen: dict[str, int],
    files: list[Path],
) -> ImportResult | None:
    """A file hashed by its reader, checked for a duplicate as :func:`_precheck` checks the
    others (it only is one if it changed size since the import began); None: a new file."""
    if sha is None:  # not a reader of this import's kind
        return ImportResult(str(path), "rejected", tr("The file is damaged and cannot be read."))
    if sha in seen:
        first = files[seen[sha]].name
        return ImportResult(
            str(path), "duplicate", tr("The same content is in {name}.", name=first)
        )
    return _known(dossier, path, sha, case_id, case_links)


def _precheck(
    dossier: Dossier,
    path: Path,
    case_id: int | None,
    case_links: list[tuple[int, int]],
    shared: set[int] | None = None,
) -> ImportResult | tuple[str | None, str]:
    """Reject or deduplicate without parsing; else return (sha256, media type). The
    SHA-256 is None for a file whose size is not in ``shared`` (no other file has it): its
    reader hashes it (None: every file is hashed here).

    A duplicate whose stored file has gone missing brings its file back into the vault.
    """
    name = str(path)
    try:
        if not path.exists():
            return ImportResult(name, "rejected", tr("There is no file here."))
        if not path.is_file():
            return ImportResult(name, "rejected", tr("This is not an ordinary file."))
        size = path.stat().st_size
        if size == 0:
            return ImportResult(name, "rejected", tr("The file is empty."))
        if size > MAX_FILE_BYTES:
            return ImportResult(name, "rejected", tr("The file is too large (more than 1 GB)."))
        media_type = sniff.sniff_file(path)
        if sniff.is_calendar_file(path):  # once imported as text; an appointment now
            return ImportResult(
                name,
                "rejected",
                tr(
                    "This is a calendar invitation, not a document: add its appointment with "
                    "“Add an Appointment from an Invitation…” in the Dossier menu, or with the "
                    "command “dossier invitation FILE”."
                ),
            )
        if media_type is None and is_dicom_file(path):
            return ImportResult(
                name,
                "rejected",
                tr(
                    "This is an image of an imaging disc (DICOM): add the whole disc, or the "
                    "folder that holds its files, as an imaging disc."
                ),
            )
        if media_type is None:
            return ImportResult(
                name,
                "rejected",
                tr(
                    "This kind of file cannot be added: a dossier takes PDF, JPEG, PNG, "
                    "TIFF and plain text files."
                ),
            )
        if shared is not None and size not in shared:
            return None, media_type
        sha = sha256_file(path)
    except OSError as exc:
        return ImportResult(name, "rejected", os_message(exc))
    known = _known(dossier, path, sha, case_id, case_links)
    return (sha, media_type) if known is None else known


def _known(
    dossier: Dossier,
    path: Path,
    sha: str,
    case_id: int | None,
    case_links: list[tuple[int, int]],
) -> ImportResult | None:
    """The file is a duplicate of a document of the dossier: what became of it (linked to
    the case, its missing file put back); None when the dossier has no such document."""
    name = str(path)
    row = dossier.db.execute(
        "SELECT id, deleted_at FROM document WHERE sha256 = ?", [sha]
    ).fetchone()
    if row is not None:
        document_id, deleted_at = int(row[0]), row[1]
        if deleted_at:
            return ImportResult(
                name,
                "duplicate",
                tr("This document is already in the dossier's trash; restore it from there."),
                document_id,
            )
        if case_id is not None:
            try:
                with dossier.db.atomic():
                    cursor = dossier.db.execute(
                        "INSERT OR IGNORE INTO document_case (document_id, case_id) VALUES (?, ?)",
                        [document_id, case_id],
                    )
            except sqlite3.Error as exc:
                if is_disk_full(exc):
                    raise DiskFull from exc
                raise
            if cursor.rowcount == 1:
                case_links.append((document_id, case_id))
        message = tr("This document is already in the dossier.")
        if not dossier.vault.has(sha):
            try:
                dossier.vault.add_file(path, sha)
            except OSError as exc:
                if is_disk_full(exc):
                    raise DiskFull from exc
                return ImportResult(name, "rejected", os_message(exc), document_id)
            except DossierError as exc:
                return ImportResult(name, "rejected", exc.message, document_id)
            message = tr(
                "This document was already in the dossier, but its file was missing: "
                "the file has been put back."
            )
        return ImportResult(name, "duplicate", message, document_id)
    return None


__all__ = [
    "MAX_FILE_BYTES",
    "ImportAborted",
    "ImportResult",
    "Progress",
    "collect_files",
    "import_paths",
]
