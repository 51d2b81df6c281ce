"""The kinds of file the dossier takes, by media type, and the name ending of each.

The dossier judges a file by its bytes (:mod:`.importer.sniff`), never by its name; the
ending is only given to copies that leave the vault (an archive's files, a document
opened in another program), so the person's computer opens each with the right program.
"""

from __future__ import annotations

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
TIFF = "image/tiff"
TEXT = "text/plain"

EXTENSIONS: dict[str, str] = {
    PDF: ".pdf",
    JPEG: ".jpg",
    PNG: ".png",
    TIFF: ".tif",
    TEXT: ".txt",
}


def extension(media_type: str | None) -> str:
    """The file name ending for ``media_type`` ('.pdf'); '' for one the dossier does not take."""
    return EXTENSIONS.get(media_type or "", "")


__all__ = ["EXTENSIONS", "JPEG", "PDF", "PNG", "TEXT", "TIFF", "extension"]
