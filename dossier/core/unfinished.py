"""The program's own unfinished work: temporary copies it makes, recognised after it was
stopped in the middle (killed, a power cut) and removed, never anything else.

A restore stages a whole copy of the dossier in ``.<name>.restoring-…`` beside it, opening
an archive builds the new dossier in ``.<name>.importing-…``, an export writes
``.<archive>.….part``: hidden copies of private records. Each is registered before it is
made, and carries a proof that the program made it:

* an entry in the registry, one small file ``<settings>/unfinished/<token>.json`` naming
  the operation, the path, the place it concerns, the process and, once made, the device
  and inode of the folder or file. The operation keeps its entry locked while it runs
  (:mod:`.filelock`), so a running operation is never taken for an interrupted one;
* inside a folder, a marker file holding the same random token.

Only what carries the proof is removed: the registered path, still the same folder (its
device and inode, not a link, in the same parent folder) holding the marker with the
token, or the same ordinary file. The registered path is never the user's: once the work
is renamed to its final place, only the marker is taken out of it. Anything that merely
looks similar is left alone, and ``check`` reports it. Removing never follows a link.

When the work ends, the operation forgets its entry (:meth:`Work.forget`,
:meth:`Work.moved_to`, :meth:`Work.remove`). At the next start of the window and at the
next run of the same operation, :func:`clean_up` removes what interrupted ones left and
says so, in one sentence each (:func:`removed_words`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from . import paths
from .bounded_json import JsonLimits, JsonRefused, loads
from .filelock import try_lock
from .i18n import tr
from .sizes import human_size

Kind = Literal["restore", "export", "import-archive", "bundle"]
MARKER = ".second-opinion-dossier-unfinished"
# The names of the hidden folders each kind of work makes beside the place it concerns.
FOLDER_MARKS: dict[str, str] = {
    "restore": ".restoring-",
    "import-archive": ".importing-",
    "bundle": ".bundling-",
}
_ENTRY_NAME = re.compile(r"[0-9a-f]{32}\.json")
_ENTRY_LIMITS = JsonLimits(max_bytes=64_000, max_depth=2, max_items=100)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_LOCK_AT = 1 << 20  # where Windows locks a byte: past the text, which others still read


@dataclass(frozen=True)
class Leftover:
    """Something an interrupted operation left: ``ours`` when it carries the proof."""

    path: Path
    kind: str  # "restore", "export", "import-archive"
    about: Path | None  # the dossier (or new dossier) it concerns
    size: int  # bytes, links not followed
    ours: bool


class Work:
    """One registered piece of unfinished work; made by :func:`begin_folder` or
    :func:`begin_file`, ended by :meth:`forget`, :meth:`moved_to` or :meth:`remove`."""

    def __init__(self, kind: Kind, path: Path, shape: str, about: Path, target: Path | None):
        self.kind, self.path, self.shape = kind, path.absolute(), shape
        self.about, self.target = about.absolute(), target.absolute() if target else None
        self.token = secrets.token_hex(16)
        self._entry = paths.unfinished_dir() / f"{self.token}.json"
        self._made: dict[str, int] = {}
        self._fd: int | None = None
        try:
            self._entry.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
            self._fd = os.open(self._entry, flags, 0o600)
            try_lock(self._fd, _LOCK_AT)  # a new file: the lock is free; held until the end
            self._save()
        except OSError:  # a settings folder that cannot be written must not stop the work:
            self._release()  # unregistered, a leftover is only reported, never removed

    def _save(self) -> None:
        if self._fd is None:
            return
        entry = {
            "kind": self.kind,
            "shape": self.shape,
            "path": str(self.path),
            "about": str(self.about),
            "target": str(self.target) if self.target else None,
            "parent": os.path.realpath(self.path.parent),
            "pid": os.getpid(),
            "started": datetime.now().isoformat(timespec="seconds"),
            **self._made,
        }
        data = json.dumps(entry, ensure_ascii=True).encode("ascii")  # any path, even not UTF-8
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.ftruncate(self._fd, 0)
        os.write(self._fd, data)
        os.fsync(self._fd)

    def _record(self, info: os.stat_result) -> None:
        self._made = {"device": info.st_dev, "inode": info.st_ino}
        with contextlib.suppress(OSError):
            self._save()

    def forget(self) -> None:
        """The work is over and left nothing at its path: drop the entry."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self._entry.unlink()
        self._release()

    def _release(self) -> None:
        """Let go of the entry's lock (keeping the entry)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def moved_to(self, target: Path) -> None:
        """The folder was renamed to ``target`` (its final place): take the marker out of it."""
        _remove_marker(target, self.token)
        self.forget()

    def keep_for_later(self) -> None:
        """The work's place cannot be reached now (a drive pulled out): keep the entry, so
        the next clean-up removes what was left once the drive is back."""
        self._release()

    def remove(self) -> None:
        """Take away what the work made at its path (links not followed), then forget it.
        When that fails (OSError), the entry stays, so the next clean-up tries again."""
        try:
            if self.shape == "file":
                self.path.unlink(missing_ok=True)
            elif os.path.lexists(self.path):
                remove_folder(self.path)
        except OSError:
            self._release()
            raise
        self.forget()


def begin_folder(
    kind: Kind, path: Path, *, about: Path, target: Path | None = None, mode: int = 0o777
) -> Work:
    """Register, then make the new folder ``path`` with the marker inside (``mode`` as for
    ``os.mkdir``). ``target``: where the folder will be renamed to when complete."""
    work = Work(kind, path, "folder", about, target)
    try:
        os.mkdir(work.path, mode)
        fd = os.open(work.path / MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as marker:
            marker.write(work.token)
        work._record(os.lstat(work.path))
    except BaseException:
        work.remove()
        raise
    return work


def begin_file(kind: Kind, path: Path, *, about: Path) -> tuple[Work, int]:
    """Register, then create the new file ``path`` (readable by its owner only); the work
    and a descriptor open for writing."""
    work = Work(kind, path, "file", about, None)
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
        fd = os.open(work.path, flags, 0o600)
        work._record(os.fstat(fd))
    except BaseException:
        work.forget()
        raise
    return work, fd


def clean_up(kind: Kind | None = None) -> list[Leftover]:
    """Remove what interrupted operations (of ``kind``, or all) left and can be proven
    ours; what was removed. Work still running is left alone, and so is what is not proven."""
    removed: list[Leftover] = []
    for entry in _entries():
        with entry:
            if entry.running or (kind is not None and entry.kind != kind):
                continue
            leftover = entry.leftover()
            if leftover is not None and leftover.ours:
                try:
                    _remove(leftover)
                except OSError:
                    continue  # kept, with its entry: check reports it, next time tries again
                removed.append(leftover)
            elif entry.target is not None and leftover is None:
                _remove_marker(entry.target, entry.token)  # renamed just before the end
            entry.drop()
    return removed


def leftovers_about(place: Path) -> list[Leftover]:
    """What interrupted operations left concerning the dossier folder ``place``: ours
    (registered, proven, not running) wherever it is, and the hidden folders beside it
    named as ours are but without the proof."""
    place = place.absolute()
    real = os.path.realpath(place)
    found: list[Leftover] = []
    registered: set[str] = set()
    for entry in _entries():
        with entry:
            registered.add(os.path.realpath(entry.path))
            if entry.running or os.path.realpath(entry.about) != real:
                continue
            leftover = entry.leftover()
            if leftover is not None:
                found.append(leftover)
    prefixes = tuple(f".{place.name}{mark}" for mark in FOLDER_MARKS.values())
    try:
        beside = sorted(os.scandir(place.parent), key=lambda e: e.name)
    except OSError:
        return found
    for item in beside:
        path = Path(item.path)
        if item.name.startswith(prefixes) and os.path.realpath(path) not in registered:
            kind = next(k for k, m in FOLDER_MARKS.items() if m in item.name)
            found.append(Leftover(path, kind, place, _size(path), ours=False))
    return found


def removed_words(leftover: Leftover) -> str:
    """One sentence saying what was removed."""
    return tr(
        "Removed what {work} had left, a copy the program had made: {path} ({size}).",
        work=work_words(leftover.kind),
        path=leftover.path,
        size=human_size(leftover.size),
    )


def work_words(kind: str) -> str:
    return {
        "restore": tr("an interrupted restore"),
        "export": tr("an interrupted export to an archive"),
        "import-archive": tr("an interrupted opening of an archive"),
        "bundle": tr("an interrupted bundle for the second doctor"),
    }.get(kind, tr("an interrupted operation"))


def remove_folder(folder: Path) -> None:
    """Remove ``folder`` and everything in it without following a link: a link inside is
    removed as a link (``shutil.rmtree`` walks by file descriptors), a link at the top is
    refused. OSError when something could not be removed."""
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode):
        raise OSError(f"not a folder: {folder}")
    if not getattr(shutil.rmtree, "avoids_symlink_attacks", False):  # pragma: no cover
        _remove_walking(folder)
        return
    shutil.rmtree(folder)


def _remove_walking(folder: Path) -> None:
    """Where rmtree may follow a link swapped in meanwhile: bottom-up, links as links."""
    for root, folders, files in os.walk(folder, topdown=False, followlinks=False):
        for name in files:
            os.unlink(os.path.join(root, name))
        for name in folders:
            inner = os.path.join(root, name)
            os.unlink(inner) if os.path.islink(inner) else os.rmdir(inner)
    os.rmdir(folder)


class _Entry:
    """One registry entry, read; locked while open when its work is no longer running."""

    def __init__(self, path: Path) -> None:
        self.file = path
        self.token = path.stem
        self.fd = os.open(path, os.O_RDWR | _NOFOLLOW | _BINARY)
        try:
            self.running = not try_lock(self.fd, _LOCK_AT)
            os.lseek(self.fd, 0, os.SEEK_SET)
            data = loads(os.read(self.fd, _ENTRY_LIMITS.max_bytes + 1), _ENTRY_LIMITS)
            if not isinstance(data, dict):
                raise JsonRefused("not_json", "not an object")
        except BaseException:
            os.close(self.fd)
            raise
        self.data: dict[str, Any] = data
        self.kind = str(data.get("kind"))
        self.path = Path(str(data.get("path")))
        self.about = Path(str(data.get("about")))
        target = data.get("target")
        self.target = Path(target) if isinstance(target, str) else None
        if not self.running and _alive_elsewhere(data.get("pid")):
            self.running = True  # where locks do not work: a live process may still own it

    def __enter__(self) -> _Entry:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def drop(self) -> None:
        with contextlib.suppress(OSError):
            self.file.unlink()

    def leftover(self) -> Leftover | None:
        """What is at the registered path (None: nothing), and whether it is proven ours."""
        try:
            info = os.lstat(self.path)
        except FileNotFoundError:
            return None
        return Leftover(self.path, self.kind, self.about, _size(self.path), self._proven(info))

    def _proven(self, info: os.stat_result) -> bool:
        data = self.data
        made = (data.get("device"), data.get("inode"))
        if made != (None, None) and made != (info.st_dev, info.st_ino):
            return False
        if os.path.realpath(self.path.parent) != data.get("parent"):
            return False  # a folder above was replaced (by a link?) since
        if data.get("shape") == "file":
            return stat.S_ISREG(info.st_mode) and made != (None, None)
        if not stat.S_ISDIR(info.st_mode):
            return False
        if _marker_token(self.path) == self.token:
            return True
        return made == (None, None) and not any(os.scandir(self.path))  # stopped at mkdir


def _entries() -> Iterator[_Entry]:
    """Every readable registry entry (a damaged one is left where it is)."""
    folder = paths.unfinished_dir()
    try:
        names = sorted(e.name for e in os.scandir(folder) if _ENTRY_NAME.fullmatch(e.name))
    except OSError:
        return
    for name in names:
        try:
            entry = _Entry(folder / name)
        except (OSError, JsonRefused):
            continue
        yield entry


def _remove(leftover: Leftover) -> None:
    if stat.S_ISDIR(os.lstat(leftover.path).st_mode):
        remove_folder(leftover.path)
    else:
        leftover.path.unlink()


def _marker_token(folder: Path) -> str | None:
    try:
        fd = os.open(folder / MARKER, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as marker:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return marker.read(64).decode("ascii", "replace")


def _remove_marker(folder: Path, token: str) -> None:
    """Take our marker out of ``folder`` (the work's final place), if it holds ``token``."""
    if _marker_token(folder) == token:
        with contextlib.suppress(OSError):
            (folder / MARKER).unlink()


def _size(path: Path) -> int:
    """Bytes in ``path`` (a file, or a folder and everything in it), links not followed."""
    try:
        info = os.lstat(path)
    except OSError:
        return 0
    if not stat.S_ISDIR(info.st_mode):
        return info.st_size
    total = 0
    for root, _folders, files in os.walk(path, followlinks=False):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(root, name)).st_size
    return total


def _alive_elsewhere(pid: Any) -> bool:
    """Whether process ``pid`` (not this one) is running; only asked where locks may be
    missing (POSIX). On Windows a lock is mandatory and this is never needed."""
    if sys.platform == "win32" or not isinstance(pid, int) or pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


__all__ = [
    "FOLDER_MARKS",
    "MARKER",
    "Leftover",
    "Work",
    "begin_file",
    "begin_folder",
    "clean_up",
    "leftovers_about",
    "remove_folder",
    "removed_words",
    "work_words",
]
