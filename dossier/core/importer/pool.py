"""A small pool of sandboxed worker processes that parse untrusted files.

Each worker runs with an address-space limit, and each file with a time limit:
a file that hangs its reader is stopped and its worker replaced; a reader that
crashes (or runs out of memory) takes only its worker down. Either way the file
is reported as unreadable and the import goes on with the next one.

A reader is given a file by its path, or by its content: the file of a dossier protected
with a passphrase is stored encrypted, so the program decrypts it in memory and sends the
plain bytes through the reader's pipe (:func:`source_for`). Nothing decrypted is written
anywhere on the way, and a reader that crashes or is stopped leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import tr
from .handlers import Parsed, Source

if TYPE_CHECKING:
    from ..vault import Vault

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY = 2 << 30  # 2 GiB of address space per worker
STOP_POLL = 0.2  # seconds: how soon a stop asked "at once" is seen while files are read
READER_NICENESS = 10  # how much lower than the program the readers run (POSIX)

Task = tuple[Any, Source, str]  # (key, source, media type, or what the reader is asked)
# The most a reader is sent through its pipe: any file a dossier takes (a document, an
# image of an imaging disc). Bigger content is refused before it is read.
MAX_PIPED_BYTES = 1 << 30
Outcome = Parsed | Any | str  # what the reader made of the file, or why it could not read it

# What a pool's workers do with each file: parse it for import, recognise a page's text, or
# read a DICOM file of an imaging disc (its tags, a disc's list of files, or an image).
READERS = ("parse", "recognise", "imaging")


def source_for(vault: Vault, sha256: str, size: int) -> Source:
    """What a reader is given for a file stored in ``vault``: its path there; in a protected
    dossier, its decrypted content, read whole and checked (:func:`..vault_read.read_stored`,
    which raises :class:`..vault_read.StoredFileRefused` saying why it cannot be used), to
    go through the reader's pipe. A file too large to send is refused as damaged would be
    (no file the dossier took is)."""
    from ..vault_read import StoredFileRefused, read_stored

    if vault.cipher is None:
        return vault.path_for(sha256)
    if size > MAX_PIPED_BYTES:
        raise StoredFileRefused("damaged")
    return read_stored(vault, sha256, size)


def _reader(name: str) -> Callable[[Source, str], Any]:
    if name == "recognise":
        from ..ocr.engine import read_page

        return read_page
    if name == "imaging":
        from ..imaging.worker import read

        return read
    from .handlers import parse

    return parse


def _worker_main(
    conn: Connection, memory_limit: int, reader: str = "parse", give_way: bool = True
) -> None:
    """Body of a worker process: read files sent over ``conn`` until told to stop."""
    _limit_resources(memory_limit)
    if give_way:
        _give_way()
    _quiet()
    from .handlers import Unreadable

    parse = _reader(reader)

    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        path, media_type, size = message
        source: Source
        if path is None:  # the content follows, through the pipe
            try:
                source = conn.recv_bytes(MAX_PIPED_BYTES)
            except MemoryError:  # the rest of the pipe is unread: this reader is done
                return
            if len(source) != size:
                return
        else:
            source = Path(path)
        reply: tuple[str, Any]
        try:
            reply = ("ok", parse(source, media_type))
        except Unreadable as exc:
            reply = ("err", str(exc))
        except MemoryError:
            reply = ("err", _too_big())
        except RecursionError:
            reply = ("err", tr("The file is built in a way that cannot be read safely."))
        except Exception:
            reply = ("err", tr("The file is damaged and cannot be read."))
        del source  # a protected file's content is not kept while the reader waits
        conn.send(reply)


def _limit_resources(memory_limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: the time limit still applies
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _give_way() -> None:
    """Readers run at a lower priority than the program that started them, so that on a
    machine with few cores the window stays quick to answer while files are read."""
    if hasattr(os, "nice"):  # not on Windows
        with contextlib.suppress(OSError):
            os.nice(READER_NICENESS)


def _quiet() -> None:
    """No log lines or warnings from the readers on the terminal: what a reader had to say
    about a file reaches the person as the plain reason the file was refused."""
    import logging
    import warnings

    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")


def _too_big() -> str:
    return tr("The file needs too much memory to read safely.")


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: Task | None = None
    started: float = 0.0


class SandboxPool:
    """Parses files in up to ``workers`` child processes (default: one per core); with
    ``reader="recognise"``, recognises pages' text instead (:func:`..ocr.engine.read_page`)."""

    def __init__(
        self,
        workers: int | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        memory_limit: int = DEFAULT_MEMORY,
        reader: str = "parse",
        give_way: bool = True,
    ) -> None:
        if reader not in READERS:
            raise ValueError(reader)
        self.reader = reader
        self.give_way = give_way  # run at a lower priority than the program (see _give_way)
        self.size = max(1, workers or os.cpu_count() or 1)
        self.timeout = timeout
        self.memory_limit = memory_limit
        self._context = multiprocessing.get_context("spawn")
        self._idle: list[_Worker] = []

    def run(
        self,
        tasks: Iterable[Task],
        *,
        cancelled: Callable[[], bool] = lambda: False,
        idle: Callable[[], None] | None = None,
        at_once: bool = False,
    ) -> Iterator[tuple[Task, Outcome]]:
        """Parse every task; yield (task, outcome) as each finishes, in any order.

        ``idle`` is called whenever the pool is about to wait with no result ready
        (the caller can then do its own pending work, such as committing). ``at_once``: a
        stop ends the files being read too (their readers are stopped), instead of waiting
        for them.
        """
        pending = iter(tasks)
        busy: list[_Worker] = []
        exhausted = False

        def refill() -> None:
            nonlocal exhausted
            while not exhausted and len(busy) < self.size and not cancelled():
                task = next(pending, None)
                if task is None:
                    exhausted = True
                    return
                busy.append(self._dispatch(task))

        try:
            refill()
            while busy:
                deadline = min(w.started for w in busy) + self.timeout
                ready = wait([w.conn for w in busy], timeout=0)
                if not ready:
                    if idle is not None:
                        idle()
                    remaining = max(0.0, deadline - time.monotonic())
                    if at_once:
                        remaining = min(remaining, STOP_POLL)
                    ready = wait([w.conn for w in busy], timeout=remaining)
                    if at_once and not ready and cancelled():
                        return  # the readers still busy are stopped below
                finished: list[tuple[Task, Outcome]] = []
                for worker in [w for w in busy if w.conn in ready]:
                    busy.remove(worker)
                    finished.append(self._collect(worker))
                for worker in [w for w in busy if time.monotonic() - w.started > self.timeout]:
                    busy.remove(worker)
                    task = worker.task
                    self._discard(worker)
                    assert task is not None
                    finished.append((task, tr("Reading the file took too long; it was stopped.")))
                refill()  # give the freed workers their next file before storing these
                for item in finished:
                    yield item
                    if cancelled():  # files still being read are dropped, not stored
                        return
                refill()
        finally:
            for worker in busy:
                self._discard(worker)

    def close(self) -> None:
        """Stop every idle worker."""
        for worker in self._idle:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._idle.clear()

    def __enter__(self) -> SandboxPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _dispatch(self, task: Task) -> _Worker:
        fresh = not self._idle
        worker = self._spawn() if fresh else self._idle.pop()
        worker.task = task
        worker.started = time.monotonic()
        source = task[1]
        try:
            if isinstance(source, bytes):  # a protected file's content, through the pipe
                worker.conn.send((None, task[2], len(source)))
                worker.conn.send_bytes(source)
            else:
                worker.conn.send((str(source), task[2], None))
        except OSError:
            if fresh:  # it stopped on this very file: collected as a reader that stopped
                return worker
            self._discard(worker)  # the idle worker died meanwhile: start a fresh one
            return self._dispatch(task)
        return worker

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main,
            args=(child, self.memory_limit, self.reader, self.give_way),
            daemon=True,
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _collect(self, worker: _Worker) -> tuple[Task, Outcome]:
        task = worker.task
        assert task is not None
        worker.task = None
        try:
            status, payload = worker.conn.recv()
        except (EOFError, OSError):
            self._discard(worker)
            return task, tr("The file could not be read safely: the reader stopped.")
        except MemoryError:
            self._discard(worker)
            return task, _too_big()
        self._idle.append(worker)
        return task, payload if status == "ok" else str(payload)

    def _discard(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
