"""Imaging studies in an archive: their records and their image files travel, and come back.

A real dossier with studies added from generated discs through the core (one kept in a
case, one with a JPEG 2000 series, one only catalogued, one in the trash), real zip files,
real sandboxed readers. The rebuilt dossier holds every row and every image file byte for
byte, finds the studies in search, and copies their disc for the next doctor again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pydicom
import pytest
from pydicom.fileset import FileSet

from dossier.core import records
from dossier.core.archive import ArchiveRejected, UnreadableFiles, export_archive, import_archive
from dossier.core.archive.format import FORMAT_VERSION, MANIFEST_NAME, README_NAME
from dossier.core.archive.unreadable import UnreadableImage
from dossier.core.errors import DossierError
from dossier.core.hashing import sha256_file
from dossier.core.imaging.export import export_disc
from dossier.core.imaging.preview import ImageReader, series_slices
from dossier.core.integrity.check import check_dossier
from dossier.core.opening import open_dossier
from dossier.core.search import search
from dossier.core.storage import Dossier
from tests.archive_studies import (
    DERIVED,
    Studied,
    build_studied,
    image_rows,
    read_manifest,
    table_rows,
    user_tables,
)

QUERIES = ("abdomen", "thorax", "knee", "T1 SAG", "hand", "nodule", "blue folder")


@pytest.fixture(scope="module")
def studied(tmp_path_factory: pytest.TempPathFactory) -> Studied:
    base = tmp_path_factory.mktemp("studied")
    return build_studied(base / "dossier", base / "discs")


@pytest.fixture
def copy(studied: Studied, tmp_path: Path) -> Studied:
    """A copy of the dossier with studies, for a test that changes it."""
    folder = tmp_path / "copy"
    shutil.copytree(studied.folder, folder)
    return Studied(folder, *(getattr(studied, f) for f in list(Studied.__dataclass_fields__)[1:]))


def hits(dossier: Dossier, query: str) -> set[tuple[str, int, int | None]]:
    return {(h.kind, h.id, h.page) for h in search(dossier, query, limit=500)}


def kept_hashes(db_path: Path) -> set[str]:
    return {sha for _id, sha, _size in image_rows(db_path) if sha is not None}


def disc_hashes(folder: Path) -> set[str]:
    return {sha256_file(p) for p in folder.rglob("*") if p.is_file() and p.name != "DICOMDIR"}


def test_studies_round_trip_with_every_row_and_image_file(studied: Studied, tmp_path: Path) -> None:
    archive = tmp_path / "margaret.zip"
    with open_dossier(studied.folder) as original:
        exported = export_archive(original, archive)
        before = {q: hits(original, q) for q in QUERIES}
    old_db = studied.folder / "dossier.sqlite"
    images = kept_hashes(old_db)
    assert len(images) == 3 + 5 + 1  # ABDOMEN, THORAX (plain and JPEG 2000), the trashed HAND
    assert len(image_rows(old_db)) == len(images) + 2  # the KNEE's two, only catalogued
    assert exported.images == len(images) and exported.files == len(images) + 1
    assert exported.left_out == ()

    manifest = read_manifest(archive)
    assert manifest["format_version"] == FORMAT_VERSION
    assert {e["sha256"] for e in manifest["images"]} == images
    assert manifest["missing_images"] == [] and manifest["missing_files"] == []
    with zipfile.ZipFile(archive) as zipped:
        names = set(zipped.namelist())
        assert {f"images/{sha}.dcm" for sha in images} <= names
        for entry in manifest["images"]:
            data = zipped.read(entry["path"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
            assert data[128:132] == b"DICM" and len(data) == entry["size"]
            assert zipped.getinfo(entry["path"]).compress_type == zipfile.ZIP_STORED
        assert "images/ holds the image files" in zipped.read(README_NAME).decode()

    rebuilt = tmp_path / "rebuilt"
    result = import_archive(archive, rebuilt)
    assert (result.studies, result.images, result.missing_images) == (4, len(images), ())
    assert result.records == exported.records and result.documents == 1

    new_db = rebuilt / "dossier.sqlite"
    tables = user_tables(old_db)
    assert user_tables(new_db) == tables
    assert {"imaging_study", "imaging_series", "imaging_file", "physical_item"} <= set(tables)
    for table in tables:
        if table not in DERIVED:
            assert table_rows(new_db, table) == table_rows(old_db, table), table
    old_vault = {p.name for p in (studied.folder / "vault").glob("??/*")}
    assert {p.name for p in (rebuilt / "vault").glob("??/*")} == old_vault
    for sha in images:
        new, old = (f / "vault" / sha[:2] / sha for f in (rebuilt, studied.folder))
        assert new.read_bytes() == old.read_bytes() and sha256_file(new) == sha

    with open_dossier(rebuilt) as again:
        assert again.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert check_dossier(again).ok  # no stray vault files, the index whole
        assert {q: hits(again, q) for q in QUERIES} == before
        assert ("study", studied.kept, None) in before["abdomen"]
        assert ("study", studied.thorax, None) in before["thorax"]
        assert ("study", studied.listed, None) in before["T1 SAG"]  # a series' description
        assert not any(kind == "study" for kind, _i, _p in before["hand"])  # in the trash
        study = records.get(again, "study", studied.thorax)
        assert study["kept"] and study["image_count"] == 5
        assert [s["description"] for s in study["series"]] == ["THORAX 2.5 MM", "THORAX LONG"]

        disc = export_disc(again, [studied.kept, studied.thorax], tmp_path / "for the doctor")
        assert disc.images == 8
        copied = disc_hashes(disc.folder)
        assert len(copied) == 8 and copied <= images
        read_back = FileSet(pydicom.dcmread(disc.folder / "DICOMDIR"))
        uids = {i.StudyInstanceUID for i in read_back}
        read_back._stage["t"].cleanup()  # pydicom leaves its staging folder to the collector
        assert uids == {
            records.get(again, "study", i)["study_uid"] for i in (studied.kept, studied.thorax)
        }
        reader = ImageReader(again)
        try:
            slices = series_slices(again, study["series"][1]["id"])  # JPEG 2000
            drawn = reader.draw(slices[0])
            assert drawn.width == drawn.height == 64
        finally:
            reader.close()

        with pytest.raises(DossierError, match="only listed"):
            export_disc(again, [studied.listed], tmp_path / "knee")
        assert records.get(again, "study", studied.listed)["disc_item_id"] is not None

        records.restore(again, "study", studied.trashed)
        hand = export_disc(again, [studied.trashed], tmp_path / "hand")
        assert hand.images == 1 and disc_hashes(hand.folder) <= images
        assert ("study", studied.trashed, None) in hits(again, "hand")


def test_a_catalogued_study_travels_without_files(dossier: Dossier, tmp_path: Path) -> None:
    """A dossier whose only study was only catalogued: rows, no images, nothing missing."""
    from tests.dicom_discs import add_study

    listed = add_study(dossier, tmp_path / "disc", keep=False, location="in the drawer")
    archive = tmp_path / "a.zip"
    exported = export_archive(dossier, archive)
    assert (exported.files, exported.images) == (0, 0)
    manifest = read_manifest(archive)
    assert manifest["images"] == [] and len(manifest["tables"]["imaging_file"]["rows"]) == 3
    result = import_archive(archive, tmp_path / "rebuilt")
    assert (result.studies, result.images, result.missing_images) == (1, 0, ())
    with open_dossier(tmp_path / "rebuilt") as again:
        study = records.get(again, "study", listed)
        assert not study["kept"] and study["image_count"] == 3
        assert ("study", listed) in {(h.kind, h.id) for h in search(again, "abdomen")}


# Older archives ------------------------------------------------------------------------------
def _rewrite(source: Path, target: Path, change: Any, *, drop: tuple[str, ...] = ()) -> Path:
    """``source`` with its manifest changed by ``change`` and the entries under ``drop``
    left out."""
    with zipfile.ZipFile(source) as zipped, zipfile.ZipFile(target, "w") as out:
        for item in zipped.infolist():
            if item.filename.startswith(drop):
                continue
            data = zipped.read(item)
            if item.filename == MANIFEST_NAME:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
            out.writestr(item, data)
    return target


def _before_images(manifest: dict[str, Any]) -> None:
    """As the format and schema were before imaging studies (format 1, migration 0006)."""
    manifest["format_version"] = 1
    manifest["schema_migrations"].remove("0007_imaging")
    for table in ("imaging_file", "imaging_series", "imaging_study"):
        del manifest["tables"][table]
    del manifest["images"], manifest["missing_images"]


def test_an_archive_from_before_imaging_still_opens(dossier: Dossier, tmp_path: Path) -> None:
    case = records.create(dossier, "case", {"title": "Knee"}).id
    records.create(dossier, "note", {"case_id": case, "text": "Ask about running."})
    archive = tmp_path / "a.zip"
    export_archive(dossier, archive)
    older = _rewrite(archive, tmp_path / "older.zip", _before_images)
    assert "images" not in read_manifest(older)
    result = import_archive(older, tmp_path / "rebuilt")
    assert (result.studies, result.images, result.missing_images) == (0, 0, ())
    with open_dossier(tmp_path / "rebuilt") as again:
        assert [n["text"] for n in records.list_records(again, "note")] == ["Ask about running."]
        assert records.list_records(again, "study") == []
        assert again.read_only is None


def test_a_format_1_archive_with_studies_brings_them_without_their_images(
    studied: Studied, tmp_path: Path
) -> None:
    """Format 1 carried the studies' records but not their files: the studies come back,
    their images marked as not kept, and the rebuild names them."""
    archive = tmp_path / "a.zip"
    with open_dossier(studied.folder) as original:
        export_archive(original, archive)

    def format_1(manifest: dict[str, Any]) -> None:
        manifest["format_version"] = 1
        del manifest["images"], manifest["missing_images"]

    older = _rewrite(archive, tmp_path / "older.zip", format_1, drop=("images/",))
    result = import_archive(older, tmp_path / "rebuilt")
    assert result.images == 0
    assert result.missing_images == (
        (studied.kept, "CT ABDOMEN", 3),
        (studied.thorax, "CT THORAX", 5),
        (studied.trashed, "XR HAND", 1),
    )
    assert result.as_dict()["missing_images"][0] == {
        "study_id": studied.kept,
        "title": "CT ABDOMEN",
        "images": 3,
    }
    new_db = tmp_path / "rebuilt" / "dossier.sqlite"
    assert kept_hashes(new_db) == set()
    with open_dossier(tmp_path / "rebuilt") as again:
        with pytest.raises(DossierError, match="not kept"):
            export_disc(again, [studied.kept], tmp_path / "disc")
        reader = ImageReader(again)
        try:
            with pytest.raises(DossierError, match="not kept"):
                reader.draw(
                    series_slices(
                        again, records.get(again, "study", studied.kept)["series"][0]["id"]
                    )[0]
                )
        finally:
            reader.close()
        assert ("study", studied.kept) in {(h.kind, h.id) for h in search(again, "abdomen")}
    # The same archive claiming format 2 lacks files it should hold: refused.
    claimed = _rewrite(older, tmp_path / "claimed.zip", lambda m: m.update(format_version=2))
    with pytest.raises(ArchiveRejected, match="refers to a file that is not in the archive"):
        import_archive(claimed, tmp_path / "claimed")
    assert not (tmp_path / "claimed").exists()


# Image files that cannot be read when the archive is made -------------------------------------
def _kept_images_of(folder: Path, study_id: int) -> list[tuple[int, str, int]]:
    from dossier.core.sql_driver import sqlite3

    conn = sqlite3.connect(f"{(folder / 'dossier.sqlite').as_uri()}?mode=ro", uri=True)
    try:
        return list(
            conn.execute(
                "SELECT f.id, f.sha256, f.size FROM imaging_file f JOIN imaging_series s "
                "ON s.id = f.series_id WHERE s.study_id = ? AND f.sha256 IS NOT NULL "
                "ORDER BY f.id",
                [study_id],
            )
        )
    finally:
        conn.close()


def test_unreadable_images_stop_the_export_and_travel_as_missing_when_asked(
    copy: Studied, tmp_path: Path
) -> None:
    gone, damaged = _kept_images_of(copy.folder, copy.kept)[:2]
    vault = copy.folder / "vault"
    (vault / gone[1][:2] / gone[1]).unlink()
    damaged_path = vault / damaged[1][:2] / damaged[1]
    damaged_path.chmod(0o644)
    data = bytearray(damaged_path.read_bytes())
    data[-1] ^= 0xFF
    damaged_path.write_bytes(bytes(data))
    archive = tmp_path / "a.zip"
    with open_dossier(copy.folder) as opened:
        with pytest.raises(UnreadableFiles) as caught:
            export_archive(opened, archive)
        assert not archive.exists()
        named = {
            (f.image_id, f.reason) for f in caught.value.files if isinstance(f, UnreadableImage)
        }
        assert named == {(gone[0], "missing"), (damaged[0], "damaged")}
        assert "CT ABDOMEN" in caught.value.message and "imaging study" in caught.value.message
        exported = export_archive(opened, archive, skip_unreadable=True)
    assert exported.images == 9 - 2 and len(exported.left_out) == 2
    manifest = read_manifest(archive)
    missing = {m["image_id"]: m for m in manifest["missing_images"]}
    assert set(missing) == {gone[0], damaged[0]}
    assert missing[gone[0]]["study_id"] == copy.kept and missing[gone[0]]["study"] == "CT ABDOMEN"
    assert missing[damaged[0]]["reason"] == "damaged" and manifest["missing_files"] == []
    with zipfile.ZipFile(archive) as zipped:
        readme = zipped.read(README_NAME).decode()
        assert f"images/{gone[1]}.dcm" not in zipped.namelist()
    assert "Images whose file is not in this archive" in readme and gone[1] in readme

    result = import_archive(archive, tmp_path / "rebuilt")
    assert result.missing_images == ((copy.kept, "CT ABDOMEN", 2),)
    old_rows = {r[0]: r for r in image_rows(copy.folder / "dossier.sqlite")}
    new_rows = {r[0]: r for r in image_rows(tmp_path / "rebuilt" / "dossier.sqlite")}
    assert new_rows[gone[0]][1] is None and new_rows[damaged[0]][1] is None
    assert {i: r for i, r in new_rows.items() if i not in (gone[0], damaged[0])} == {
        i: r for i, r in old_rows.items() if i not in (gone[0], damaged[0])
    }
    with open_dossier(tmp_path / "rebuilt") as again:
        with pytest.raises(DossierError, match="were not kept in the dossier"):
            export_disc(again, [copy.kept], tmp_path / "disc")
        assert export_disc(again, [copy.thorax], tmp_path / "thorax").images == 5


def test_images_known_to_be_unreadable_are_not_read_again(
    copy: Studied, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's second try (export without them) passes what the first found."""
    image = _kept_images_of(copy.folder, copy.thorax)[0]
    stored = copy.folder / "vault" / image[1][:2] / image[1]
    stored.chmod(0o644)
    stored.write_bytes(b"changed")
    with open_dossier(copy.folder) as opened:
        with pytest.raises(UnreadableFiles) as caught:
            export_archive(opened, tmp_path / "a.zip")
        read: list[str] = []
        real_open = os.open

        def spy(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            read.append(str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", spy)
        result = export_archive(
            opened, tmp_path / "a.zip", skip_unreadable=True, leave_out=caught.value.files
        )
    assert not any(image[1] in path for path in read)
    assert [(f.sha256, f.reason) for f in result.left_out] == [(image[1], "damaged")]
    assert "\u201cCT THORAX\u201d" in result.left_out[0].named()
    assert "series 1, image 1" in result.left_out[0].named()
    assert result.as_dict()["left_out"][0]["image_id"] == image[0]


# What one archive carries --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("limits", "words"),
    [
        ({"max_entries": 8}, "it holds 10 files, and an archive can hold 6"),
        ({"max_file_bytes": 1000}, "one of its files is larger than"),
        ({"max_total_bytes": 50_000}, "its files take more than"),
        ({"max_manifest_items": 500}, "would be too large to read back: it holds more than 500"),
    ],
)
def test_an_archive_its_rebuild_would_refuse_is_not_made(
    studied: Studied,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    limits: dict[str, int],
    words: str,
) -> None:
    """Many imaging studies can outgrow what a rebuild takes from a stranger's archive: the
    export then says so instead of saving an archive that could never be opened."""
    from dossier.core.archive import ArchiveError, format

    monkeypatch.setattr(format, "DEFAULT_LIMITS", format.Limits(**limits))
    with open_dossier(studied.folder) as opened, pytest.raises(ArchiveError) as caught:
        export_archive(opened, tmp_path / "a.zip")
    assert "too large for one archive file" in caught.value.message
    assert words in caught.value.message, caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_a_file_both_a_document_and_an_image_travels_once(dossier: Dossier, tmp_path: Path) -> None:
    """Content is stored once in the vault: a file that is both a TIFF document and a DICOM
    image is one file in the archive too (under files/), and both rows find it; and so is
    content two images share."""
    from dossier.core.imaging.adding import add_disc
    from dossier.core.imaging.scan import scan_disc
    from dossier.core.importer.pipeline import import_paths
    from tests.archive_studies import dual_file

    dual = dual_file(tmp_path / "disc" / "IMAGE1")
    [imported] = import_paths(dossier, [dual])
    assert imported.status == "imported", imported.reason
    add_disc(dossier, scan_disc(dossier, tmp_path / "disc"), other_patient=True)
    document = records.get(dossier, "document", imported.document_id)
    [(image, sha, _size)] = image_rows(dossier.path / "dossier.sqlite")
    assert sha == document["sha256"]
    archive = tmp_path / "a.zip"
    exported = export_archive(dossier, archive)
    manifest = read_manifest(archive)
    assert (exported.files, exported.images) == (1, 0) and manifest["images"] == []
    with zipfile.ZipFile(archive) as zipped:
        assert [n for n in zipped.namelist() if "/" in n] == [manifest["files"][0]["path"]]
    result = import_archive(archive, tmp_path / "rebuilt")
    assert result.missing_images == () and result.unreadable == ()
    rebuilt = tmp_path / "rebuilt" / "dossier.sqlite"
    assert image_rows(rebuilt) == [(image, sha, _size)]
    with open_dossier(tmp_path / "rebuilt") as again:
        disc = export_disc(again, [1], tmp_path / "copy")
        assert disc_hashes(disc.folder) == {sha}
