"""Seeing the images, and handing a faithful copy of the disc to the next doctor."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydicom import dcmread

from dossier.core import records
from dossier.core.errors import DossierError
from dossier.core.imaging.adding import add_disc
from dossier.core.imaging.export import export_disc
from dossier.core.imaging.preview import ImageReader, middle, series_slices
from dossier.core.imaging.scan import scan_disc
from dossier.core.importer.pool import SandboxPool
from dossier.core.storage import Dossier
from tests.dicom_discs import SeriesSpec, StudySpec, make_disc, read_file_set
from tests.pinned_day import PinDay


@pytest.fixture
def study(margaret: Dossier, disc: Path, readers: SandboxPool) -> int:
    scan = scan_disc(margaret, disc, pool=readers)
    return add_disc(margaret, scan, other_patient=True).study_ids[0]


@pytest.fixture
def reader(margaret: Dossier) -> Iterator[ImageReader]:
    drawing = ImageReader(margaret)
    yield drawing
    drawing.close()


def test_each_series_shows_its_middle_slice_in_the_files_own_window(
    margaret: Dossier, study: int, reader: ImageReader
) -> None:
    series = records.get(margaret, "study", study)["series"]
    for entry in series:
        slices = series_slices(margaret, entry["id"])
        assert len(slices) == entry["image_count"]
        drawn = reader.draw(slices[middle(slices)])
        assert (drawn.width, drawn.height, drawn.format) == (64, 64, "gray8")
        assert len(drawn.data) == 64 * 64
        air, tissue, bone = drawn.data[0], drawn.data[32 * 64 + 4], drawn.data[48 * 64 + 32]
        assert air == 0  # -1000 HU is below the soft-tissue window (40 / 400)
        assert 100 <= tissue <= 150  # 40 HU, the window's centre
        assert bone == 255  # 700 HU is above it


def test_slices_follow_the_scan_and_differ_from_each_other(
    margaret: Dossier, study: int, reader: ImageReader
) -> None:
    first = records.get(margaret, "study", study)["series"][0]["id"]
    slices = series_slices(margaret, first)
    numbers = [
        margaret.db.execute("SELECT number FROM imaging_file WHERE id = ?", [s.file_id]).fetchone()[
            0
        ]
        for s in slices
    ]
    assert numbers == sorted(numbers)
    assert reader.draw(slices[0]).data != reader.draw(slices[middle(slices)]).data


@pytest.mark.parametrize("syntax", ["rle", "jpeg", "j2k"])
def test_compressed_images_are_decoded(
    margaret: Dossier, tmp_path: Path, readers: SandboxPool, reader: ImageReader, syntax: str
) -> None:
    spec = StudySpec(
        5, description=f"XR {syntax}", series=(SeriesSpec(1, syntax, slices=2, syntax=syntax),)
    )
    disc = make_disc(tmp_path / "disc", [spec])
    added = add_disc(margaret, scan_disc(margaret, disc, pool=readers), other_patient=True)
    series = records.get(margaret, "study", added.study_ids[0])["series"][0]["id"]
    drawn = reader.draw(series_slices(margaret, series)[0])
    assert (drawn.width, drawn.height) == (64, 64)
    assert max(drawn.data) > 200 and min(drawn.data) < 30


def test_an_image_only_listed_or_gone_from_the_vault_says_why(
    margaret: Dossier, study: int, loose_disc: Path, readers: SandboxPool, reader: ImageReader
) -> None:
    listed = add_disc(margaret, scan_disc(margaret, loose_disc, pool=readers), keep=False)
    series = records.get(margaret, "study", listed.study_ids[0])["series"][0]["id"]
    with pytest.raises(DossierError) as caught:
        reader.draw(series_slices(margaret, series)[0])
    assert "only listed" in caught.value.message
    kept = records.get(margaret, "study", study)["series"][0]["id"]
    one = series_slices(margaret, kept)[0]
    assert one.sha256 is not None
    margaret.vault.path_for(one.sha256).unlink()
    with pytest.raises(DossierError):
        reader.draw(one)


def test_the_copy_is_the_original_files_under_a_dicomdir_and_is_recorded(
    margaret: Dossier, study: int, disc: Path, tmp_path: Path, today: PinDay
) -> None:
    today("2026-04-02")
    doctor = records.create(margaret, "contact", {"name": "Dr. R. Cohen"}).id
    target = tmp_path / "USB" / "For Dr Cohen"
    target.parent.mkdir()
    done = export_disc(margaret, [study], target, sent_to_id=doctor)
    assert done.images == 24 and done.folder == target
    with read_file_set(target) as copied:
        assert copied.find_values("StudyInstanceUID") == ["1.2.826.0.1.3680043.10.1043.1"]
        assert len(copied.find_values("SeriesInstanceUID")) == 3 and len(copied) == 24
        paths = [Path(i.path) for i in copied]
    originals = {
        hashlib.sha256(p.read_bytes()).hexdigest() for p in disc.rglob("IM*") if p.is_file()
    }
    assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in paths} == originals
    syntaxes = [str(dcmread(p).file_meta.TransferSyntaxUID) for p in paths]
    assert syntaxes.count("1.2.840.10008.1.2.4.90") == 8  # JPEG 2000, as on the disc
    item = records.get(margaret, "physical_item", done.item_id)
    assert item["kind"] == "disc" and item["location"] == str(target)
    assert item["sent_to_id"] == doctor and item["sent_on"] == "2026-04-02"
    assert not list(tmp_path.joinpath("USB").glob(".*partial*"))


def test_the_copy_never_mixes_into_a_folder_in_use_or_the_dossier(
    margaret: Dossier, study: int, tmp_path: Path, loose_disc: Path, readers: SandboxPool
) -> None:
    full = tmp_path / "stick"
    full.mkdir()
    (full / "holiday.jpg").write_bytes(b"x")
    for target, words in (
        (full, "not empty"),
        (margaret.path / "copy", "outside the dossier"),
    ):
        with pytest.raises(DossierError) as caught:
            export_disc(margaret, [study], target)
        assert words in caught.value.message
    assert sorted(p.name for p in full.iterdir()) == ["holiday.jpg"]
    listed = add_disc(margaret, scan_disc(margaret, loose_disc, pool=readers), keep=False)
    with pytest.raises(DossierError) as caught:
        export_disc(margaret, listed.study_ids, tmp_path / "new")
    assert "copy the disc itself" in caught.value.message
    assert not (tmp_path / "new").exists()
    assert records.list_records(margaret, "physical_item", equal={"location": str(full)}) == []
