"""Document files an export cannot read, and reading one for the archive.

A file missing from the vault, replaced by something that is not a file, or whose content
no longer matches its SHA-256 must not block the copy of everything else: the export names
them (:class:`UnreadableFiles`), and, when asked to, saves the archive without them,
listing them in its manifest (``missing_files``) and its README.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..i18n import tr
from ..vault import Vault
from ..vault_read import StoredFileRefused, stored_chunks
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
        "not_a_file": tr(
            "its file has been replaced by a link or by something that is not an ordinary file"
        ),
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
    vault: Vault, sha256: str, size: int, sink: Callable[[bytes], object] | None
) -> str | None:
    """Read the stored file ``sha256`` into ``sink`` (or only check it, without a sink).

    It is read through the vault's checked reader: an ordinary file of the vault, reached
    without following a link, of ``size`` bytes whose content has ``sha256``. The reason it
    is not (one of MISSING_REASONS), or None. A failing ``sink`` (the archive's disk)
    raises as it is; only reading is judged.
    """
    try:
        for chunk in stored_chunks(vault, sha256, size):
            if sink is not None:
                sink(chunk)
    except StoredFileRefused as exc:
        return _REASON_OF[exc.problem]
    return None


_REASON_OF = {"missing": "missing", "replaced": "not_a_file", "damaged": "damaged"}
