"""An imaging study named in a few words a doctor reads at a glance: "CT chest",
"MRI: KNIE LINKS", "Ultrasound abdomen".

The hospital's own description is kept when it says something ("CT THORAX MET CONTRAST"):
it is what the study is called in the hospital's system, where a doctor would look it up.
A description that says nothing (empty, a code, a number, "STUDY") gives way to the body
part of its series. The modality is said in plain words ("MRI" for DICOM's "MR"), and not
twice when the description already names it.
"""

from __future__ import annotations

import re
from typing import Any

from ..bidi import isolate
from ..i18n import N_, NC_, tr
from .common import clip, one_line

# Translators: kinds of imaging study (DICOM modalities) as a doctor names them, at the
# start of a line: "CT", "MRI", "X-ray", "Ultrasound"…
MODALITY_WORDS = {
    "CT": N_("CT"),
    "MR": N_("MRI"),
    "PT": N_("PET"),
    "NM": N_("Nuclear medicine scan"),
    "US": N_("Ultrasound"),
    "CR": N_("X-ray"),
    "DX": N_("X-ray"),
    "RG": N_("X-ray"),
    "MG": N_("Mammogram"),
    "XA": N_("Angiogram"),
    "RF": N_("Fluoroscopy"),
    "IO": N_("Dental X-ray"),
    "PX": N_("Dental X-ray"),
    "BMD": N_("Bone density scan"),
    "OP": N_("Eye photographs"),
    "OPT": N_("Eye OCT"),
    "ES": N_("Endoscopy"),
    "XC": N_("Photographs"),
    "SM": N_("Digital slides"),
    "IVUS": N_("Intravascular ultrasound"),
}
# Together in one study: the word for both.
_COMBINED = {
    frozenset({"PT", "CT"}): N_("PET-CT"),
    frozenset({"PT", "MR"}): N_("PET-MRI"),
}
# What goes with images but is not itself a kind of imaging (reports, key images,
# presentation states, segmentations, "other", screen captures).
_BESIDE_IMAGES = frozenset(
    [
        "SR",
        "KO",
        "PR",
        "DOC",
        "SEG",
        "REG",
        "RTSTRUCT",
        "RTPLAN",
        "RTDOSE",
        "RTRECORD",
        "PLAN",
        "FID",
        "OT",
        "SC",
    ]
)
# Words by which a description already names its modality ("CT THORAX", "MRI KNIE",
# "ECHO ABDOMEN", "МРТ головного мозга", "RX THORAX", "אולטרסאונד בטן"); a word of four
# letters or more also as the start of a longer one ("MAMMOGRAFIE LINKS", "Рентгенография").
_SAID = {
    "CT": ("CT", "CTA", "CAT", "TC", "КТ", "KT", "СКТ", "МСКТ"),
    "MR": ("MR", "MRI", "MRA", "MRT", "МРТ", "IRM", "RM", "NMR", "תהודה"),
    "PT": ("PET", "PT", "ПЭТ", "ПЕТ"),
    "NM": ("NM", "SPECT", "SCINT", "SCINTIGRAFIE", "SCINTIGRAPHY", "СЦИНТИ", "מיפוי"),
    "US": ("US", "USG", "ECHO", "ULTRASOUND", "SONO", "УЗИ", "УЗД", "ЭХО", "אולטרסאונד"),
    "CR": (
        "CR",
        "DX",
        "XR",
        "RX",
        "RTG",
        "XRAY",
        "RÖNTGEN",
        "RONTGEN",
        "РЕНТГЕН",
        "צילום",
        "רנטגן",
    ),
    "MG": ("MG", "MAMMO", "MAMMOGRAPHY", "MAMMOGRAM", "MAMMOGRAFIE", "МАММОГР", "ממוגרפיה"),
    "XA": ("XA", "ANGIO", "ANGIOGRAPHY", "ANGIOGRAFIE", "CAG", "АНГИО", "אנגיו"),
}
_SAID["DX"] = _SAID["RG"] = _SAID["CR"]
# Descriptions that say nothing of what was imaged.
_EMPTY_WORDS = frozenset(
    [
        "STUDY",
        "STUDIES",
        "EXAM",
        "EXAMINATION",
        "ONDERZOEK",
        "UNNAMED",
        "UNKNOWN",
        "NONE",
        "NULL",
        "ANONYMOUS",
        "ANONYMIZED",
        "DEFAULT",
        "IMAGE",
        "IMAGES",
        "SERIES",
        "ROUTINE",
        "PROTOCOL",
        "NEW",
        "TEST",
        "SCAN",
        "SCANS",
        "CD",
        "DVD",
        "DISC",
        "DISK",
    ]
)
# Translators: body parts as DICOM names them (Body Part Examined), in small letters after
# the kind of study: "CT chest", "MRI knee".
BODY_PART_WORDS = {
    "ABDOMEN": NC_("body part", "abdomen"),
    "ABDOMENPELVIS": NC_("body part", "abdomen and pelvis"),
    "ANKLE": NC_("body part", "ankle"),
    "ARM": NC_("body part", "arm"),
    "BRAIN": NC_("body part", "brain"),
    "BREAST": NC_("body part", "breast"),
    "CHEST": NC_("body part", "chest"),
    "THORAX": NC_("body part", "chest"),
    "CHESTABDOMEN": NC_("body part", "chest and abdomen"),
    "CHESTABDPELVIS": NC_("body part", "chest, abdomen and pelvis"),
    "CSPINE": NC_("body part", "cervical spine"),
    "TSPINE": NC_("body part", "thoracic spine"),
    "LSPINE": NC_("body part", "lumbar spine"),
    "SSPINE": NC_("body part", "sacrum"),
    "SPINE": NC_("body part", "spine"),
    "WHOLESPINE": NC_("body part", "whole spine"),
    "ELBOW": NC_("body part", "elbow"),
    "EXTREMITY": NC_("body part", "limb"),
    "FOOT": NC_("body part", "foot"),
    "HAND": NC_("body part", "hand"),
    "HEAD": NC_("body part", "head"),
    "SKULL": NC_("body part", "skull"),
    "HEART": NC_("body part", "heart"),
    "HIP": NC_("body part", "hip"),
    "JAW": NC_("body part", "jaw"),
    "KIDNEY": NC_("body part", "kidney"),
    "KNEE": NC_("body part", "knee"),
    "LEG": NC_("body part", "leg"),
    "LIVER": NC_("body part", "liver"),
    "NECK": NC_("body part", "neck"),
    "PELVIS": NC_("body part", "pelvis"),
    "PROSTATE": NC_("body part", "prostate"),
    "SHOULDER": NC_("body part", "shoulder"),
    "WHOLEBODY": NC_("body part", "whole body"),
    "WRIST": NC_("body part", "wrist"),
}
_TOKENS = re.compile(r"[^\W_]+")
_LETTERS = re.compile(r"[^\W\d_]{3,}")
_X_RAY = re.compile(r"\bX[-\s]?RAY")


def modality_codes(study: dict[str, Any]) -> list[str]:
    """The study's modalities ("CT", "MR"…), the imaging ones first: what the study
    records, else what its series say."""
    raw = [c.strip().upper() for c in (study.get("modality") or "").split(",") if c.strip()]
    if not raw:
        raw = [
            str(s["modality"]).strip().upper()
            for s in study.get("series") or ()
            if s.get("modality")
        ]
    codes = list(dict.fromkeys(raw))
    imaging = [c for c in codes if c not in _BESIDE_IMAGES]
    return imaging or codes


def modality_word(codes: list[str]) -> str:
    """ "CT", "MRI", "PET-CT"; DICOM's own code for one without a plain word; "" for none."""
    if not codes:
        return ""
    combined = _COMBINED.get(frozenset(codes[:2])) if len(codes) >= 2 else None
    if combined:
        return tr(combined)
    words = list(dict.fromkeys(tr(MODALITY_WORDS[c]) if c in MODALITY_WORDS else c for c in codes))
    return " + ".join(words[:2])


def body_parts(study: dict[str, Any]) -> str:
    """The body parts of the study's series in plain words ("chest", "knee"), as many as
    there are (at most three); "" when none is recorded."""
    found: list[str] = []
    for series in study.get("series") or ():
        raw = one_line(series.get("body_part"))
        if not raw:
            continue
        key = raw.upper().replace(" ", "").replace("_", "")
        word = tr(BODY_PART_WORDS[key]) if key in BODY_PART_WORDS else raw.lower()
        if word not in found:
            found.append(word)
    return ", ".join(found[:3])


def says_nothing(description: str, codes: list[str]) -> bool:
    """Whether a description is too cryptic to name the study: no word of three letters or
    more beyond the modality and words such as "STUDY" ("", "1.2.840…", "CT 123",
    "ROUTINE")."""
    modality = {w for c in codes for w in _SAID.get(c, (c,))}
    words = [w.upper() for w in _LETTERS.findall(description)]
    return not any(w not in _EMPTY_WORDS and w not in modality for w in words)


def names_modality(description: str, codes: list[str]) -> bool:
    """Whether the description already says the kind of study ("CT THORAX", "MRI-KNEE")."""
    said = {w for c in codes for w in _SAID.get(c, (c,))}
    text = description.upper()
    if "XRAY" in said and _X_RAY.search(text):
        return True
    return any(
        t in said or any(len(s) >= 4 and t.startswith(s) for s in said)
        for t in _TOKENS.findall(text)
    )


def study_name(study: dict[str, Any], limit: int = 0) -> str:
    """The study in a few words: its description (shortened to ``limit`` characters, 0: not
    shortened) with the modality before it when it does not say it; else the modality and
    the body part ("CT chest"); else whatever there is."""
    codes = modality_codes(study)
    modality = modality_word(codes)
    description = one_line(study.get("description"))
    if description and not says_nothing(description, codes):
        shown = isolate(clip(description, limit) if limit else description)
        if not modality or names_modality(description, codes):
            return shown
        # Translators: a kind of imaging study and the hospital's description of it
        # ("MRI: KNIE LINKS").
        return tr("{modality}: {description}", modality=modality, description=shown)
    part = body_parts(study)
    if modality and part:
        # Translators: a kind of imaging study and the body part imaged ("CT chest").
        return tr("{modality} {part}", modality=modality, part=isolate(part))
    if modality and description:
        return tr("{modality}: {description}", modality=modality, description=isolate(description))
    if modality:
        return modality
    return isolate(description or part) or tr("Imaging study")


__all__ = [
    "BODY_PART_WORDS",
    "MODALITY_WORDS",
    "body_parts",
    "modality_codes",
    "modality_word",
    "names_modality",
    "says_nothing",
    "study_name",
]
