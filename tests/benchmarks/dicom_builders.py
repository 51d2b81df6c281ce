"""Imaging discs for the benchmarks: many 512 x 512 CT slices, written quickly.

``tests/dicom_discs.py`` makes realistic discs through pydicom's File-set, whose ``add``
compares every new instance with all the others (2,000 slices take minutes). Here one slice
is made by ``tests.dicom_discs.write_instance`` and the rest are the same dataset with other
UIDs, numbers, positions and one of a few phantom images; the ``DICOMDIR`` is written
directly (:func:`write_dicomdir`), with the offsets pydicom's own writer computes, so that
``pydicom.fileset.FileSet`` loads it (checked by the import benchmark).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydicom import dcmread
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_dataset, write_file_meta_info
from pydicom.uid import ExplicitVRLittleEndian, MediaStorageDirectoryStorage

from tests.dicom_discs import SeriesSpec, StudySpec, phantom, write_instance

PHANTOMS = 16  # different images among the slices (every file still differs: its UIDs)


@dataclass(frozen=True)
class Record:
    """One directory record and the records below it."""

    kind: str  # PATIENT, STUDY, SERIES, IMAGE
    values: dict[str, Any]
    children: Sequence[Record] = ()


def _record_dataset(record: Record) -> Dataset:
    ds = Dataset()
    ds.OffsetOfTheNextDirectoryRecord = 0
    ds.RecordInUseFlag = 0xFFFF
    ds.OffsetOfReferencedLowerLevelDirectoryEntity = 0
    ds.DirectoryRecordType = record.kind
    for keyword, value in record.values.items():
        setattr(ds, keyword, value)
    return ds


def _encoded_length(ds: Dataset) -> int:
    buffer = DicomBytesIO()
    buffer.is_little_endian, buffer.is_implicit_VR = True, False
    write_dataset(buffer, ds)
    return len(buffer.getvalue())


def write_dicomdir(path: Path, roots: Sequence[Record], *, file_set_id: str = "BENCH") -> int:
    """A DICOMDIR at ``path`` listing ``roots`` (and what lies below them), with the records'
    offsets set as the standard says. Returns the number of records."""
    flat: list[tuple[Record, Dataset, int]] = []  # (record, dataset, depth) depth-first

    def visit(records: Sequence[Record], depth: int) -> None:
        for record in records:
            flat.append((record, _record_dataset(record), depth))
            visit(record.children, depth + 1)

    visit(roots, 0)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = MediaStorageDirectoryStorage
    meta.MediaStorageSOPInstanceUID = "1.2.826.0.1.3680043.10.1043.99.1"
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.FileSetID = file_set_id
    ds.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity = 0
    ds.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity = 0
    ds.FileSetConsistencyFlag = 0
    head = DicomBytesIO()
    head.is_little_endian, head.is_implicit_VR = True, False
    head.write(b"\x00" * 128 + b"DICM")
    write_file_meta_info(head, meta, enforce_standard=True)
    write_dataset(head, ds)  # the four elements before the sequence: a fixed length
    offset = len(head.getvalue()) + 12  # the sequence's tag, VR and (undefined) length
    offsets: list[int] = []
    for _record, item, _depth in flat:
        offsets.append(offset)
        offset += 8 + _encoded_length(item)
    for index, (_record, item, depth) in enumerate(flat):
        following = flat[index + 1 :]
        if following and following[0][2] == depth + 1:
            item.OffsetOfReferencedLowerLevelDirectoryEntity = offsets[index + 1]
        for later, (_r, _i, other) in enumerate(following, index + 1):
            if other < depth:
                break
            if other == depth:
                item.OffsetOfTheNextDirectoryRecord = offsets[later]
                break
    tops = [offsets[i] for i, (_r, _d, depth) in enumerate(flat) if depth == 0]
    ds.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity = tops[0] if tops else 0
    ds.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity = tops[-1] if tops else 0
    ds.DirectoryRecordSequence = [item for _r, item, _d in flat]
    out = DicomBytesIO()
    out.is_little_endian, out.is_implicit_VR = True, False
    out.write(b"\x00" * 128 + b"DICM")
    write_file_meta_info(out, meta, enforce_standard=True)
    write_dataset(out, ds)
    path.write_bytes(out.getvalue())
    return len(flat)


def _image_record(ds: Dataset, file_id: list[str]) -> Record:
    return Record(
        "IMAGE",
        {
            "ReferencedFileID": file_id,
            "ReferencedSOPClassUIDInFile": ds.SOPClassUID,
            "ReferencedSOPInstanceUIDInFile": ds.SOPInstanceUID,
            "ReferencedTransferSyntaxUIDInFile": ds.file_meta.TransferSyntaxUID,
            "InstanceNumber": ds.InstanceNumber,
        },
    )


def make_ct_disc(
    folder: Path,
    *,
    series: int = 2,
    slices: int | Sequence[int] = 1000,
    size: int = 512,
    key: int = 50,
    syntaxes: Sequence[str] = (),
    noise: float = 0.0,
) -> dict[str, Any]:
    """A CT disc of ``series`` x ``slices`` slices (or ``slices[n]`` in series n) of ``size`` x ``size`` (16-bit), laid out
    as ``PT000000/ST000000/SE00000n/IMnnnnnn`` with a DICOMDIR. Series n is stored as
    ``syntaxes[n]`` ("plain", "j2k" or "rle"; plain when not given); ``noise``: the standard
    deviation in HU of the grain added to the phantom (a real CT's compresses less than
    the bare phantom). Returns {"files", "bytes"}."""
    import numpy as np
    from pydicom.uid import JPEG2000Lossless, RLELossless

    counts = [slices] * series if isinstance(slices, int) else list(slices)
    specs = [
        SeriesSpec(n + 1, f"THORAX {n + 1}", slices=counts[n], size=size) for n in range(series)
    ]
    study = StudySpec(key, series=specs)
    template = folder.parent / f".{folder.name}-template"
    write_instance(template, study, specs[0], 0)
    base = dcmread(template)
    template.unlink()
    grain = np.random.default_rng(key)
    arrays = []
    for n in range(PHANTOMS):
        values = phantom(n * max(counts) // PHANTOMS, max(counts), size).astype(np.float32)
        if noise:
            values += grain.normal(0.0, noise, values.shape).astype(np.float32)
        arrays.append(np.clip(values, 0, 4095).astype(np.uint16))
    series_records: list[Record] = []
    total = 0
    for number, spec in enumerate(specs):
        syntax = syntaxes[number] if number < len(syntaxes) else "plain"
        children: list[Record] = []
        for index in range(spec.slices):
            ds = base.copy()
            ds.file_meta = base.file_meta.copy()
            ds.SeriesInstanceUID = study.series_uid(spec.number)
            ds.SeriesNumber = spec.number
            ds.SeriesDescription = f"{spec.description} {syntax.upper()}"
            uid = f"{study.series_uid(spec.number)}.{index + 1}"
            ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = uid
            ds.InstanceNumber = index + 1
            ds.SliceLocation = round(index * 1.25, 2)
            ds.ImagePositionPatient = [0.0, 0.0, round(index * 1.25, 2)]
            pixels = arrays[index * PHANTOMS // spec.slices]
            ds.PixelData = pixels.tobytes()
            if syntax == "j2k":
                ds.compress(JPEG2000Lossless, pixels, encoding_plugin="pylibjpeg")
            elif syntax == "rle":
                ds.compress(RLELossless, pixels)
            file_id = ["PT000000", "ST000000", f"SE{number:06d}", f"IM{index:06d}"]
            path = folder.joinpath(*file_id)
            path.parent.mkdir(parents=True, exist_ok=True)
            buffer = io.BytesIO()
            ds.save_as(buffer, enforce_file_format=True)
            path.write_bytes(buffer.getvalue())
            total += len(buffer.getvalue())
            children.append(_image_record(ds, file_id))
        series_records.append(
            Record(
                "SERIES",
                {
                    "Modality": base.Modality,
                    "SeriesInstanceUID": study.series_uid(spec.number),
                    "SeriesNumber": spec.number,
                },
                children,
            )
        )
    study_record = Record(
        "STUDY",
        {
            "StudyDate": base.StudyDate,
            "StudyTime": base.StudyTime,
            "StudyDescription": base.StudyDescription,
            "StudyInstanceUID": base.StudyInstanceUID,
            "StudyID": base.StudyID,
            "AccessionNumber": base.AccessionNumber,
        },
        series_records,
    )
    patient = Record(
        "PATIENT",
        {"PatientName": base.PatientName, "PatientID": base.PatientID},
        [study_record],
    )
    write_dicomdir(folder / "DICOMDIR", [patient])
    return {"files": sum(counts), "bytes": total}


__all__ = ["Record", "make_ct_disc", "write_dicomdir"]
