"""Copies of a document's file to hand to the person's usual programs (to open it there,
see :mod:`dossier.ui.system_files`) or to keep.

Vault files are named by their content hash, without an extension, so another
program would not know what they are: a copy named after the original file (or
the title, with the extension of its type) is made first, in a private temporary
folder that is removed when the program quits. Both copies are made through the
vault's checked reader (:mod:`dossier.core.vault_read`): only a regular file of the
vault, never a link, whose size and SHA-256 are what was stored, is handed out; anything
else raises :class:`~dossier.core.vault_read.StoredFileRefused` and no copy is left.

The copy for another program is the one place a protected dossier's document exists
decrypted outside the program's memory, so the person is asked first
(:mod:`.document_actions`). It goes to the user's runtime folder where there is one
(``XDG_RUNTIME_DIR``: in memory, readable by the user only, emptied at logout), else to
the temporary folder; its folder is named with the program's process number, so copies
left by a program that crashed are removed at the next start
(:func:`remove_leftover_copies`).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...core.media_types import extension as extension_of
from ...core.vault import Vault
from ...core.vault_read import StoredFileRefused, copy_stored

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_PREFIX = "second-opinion-"
_OURS = re.compile(rf"^{_PREFIX}(\d+)-[A-Za-z0-9_]+$")  # second-opinion-<process>-<random>
_temp_root: Path | None = None


def file_name(record: Mapping[str, Any]) -> str:
    """A safe file name for a document: its original name, else its title plus extension."""
    extension = extension_of(record.get("media_type"))
    original = _UNSAFE.sub("_", Path(str(record.get("original_name") or "")).name).strip(" .")
    if original:
        if not Path(original).suffix and extension:
            original += extension
        return original[:180]
    title = _UNSAFE.sub("_", str(record.get("title") or "document")).strip(" .") or "document"
    return title[:120] + extension


def _runtime_folder() -> Path | None:
    """The user's runtime folder (``XDG_RUNTIME_DIR``), when it is a real folder of theirs
    that no one else can read; else None."""
    value = os.environ.get("XDG_RUNTIME_DIR")
    if not value or not hasattr(os, "getuid"):
        return None
    try:
        info = os.lstat(value)
    except OSError:
        return None
    private = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
    return Path(value) if private and not info.st_mode & 0o077 else None


def _copy_places() -> list[Path]:
    """Where copies for other programs go (the first), and where older ones may be."""
    places = [Path(tempfile.gettempdir())]
    runtime = _runtime_folder()
    return [runtime, *places] if runtime is not None else places


def _private_folder() -> Path:
    global _temp_root
    if _temp_root is None or not _temp_root.is_dir():
        prefix = f"{_PREFIX}{os.getpid()}-"
        _temp_root = Path(tempfile.mkdtemp(prefix=prefix, dir=_copy_places()[0]))  # yours only
        atexit.register(shutil.rmtree, _temp_root, True)
    return _temp_root


def remove_open_copies() -> None:
    """Remove every copy made for another program by this program (those programs may
    still show what they read)."""
    global _temp_root
    if _temp_root is not None:
        shutil.rmtree(_temp_root, ignore_errors=True)
        _temp_root = None


def remove_leftover_copies() -> int:
    """Remove the copies for other programs left by this program when it ended without
    removing them (it crashed, or the computer was switched off): the folders named as
    this module names them, the user's own, of a process no longer running. How many."""
    removed = 0
    for place in _copy_places():
        try:
            entries = list(os.scandir(place))
        except OSError:
            continue
        for entry in entries:
            found = _OURS.match(entry.name)
            if found is None or int(found.group(1)) == os.getpid():
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
                if stat.S_ISDIR(info.st_mode) and mine and not _running(int(found.group(1))):
                    shutil.rmtree(entry.path)
                    removed += 1
    return removed


def _running(pid: int) -> bool:
    if os.name == "nt":  # no cheap way to ask: a copy is kept rather than taken from a program
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: running
        return True
    return True


def stored(record: Mapping[str, Any]) -> tuple[str, int]:
    """The SHA-256 and recorded size of a document record's file."""
    sha, size = record.get("sha256"), record.get("size")
    if not isinstance(sha, str) or not isinstance(size, int):
        raise StoredFileRefused("missing")
    return sha, size


def temporary_copy(vault: Vault, record: Mapping[str, Any]) -> Path:
    """A checked copy of the document's file in a private folder, under its own file name."""
    folder = Path(tempfile.mkdtemp(dir=_private_folder()))  # one folder each: no name clashes
    try:
        return copy_stored(vault, *stored(record), folder / file_name(record))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def save_copy(vault: Vault, record: Mapping[str, Any], target: Path) -> Path:
    """A checked copy of the document's file at ``target``, the person's choice."""
    return copy_stored(vault, *stored(record), target, mode=0o644)
