"""What a DICOM file says of itself, read in a sandboxed reader process (worker side).

Only the tags the catalogue needs are read (``specific_tags``), never the pixel data, and
every value is cut to one short line: a crafted file cannot make the reader keep much.
A ``DICOMDIR`` gives, instead, the files it lists (:func:`read_dicomdir`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..i18n import tr
from ..importer.handlers import Unreadable

PREAMBLE = 128
MAGIC = b"DICM"
MAX_VALUE = 200  # characters kept of any text value
MAX_DICOMDIR_RECORDS = 100_000

TAGS = (
    "SpecificCharacterSet",
    "SOPClassUID",
    "SOPInstanceUID",
    "PatientName",
    "PatientBirthDate",
    "PatientID",
    "StudyInstanceUID",
    "StudyDate",
    "StudyDescription",
    "AccessionNumber",
    "InstitutionName",
    "ReferringPhysicianName",
    "SeriesInstanceUID",
    "SeriesNumber",
    "SeriesDescription",
    "Modality",
    "BodyPartExamined",
    "InstanceNumber",
    "SliceLocation",
    "ImagePositionPatient",
    "Rows",
    "Columns",
    "NumberOfFrames",
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UID = re.compile(r"[0-9.]{1,64}")


def is_dicom(head: bytes) -> bool:
    """Whether a file starting with ``head`` (at least 132 bytes) is a DICOM file (Part 10:
    128 bytes of preamble, then "DICM"), whatever its name."""
    return len(head) >= PREAMBLE + 4 and head[PREAMBLE : PREAMBLE + 4] == MAGIC


def line(value: object) -> str | None:
    """A value as one short line of text, without control or direction characters."""
    if value is None:
        return None
    text = " ".join(_CONTROL.sub(" ", str(value)).split())[:MAX_VALUE]
    return text or None


def uid(value: object) -> str | None:
    text = str(value).strip().rstrip("\x00") if value is not None else ""
    return text if _UID.fullmatch(text) else None


def whole(value: object) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if -(1 << 31) <= number < (1 << 31) else None


def read_header(path: Path, _what: str = "") -> dict[str, Any]:
    """The catalogue's tags of one DICOM file; :class:`Unreadable` when it is not one."""
    from pydicom import dcmread
    from pydicom.errors import InvalidDicomError

    with path.open("rb") as handle:
        if not is_dicom(handle.read(PREAMBLE + 4)):
            raise Unreadable(tr("This is not a DICOM file."))
    try:
        ds = dcmread(path, stop_before_pixels=True, specific_tags=list(TAGS))
    except InvalidDicomError as exc:
        raise Unreadable(tr("This DICOM file is damaged and cannot be read.")) from exc
    meta = getattr(ds, "file_meta", None)
    syntax = uid(meta.get("TransferSyntaxUID")) if meta is not None else None
    instance = uid(ds.get("SOPInstanceUID")) or (
        uid(meta.get("MediaStorageSOPInstanceUID")) if meta is not None else None
    )
    klass = uid(ds.get("SOPClassUID")) or (
        uid(meta.get("MediaStorageSOPClassUID")) if meta is not None else None
    )
    study, series = uid(ds.get("StudyInstanceUID")), uid(ds.get("SeriesInstanceUID"))
    if not (syntax and instance and klass):
        raise Unreadable(tr("This DICOM file does not say what it holds."))
    if not (study and series):
        raise Unreadable(tr("This DICOM file belongs to no study."))
    return {
        "syntax": syntax,
        "instance": instance,
        "class": klass,
        "study": study,
        "series": series,
        "patient_name": _person_name(ds.get("PatientName")),
        "patient_born": line(ds.get("PatientBirthDate")),
        "patient_number": line(ds.get("PatientID")),
        "study_date": line(ds.get("StudyDate")),
        "study_description": line(ds.get("StudyDescription")),
        "accession": line(ds.get("AccessionNumber")),
        "institution": line(ds.get("InstitutionName")),
        "referring": _person_name(ds.get("ReferringPhysicianName")),
        "series_number": whole(ds.get("SeriesNumber")),
        "series_description": line(ds.get("SeriesDescription")),
        "modality": line(ds.get("Modality")),
        "body_part": line(ds.get("BodyPartExamined")),
        "number": whole(ds.get("InstanceNumber")),
        "position": _position(ds),
        "rows": whole(ds.get("Rows")),
        "columns": whole(ds.get("Columns")),
        "frames": max(1, whole(ds.get("NumberOfFrames")) or 1),
    }


def _person_name(value: Any) -> str | None:
    """A DICOM person name as stored (FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX), its alphabetic
    form and any ideographic or phonetic forms after "=", decoded by the file's own
    character set."""
    if value is None:
        return None
    try:
        text = str(value)
    except (UnicodeError, LookupError, ValueError):
        return None
    return line(text)


def _position(ds: Any) -> float | None:
    """Where the slice lies along the series, in millimetres: the last coordinate of its
    position, else its slice location."""
    try:
        position = ds.get("ImagePositionPatient")
        if position is not None and len(position) == 3:
            value = float(position[2])
        elif ds.get("SliceLocation") is not None:
            value = float(ds.get("SliceLocation"))
        else:
            return None
    except (TypeError, ValueError, IndexError):
        return None
    return value if abs(value) < 1e9 else None


def read_dicomdir(path: Path, _what: str = "") -> list[list[str]]:
    """The files a ``DICOMDIR`` lists, each as the parts of its path on the disc."""
    from pydicom import dcmread
    from pydicom.errors import InvalidDicomError

    try:
        ds = dcmread(path, stop_before_pixels=True)
    except InvalidDicomError as exc:
        raise Unreadable(tr("The disc's list of files (DICOMDIR) is damaged.")) from exc
    records = ds.get("DirectoryRecordSequence")
    if records is None:
        raise Unreadable(tr("The disc's list of files (DICOMDIR) is damaged."))
    if len(records) > MAX_DICOMDIR_RECORDS:
        raise Unreadable(tr("The disc's list of files (DICOMDIR) is too long to be real."))
    found: list[list[str]] = []
    for record in records:
        reference = record.get("ReferencedFileID")
        if reference is None:
            continue
        parts = [reference] if isinstance(reference, str) else list(reference)
        cleaned = [str(p).strip() for p in parts][:8]
        if cleaned and all(cleaned):
            found.append(cleaned)
    return found


__all__ = ["MAGIC", "PREAMBLE", "TAGS", "is_dicom", "line", "read_dicomdir", "read_header"]
