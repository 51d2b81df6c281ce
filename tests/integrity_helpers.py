"""Helpers of the integrity, crash-safety and disk-full tests: documents to import, seeded
problems, snapshots of the vault, and the proof that nothing was deleted. Not a test module."""

from __future__ import annotations

import errno
import hashlib
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dossier.core.integrity.inflight import LOCK_NAME, is_marker
from dossier.core.integrity.quarantine import QUARANTINE_NAME
from dossier.core.storage import Dossier
from tests.corpus import make_pdf, make_photo, make_png


def make_documents(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """``count`` distinct small documents: PDFs of 1 to 3 pages, JPEG photos, PNGs, text."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    made: list[Path] = []
    for number in range(count):
        kind, unique = number % 4, seed * 10_000 + number  # another seed, other contents
        if kind == 0:
            path = make_pdf(folder / f"letter-{number:03d}.pdf", rng.randint(1, 3), seed=unique)
        elif kind == 1:
            path = make_photo(folder / f"photo-{number:03d}.jpg", (320, 240), seed=unique)
        elif kind == 2:
            path = make_png(folder / f"scan-{number:03d}.png", (200, 150), seed=unique)
        else:
            path = folder / f"note-{number:03d}.txt"
            path.write_text(f"Note {unique}\nBlood pressure {rng.randint(90, 180)} over 80.\n")
        made.append(path)
    return made


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(folder: Path) -> dict[str, str]:
    """Every file below ``folder``: relative path -> SHA-256 of its content."""
    found: dict[str, str] = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root, name)
            found[path.relative_to(folder).as_posix()] = sha256_of(path)
    return found


def vault_snapshot(dossier_folder: Path) -> dict[str, str]:
    """Every file of the vault as ``vault/…`` -> SHA-256, without the empty bookkeeping files
    of imports (their lock, and the markers of imports running or interrupted)."""
    snapshot = files_under(dossier_folder / "vault")
    return {
        f"vault/{name}": digest
        for name, digest in snapshot.items()
        if name != LOCK_NAME and not (name.startswith("tmp/") and is_marker(name[4:]))
    }


def assert_nothing_deleted(dossier_folder: Path, before: dict[str, str]) -> list[str]:
    """Each file of ``before`` is still in place, or in a quarantine folder, unchanged.

    Returns the files found in quarantine.
    """
    quarantine = dossier_folder / QUARANTINE_NAME
    quarantined = []
    for relative, digest in before.items():
        here = dossier_folder / relative
        if here.is_file() and sha256_of(here) == digest:
            continue
        copies = list(quarantine.glob(f"*/{relative}")) if quarantine.is_dir() else []
        assert any(sha256_of(c) == digest for c in copies), f"{relative} was lost"
        quarantined.append(relative)
    return quarantined


def document_hashes(dossier: Dossier) -> set[str]:
    return {str(r[0]) for r in dossier.db.execute("SELECT sha256 FROM document")}


def assert_files_of_documents_intact(dossier: Dossier) -> None:
    """Every committed document's file is in the vault with its SHA-256."""
    for digest in document_hashes(dossier):
        path = dossier.vault.path_for(digest)
        assert path.is_file(), f"the file of document {digest} is missing"
        assert sha256_of(path) == digest, f"the file of document {digest} is damaged"


def assert_database_sound(dossier: Dossier) -> None:
    assert dossier.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert dossier.db.execute("PRAGMA foreign_key_check").fetchall() == []


@dataclass(frozen=True)
class Seeded:
    """The problems :func:`seed_problems` made, to compare with what the check finds."""

    damaged_id: int
    missing_id: int
    thumbnail_missing_id: int
    thumbnail_damaged_id: int
    unindexed_id: int
    orphan: Path
    orphan_thumbnail: Path
    temp: Path


def seed_problems(dossier: Dossier) -> Seeded:
    """One of each problem the check looks for, in a dossier with at least five documents
    with thumbnails (such as the example dossier)."""
    rows = dossier.db.execute(
        "SELECT id, sha256 FROM document WHERE has_thumbnail = 1 ORDER BY id"
    ).fetchall()
    assert len(rows) >= 5
    vault = dossier.vault
    (damaged_id, damaged), (missing_id, missing), (thumb_gone_id, thumb_gone) = rows[:3]
    thumb_bad_id, thumb_bad = rows[3]
    unindexed_id = int(rows[4][0])
    path = vault.path_for(damaged)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte
    path.write_bytes(bytes(data))
    vault.path_for(missing).unlink()
    vault.thumbnail_path(thumb_gone).unlink()
    thumb = vault.thumbnail_path(thumb_bad)
    thumb.write_bytes(thumb.read_bytes()[:40])  # cut off
    stray = "ab" + "c" * 62
    orphan = vault.path_for(stray)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"a file no record uses")
    orphan_thumbnail = vault.thumbnail_path("ab" + "d" * 62)
    orphan_thumbnail.write_bytes(b"a thumbnail of nothing")
    temp = vault.root / "tmp" / "incoming-left-over"
    temp.write_bytes(b"half a file")
    with dossier.db.atomic():
        rowids = [
            r[0]
            for r in dossier.db.execute(
                "SELECT rowid FROM search_map WHERE kind = 'document' AND ref_id = ?",
                [unindexed_id],
            )
        ]
        for rowid in rowids:
            dossier.db.execute("DELETE FROM search_fts WHERE rowid = ?", [rowid])
            dossier.db.execute("DELETE FROM search_map WHERE rowid = ?", [rowid])
    return Seeded(
        int(damaged_id),
        int(missing_id),
        int(thumb_gone_id),
        int(thumb_bad_id),
        unindexed_id,
        orphan,
        orphan_thumbnail,
        temp,
    )


# --- a full disk -----------------------------------------------------------------------


def _path_of(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


def fill_disk_after(
    monkeypatch: pytest.MonkeyPatch, vault_root: Path, budget: int
) -> Callable[[], int]:
    """Make ``os.write`` into the vault fail with ENOSPC once ``budget`` bytes were written.

    Returns a function telling how many writes were refused.
    """
    real_write = os.write
    inside = str(vault_root.resolve())
    state = {"left": budget, "refused": 0}

    def write(fd: int, data: bytes | memoryview) -> int:
        if _path_of(fd).startswith(inside):
            if state["left"] < len(data):
                state["refused"] += 1
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            state["left"] -= len(data)
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    return lambda: state["refused"]
