"""What a DICOM file says of itself, read in a sandboxed reader process (worker side).

Only the tags the catalogue needs are read (``specific_tags``), never the pixel data, and
every value is cut to one short line: a crafted file cannot make the reader keep much.
A ``DICOMDIR`` gives, instead, the files it lists (:mod:`.dicomdir`).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from ..i18n import tr
from ..importer.handlers import Unreadable
from .render import MAX_SIDE

PREAMBLE = 128
MAGIC = b"DICM"
MAX_VALUE = 200  # characters kept of any text value

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
    """The catalogue's tags of one DICOM file; :class:`Unreadable` when it is not one.

    The file is read up to the last of :data:`TAGS` (never its pixel data, nor what follows
    the tags), and only those tags are kept (``specific_tags``: the others are skipped)."""
    from pydicom.errors import InvalidDicomError
    from pydicom.filereader import read_partial

    with path.open("rb") as handle:
        if not is_dicom(handle.read(PREAMBLE + 4)):
            raise Unreadable(tr("This is not a DICOM file."))
        handle.seek(0)
        numbers = _dictionary()
        last = max(tag for tag, _vr in numbers.values())
        try:
            ds = read_partial(
                handle,
                stop_when=lambda tag, _vr, _length: tag > last,
                specific_tags=[tag for tag, _vr in numbers.values()],
            )
        except InvalidDicomError as exc:
            raise Unreadable(tr("This DICOM file is damaged and cannot be read.")) from exc
    values = _values(ds, numbers)
    meta = getattr(ds, "file_meta", None)
    syntax = uid(meta.get("TransferSyntaxUID")) if meta is not None else None
    instance = uid(values.get("SOPInstanceUID")) or (
        uid(meta.get("MediaStorageSOPInstanceUID")) if meta is not None else None
    )
    klass = uid(values.get("SOPClassUID")) or (
        uid(meta.get("MediaStorageSOPClassUID")) if meta is not None else None
    )
    study, series = uid(values.get("StudyInstanceUID")), uid(values.get("SeriesInstanceUID"))
    if not (syntax and instance and klass):
        raise Unreadable(tr("This DICOM file does not say what it holds."))
    if not (study and series):
        raise Unreadable(tr("This DICOM file belongs to no study."))
    rows, columns = whole(values.get("Rows")), whole(values.get("Columns"))
    if max(rows or 0, columns or 0) > MAX_SIDE:  # no scanner makes it: a bomb, or damage
        raise Unreadable(
            tr(
                "This DICOM file says its image is {columns} x {rows} pixels, larger than "
                "any scanner makes.",
                columns=columns or 0,
                rows=rows or 0,
            )
        )
    return {
        "syntax": syntax,
        "instance": instance,
        "class": klass,
        "study": study,
        "series": series,
        "patient_name": line(values.get("PatientName")),
        "patient_born": line(values.get("PatientBirthDate")),
        "patient_number": line(values.get("PatientID")),
        "study_date": line(values.get("StudyDate")),
        "study_description": line(values.get("StudyDescription")),
        "accession": line(values.get("AccessionNumber")),
        "institution": line(values.get("InstitutionName")),
        "referring": line(values.get("ReferringPhysicianName")),
        "series_number": whole(values.get("SeriesNumber")),
        "series_description": line(values.get("SeriesDescription")),
        "modality": line(values.get("Modality")),
        "body_part": line(values.get("BodyPartExamined")),
        "number": whole(values.get("InstanceNumber")),
        "position": _position(values),
        "rows": rows,
        "columns": columns,
        "frames": max(1, whole(values.get("NumberOfFrames")) or 1),
    }


@cache
def _dictionary() -> dict[str, tuple[int, str]]:
    """Each of :data:`TAGS` with its tag number and value representation."""
    from pydicom.datadict import dictionary_VR, tag_for_keyword

    found: dict[str, tuple[int, str]] = {}
    for keyword in TAGS:
        tag = tag_for_keyword(keyword)
        assert tag is not None
        found[keyword] = (tag, dictionary_VR(tag))
    return found


def _values(ds: Any, numbers: dict[str, tuple[int, str]]) -> dict[str, Any]:
    """The tags' values as text (a list for several), Rows and Columns as numbers.

    Decoded here from the bytes read (text in the file's character set, as pydicom does):
    pydicom's own conversion of an element costs more than reading the file. An element
    whose value representation is not the expected one is left to pydicom."""
    from pydicom.charset import convert_encodings, decode_bytes
    from pydicom.dataelem import RawDataElement
    from pydicom.valuerep import TEXT_VR_DELIMS

    charset = ds.get_item(numbers["SpecificCharacterSet"][0])
    encodings = convert_encodings(_text(charset.value) if charset is not None else None)
    found: dict[str, Any] = {}
    for keyword, (tag, vr) in numbers.items():
        element = ds.get_item(tag)
        if element is None:
            continue
        if not isinstance(element, RawDataElement) or element.VR not in (None, vr):
            found[keyword] = _text(ds[tag].value)
            continue
        data = bytes(element.value or b"")
        if vr == "US":
            found[keyword] = (
                int.from_bytes(data, "little" if element.is_little_endian else "big")
                if len(data) == 2
                else None
            )
            continue
        if vr in ("LO", "SH", "PN"):
            text = decode_bytes(data, encodings, TEXT_VR_DELIMS)
        else:
            text = data.decode("latin-1")
        parts = [part.rstrip("\x00 ") for part in text.split("\\")]
        found[keyword] = parts[0] if len(parts) == 1 else parts
    return found


def _text(value: Any) -> Any:
    """A value pydicom converted, as text (a list for several)."""
    if value is None or isinstance(value, (str, int, float)):
        return None if value is None else str(value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    try:
        return [str(v) for v in value]
    except TypeError:
        return str(value)


def _position(values: dict[str, Any]) -> float | None:
    """Where the slice lies along the series, in millimetres: the last coordinate of its
    position, else its slice location."""
    try:
        position = values.get("ImagePositionPatient")
        if isinstance(position, list) and len(position) == 3:
            value = float(position[2])
        elif isinstance(values.get("SliceLocation"), str):
            value = float(values["SliceLocation"])
        else:
            return None
    except (TypeError, ValueError, IndexError):
        return None
    return value if abs(value) < 1e9 else None


__all__ = ["MAGIC", "PREAMBLE", "TAGS", "is_dicom", "line", "read_header"]
