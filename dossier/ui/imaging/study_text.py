"""How studies and series read on screen: their names, counts, what kind of scan, where
the images are, and whose they are (the patient check, in plain words)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...core import records
from ...core.bidi import isolate
from ...core.errors import DossierError
from ...core.i18n import N_, ntr, tr
from ...core.imaging.names import display_name
from ...core.imaging.patient import MATCH, MISMATCH, PatientOnDisc, check_patient
from ...core.locale_format import file_size
from ...core.person import get_person
from ...core.storage import Dossier
from ..formatting import date_text

# What the codes of the DICOM standard mean, in a patient's words.
_MODALITIES = {
    "CT": N_("CT scan"),
    "MR": N_("MRI scan"),
    "CR": N_("X-ray"),
    "DX": N_("X-ray"),
    "DR": N_("X-ray"),
    "RF": N_("X-ray video"),
    "XA": N_("Angiography"),
    "US": N_("Ultrasound"),
    "MG": N_("Mammogram"),
    "NM": N_("Nuclear medicine scan"),
    "PT": N_("PET scan"),
    "OT": N_("Other images"),
    "SC": N_("Captured images"),
    "SR": N_("Written report"),
    "DOC": N_("Document"),
    "ECG": N_("ECG"),
}


def modality_text(codes: str | None) -> str:
    """ "CT" as "CT scan", "CT, SR" as "CT scan, Written report"; an unknown code as it is."""
    if not codes:
        return ""
    shown = [tr(_MODALITIES[c]) if c in _MODALITIES else c for c in codes.split(", ") if c]
    return ", ".join(dict.fromkeys(shown))


def size_text(size: int) -> str:
    """ "6.3 MB", never broken between the number and its unit."""
    return file_size(size).replace(" ", "\u00a0")


# The body parts of the DICOM standard's defined terms a disc most often names.
_BODY_PARTS = {
    "ABDOMEN": N_("Abdomen"),
    "ABDOMENPELVIS": N_("Abdomen and pelvis"),
    "ANKLE": N_("Ankle"),
    "ARM": N_("Arm"),
    "BRAIN": N_("Brain"),
    "BREAST": N_("Breast"),
    "CHEST": N_("Chest"),
    "CHESTABDOMEN": N_("Chest and abdomen"),
    "CSPINE": N_("Neck (spine)"),
    "ELBOW": N_("Elbow"),
    "FOOT": N_("Foot"),
    "HAND": N_("Hand"),
    "HEAD": N_("Head"),
    "HEART": N_("Heart"),
    "HIP": N_("Hip"),
    "KIDNEY": N_("Kidney"),
    "KNEE": N_("Knee"),
    "LEG": N_("Leg"),
    "LIVER": N_("Liver"),
    "LSPINE": N_("Lower back (spine)"),
    "NECK": N_("Neck"),
    "PELVIS": N_("Pelvis"),
    "PROSTATE": N_("Prostate"),
    "SHOULDER": N_("Shoulder"),
    "SKULL": N_("Skull"),
    "SPINE": N_("Spine"),
    "TSPINE": N_("Upper back (spine)"),
    "WHOLEBODY": N_("Whole body"),
    "WRIST": N_("Wrist"),
}


def body_part_text(code: str | None) -> str:
    """ "CHEST" as "Chest" in the window's language; a part not in the list as written."""
    if not code:
        return ""
    known = _BODY_PARTS.get(code.strip().upper().replace(" ", ""))
    return tr(known) if known is not None else code


def study_title(study: Mapping[str, Any]) -> str:
    """The study's own description, else what kind of scan it is."""
    described = str(study.get("description") or "").strip()
    return described or modality_text(study.get("modality")) or tr("Imaging study")


def counts_text(series: int, images: int) -> str:
    # Translators: a study's size: "3 series, 24 images".
    return tr(
        "{series}, {images}",
        series=ntr("{n} series", "{n} series", series),
        images=ntr("{n} image", "{n} images", images),
    )


def study_counts(study: Mapping[str, Any]) -> str:
    return counts_text(len(study.get("series") or []), int(study.get("image_count") or 0))


def study_line(study: Mapping[str, Any]) -> str:
    """One line naming the study: "CT THORAX · 12 Mar 2026 · Amsterdam UMC"."""
    parts = [study_title(study), date_text(study.get("study_date")), study.get("institution")]
    return " · ".join(isolate(str(p)) for p in parts if p)


def series_title(series: Mapping[str, Any]) -> str:
    number = series.get("number")
    described = str(series.get("description") or "").strip()
    if number is not None and described:
        # Translators: a series of a study by its number and the hospital's description.
        return tr("Series {n}: {description}", n=number, description=isolate(described))
    if number is not None:
        return tr("Series {n}", n=number)
    return described or tr("Series")


def series_details(series: Mapping[str, Any]) -> str:
    """ "Chest · CT scan · 12 images"."""
    parts = [
        body_part_text(series.get("body_part")),
        modality_text(series.get("modality")),
        ntr("{n} image", "{n} images", int(series.get("image_count") or 0)),
    ]
    return " · ".join(p for p in parts if p)


def kept_text(dossier: Dossier, study: Mapping[str, Any]) -> str:
    """Where the images are: in the dossier, or only listed (and where the disc is kept)."""
    if study.get("kept"):
        return tr("Kept in the dossier")
    place = ""
    item = study.get("disc_item_id")
    if item:
        try:
            place = str(records.get(dossier, "physical_item", int(item)).get("location") or "")
        except DossierError:  # the disc's record was deleted: the study says only "listed"
            place = ""
    if place:
        return tr("Only listed, disc kept at {place}", place=isolate(place))
    return tr("Only listed: the images stay on the disc")


@dataclass(frozen=True)
class Whose:
    """The patient check of a study as the page shows it."""

    result: str  # "match", "mismatch" or "unknown"
    badge: str  # short, for the list
    message: str  # the whole sentence, for the study's heading

    @property
    def mismatch(self) -> bool:
        return self.result == MISMATCH


def whose(dossier: Dossier, study: Mapping[str, Any]) -> Whose:
    """Whose files the study holds, checked against the dossier's person as it is now."""
    person = get_person(dossier)
    own = str(person.get("name") or "")
    names = [n for n in str(study.get("patient_name") or "").split(" / ") if n]
    found = [
        PatientOnDisc(
            name,
            study.get("patient_born") if index == 0 else None,
            study.get("patient_number") if index == 0 else None,
        )
        for index, name in enumerate(names)
    ]
    check = check_patient(person, found)
    result = MISMATCH if study.get("patient_check") == MISMATCH else check.result
    if result == MISMATCH:
        others = [
            display_name(p.name) for p in found if check_patient(person, [p]).result == MISMATCH
        ] or [display_name(n) for n in names]
        other = ", ".join(isolate(n) for n in others if n) or tr("someone else")
        badge = tr("⚠ Files of {other}: not {person}", other=other, person=isolate(own))
        message = check.message if check.mismatch else badge
        return Whose(MISMATCH, badge, message)
    if result == MATCH:
        return Whose(MATCH, tr("✓ Files of {person}", person=isolate(own)), check.message)
    return Whose(result, tr("? Check whose files these are"), check.message)


__all__ = [
    "Whose",
    "body_part_text",
    "counts_text",
    "kept_text",
    "modality_text",
    "series_details",
    "series_title",
    "size_text",
    "study_counts",
    "study_line",
    "study_title",
    "whose",
]
