"""Reading a disc: which files are DICOM, and the studies and series they make."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from dossier.core.errors import DossierError
from dossier.core.imaging.scan import opened_disc, scan_disc
from dossier.core.importer.pool import SandboxPool
from dossier.core.storage import Dossier
from tests.dicom_discs import OTHER_PATIENT, PATIENT


def test_the_dicomdir_lists_the_images_and_the_viewer_is_left_alone(
    margaret: Dossier, disc: Path, readers: SandboxPool
) -> None:
    scan = scan_disc(margaret, disc, pool=readers)
    assert scan.files.listed and scan.files.missing == 0 and scan.refused == []
    [study] = scan.studies
    assert study.description == "CT THORAX MET CONTRAST"
    assert study.date == "2026-03-12"
    assert study.institution == "Amsterdam UMC"
    assert study.accession == "A2026-0312-77"
    assert study.modality == "CT"
    assert [(s.number, s.description, len(s.images)) for s in study.series] == [
        (1, "THORAX 2.5 MM", 12),
        (2, "THORAX LONG", 8),
        (3, "SCOUT", 4),
    ]
    assert study.image_count == 24 and study.existing_id is None and study.known_images == 0
    numbers = [image.tags["number"] for image in study.series[0].images]
    assert numbers == list(range(1, 13))  # in scanning order, whatever the file names
    assert all("viewer" not in str(i.path).lower() for s in study.series for i in s.images)


def test_the_patient_check_names_the_other_person_on_the_disc(
    margaret: Dossier, disc: Path, readers: SandboxPool
) -> None:
    [study] = scan_disc(margaret, disc, pool=readers).studies
    assert study.check.result == "mismatch"
    assert "Pieter Jansen (JANSEN^PIETER)" in study.check.message
    assert "12 March 1948" in study.check.message
    assert "Margaret Example" in study.check.message
    assert study.check.message.startswith("Some of these files")
    names = {p.name for p in study.patients}
    assert names == {PATIENT["name"], OTHER_PATIENT["name"]}


def test_without_a_dicomdir_every_file_is_judged_by_its_content(
    margaret: Dossier, loose_disc: Path, readers: SandboxPool
) -> None:
    scan = scan_disc(margaret, loose_disc, pool=readers)
    assert not scan.files.listed
    assert scan.files.ignored == 3  # the viewer program, its read-me and the autorun file
    [study] = scan.studies
    assert study.description == "MRI KNEE" and study.modality == "MR"
    assert study.image_count == 5
    assert all(i.path.suffix == "" for i in study.series[0].images)
    assert study.check.result == "match"


def test_a_damaged_dicomdir_falls_back_to_reading_every_file(
    margaret: Dossier, disc: Path, tmp_path: Path, readers: SandboxPool
) -> None:
    copy = tmp_path / "disc"
    shutil.copytree(disc, copy)
    (copy / "DICOMDIR").write_bytes(bytes(128) + b"DICM" + b"\xff" * 300)
    scan = scan_disc(margaret, copy, pool=readers)
    assert not scan.files.listed
    assert scan.files.note is not None and "DICOMDIR" in scan.files.note
    assert scan.image_count == 24


def test_a_file_the_dicomdir_names_but_the_disc_lacks_is_counted_missing(
    margaret: Dossier, disc: Path, tmp_path: Path, readers: SandboxPool
) -> None:
    copy = tmp_path / "disc"
    shutil.copytree(disc, copy)
    (copy / "PT000000" / "ST000000" / "SE000000" / "IM000003").unlink()
    scan = scan_disc(margaret, copy, pool=readers)
    assert scan.files.listed and scan.files.missing == 1
    assert scan.image_count == 23


def test_a_damaged_image_is_refused_with_a_reason_and_the_rest_is_read(
    margaret: Dossier, disc: Path, tmp_path: Path, readers: SandboxPool
) -> None:
    copy = tmp_path / "disc"
    shutil.copytree(disc, copy)
    broken = copy / "PT000000" / "ST000000" / "SE000000" / "IM000005"
    broken.write_bytes(broken.read_bytes()[:140])
    scan = scan_disc(margaret, copy, pool=readers)
    assert [path for path, _reason in scan.refused] == ["PT000000/ST000000/SE000000/IM000005"]
    assert scan.refused[0][1].endswith(".")
    assert scan.image_count == 23


def test_a_zip_of_the_disc_reads_as_the_disc_and_leaves_no_folder(
    margaret: Dossier, disc: Path, tmp_path: Path, readers: SandboxPool
) -> None:
    archive = tmp_path / "disc.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(disc.rglob("*")):
            if path.is_file():
                out.write(path, "CDROM/" + path.relative_to(disc).as_posix())
    with opened_disc(archive) as folder:
        unpacked = folder
        scan = scan_disc(margaret, folder / "CDROM", pool=readers)
        assert scan.image_count == 24 and scan.files.listed
    assert not unpacked.exists()


@pytest.mark.parametrize("name", ["nothing-here", "letter.pdf"])
def test_something_that_is_not_a_disc_is_refused_in_plain_words(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".pdf"):
        path.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(DossierError) as caught, opened_disc(path):
        pass
    assert caught.value.message.endswith(".")
