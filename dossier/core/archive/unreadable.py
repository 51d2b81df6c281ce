"""Stored files an export cannot read, and reading one for the archive.

A document's file or an imaging study's image missing from the vault, replaced by
something that is not a file, or whose content no longer matches its SHA-256 must not
block the copy of everything else: the export names them (:class:`UnreadableFiles`), and,
when asked to, saves the archive without them, listing them in its manifest
(``missing_files``, ``missing_images``) and its README.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..i18n import tr
from ..vault import Vault
from ..vault_read import StoredFileRefused, stored_chunks
from .errors import ArchiveError


@dataclass(frozen=True, kw_only=True)
class Unreadable(ABC):
    """A stored file that could not be read into the archive, and why: a document's
    (:class:`UnreadableDocument`) or an imaging study's image (:class:`UnreadableImage`)."""

    sha256: str
    size: int
    media_type: str | None
    reason: str  # one of MISSING_REASONS; "" while not yet known to be unreadable

    @property
    def why(self) -> str:
        """The reason in plain words: "its file is missing from the dossier"."""
        return reason_words(self.reason)

    @abstractmethod
    def named(self) -> str:
        """What it is and why, in one line."""

    @abstractmethod
    def as_dict(self) -> dict[str, Any]:
        """As the manifest lists it (``missing_files`` or ``missing_images``)."""


@dataclass(frozen=True, kw_only=True)
class UnreadableDocument(Unreadable):
    """A document whose file could not be read into the archive."""

    document_id: int
    title: str

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


@dataclass(frozen=True, kw_only=True)
class UnreadableImage(Unreadable):
    """An image of an imaging study whose file could not be read into the archive."""

    image_id: int  # its row of imaging_file
    study_id: int
    study: str  # the study's description (or modality, or number on the disc)
    series: int | None  # the series' number on the disc
    number: int | None  # the image's number in its series

    def named(self) -> str:
        """ "CT THORAX" (imaging study 2), series 1, image 7: its file is missing…"""
        return tr(
            "\u201c{study}\u201d (imaging study {id}), series {series}, image {image}: {why}",
            study=self.study,
            id=self.study_id,
            series="?" if self.series is None else self.series,
            image=f"#{self.image_id}" if self.number is None else self.number,
            why=self.why,
        )

    def as_dict(self) -> dict[str, Any]:
        """As the manifest's ``missing_images`` lists it."""
        return {
            "image_id": self.image_id,
            "study_id": self.study_id,
            "study": self.study,
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
        if all(isinstance(file, UnreadableDocument) for file in files):
            message = tr(
                "The archive was not saved, because the files of these documents cannot be "
                "read:\n{lines}\nThe archive can be saved without them; your dossier was "
                "not changed.",
                lines=lines,
            )
        else:
            message = tr(
                "The archive was not saved, because these files cannot be read:\n{lines}\n"
                "The archive can be saved without them; your dossier was not changed.",
                lines=lines,
            )
        super().__init__(message)
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
