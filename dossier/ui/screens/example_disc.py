"""Imaging discs for the screen catalogue: a chest CT of the example's person, added to the
example dossier, and a knee MRI of another patient, for the confirmation's warning.

Written with pydicom as a hospital's CD holds them (a ``DICOMDIR`` and
``PT000000/ST000000/SE000000/IM000000``); the pixels are a phantom, the UIDs fixed.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

ROOT = "1.2.826.0.1.3680043.10.1043.77"  # the catalogue's own UIDs
INSTITUTION = "Amsterdam UMC"
OTHER_PATIENT = ("JANSEN^PIETER", "19480312", "NL-9012-88")
#: What the knee disc (not added) shows in the confirmation: the person's words there.
KNEE_WORDS = ("MRI KNEE", "T1 SAG", "PD FS COR")


@dataclass(frozen=True)
class _Series:
    number: int
    description: str
    modality: str
    body_part: str
    slices: int


def dicom_name(name: str) -> str:
    """ "Margaret (Maggie) Lindqvist" as DICOM writes a name: "LINDQVIST^MARGARET"."""
    words = [w for w in name.replace("(", " ( ").replace(")", " ) ").split()]
    plain: list[str] = []
    inside = False
    for word in words:
        inside = (inside or word == "(") and word != ")"
        if word not in "()" and not inside:
            plain.append(word)
    if len(plain) < 2:
        return name.upper()
    return f"{plain[-1]}^{plain[0]}".upper()


def _phantom(index: int, count: int, size: int, knee: bool) -> np.ndarray:
    """A slice as 12-bit values (stored with an intercept of -1024): a chest or a knee."""
    import numpy as np

    y, x = np.mgrid[0:size, 0:size].astype(np.float32) / size - 0.5
    hu = np.full((size, size), -1000.0, dtype=np.float32)
    phase = 1 - abs(2 * index / max(1, count - 1) - 1)
    if knee:
        hu[(x / 0.3) ** 2 + (y / 0.34) ** 2 < 1] = 60
        hu[((x + 0.02) / 0.16) ** 2 + ((y - 0.02) / (0.12 + 0.06 * phase)) ** 2 < 1] = 500
        hu[((x + 0.02) / 0.12) ** 2 + ((y - 0.02) / (0.08 + 0.05 * phase)) ** 2 < 1] = 250
        hu[((x - 0.16) / 0.05) ** 2 + ((y + 0.16) / 0.05) ** 2 < 1] = 420
        return np.clip(hu + 1024, 0, 4095).astype(np.uint16)
    hu[(x / 0.44) ** 2 + (y / 0.32) ** 2 < 1] = -80  # fat under the skin
    hu[(x / 0.41) ** 2 + (y / 0.29) ** 2 < 1] = 40
    for side in (-0.19, 0.19):
        hu[((x - side) / 0.15) ** 2 + ((y + 0.02) / 0.22) ** 2 < 1] = -860
        ribs = (((x - side) / 0.19) ** 2 + ((y + 0.02) / 0.26) ** 2 - 1) ** 2 < 0.004
        hu[ribs & (np.sin(y * 60) > 0.2)] = 600
    heart = 0.09 + 0.05 * phase
    hu[((x + 0.04) / (heart * 1.2)) ** 2 + ((y + 0.02) / heart) ** 2 < 1] = 140
    hu[(x - 0.03) ** 2 + (y - 0.12) ** 2 < 0.035**2] = 220  # aorta
    hu[(x / 0.055) ** 2 + ((y - 0.22) / 0.05) ** 2 < 1] = 700  # vertebra
    hu[x**2 + (y - 0.22) ** 2 < 0.018**2] = 30  # spinal canal
    hu += np.sin(x * 97 + index) * np.cos(y * 89) * 12  # a little texture
    return np.clip(hu + 1024, 0, 4095).astype(np.uint16)


def _instance(
    path: Path,
    patient: tuple[str, str, str],
    study: tuple[str, str, str],  # key, description, date
    series: _Series,
    index: int,
) -> Path:
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import UID, CTImageStorage, ExplicitVRLittleEndian, MRImageStorage

    key, description, day = study
    sop = MRImageStorage if series.modality == "MR" else CTImageStorage
    uid = f"{ROOT}.{key}.{series.number}.{index + 1}"
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop
    meta.MediaStorageSOPInstanceUID = UID(uid)
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 192"
    ds.SOPClassUID, ds.SOPInstanceUID = sop, uid
    ds.PatientName, ds.PatientBirthDate, ds.PatientID = patient
    ds.StudyInstanceUID = f"{ROOT}.{key}"
    ds.StudyDate, ds.StudyTime, ds.StudyID = day, "101500", key
    ds.StudyDescription, ds.AccessionNumber = description, f"A{day}-{key}"
    ds.InstitutionName, ds.ReferringPhysicianName = INSTITUTION, "DE VRIES^ANNA^^DR"
    ds.SeriesInstanceUID = f"{ROOT}.{key}.{series.number}"
    ds.SeriesNumber, ds.SeriesDescription = series.number, series.description
    ds.Modality, ds.BodyPartExamined = series.modality, series.body_part
    ds.InstanceNumber, ds.SliceLocation = index + 1, float(index * 5)
    ds.ImagePositionPatient = [0.0, 0.0, float(index * 5)]
    size = 256
    ds.Rows = ds.Columns = size
    ds.SamplesPerPixel, ds.PhotometricInterpretation, ds.PixelRepresentation = 1, "MONOCHROME2", 0
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 12, 11
    ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
    lung = series.description.endswith("LUNG")
    ds.WindowCenter, ds.WindowWidth = (-600, 1500) if lung else (40, 400)
    pixels = _phantom(index, series.slices, size, series.modality == "MR")
    ds.PixelData = pixels.tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)
    return path


def _disc(
    folder: Path, patient: tuple[str, str, str], study: tuple[str, str, str], series: list[_Series]
) -> Path:
    from pydicom.fileset import FileSet

    staging = folder.parent / f".{folder.name}-staging"
    files = [
        _instance(staging / f"{s.number}-{i}", patient, study, s, i)
        for s in series
        for i in range(s.slices)
    ]
    file_set = FileSet()
    for path in files:
        file_set.add(path)
    file_set.write(folder)
    file_set._stage["t"].cleanup()  # pydicom leaves its staging folder to the collector
    shutil.rmtree(staging)
    (folder / "AUTORUN.INF").write_text("[autorun]\nopen=VIEWER\\viewer.exe\n")
    (folder / "VIEWER").mkdir(exist_ok=True)
    (folder / "VIEWER" / "viewer.exe").write_bytes(b"MZ" + bytes(510))
    return folder


def chest_disc(folder: Path, name: str, born: str | None) -> Path:
    """The example's person's chest CT: a soft-tissue and a lung series."""
    patient = (dicom_name(name), (born or "").replace("-", ""), "NH-4471-0932-58")
    series = [
        _Series(1, "THORAX 5 MM", "CT", "CHEST", 24),
        _Series(2, "THORAX 5 MM LUNG", "CT", "CHEST", 24),
    ]
    return _disc(folder, patient, ("1", "CT THORAX MET CONTRAST", "20260312"), series)


def knee_disc(folder: Path) -> Path:
    """Another patient's knee MRI: the disc the confirmation warns about."""
    series = [_Series(1, "T1 SAG", "MR", "KNEE", 12), _Series(2, "PD FS COR", "MR", "KNEE", 12)]
    return _disc(folder, OTHER_PATIENT, ("2", "MRI KNEE", "20260402"), series)


def add_example_disc(dossier_path: Path, work: Path) -> None:
    """Add the person's chest CT to the example dossier at ``dossier_path``, kept."""
    from ...core.imaging.adding import add_disc
    from ...core.imaging.scan import scan_disc
    from ...core.opening import open_dossier
    from ...core.person import get_person

    with open_dossier(dossier_path) as dossier:
        person = get_person(dossier)
        disc = chest_disc(work / "CT_DISC", str(person["name"]), person.get("born"))
        add_disc(dossier, scan_disc(dossier, disc), other_patient=True)


__all__ = ["KNEE_WORDS", "add_example_disc", "chest_disc", "dicom_name", "knee_disc"]
