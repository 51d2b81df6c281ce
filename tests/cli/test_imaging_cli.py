"""Imaging discs on the real command line: import a disc folder or its zip, the patient
check, list and show studies, copy a disc for the next doctor."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.cli.runner import run, run_json
from tests.dicom_discs import read_file_set, standard_disc


@pytest.fixture(scope="module")
def disc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return standard_disc(tmp_path_factory.mktemp("cli-disc") / "CDROM")


@pytest.fixture
def margaret(tmp_path: Path) -> str:
    path = tmp_path / "margaret"
    run("init", str(path), "--name", "Margaret Example", "--born", "1958-02-14")
    return str(path)


def test_a_disc_of_another_person_is_refused_until_the_person_says_so(
    margaret: str, disc: Path
) -> None:
    d = ("--dossier", margaret)
    refused = run("import", str(disc), *d, check=1)
    assert "JANSEN^PIETER" in refused.stdout and "--other-patient" in refused.stdout
    assert "3 series, 24 images" in refused.stdout
    assert run_json("list", "studies", *d) == []

    [added] = run_json("import", str(disc), "--other-patient", *d)
    assert added["status"] == "imported" and added["images_added"] == 24
    [study] = run_json("list", "studies", *d)
    shown = run_json("show", "study", str(study["id"]), *d)
    assert shown["patient_check"] == "mismatch" and shown["image_count"] == 24
    assert [(s["description"], s["image_count"]) for s in shown["series"]] == [
        ("THORAX 2.5 MM", 12),
        ("THORAX LONG", 8),
        ("SCOUT", 4),
    ]
    again = run("import", str(disc), "--other-patient", *d).stdout
    assert "0 new images, 24 already in the dossier" in again


def test_a_zipped_disc_only_listed_with_where_it_is_kept(
    margaret: str, disc: Path, tmp_path: Path
) -> None:
    d = ("--dossier", margaret)
    archive = tmp_path / "cd.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(disc.rglob("*")):
            if path.is_file():
                out.write(path, path.relative_to(disc).as_posix())
    [added] = run_json(
        "import", str(archive), "--other-patient", "--catalogue-only",
        "--disc-location", "blue folder, bookshelf", *d,
    )  # fmt: skip
    assert added["images_added"] == 24
    item = run_json("show", "item", str(added["disc_item_id"]), *d)
    assert item["kind"] == "disc" and item["location"] == "blue folder, bookshelf"
    refused = run("export-disc", "--study", str(added["study_ids"][0]), "--out",
                  str(tmp_path / "copy"), *d, check=1)  # fmt: skip
    assert "copy the disc itself" in refused.stderr
    stored = [p for p in Path(margaret, "vault").rglob("*") if len(p.name) == 64]
    assert stored == []  # only listed: no image was copied into the dossier


def test_the_copy_for_the_next_doctor_is_a_disc_a_viewer_reads(
    margaret: str, disc: Path, tmp_path: Path
) -> None:
    d = ("--dossier", margaret)
    run("import", str(disc), "--other-patient", *d)
    doctor = run_json("add", "contact", *d, "--data", json.dumps({"name": "Dr. R. Cohen"}))
    out = tmp_path / "for-cohen"
    done = run_json("export-disc", "--study", "1", "--out", str(out), "--sent-to",
                    str(doctor["id"]), *d)  # fmt: skip
    assert done["images"] == 24
    with read_file_set(out) as copied:
        assert len(copied) == 24
    items = run_json("list", "items", *d)
    assert [(i["location"], i["sent_to_id"]) for i in items] == [(str(out), doctor["id"])]
    human = run("export-disc", "--study", "1", "--out", str(out), *d, check=1)
    assert "not empty" in human.stderr
    shutil.rmtree(out)


def test_a_folder_without_images_is_imported_as_documents(margaret: str, tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "note.txt").write_text("Referral for a second opinion.", encoding="utf-8")
    [result] = run_json("import", str(folder), "--no-ocr", "--dossier", margaret)
    assert result["status"] == "imported" and result["document_id"] == 1
