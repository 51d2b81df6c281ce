"""Makers of imaging discs for the tests: DICOM files as a hospital's CD holds them.

Not a test module. Everything is deterministic and offline: the pixels are a phantom (a
body outline with organs that move from slice to slice), the UIDs derive from fixed roots.

* :func:`write_instance`: one DICOM file (CT, MR or an X-ray), uncompressed, JPEG 2000,
  RLE or JPEG baseline;
* :func:`make_disc`: a disc folder as pydicom's File-set writes it (``DICOMDIR`` and
  ``PT000000/ST000000/SE000000/IM000000``), with the hospital's viewer program and autorun
  file beside it;
* :func:`standard_disc`: the disc of the issue: three series of one CT study, one of them
  JPEG 2000 compressed, and a third series that carries another patient's name;
* :func:`loose_files`: DICOM files without a ``DICOMDIR`` and without extensions.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.fileset import FileSet
from pydicom.uid import (
    CTImageStorage,
    DigitalXRayImageStorageForPresentation,
    ExplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGBaseline8Bit,
    MRImageStorage,
    RLELossless,
)

ROOT = "1.2.826.0.1.3680043.10.1043"  # a fixed root for the tests' UIDs

PATIENT = {"name": "EXAMPLE^MARGARET", "birth": "19580214", "id": "NL-4471-22"}
OTHER_PATIENT = {"name": "JANSEN^PIETER", "birth": "19480312", "id": "NL-9012-88"}


@dataclass
class SeriesSpec:
    number: int
    description: str
    modality: str = "CT"
    body_part: str = "CHEST"
    slices: int = 12
    size: int = 64
    syntax: str = "plain"  # plain, j2k, rle, jpeg
    patient: dict[str, str] | None = None  # another patient's tags for this series


@dataclass
class StudySpec:
    key: int
    description: str = "CT THORAX MET CONTRAST"
    date: str = "20260312"
    institution: str = "Amsterdam UMC"
    referring: str = "DE VRIES^ANNA^^DR"
    accession: str = "A2026-0312-77"
    patient: dict[str, str] = field(default_factory=lambda: dict(PATIENT))
    series: Sequence[SeriesSpec] = ()

    @property
    def uid(self) -> str:
        return f"{ROOT}.{self.key}"

    def series_uid(self, number: int) -> str:
        return f"{self.uid}.{number}"


def phantom(index: int, count: int, size: int) -> np.ndarray:
    """A CT-like slice: air around a body of soft tissue (40 HU), lungs, a spine, and a
    round organ whose size changes along the series (so slices differ), as 12-bit values
    stored with a rescale intercept of -1024."""
    y, x = np.mgrid[0:size, 0:size].astype(np.float32) / size - 0.5
    hu = np.full((size, size), -1000.0, dtype=np.float32)
    hu[(x / 0.45) ** 2 + (y / 0.35) ** 2 < 1] = 40
    for side in (-0.18, 0.18):
        hu[((x - side) / 0.14) ** 2 + (y / 0.22) ** 2 < 1] = -850
    hu[(x / 0.05) ** 2 + ((y - 0.25) / 0.05) ** 2 < 1] = 700
    radius = 0.03 + 0.07 * (1 - abs(2 * index / max(1, count - 1) - 1))
    hu[x**2 + (y + 0.05) ** 2 < radius**2] = 120
    return np.clip(hu + 1024, 0, 4095).astype(np.uint16)


def write_instance(
    path: Path,
    study: StudySpec,
    series: SeriesSpec,
    index: int,
) -> Path:
    """One slice of ``series`` as a DICOM file at ``path``."""
    patient = series.patient or study.patient
    sop_class = {
        "CT": CTImageStorage,
        "MR": MRImageStorage,
        "DX": DigitalXRayImageStorageForPresentation,
    }.get(series.modality, CTImageStorage)
    uid = f"{study.series_uid(series.number)}.{index + 1}"
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = patient.get("charset", "ISO_IR 192")
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = uid
    ds.PatientName = patient["name"]
    ds.PatientBirthDate = patient["birth"]
    ds.PatientID = patient["id"]
    ds.PatientSex = "F" if patient["name"] == PATIENT["name"] else "M"
    ds.StudyInstanceUID = study.uid
    ds.StudyDate = study.date
    ds.StudyTime = "101500"
    ds.StudyID = str(study.key)
    ds.StudyDescription = study.description
    ds.AccessionNumber = study.accession
    ds.InstitutionName = study.institution
    ds.ReferringPhysicianName = study.referring
    ds.SeriesInstanceUID = study.series_uid(series.number)
    ds.SeriesNumber = series.number
    ds.SeriesDescription = series.description
    ds.Modality = series.modality
    ds.BodyPartExamined = series.body_part
    ds.InstanceNumber = index + 1
    ds.SliceLocation = float(index * 2.5)
    ds.ImagePositionPatient = [0.0, 0.0, float(index * 2.5)]
    ds.Rows = ds.Columns = series.size
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.PixelRepresentation = 0
    if series.syntax == "jpeg":  # an 8-bit X-ray, JPEG baseline as many discs carry
        pixels = (phantom(index, series.slices, series.size) >> 4).astype(np.uint8)
        buffer = io.BytesIO()
        Image.fromarray(pixels, "L").save(buffer, "JPEG", quality=90)
        ds.BitsAllocated = ds.BitsStored = 8
        ds.HighBit = 7
        ds.PixelData = encapsulate([buffer.getvalue()])
        ds["PixelData"].VR = "OB"
        ds.file_meta.TransferSyntaxUID = JPEGBaseline8Bit
        ds.LossyImageCompression = "01"
    else:
        pixels = phantom(index, series.slices, series.size)
        ds.BitsAllocated = 16
        ds.BitsStored = 12
        ds.HighBit = 11
        ds.RescaleIntercept = -1024
        ds.RescaleSlope = 1
        ds.WindowCenter = 40
        ds.WindowWidth = 400
        ds.PixelData = pixels.tobytes()
        if series.syntax == "j2k":
            ds.compress(JPEG2000Lossless, pixels, encoding_plugin="pylibjpeg")
        elif series.syntax == "rle":
            ds.compress(RLELossless, pixels)
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)
    return path


def make_disc(folder: Path, studies: Sequence[StudySpec], *, dicomdir: bool = True) -> Path:
    """A disc's folder: the studies' files under a ``DICOMDIR`` (or loose, without one),
    with the hospital's viewer program, its autorun file and a read-me beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}-staging"
    files: list[Path] = []
    for study in studies:
        for series in study.series:
            for index in range(series.slices):
                name = f"{study.key}-{series.number}-{index + 1}"
                files.append(write_instance(staging / name, study, series, index))
    if dicomdir:
        file_set = FileSet()
        for path in files:
            file_set.add(path)
        file_set.write(folder)
        file_set._stage["t"].cleanup()  # pydicom leaves its staging folder to the collector
    else:
        for number, path in enumerate(files):
            target = folder / "DATA" / f"{number // 100:04d}" / f"{number % 100:08d}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    shutil.rmtree(staging)
    (folder / "AUTORUN.INF").write_text("[autorun]\nopen=VIEWER\\viewer.exe\n")
    viewer = folder / "VIEWER"
    viewer.mkdir(exist_ok=True)
    (viewer / "viewer.exe").write_bytes(b"MZ" + bytes(510))
    (viewer / "README.TXT").write_text("Open viewer.exe to see the images.\n")
    return folder


def standard_study(key: int = 1) -> StudySpec:
    """A CT of the chest: 12 plain slices, 8 JPEG 2000 slices, and 4 slices of a series
    that carries another patient's name (a mix-up on the hospital's side)."""
    return StudySpec(
        key,
        series=(
            SeriesSpec(1, "THORAX 2.5 MM", slices=12),
            SeriesSpec(2, "THORAX LONG", slices=8, syntax="j2k"),
            SeriesSpec(3, "SCOUT", slices=4, patient=dict(OTHER_PATIENT)),
        ),
    )


def standard_disc(folder: Path) -> Path:
    """The disc of the issue's "done when": see :func:`standard_study`."""
    return make_disc(folder, [standard_study()])


def loose_files(folder: Path, study: StudySpec | None = None) -> Path:
    """DICOM files without a ``DICOMDIR``, named without extensions."""
    spec = study or StudySpec(
        2,
        description="MRI KNEE",
        series=(SeriesSpec(1, "T1 SAG", modality="MR", body_part="KNEE", slices=5),),
    )
    return make_disc(folder, [spec], dicomdir=False)


def add_study(dossier: Any, folder: Path, study: StudySpec | None = None, **options: Any) -> int:
    """Add a small disc (one series of three slices, or ``study``) to ``dossier`` through
    the real scan and add; returns the new study's number."""
    from dossier.core.imaging.adding import add_disc
    from dossier.core.imaging.scan import scan_disc

    spec = study or StudySpec(
        9, description="CT ABDOMEN", series=(SeriesSpec(1, "ABDOMEN 5 MM", slices=3),)
    )
    disc = make_disc(folder, [spec])
    scan = scan_disc(dossier, disc)
    options.setdefault("other_patient", True)
    return add_disc(dossier, scan, **options).study_ids[0]


@contextmanager
def read_file_set(folder: Path) -> Iterator[FileSet]:
    """The File-set of a disc folder's DICOMDIR, as a DICOM viewer reads it."""
    from pydicom import dcmread

    file_set = FileSet(dcmread(folder / "DICOMDIR"))
    try:
        yield file_set
    finally:
        file_set._stage["t"].cleanup()  # pydicom leaves its staging folder to the collector


__all__ = [
    "OTHER_PATIENT",
    "PATIENT",
    "SeriesSpec",
    "StudySpec",
    "add_study",
    "loose_files",
    "make_disc",
    "phantom",
    "read_file_set",
    "standard_disc",
    "standard_study",
    "write_instance",
]
