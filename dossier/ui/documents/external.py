"""Hand a document to the person's usual programs: open it there, or save a copy of it.

Vault files are named by their content hash, without an extension, so another
program would not know what they are: a copy named after the original file (or
the title, with the extension of its type) is made first, in a private temporary
folder that is removed when the program quits.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

_EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tif",
    "text/plain": ".txt",
}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_temp_root: Path | None = None


def file_name(record: Mapping[str, Any]) -> str:
    """A safe file name for a document: its original name, else its title plus extension."""
    extension = _EXTENSIONS.get(record.get("media_type") or "", "")
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


def temporary_copy(source: Path, record: Mapping[str, Any]) -> Path:
    """Copy ``source`` to a private folder under the document's own file name."""
    folder = Path(tempfile.mkdtemp(dir=_private_folder()))  # one folder each: no name clashes
    target = folder / file_name(record)
    shutil.copyfile(source, target)
    return target


def save_copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def open_with_system(path: Path) -> bool:
    """Open ``path`` in the program the system uses for its type."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
