"""Real read-only folders and real full disks for tests, made with mounts. Not a test module.

As root, ``chmod`` does not stop writing, so a read-only dossier is shown through a
read-only bind mount (``mount --bind`` then ``remount,ro,bind``), the way a CD or a
write-protected stick looks to the program. A full disk is a small tmpfs filled to the
brim. Both need the right to mount: without it (not root, a container without
CAP_SYS_ADMIN) the test is skipped. Every mount is undone when the block ends, lazily if
something still holds it, so none is ever left behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("needs root on Linux to mount a read-only folder or a small disk")
    done = subprocess.run(["mount", *args], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        pytest.skip(f"mounting is not permitted here: {done.stderr.strip()}")


def _unmount(target: Path) -> None:
    done = subprocess.run(["umount", str(target)], capture_output=True, timeout=60)
    if done.returncode != 0:  # something still holds it: detach it now, freed when let go
        subprocess.run(["umount", "-l", str(target)], capture_output=True, timeout=60)


def is_mounted(target: Path) -> bool:
    with open("/proc/mounts", encoding="utf-8") as mounts:
        return any(line.split()[1] == str(target) for line in mounts)


@contextlib.contextmanager
def read_only_view(folder: Path, target: Path) -> Iterator[Path]:
    """``folder`` shown read-only at ``target`` (made, and emptied again afterwards)."""
    target.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(folder), str(target))
    try:
        done = subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(target)], capture_output=True, timeout=60
        )
        if done.returncode != 0:
            pytest.skip("a read-only bind mount is not permitted here")
        yield target
    finally:
        _unmount(target)
        assert not is_mounted(target)


@contextlib.contextmanager
def small_disk(target: Path, size: str = "4m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target))
    try:
        yield target
    finally:
        _unmount(target)
        assert not is_mounted(target)


def fill(disk: Path) -> Path:
    """Fill ``disk`` to the last byte with one file; its path (remove it to free the space)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        for size in (1 << 20, 1 << 12, 1):
            chunk = b"\0" * size
            while True:
                try:
                    os.write(fd, chunk)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
    finally:
        os.close(fd)
    return filler
