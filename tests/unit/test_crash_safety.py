"""Crash safety, proven by killing a real import, and a full disk during an import.

A real ``dossier import`` of 200 documents runs in a child process and is killed with
SIGKILL at a random moment (after a random number of files were reported, plus a random
pause, so the kill lands while files are read, copied into the vault or committed).
After each kill: the dossier opens, ``PRAGMA integrity_check`` is ok and
``foreign_key_check`` empty, every committed document's file is there with its SHA-256,
the start-up sweep moved every file without a row into quarantine and deleted none, and
the whole check finds nothing wrong. A few trials run in the normal run; many in the
``slow`` test (``pytest -m slow tests/unit/test_crash_safety.py``).

A full disk is the operating system's ENOSPC, injected into ``os.write`` (the call the
vault writes files with) for writes into the vault, and SQLite's own SQLITE_FULL when the
database may not grow (``PRAGMA max_page_count``): the import stops with "The disk is
full…" and the dossier is as it was before it.
"""

from __future__ import annotations

import errno
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.hashing import sha256_file
from dossier.core.importer import sniff
from dossier.core.importer.handlers import parse
from dossier.core.importer.pipeline import ImportAborted, import_paths
from dossier.core.importer.pool import SandboxPool
from dossier.core.importer.store import StoreBatch
from dossier.core.integrity.check import check_dossier
from dossier.core.integrity.inflight import MARKER_PREFIX
from dossier.core.integrity.leftovers import find_leftovers
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import Dossier
from tests.integrity_helpers import (
    assert_database_sound,
    assert_files_of_documents_intact,
    assert_nothing_deleted,
    document_hashes,
    files_under,
    fill_disk_after,
    make_documents,
    vault_snapshot,
)

DOCUMENTS = 200
QUICK_TRIALS = 3
SLOW_TRIALS = 50
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sources")
    make_documents(folder, DOCUMENTS)
    return folder


def _new_dossier(folder: Path) -> Path:
    create_dossier(folder, name="Crash Test", born="1950-01-01").close()
    return folder


def _lines(stream: object, into: queue.Queue[str | None]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)
    into.put(None)


def import_and_kill(dossier_path: Path, sources: Path, rng: random.Random) -> int:
    """Run a real import in a child process and SIGKILL it at a random moment.

    Returns how many files it had reported before it was killed.
    """
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    child = subprocess.Popen(
        [sys.executable, "-m", "dossier", "import", "--dossier", str(dossier_path), str(sources)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    reader = threading.Thread(target=_lines, args=(child.stdout, lines), daemon=True)
    reader.start()
    wanted = rng.randint(0, DOCUMENTS - 10)
    seen = 0
    deadline = time.monotonic() + 120
    while seen < wanted and time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            break  # finished before the chosen moment: still a valid (late) trial
        seen += 1
    time.sleep(rng.uniform(0, 0.06))
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    reader.join(timeout=10)
    assert child.stdout is not None
    child.stdout.close()
    return seen


def verify_after_kill(dossier_path: Path) -> tuple[int, list[str]]:
    """The checks after one kill; (documents committed, files moved into quarantine)."""
    before = vault_snapshot(dossier_path)
    with open_dossier(dossier_path) as dossier:  # the start-up sweep runs here
        assert_database_sound(dossier)
        assert_files_of_documents_intact(dossier)
        committed = len(document_hashes(dossier))
        quarantined = assert_nothing_deleted(dossier_path, before)
        assert find_leftovers(dossier) == [], "files without a row were left in the vault"
        swept = dossier.swept.moved if dossier.swept else []
        moved = [m.source.relative_to(dossier_path).as_posix() for m in swept]
        assert sorted(moved) == sorted(quarantined)
        report = check_dossier(dossier)
        assert report.ok, [f.as_dict() for f in report.findings]
    return committed, quarantined


def run_trials(tmp_path: Path, sources: Path, trials: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    failures: list[str] = []
    outcomes = []
    for trial in range(trials):
        dossier_path = _new_dossier(tmp_path / f"trial-{trial}")
        reported = import_and_kill(dossier_path, sources, rng)
        try:
            committed, quarantined = verify_after_kill(dossier_path)
        except AssertionError as exc:
            failures.append(f"trial {trial} (killed after {reported} files): {exc}")
            continue
        outcomes.append((reported, committed, len(quarantined)))
        if trial == trials - 1:  # the import can simply be run again, to the end
            finish_import(dossier_path, sources)
    print(f"\n{trials} trials, {len(failures)} failures; (reported, committed, quarantined):")
    print(outcomes)
    return failures


def finish_import(dossier_path: Path, sources: Path) -> None:
    with open_dossier(dossier_path) as dossier, SandboxPool(workers=2) as pool:
        results = import_paths(dossier, [sources], pool=pool)
        assert {r.status for r in results} <= {"imported", "duplicate"}
        assert len(document_hashes(dossier)) == DOCUMENTS
        assert check_dossier(dossier).ok


def test_an_import_killed_at_random_moments_loses_nothing(tmp_path: Path, sources: Path) -> None:
    assert run_trials(tmp_path, sources, QUICK_TRIALS, seed=random.randrange(1 << 30)) == []


@pytest.mark.slow
def test_an_import_killed_at_many_random_moments_loses_nothing(
    tmp_path: Path, sources: Path
) -> None:
    assert run_trials(tmp_path, sources, SLOW_TRIALS, seed=20261122) == []


# --- a full disk ---------------------------------------------------------------------------


@pytest.fixture
def pool() -> Iterator[SandboxPool]:
    with SandboxPool(workers=2) as shared:
        yield shared


@pytest.fixture
def half_full(dossier: Dossier, sources: Path, pool: SandboxPool) -> tuple[Dossier, dict[str, str]]:
    """A dossier with 20 documents already, and a snapshot of its folder."""
    first = sorted(sources.iterdir())[:20]
    import_paths(dossier, first, pool=pool)
    assert len(document_hashes(dossier)) == 20
    return dossier, files_under(dossier.path / "vault")


def _assert_as_before(dossier: Dossier, vault_before: dict[str, str], documents: int) -> None:
    assert len(document_hashes(dossier)) == documents
    vault_now = files_under(dossier.path / "vault")
    assert {k: v for k, v in vault_now.items() if "lock" not in k} == {
        k: v for k, v in vault_before.items() if "lock" not in k
    }
    assert not (dossier.path / "quarantine").exists() or not any(
        (dossier.path / "quarantine").rglob("*")
    )
    assert_database_sound(dossier)
    report = check_dossier(dossier)
    assert report.ok, [f.as_dict() for f in report.findings]
    indexed = dossier.db.execute(
        "SELECT COUNT(DISTINCT ref_id) FROM search_map WHERE kind = 'document'"
    ).fetchone()[0]
    assert indexed == documents


def test_a_full_disk_while_files_are_copied_stops_the_import_and_undoes_it(
    half_full: tuple[Dossier, dict[str, str]],
    sources: Path,
    pool: SandboxPool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dossier, vault_before = half_full
    case = records.create(dossier, "case", {"title": "Knee: operate or not?"}).id
    # Enough room for some files (and a batch commit or two), not for all.
    refused = fill_disk_after(monkeypatch, dossier.vault.root, budget=300_000)
    with pytest.raises(ImportAborted) as caught:
        import_paths(dossier, [sources], case_id=case, pool=pool)
    monkeypatch.undo()
    assert refused() >= 1
    aborted = caught.value
    assert aborted.message.startswith("The disk is full")
    assert aborted.undone
    assert len(aborted.results) == DOCUMENTS
    assert not any(r.status == "imported" for r in aborted.results)
    assert any("disk" in (r.reason or "") for r in aborted.results)
    # The 20 documents there before were duplicates: their new links to the case are gone too.
    assert dossier.db.execute("SELECT COUNT(*) FROM document_case").fetchone()[0] == 0
    _assert_as_before(dossier, vault_before, 20)


def test_a_full_disk_on_the_first_file_changes_nothing(
    half_full: tuple[Dossier, dict[str, str]],
    sources: Path,
    pool: SandboxPool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dossier, vault_before = half_full
    fill_disk_after(monkeypatch, dossier.vault.root, budget=0)
    with pytest.raises(ImportAborted, match=r"^The disk is full"):
        import_paths(dossier, sorted(sources.iterdir())[20:40], pool=pool)
    monkeypatch.undo()
    _assert_as_before(dossier, vault_before, 20)


@pytest.mark.parametrize("room", [5, 40], ids=["full-at-once", "full-after-some-files"])
def test_a_full_database_stops_the_import_and_undoes_it(
    half_full: tuple[Dossier, dict[str, str]], sources: Path, pool: SandboxPool, room: int
) -> None:
    """SQLite's own "database or disk is full", from a database that may not grow more."""
    dossier, vault_before = half_full
    pages = dossier.db.execute("PRAGMA page_count").fetchone()[0]
    dossier.db.execute(f"PRAGMA max_page_count = {pages + room}")
    with pytest.raises(ImportAborted) as caught:
        import_paths(dossier, [sources], pool=pool)
    dossier.db.execute("PRAGMA max_page_count = 1073741823")
    assert caught.value.message.startswith("The disk is full")
    assert caught.value.undone
    _assert_as_before(dossier, vault_before, 20)


def test_a_file_gone_from_the_vault_comes_back_when_added_again(
    dossier: Dossier, sources: Path, pool: SandboxPool
) -> None:
    original = sorted(sources.glob("*.pdf"))[0]
    [result] = import_paths(dossier, [original], pool=pool)
    digest = next(iter(document_hashes(dossier)))
    dossier.vault.path_for(digest).unlink()
    assert not check_dossier(dossier).ok
    [again] = import_paths(dossier, [original], pool=pool)
    assert again.status == "duplicate" and again.document_id == result.document_id
    assert "put back" in (again.reason or "")
    assert_files_of_documents_intact(dossier)
    assert check_dossier(dossier).ok


def test_a_disk_too_full_to_begin_changes_nothing(
    half_full: tuple[Dossier, dict[str, str]],
    sources: Path,
    pool: SandboxPool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not even the import's marker fits: ENOSPC from ``os.open`` creating it."""
    dossier, vault_before = half_full
    real_open = os.open

    def open_(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: object) -> int:
        if MARKER_PREFIX in os.fspath(path) and flags & os.O_CREAT:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_)
    with pytest.raises(ImportAborted, match=r"^The disk is full") as caught:
        import_paths(dossier, sorted(sources.iterdir())[20:30], pool=pool)
    monkeypatch.undo()
    assert [r.status for r in caught.value.results] == ["rejected"] * 10
    _assert_as_before(dossier, vault_before, 20)


@pytest.mark.parametrize("rebuild_index", [False, True], ids=["index-entries", "index-rebuilt"])
def test_taking_an_import_out_fits_on_a_database_that_cannot_grow(
    dossier: Dossier, sources: Path, rebuild_index: bool
) -> None:
    """Both ways :meth:`StoreBatch.undo` takes documents out, on a database at its limit."""
    vault_before = files_under(dossier.path / "vault")
    batch = StoreBatch(dossier, case_id=None, kind=None)
    for index, path in enumerate(sorted(sources.iterdir())[:40]):
        media_type = sniff.sniff_file(path)
        assert media_type is not None
        assert batch.add(index, path, sha256_file(path), parse(path, media_type)) is None
        if batch.full():
            batch.commit()
    batch.commit()
    assert len(document_hashes(dossier)) == 40
    pages = dossier.db.execute("PRAGMA page_count").fetchone()[0]
    dossier.db.execute(f"PRAGMA max_page_count = {pages}")
    assert batch.take_out([], rebuild_index=rebuild_index)
    dossier.db.execute("PRAGMA max_page_count = 1073741823")
    _assert_as_before(dossier, vault_before, 0)
