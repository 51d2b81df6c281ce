"""One program at a time changes a dossier: the lock in dossier/core/lock.py, between real
processes (a holder started in a subprocess through the core API), killed holders, and
threads of one process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.errors import DossierOpenError
from dossier.core.lock import LOCK_NAME, DossierInUse, acquire, holder_of
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier

HOLDER = textwrap.dedent(
    """
    import subprocess, sys
    from dossier.core.lock import acquire
    lock = acquire(sys.argv[1], sys.argv[2])
    if len(sys.argv) > 3:  # a child of the holder, started while it holds the lock
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        print(child.pid, flush=True)
    print("held", flush=True)
    sys.stdin.read()  # until the test closes our input
    lock.release()
    print("released", flush=True)
    """
)


class Holder:
    """A real second process holding a dossier's lock until told to stop (or killed)."""

    def __init__(self, folder: Path, holder: str = "window", *, with_child: bool = False) -> None:
        args = [sys.executable, "-c", HOLDER, str(folder), holder]
        if with_child:
            args.append("child")
        self.process = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        self.child_pid = int(self.process.stdout.readline()) if with_child else None
        assert self.process.stdout.readline().strip() == "held"

    def stop(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        assert self.process.stdout.readline().strip() == "released"
        assert self.process.wait(timeout=30) == 0

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        assert self.process.returncode == -signal.SIGKILL

    def cleanup(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        if self.child_pid is not None:
            try:
                os.kill(self.child_pid, signal.SIGKILL)
                os.waitpid(self.child_pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass


@pytest.fixture
def folder(dossier: Dossier) -> Path:
    return dossier.path


@pytest.fixture
def holders() -> Iterator[list[Holder]]:
    started: list[Holder] = []
    yield started
    for holder in started:
        holder.cleanup()


def test_a_second_process_is_refused_while_a_window_holds_the_dossier(
    folder: Path, holders: list[Holder]
) -> None:
    holders.append(holder := Holder(folder, "window"))
    assert holder_of(folder) == "window"
    with pytest.raises(DossierInUse) as caught:
        acquire(folder, "window")
    assert caught.value.holder == "window"
    assert caught.value.message == (
        "This dossier is open in another Second Opinion Dossier window. Close it there first."
    )
    with pytest.raises(DossierInUse) as caught:
        acquire(folder, "command")
    assert "open in a Second Opinion Dossier window" in caught.value.message
    assert "list, show, search, print" in caught.value.message
    assert isinstance(caught.value, DossierOpenError)  # the command line exits with 2

    holder.stop()
    assert holder_of(folder) is None
    with acquire(folder, "window") as lock:
        assert not lock.released
    assert lock.released


def test_a_command_holding_the_dossier_is_named_in_the_message(
    folder: Path, holders: list[Holder]
) -> None:
    holders.append(Holder(folder, "command"))
    with pytest.raises(DossierInUse) as caught:
        acquire(folder, "window")
    assert caught.value.holder == "command"
    assert "being changed by another Second Opinion Dossier program" in caught.value.message
    assert "Try again when it has finished" in caught.value.message


def test_a_killed_holder_never_blocks(folder: Path, holders: list[Holder]) -> None:
    holders.append(holder := Holder(folder, "window"))
    with pytest.raises(DossierInUse):
        acquire(folder, "window")
    holder.kill()  # SIGKILL: no clean-up code runs in the holder
    assert (folder / LOCK_NAME).read_text().startswith("window ")  # the file stays, stale
    lock = acquire(folder, "window")
    try:
        assert (folder / LOCK_NAME).read_text() == f"window {os.getpid()}\n"
    finally:
        lock.release()


def test_a_child_of_the_holder_does_not_inherit_the_lock(
    folder: Path, holders: list[Holder]
) -> None:
    """The import's worker processes start while the lock is held: when the holder dies,
    a child still running must not keep the dossier locked."""
    holders.append(holder := Holder(folder, "command", with_child=True))
    assert holder.child_pid is not None
    holder.kill()
    os.kill(holder.child_pid, 0)  # the child is still alive
    acquire(folder, "window").release()


def test_the_lock_is_shared_within_one_process(folder: Path) -> None:
    first = acquire(folder, "window")
    second = acquire(folder, "command")  # e.g. the window reopening the dossier it shows
    first.release()
    first.release()  # twice is harmless
    assert _prober(folder) == "refused"  # still held through the second hold
    second.release()
    assert _prober(folder) == "acquired"


def test_worker_threads_reopening_the_dossier_keep_working(folder: Path) -> None:
    """The window's import and search workers open the dossier again on their own threads."""
    lock = acquire(folder, "window")
    outcome: list[object] = []

    def worker() -> None:
        try:
            with acquire(folder, "window"), open_dossier(folder) as again:
                change = records.create(again, "note", {"text": "Written by a worker thread."})
                outcome.append(change.id)
        except Exception as exc:  # reported below
            outcome.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    try:
        assert all(isinstance(item, int) for item in outcome), outcome
        assert len(outcome) == 4
        with pytest.raises(DossierInUse):  # still held: the threads' holds were shared
            _acquire_elsewhere(folder)
    finally:
        lock.release()
    _acquire_elsewhere(folder)


def test_readers_work_while_the_lock_is_held(folder: Path, holders: list[Holder]) -> None:
    holders.append(Holder(folder, "window"))
    with open_dossier(folder) as reader:  # list, show, search and print take no lock
        assert records.get(reader, "person", 1)["name"] == "Test Person"


def test_a_folder_that_is_not_a_dossier_is_refused_and_left_untouched(tmp_path: Path) -> None:
    with pytest.raises(DossierOpenError) as caught:
        acquire(tmp_path, "window")
    assert "is not a dossier" in caught.value.message
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(DossierOpenError) as caught:
        acquire(tmp_path / "missing", "command")
    assert "There is no dossier" in caught.value.message
    assert not (tmp_path / "missing").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_a_read_only_dossier_needs_no_lock(folder: Path) -> None:
    folder.chmod(0o555)
    try:
        with acquire(folder, "window") as lock:
            assert not lock.released
        assert not (folder / LOCK_NAME).exists()
    finally:
        folder.chmod(0o755)


def _acquire_elsewhere(folder: Path) -> None:
    """Take and release the lock in a fresh process; DossierInUse if it is refused."""
    if _prober(folder) == "refused":
        raise DossierInUse("refused in a fresh process", None)


def _prober(folder: Path) -> str:
    code = textwrap.dedent(
        """
        import sys
        from dossier.core.lock import DossierInUse, acquire
        try:
            acquire(sys.argv[1], "command").release()
        except DossierInUse:
            print("refused")
        else:
            print("acquired")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()
