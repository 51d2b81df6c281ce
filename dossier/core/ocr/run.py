"""Reading every waiting page, in the sandboxed reader processes, one engine each.

A page's file goes to its reader by its path in the vault, or, in a dossier protected with
a passphrase, decrypted in memory and sent through the reader's pipe
(:func:`..importer.pool.source_for`): nothing decrypted is written anywhere.

Pages are taken from the queue in the order their documents came in, and each result is
stored as soon as it arrives (:func:`.results.store_reading`), so a run that is stopped,
or a program that crashes, leaves every page read so far stored and the rest waiting:
the next run carries on where this one stopped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..importer.handlers import Source
from ..importer.pool import SandboxPool, Task, source_for
from ..sql_driver import sqlite3
from ..storage import Dossier
from ..vault_read import StoredFileRefused, stored_state
from .engine import Reading, missing_engine
from .languages import installed_languages, tessdata_dir
from .queue import PendingPage, pending_pages
from .results import is_poor, store_reading
from .settings import document_languages

# A page is read in seconds; one that takes longer than this is stopped and refused.
PAGE_TIMEOUT = 120.0
BUSY_TRIES = 6  # each waits up to the database's own busy timeout (5 s)

#: (pages done, pages in this run, the document just read or None at the start)
Progress = Callable[[int, int, int | None], None]


@dataclass
class RecognitionSummary:
    """What a run did: pages read (of them, read poorly), refused, and still waiting."""

    read: int = 0
    poor: int = 0
    refused: int = 0
    waiting: int = 0
    documents: set[int] = field(default_factory=set)
    reasons: list[tuple[int, int, str]] = field(default_factory=list)  # (document, page, why)
    unavailable: str | None = None  # why nothing could be read on this computer
    busy: bool = False  # the run ended early: the dossier was kept busy by other work

    @property
    def total(self) -> int:
        return self.read + self.refused


def engine_available() -> str | None:
    """None when scans can be read here; else why not, in plain words."""
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return missing_engine()
    if tessdata_dir() is None:
        return missing_engine()
    return None


def recognise_pending(
    dossier: Dossier,
    *,
    document_id: int | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    pool: SandboxPool | None = None,
    workers: int | None = None,
) -> RecognitionSummary:
    """Read every waiting page (of one document, or all); see the module's description."""
    summary = RecognitionSummary()
    pages = pending_pages(dossier, document_id)
    if not pages:
        return summary
    summary.unavailable = engine_available()
    if summary.unavailable is not None:
        summary.waiting = len(pages)
        return summary
    installed = set(installed_languages())
    if progress is not None:
        progress(0, len(pages), None)
    own_pool = pool is None
    active = pool or SandboxPool(
        workers=min(workers or os.cpu_count() or 1, len(pages)),
        timeout=PAGE_TIMEOUT,
        reader="recognise",
    )
    done = 0

    def finish(document: int, number: int, outcome: Reading | str) -> None:
        nonlocal done
        if _stored(dossier, document, number, outcome):
            _count(summary, document, number, outcome)
        done += 1
        if progress is not None:
            progress(done, len(pages), document)

    def tasks() -> Iterator[Task]:
        last: tuple[str, Source] | None = None  # a document's pages come one after another
        for page in pages:
            if cancelled():
                return
            try:
                refused = stored_state(dossier.vault, page.sha256, page.size)
                if refused is not None:  # a link, another size, gone: never read
                    raise refused
                if last is None or last[0] != page.sha256:
                    last = None  # the previous document's content is let go first
                    last = (page.sha256, source_for(dossier.vault, page.sha256, page.size))
            except StoredFileRefused as exc:
                finish(page.document_id, page.page, exc.message)
                continue
            yield _task(dossier, page, installed, last[1])

    try:
        for (key, _path, _spec), outcome in active.run(tasks(), cancelled=cancelled, at_once=True):
            if isinstance(outcome, (Reading, str)):
                document, number = key
                finish(document, number, outcome)
    except DossierBusy:
        summary.busy = True  # the rest waits for the next run, as after a stop
    finally:
        if own_pool:
            active.close()
    if summary.busy:
        summary.waiting = len(pages) - summary.total
    else:
        summary.waiting = len(pending_pages(dossier, document_id))
    return summary


def _stored(dossier: Dossier, document: int, page: int, outcome: Reading | str) -> bool:
    """:func:`store_reading`, waiting for the dossier while another part of the program
    writes to it (an import, a backup); still busy after :data:`BUSY_TRIES` waits of the
    database's own, the run ends and the page waits for the next one."""
    for attempt in range(BUSY_TRIES):
        try:
            return store_reading(dossier, document, page, outcome)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if attempt == BUSY_TRIES - 1:
                raise DossierBusy from exc
    return False


class DossierBusy(Exception):
    """Another part of the program kept the dossier busy: reading stops for now."""


def _task(dossier: Dossier, page: PendingPage, installed: set[str], source: Source) -> Task:
    languages = page.languages or document_languages(dossier, page.language)
    usable = tuple(c for c in languages if c in installed) or ("en",)
    spec = {
        "media_type": page.media_type,
        "page": page.page,
        "languages": list(usable),
        "fixed": bool(page.languages),
    }
    return ((page.document_id, page.page), source, json.dumps(spec))


def _count(summary: RecognitionSummary, document: int, page: int, outcome: Reading | str) -> None:
    summary.documents.add(document)
    if isinstance(outcome, str):
        summary.refused += 1
        summary.reasons.append((document, page, outcome))
        return
    summary.read += 1
    if is_poor(outcome.confidence):
        summary.poor += 1


__all__ = [
    "PAGE_TIMEOUT",
    "Progress",
    "RecognitionSummary",
    "engine_available",
    "recognise_pending",
]
