"""The files an export writes beside the records, read from the records themselves: each
document's file (``files/<sha256>.<ext>``) and each kept image of an imaging study
(``images/<sha256>.dcm``), and how the manifest lists them.

Each content is written once: an image whose file is also a document's (a file can be
both, a "dual personality" TIFF and DICOM file), or whose content another image of the
dossier has already, travels as that one file; the rebuild finds it by its SHA-256, as
the vault does.
"""

from __future__ import annotations

from typing import Any

from .format import IMAGE_MEDIA_TYPE, file_entry_name, image_entry_name
from .unreadable import Unreadable, UnreadableDocument, UnreadableImage


def archived_files(tables: dict[str, Any]) -> list[Unreadable]:
    """Every file the archive should hold (documents first, then images), each as it would
    be named if it could not be read; ``tables`` is the manifest's."""
    documents: list[Unreadable] = [
        UnreadableDocument(
            document_id=int(row["id"]),
            title=str(row.get("title") or ""),
            sha256=str(row["sha256"]),
            size=int(row["size"]),
            media_type=row.get("media_type"),
            reason="",
        )
        for row in _rows(tables, "document")
    ]
    known = {file.sha256 for file in documents}
    series = {row["id"]: row for row in _rows(tables, "imaging_series")}
    studies = {row["id"]: row for row in _rows(tables, "imaging_study")}
    images: list[Unreadable] = []
    for row in _rows(tables, "imaging_file"):
        sha = row.get("sha256")
        if not sha or sha in known:  # only catalogued, or already written
            continue
        known.add(str(sha))
        one_series = series.get(row["series_id"], {})
        study = studies.get(one_series.get("study_id"), {})
        images.append(
            UnreadableImage(
                image_id=int(row["id"]),
                study_id=int(study.get("id") or 0),
                study=study_title(study),
                series=one_series.get("number"),
                number=row.get("number"),
                sha256=str(sha),
                size=int(row["size"]),
                media_type=IMAGE_MEDIA_TYPE,
                reason="",
            )
        )
    return documents + images


def study_title(study: dict[str, Any]) -> str:
    """How a study is named where a file of it is listed: its description, else its
    modality, else its number on the disc."""
    return str(study.get("description") or study.get("modality") or study.get("study_uid") or "")


def entry_name(file: Unreadable) -> str:
    """The file's name inside the archive."""
    if isinstance(file, UnreadableImage):
        return image_entry_name(file.sha256)
    return file_entry_name(file.sha256, file.media_type)


def manifest_entry(file: Unreadable) -> dict[str, Any]:
    """How the manifest's ``files`` (a document's) or ``images`` list names the file."""
    entry: dict[str, Any] = {
        "path": entry_name(file),
        "sha256": file.sha256,
        "size": file.size,
        "media_type": file.media_type,
    }
    if isinstance(file, UnreadableImage):
        entry["image_id"] = file.image_id
    elif isinstance(file, UnreadableDocument):
        entry["document_id"] = file.document_id
    return entry


def _rows(tables: dict[str, Any], name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = tables.get(name, {}).get("rows", [])
    return rows


__all__ = ["archived_files", "entry_name", "manifest_entry", "study_title"]
