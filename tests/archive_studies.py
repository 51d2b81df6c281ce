"""A dossier with imaging studies, made through the core, for the archive tests.

Not a test module. The studies are added from generated discs (tests/dicom_discs.py)
through the real scan and add: the files go into the vault as they do for a person.
"""

from __future__ import annotations

import json
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.core import records
from dossier.core.archive.format import MANIFEST_NAME
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier
from dossier.core.sql_driver import sqlite3
from tests.dicom_discs import SeriesSpec, StudySpec, add_study, write_instance

DERIVED = ("search_map", "search_fts", "_sqlite_migrations")


@dataclass(frozen=True)
class Studied:
    """The dossier's folder and the numbers of what is in it."""

    folder: Path
    case: int
    document: int
    kept: int  # CT ABDOMEN: one series of three slices, in the case
    thorax: int  # CT THORAX: a plain series and a JPEG 2000 one
    listed: int  # MRI KNEE: only catalogued (keep=False), the disc in a drawer
    trashed: int  # XR HAND: kept, then put in the trash


def build_studied(folder: Path, discs: Path, *, small: bool = False) -> Studied:
    """A dossier holding a letter and imaging studies; ``small``: only the CT ABDOMEN and
    the catalogued MRI KNEE (the other numbers are then 0)."""
    with create_dossier(folder, name="Margaret Example", born="1958-02-14") as made:
        case = records.create(made, "case", {"title": "A nodule in the lung"}).id
        letter = discs / "letter.txt"
        letter.parent.mkdir(parents=True, exist_ok=True)
        letter.write_text("Radiology letter: a small nodule in the left lung.\n", "utf-8")
        [imported] = import_paths(made, [letter], case_id=case)
        kept = add_study(made, discs / "ct", case_id=case)
        listed = add_study(
            made,
            discs / "knee",
            StudySpec(
                12,
                description="MRI KNEE",
                date="20251104",
                series=(SeriesSpec(1, "T1 SAG", modality="MR", body_part="KNEE", slices=2),),
            ),
            keep=False,
            location="the blue folder at home",
        )
        thorax = trashed = 0
        if not small:
            thorax = add_study(
                made,
                discs / "thorax",
                StudySpec(
                    11,
                    description="CT THORAX",
                    series=(
                        SeriesSpec(1, "THORAX 2.5 MM", slices=3),
                        SeriesSpec(2, "THORAX LONG", slices=2, syntax="j2k"),
                    ),
                ),
            )
            trashed = add_study(
                made,
                discs / "hand",
                StudySpec(
                    13,
                    description="XR HAND",
                    series=(SeriesSpec(1, "HAND PA", modality="DX", body_part="HAND", slices=1),),
                ),
            )
            records.delete(made, "study", trashed)
    assert imported.document_id is not None
    return Studied(folder, case, imported.document_id, kept, thorax, listed, trashed)


def dual_file(path: Path) -> Path:
    """A file that is both a DICOM image and a TIFF picture (a "dual personality" file, as
    some scanners write): a 1x1 TIFF in the DICOM file's 128-byte preamble."""
    spec = StudySpec(20, description="DUAL", series=(SeriesSpec(1, "DUAL 1", slices=1),))
    write_instance(path, spec, spec.series[0], 0)
    entries = [  # tag, type (3: short, 4: long), value
        (256, 3, 1),  # width
        (257, 3, 1),  # height
        (258, 3, 8),  # bits per sample
        (259, 3, 1),  # no compression
        (262, 3, 1),  # black is zero
        (273, 4, 8 + 2 + 12 * 8 + 4),  # where the pixel is: right after the directory
        (278, 3, 1),  # rows per strip
        (279, 4, 1),  # bytes in the strip
    ]
    tiff = bytearray(b"II*\x00" + struct.pack("<IH", 8, len(entries)))
    for tag, kind, value in entries:
        tiff += struct.pack(
            "<HHIHH" if kind == 3 else "<HHII", tag, kind, 1, value, *([0] * (kind == 3))
        )
    tiff += struct.pack("<I", 0) + b"\x80"
    data = bytearray(path.read_bytes())
    data[: len(tiff)] = tiff
    path.write_bytes(bytes(data))
    return path


def table_rows(db_path: Path, table: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2'))
    finally:
        conn.close()


def user_tables(db_path: Path) -> list[str]:
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return [r[0] for r in rows if not r[0].startswith(("sqlite_", "search_fts_"))]
    finally:
        conn.close()


def image_rows(db_path: Path) -> list[tuple[int, str | None, int]]:
    """(id, sha256, size) of every image, in order."""
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.execute("SELECT id, sha256, size FROM imaging_file ORDER BY id"))
    finally:
        conn.close()


def read_manifest(archive: Path) -> dict[str, Any]:
    with zipfile.ZipFile(archive) as zipped:
        manifest: dict[str, Any] = json.loads(zipped.read(MANIFEST_NAME))
    return manifest


__all__ = [
    "DERIVED",
    "Studied",
    "build_studied",
    "dual_file",
    "image_rows",
    "read_manifest",
    "table_rows",
    "user_tables",
]
