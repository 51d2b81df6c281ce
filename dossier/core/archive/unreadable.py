"""Document files an export cannot read, and reading one for the archive.

A file missing from the vault, replaced by something that is not a file, or whose content
no longer matches its SHA-256 must not block the copy of everything else: the export names
them (:class:`UnreadableFiles`), and, when asked to, saves the archive without them,
listing them in its manifest (``missing_files``) and its README.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import tr
from ..vault import CHUNK
from .errors import ArchiveError


@dataclass(frozen=True)
class Unreadable:
    """A document whose file could not be read into the archive, and why."""

    document_id: int
    title: str
    sha256: str
    size: int
    media_type: str | None
    reason: str  # one of MISSING_REASONS

    @property
    def why(self) -> str:
        """The reason in plain words: "its file is missing from the dossier"."""
        return reason_words(self.reason)

    def named(self) -> str:
        """ "Blood test" (document 3): its file is missing from the dossier."""
        return tr(
            "\u201c{title}\u201d (document {id}): {why}",
            title=self.title,
            id=self.document_id,
            why=self.why,
        )

    def as_dict(self) -> dict[str, Any]:
        """As the manifest's ``missing_files`` lists it."""
        return {
            "document_id": self.document_id,
            "title": self.title,
            "sha256": self.sha256,
            "size": self.size,
            "media_type": self.media_type,
            "reason": self.reason,
            "why": self.why,
        }


def reason_words(reason: str) -> str:
    """One of MISSING_REASONS in plain words."""
    return {
        "missing": tr("its file is missing from the dossier"),
        "not_a_file": tr("its file was replaced by something that is not a file (a link)"),
        "damaged": tr("its file is damaged: its content no longer matches what was stored"),
        "unreadable": tr("its file cannot be read"),
    }.get(reason, tr("its file could not be read"))


class UnreadableFiles(ArchiveError):
    """The export met files it cannot read; ``files`` names them. Nothing was saved."""

    def __init__(self, files: tuple[Unreadable, ...]) -> None:
        lines = "\n".join(f"- {file.named()}" for file in files)
        super().__init__(
            tr(
                "The archive was not saved, because the files of these documents cannot be "
                "read:\n{lines}\nThe archive can be saved without them; your dossier was "
                "not changed.",
                lines=lines,
            )
        )
        self.files = files


def copy_verified(
    source: Path, size: int, sha256: str, sink: Callable[[bytes], object] | None
) -> str | None:
    """Read the vault file ``source`` into ``sink`` (or only check it, without a sink).

    The file is opened without following a link and must be an ordinary file of ``size``
    bytes whose content has ``sha256``. The reason it is not (one of MISSING_REASONS), or
    None. A failing ``sink`` (the archive's disk) raises as it is; only reading is judged.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(source, flags | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return "not_a_file" if exc.errno == errno.ELOOP else "unreadable"
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return "not_a_file"
        if info.st_size != size:
            return "damaged"
        digest = hashlib.sha256()
        copied = 0
        while True:
            try:
                chunk = handle.read(CHUNK)
            except OSError:
                return "unreadable"
            if not chunk:
                break
            digest.update(chunk)
            copied += len(chunk)
            if sink is not None:
                sink(chunk)
    return None if copied == size and digest.hexdigest() == sha256 else "damaged"
