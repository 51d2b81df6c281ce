"""The archive format: names, version and limits shared by export and rebuild.

An archive is a zip file holding ``manifest.json`` (every record, described in
resources/archive-format.md), ``README.txt`` (the same in a few plain sentences),
each document's file under ``files/<sha256>.<ext>`` and, from format version 2, each
kept image of an imaging study under ``images/<sha256>.dcm``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..media_types import extension

FORMAT_NAME = "second-opinion-dossier-archive"
# 1: records and document files. 2: also the image files of imaging studies ("images",
# "missing_images"); a version 1 archive carries none, so its studies come back with
# their images not kept.
FORMAT_VERSION = 2
FIRST_WITH_IMAGES = 2
MANIFEST_NAME = "manifest.json"
README_NAME = "README.txt"
FILES_DIR = "files"
IMAGES_DIR = "images"
IMAGE_MEDIA_TYPE = "application/dicom"
ARCHIVE_SUFFIX = ".zip"

# Tables whose content is made again from the rest, so an archive leaves them out.
# Virtual (FTS) tables and their shadow tables, and SQLite's own, are left out as well.
DERIVED_TABLES: dict[str, str] = {
    "_sqlite_migrations": "the list of schema changes applied; the archive names them in "
    "schema_migrations instead",
    "search_fts": "the full-text search index, rebuilt from the records and the files",
    "search_map": "what each row of the search index points at, rebuilt with it",
    "document_page": "the text of each document page, read again from the files",
}

# Why an export left a document's file out (the manifest's "missing_files"): not in the
# vault, replaced by something that is not a file, content not what was stored, or the
# system refused to read it.
MISSING_REASONS = ("missing", "not_a_file", "damaged", "unreadable")

# (a plain-words description of the step, done, total)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Limits:
    """What an archive may hold before it is refused as unsafe to unpack."""

    max_entries: int = 100_000
    max_total_bytes: int = 200 << 30  # 200 GB unpacked, all files together
    max_file_bytes: int = 4 << 30  # the most any version of the import has taken
    # The manifest: the largest of a realistic ten-year dossier (5,000 documents, 36,000
    # records, long texts) is 39 MB with 340,000 values and 6 levels of nesting.
    max_manifest_bytes: int = 128 << 20
    max_manifest_depth: int = 16
    max_manifest_items: int = 2_000_000
    max_ratio: int = 200  # unpacked size / packed size, per entry
    ratio_floor: int = 1 << 20  # entries smaller than this unpacked cannot be bombs


DEFAULT_LIMITS = Limits()


def file_entry_name(sha256: str, media_type: str | None) -> str:
    """Where the file with this content is kept inside an archive: named with the ending
    of its type, so a reader's computer opens it with the right program (the dossier
    itself never trusts the ending: it judges content by its bytes)."""
    return f"{FILES_DIR}/{sha256}{extension(media_type)}"


def image_entry_name(sha256: str) -> str:
    """Where an imaging study's image with this content is kept inside an archive: the
    one name an archive may give it (``images/<sha256>.dcm``)."""
    return f"{IMAGES_DIR}/{sha256}.dcm"
