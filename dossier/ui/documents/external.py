"""Copies of a document's file to hand to the person's usual programs (to open it there,
see :mod:`dossier.ui.system_files`) or to keep.

Vault files are named by their content hash, without an extension, so another
program would not know what they are: a copy named after the original file (or
the title, with the extension of its type) is made first, in a private temporary
folder that is removed when the program quits. Both copies are made through the
vault's checked reader (:mod:`dossier.core.vault_read`): only a regular file of the
vault, never a link, whose size and SHA-256 are what was stored, is handed out; anything
else raises :class:`~dossier.core.vault_read.StoredFileRefused` and no copy is left.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...core.media_types import extension as extension_of
from ...core.vault import Vault
from ...core.vault_read import StoredFileRefused, copy_stored

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
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


def _private_folder() -> Path:
    global _temp_root
    if _temp_root is None or not _temp_root.is_dir():
        _temp_root = Path(tempfile.mkdtemp(prefix="second-opinion-"))  # readable by you only
        atexit.register(shutil.rmtree, _temp_root, True)
    return _temp_root


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
