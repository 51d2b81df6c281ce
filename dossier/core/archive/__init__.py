"""Portable archives: a whole dossier in one open, documented zip file, and back: every
record, every document's file and every kept image of its imaging studies.

:func:`export_archive` writes one (see resources/archive-format.md for the format);
:func:`import_archive` rebuilds a new dossier from one, all or nothing, refusing an
archive that is damaged, unsafe to unpack, or not what its manifest says.
"""

from __future__ import annotations

from .errors import ArchiveCancelled, ArchiveError, ArchiveRejected
from .export import ExportResult, export_archive
from .format import ARCHIVE_SUFFIX, DEFAULT_LIMITS, FORMAT_VERSION, Limits, Progress
from .rebuild import RebuildResult, import_archive
from .unreadable import Unreadable, UnreadableDocument, UnreadableFiles, UnreadableImage

__all__ = [
    "ARCHIVE_SUFFIX",
    "DEFAULT_LIMITS",
    "FORMAT_VERSION",
    "ArchiveCancelled",
    "ArchiveError",
    "ArchiveRejected",
    "ExportResult",
    "Limits",
    "Progress",
    "RebuildResult",
    "Unreadable",
    "UnreadableDocument",
    "UnreadableFiles",
    "UnreadableImage",
    "export_archive",
    "import_archive",
]
