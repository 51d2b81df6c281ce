"""Import files and folders into a dossier.

For each file: checks that need no parsing (empty, too large, unknown type,
duplicate by SHA-256) happen here; parsing happens in the sandbox pool, using
every core; then the file goes into the vault (temporary name, fsync, rename)
and only after that is its row committed, with its pages and search index, in
one transaction. A file that fails at any step changes nothing.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .. import searchindex
from ..clock import now_iso
from ..entities import DOCUMENT_KINDS, ENTITIES
from ..errors import DossierError, ValidationError
from ..i18n import tr
from ..records import get
from ..storage import Dossier
from ..vault import sha256_file
from . import sniff
from .handlers import Parsed
from .kinds import guess_kind, title_from_name
from .pool import SandboxPool, Task

Status = Literal["imported", "duplicate", "rejected", "cancelled"]
MAX_FILE_BYTES = 4 << 30  # 4 GiB


@dataclass
class ImportResult:
    path: str
    status: Status
    reason: str | None = None
    document_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "reason": self.reason,
            "document_id": self.document_id,
        }


Progress = Callable[[int, int, ImportResult], None]


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
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    pool: SandboxPool | None = None,
) -> list[ImportResult]:
    """Import every file in ``paths``; one result per file, in the order found."""
    if kind is not None:
        kind = kind.strip().lower().replace(" ", "_")
        if kind not in DOCUMENT_KINDS:
            raise ValidationError(
                {"kind": tr("The kind must be one of: {k}.", k=", ".join(DOCUMENT_KINDS))}
            )
    if case_id is not None:
        get(dossier, "case", case_id)  # raises NotFoundError in plain words
    files = collect_files(Path(p) for p in paths)
    results: list[ImportResult | None] = [None] * len(files)
    seen: dict[str, int] = {}  # sha256 -> index of the first file with that content
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
            verdict = _precheck(dossier, path, case_id)
            if isinstance(verdict, ImportResult):
                finish(index, verdict)
                continue
            sha, media_type = verdict
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
    active = pool or SandboxPool(workers=min(os.cpu_count() or 1, max(1, len(files))))
    try:
        for (index, path, _media_type), outcome in active.run(tasks(), cancelled=cancelled):
            if isinstance(outcome, str):
                finish(index, ImportResult(str(path), "rejected", outcome))
            else:
                finish(index, _store(dossier, path, hashes[index], outcome, case_id, kind))
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


def _precheck(dossier: Dossier, path: Path, case_id: int | None) -> ImportResult | tuple[str, str]:
    """Reject or deduplicate without parsing; else return (sha256, media type)."""
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
            return ImportResult(name, "rejected", tr("The file is too large (more than 4 GB)."))
        media_type = sniff.sniff_file(path)
        if media_type is None:
            return ImportResult(
                name,
                "rejected",
                tr(
                    "This kind of file cannot be added: a dossier takes PDF, JPEG, PNG, "
                    "TIFF and plain text files."
                ),
            )
        sha = sha256_file(path)
    except OSError as exc:
        return ImportResult(name, "rejected", _os_message(exc))
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
            with dossier.db.atomic():
                dossier.db.execute(
                    "INSERT OR IGNORE INTO document_case (document_id, case_id) VALUES (?, ?)",
                    [document_id, case_id],
                )
        return ImportResult(
            name, "duplicate", tr("This document is already in the dossier."), document_id
        )
    return sha, media_type


def _store(
    dossier: Dossier,
    path: Path,
    sha: str,
    parsed: Parsed,
    case_id: int | None,
    kind: str | None,
) -> ImportResult:
    """Put the file in the vault, then commit its rows; undo the file if the rows fail."""
    vault = dossier.vault
    had_file = vault.has(sha)
    try:
        vault.add_file(path, sha)
        if parsed.thumbnail:
            vault.add_thumbnail(sha, parsed.thumbnail)
        document_id = _insert(dossier, path, sha, parsed, case_id, kind)
    except DossierError as exc:
        _drop_new_file(dossier, sha, had_file)
        return ImportResult(str(path), "rejected", exc.message)
    except OSError as exc:
        _drop_new_file(dossier, sha, had_file)
        return ImportResult(str(path), "rejected", _os_message(exc))
    return ImportResult(str(path), "imported", None, document_id)


def _drop_new_file(dossier: Dossier, sha: str, had_file: bool) -> None:
    if not had_file:
        exists = dossier.db.execute("SELECT 1 FROM document WHERE sha256 = ?", [sha]).fetchone()
        if exists is None:
            dossier.vault.remove(sha)


def _insert(
    dossier: Dossier,
    path: Path,
    sha: str,
    parsed: Parsed,
    case_id: int | None,
    kind: str | None,
) -> int:
    first_page = parsed.pages[0] if parsed.pages else ""
    title = (parsed.title or "").strip() or title_from_name(path)
    stamp = now_iso()
    row = {
        "title": title[:200],
        "kind": kind or guess_kind(path.name, parsed.media_type, first_page),
        "document_date": parsed.document_date,
        "sha256": sha,
        "size": path.stat().st_size,
        "media_type": parsed.media_type,
        "page_count": parsed.page_count,
        "encrypted": int(parsed.encrypted),
        "metadata": json.dumps(parsed.metadata, ensure_ascii=False) if parsed.metadata else None,
        "exif_date": parsed.exif_date,
        "orientation": parsed.orientation,
        "has_thumbnail": int(parsed.thumbnail is not None),
        "original_name": path.name,
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
    return document_id


def _os_message(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return tr("The disk is full; the file was not added. Free some space and try again.")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return tr("The file cannot be read: permission denied.")
    return tr(
        "The file cannot be read ({problem}).", problem=exc.strerror or exc.__class__.__name__
    )
