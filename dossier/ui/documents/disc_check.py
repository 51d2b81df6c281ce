"""Scans from an imaging disc offered as documents: a folder that holds DICOM files goes to
the Imaging page as a disc, and a DICOM file chosen on its own is pointed there: a disc is
added whole, so its studies and series stay together and its patient is checked.

Looked at before the import starts, quickly: each file chosen by its first bytes, each
folder by its DICOMDIR or its first files (see :func:`dossier.core.imaging.disc.holds_dicom`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ...core.imaging.disc import holds_dicom, is_dicom_file

LOOK_AT = 200  # files looked at in a folder without a DICOMDIR


@dataclass
class Sorted:
    documents: list[Path] = field(default_factory=list)
    discs: list[Path] = field(default_factory=list)  # folders (or .zip files) of a disc
    scans: list[Path] = field(default_factory=list)  # DICOM files chosen one by one


def sort_paths(paths: Sequence[Path]) -> Sorted:
    """``paths`` split into documents, discs and single DICOM files."""
    found = Sorted()
    for path in paths:
        try:
            if path.is_dir():
                (found.discs if holds_dicom(path, look_at=LOOK_AT) else found.documents).append(
                    path
                )
            elif path.suffix.lower() == ".zip" and _zipped_disc(path):
                found.discs.append(path)
            elif is_dicom_file(path):
                found.scans.append(path)
            else:
                found.documents.append(path)
        except OSError:
            found.documents.append(path)  # the import says why it cannot be read
    return found


def _zipped_disc(path: Path) -> bool:
    """A ``.zip`` holding a DICOMDIR: a disc sent as one file."""
    try:
        with zipfile.ZipFile(path) as archive:
            return any(
                name.rstrip("/").rsplit("/", 1)[-1].upper() in ("DICOMDIR", "DICOMDIR.")
                for name in archive.namelist()[:50_000]
            )
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


__all__ = ["Sorted", "sort_paths"]
