"""The catalogue's tags of a DICOM file, as the readers decode them from the bytes read,
are what pydicom's own conversion gives, whatever the character set and encoding; and a
disc's files are read in batches without one bad file costing the others."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest
from pydicom import dcmread, dcmwrite

from dossier.core.imaging import scan as scan_module
from dossier.core.imaging.dicomdir import read_dicomdir
from dossier.core.imaging.header import line, read_header, uid, whole
from dossier.core.imaging.worker import WARM
from dossier.core.importer.pool import SandboxPool
from tests.dicom_discs import SeriesSpec, StudySpec, make_disc, standard_disc, write_instance

NAMES = {  # character set -> (patient name, institution)
    "ISO_IR 100": ("MÜLLER^JOSÉ", "Ärztezentrum Köln"),
    "ISO_IR 144": ("Иванов^Иван", "Больница №1"),
    "GB18030": ("王^小东", "北京医院"),
    "ISO_IR 192": ("Ο Διονυσιος^Ζ", "Ιατρείο"),
    "ISO 2022 IR 13\\ISO 2022 IR 87": ("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", "病院"),
}


def reference(path: Path) -> dict[str, Any]:
    """The same fields through pydicom's own conversion of every element (slow, but
    pydicom's), cleaned the way the catalogue cleans them."""
    ds = dcmread(path, stop_before_pixels=True)
    position = ds.get("ImagePositionPatient")
    where = float(position[2]) if position is not None and len(position) == 3 else None
    if where is None and ds.get("SliceLocation") is not None:
        where = float(ds.SliceLocation)
    return {
        "syntax": uid(ds.file_meta.TransferSyntaxUID),
        "instance": uid(ds.SOPInstanceUID),
        "class": uid(ds.SOPClassUID),
        "study": uid(ds.StudyInstanceUID),
        "series": uid(ds.SeriesInstanceUID),
        "patient_name": line(ds.get("PatientName")),
        "patient_born": line(ds.get("PatientBirthDate")),
        "patient_number": line(ds.get("PatientID")),
        "study_date": line(ds.get("StudyDate")),
        "study_description": line(ds.get("StudyDescription")),
        "accession": line(ds.get("AccessionNumber")),
        "institution": line(ds.get("InstitutionName")),
        "referring": line(ds.get("ReferringPhysicianName")),
        "series_number": whole(ds.get("SeriesNumber")),
        "series_description": line(ds.get("SeriesDescription")),
        "modality": line(ds.get("Modality")),
        "body_part": line(ds.get("BodyPartExamined")),
        "number": whole(ds.get("InstanceNumber")),
        "position": where,
        "rows": whole(ds.get("Rows")),
        "columns": whole(ds.get("Columns")),
        "frames": max(1, whole(ds.get("NumberOfFrames")) or 1),
    }


@pytest.fixture(scope="module")
def one_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("slice")
    spec = StudySpec(7, series=(SeriesSpec(1, "AXIAL", slices=1, size=16),))
    return write_instance(folder / "slice", spec, spec.series[0], 0)


@pytest.mark.parametrize("charset", list(NAMES))
def test_names_in_each_character_set(one_slice: Path, tmp_path: Path, charset: str) -> None:
    ds = dcmread(one_slice)
    ds.SpecificCharacterSet = charset.split("\\") if "\\" in charset else charset
    ds.PatientName, ds.InstitutionName = NAMES[charset]
    ds.ReferringPhysicianName = NAMES[charset][0]
    ds.StudyDescription = NAMES[charset][1]
    path = tmp_path / "named"
    ds.save_as(path)
    found = read_header(path)
    assert found == reference(path)
    assert found["patient_name"] == NAMES[charset][0]
    assert found["institution"] == NAMES[charset][1]


def test_implicit_and_big_endian_files(one_slice: Path, tmp_path: Path) -> None:
    ds = dcmread(one_slice)
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2"  # implicit VR little endian
    ds.save_as(tmp_path / "implicit", enforce_file_format=True)
    ds = dcmread(one_slice)
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.2"  # explicit VR big endian
    del ds.PixelData
    dcmwrite(tmp_path / "big", ds, implicit_vr=False, little_endian=False, enforce_file_format=True)
    for name in ("implicit", "big"):
        found = read_header(tmp_path / name)
        assert found == reference(tmp_path / name)
        assert (found["rows"], found["columns"]) == (16, 16)


def test_odd_values(one_slice: Path, tmp_path: Path) -> None:
    ds = dcmread(one_slice)
    ds.Modality = ["CT", "PT"]
    ds.ImagePositionPatient = [1.0, 2.0]  # two coordinates: the slice location is used
    ds.InstanceNumber = " 12 "
    del ds.SeriesNumber
    del ds.SpecificCharacterSet
    ds.save_as(tmp_path / "odd")
    found = read_header(tmp_path / "odd")
    assert found == reference(tmp_path / "odd")
    assert found["number"] == 12 and found["series_number"] is None
    assert found["position"] == 0.0  # the slice location of the first slice


def test_a_disc_read_in_batches_matches_each_file_read_alone(dossier: Any, tmp_path: Path) -> None:
    disc = standard_disc(tmp_path / "disc")
    listed = read_dicomdir(disc / "DICOMDIR")
    assert len(listed) == 24 and all(len(p) == 4 and p[0].startswith("PT") for p in listed)
    found = scan_module.scan_disc(dossier, disc)
    images = [i for study in found.studies for s in study.series for i in s.images]
    assert len(images) == 24 and found.refused == []
    for image in images:
        assert image.tags == read_header(image.path)


def test_a_file_that_stops_its_batch_costs_only_itself(dossier: Any, tmp_path: Path) -> None:
    """A file that takes longer than the readers' time limit stops its whole batch; the
    batch is read again one file at a time, and only that file is refused."""
    spec = StudySpec(8, series=(SeriesSpec(1, "AXIAL", slices=16, size=16),))
    disc = make_disc(tmp_path / "disc", [spec], dicomdir=False)
    slow = disc / "DATA" / "0000" / "00000003"
    data = slow.read_bytes()
    meta_end = 132 + 12 + int.from_bytes(data[140:144], "little")  # after the file meta
    # A million short private elements before the tags: seconds to read.
    filler = b"".join(
        struct.pack("<HH2sH", 0x0009, 0x1000 + n % 0xE000, b"LO", 2) + b"x "
        for n in range(1_000_000)
    )
    slow.write_bytes(data[:meta_end] + filler + data[meta_end:])
    with SandboxPool(reader="imaging") as pool:
        list(pool.run([(n, slow, WARM) for n in range(pool.size)]))  # started and ready
        pool.timeout = 1.0
        found = scan_module.scan_disc(dossier, disc, pool=pool)
    assert found.image_count == 15
    assert found.refused == [
        ("DATA/0000/00000003", "Reading the file took too long; it was stopped.")
    ]


def dicomdir(path: Path, *, undefined_items: bool, undefined_sequence: bool) -> list[list[str]]:
    """A DICOMDIR written by pydicom, its records holding an icon sequence of their own
    (sequences within records, as some hospitals' discs have); returns what it lists."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.sequence import Sequence

    listed = [["PT0", "ST0", "SE0", f"IM{n}"] for n in range(5)] + [["README"]]
    records = []
    for n, parts in enumerate(listed):
        record = Dataset()
        record.OffsetOfTheNextDirectoryRecord = 0
        record.RecordInUseFlag = 0xFFFF
        record.OffsetOfReferencedLowerLevelDirectoryEntity = 0
        record.DirectoryRecordType = "IMAGE"
        icon = Dataset()
        icon.Rows = icon.Columns = 2
        icon.BitsAllocated = 8
        icon.add_new(0x7FE00010, "OB", bytes(4))
        icon.is_undefined_length_sequence_item = undefined_items
        record.IconImageSequence = Sequence([icon])
        record["IconImageSequence"].is_undefined_length = n % 2 == 0
        record.ReferencedFileID = parts if len(parts) > 1 else parts[0]
        record.is_undefined_length_sequence_item = undefined_items
        records.append(record)
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.1.3.10"
    ds.file_meta.MediaStorageSOPInstanceUID = "1.2.826.0.1.3680043.10.1043.5"
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.1"
    ds.FileSetID = "TEST"
    ds.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity = 0
    ds.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity = 0
    ds.FileSetConsistencyFlag = 0
    ds.DirectoryRecordSequence = Sequence(records)
    ds["DirectoryRecordSequence"].is_undefined_length = undefined_sequence
    ds.save_as(path, enforce_file_format=True)
    return listed


@pytest.mark.parametrize("undefined_items", [False, True])
@pytest.mark.parametrize("undefined_sequence", [False, True])
def test_dicomdirs_written_either_way_are_read_alike(
    tmp_path: Path, undefined_items: bool, undefined_sequence: bool
) -> None:
    path = tmp_path / "DICOMDIR"
    listed = dicomdir(path, undefined_items=undefined_items, undefined_sequence=undefined_sequence)
    assert read_dicomdir(path) == listed
    own = [
        [r.ReferencedFileID] if isinstance(r.ReferencedFileID, str) else list(r.ReferencedFileID)
        for r in dcmread(path).DirectoryRecordSequence
    ]
    assert own == listed


def test_a_dicomdir_too_long_or_not_as_the_standard_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.core.imaging import dicomdir as module
    from dossier.core.importer.handlers import Unreadable

    path = tmp_path / "DICOMDIR"
    dicomdir(path, undefined_items=True, undefined_sequence=True)
    monkeypatch.setattr(module, "MAX_RECORDS", 5)
    with pytest.raises(Unreadable, match="too long to be real"):
        read_dicomdir(path)
    monkeypatch.setattr(module, "MAX_RECORDS", 6)
    assert len(read_dicomdir(path)) == 6
    monkeypatch.setattr(module, "MAX_DEPTH", 0)
    with pytest.raises(Unreadable, match="damaged"):
        read_dicomdir(path)  # its icon sequences are one level too deep now
    ds = dcmread(path)
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2"  # implicit VR: not for a DICOMDIR
    ds.save_as(path, enforce_file_format=True)
    with pytest.raises(Unreadable, match="damaged"):
        read_dicomdir(path)
