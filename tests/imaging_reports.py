"""A dossier with imaging studies, for the tests of the printed reports (the brief, the
document index and the packet's contents page).

Not a test module. The studies come from discs made with :mod:`tests.dicom_discs`, read and
added through the core as the window does; the clock is pinned while it is built (the copy
of a disc sent to a doctor is dated by it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dossier.core import records
from dossier.core.imaging.adding import add_disc
from dossier.core.imaging.export import export_disc
from dossier.core.imaging.scan import scan_disc
from dossier.core.opening import create_dossier
from dossier.core.storage import Dossier
from tests.dicom_discs import SeriesSpec, StudySpec, make_disc, standard_study

DAY = date(2026, 11, 22)  # the day it is built, and the reports are printed
NAME, BORN = "Margaret Example", "1958-02-14"  # the person of tests.dicom_discs.PATIENT
HEBREW = "אולטרסאונד בטן מלאה עם דופלר של כלי הדם בכבד"  # as the hospital wrote it
CYRILLIC = "КТ органов грудной клетки с контрастом"
MANY = 30


@dataclass
class Imaging:
    dossier: Dossier
    case_id: int  # a case with a few studies, each a different way of keeping its images
    many_case: int  # a case with MANY studies
    ct: int  # the standard CT (3 series, the third another patient's), its copy sent
    mri: int  # an MRI of the knee without a description, only catalogued, disc at home
    chest: int  # a CT described in Russian, kept, marked to bring
    ultrasound: int  # an ultrasound described in Hebrew, one image
    other: int  # a study without a case, only in the whole dossier's index
    doctor: str  # the doctor the CT's copy was sent to, as the reports name them
    slides: int  # a physical item of the case that is not a disc


def studies_few() -> list[StudySpec]:
    ct = standard_study(1)
    mri = StudySpec(
        2,
        description="",
        date="20251104",
        institution="Lakeshore Clinic",
        series=(
            SeriesSpec(1, "T1 SAG", modality="MR", body_part="KNEE", slices=2, size=16),
            SeriesSpec(2, "T2 COR", modality="MR", body_part="KNEE", slices=3, size=16),
        ),
    )
    chest = StudySpec(
        3,
        description=CYRILLIC,
        date="20250910",
        institution="Клиника имени Пирогова",
        series=(SeriesSpec(1, "Лёгкие 1 мм", slices=2, size=16),),
    )
    ultrasound = StudySpec(
        4,
        description=HEBREW,
        date="20260102",
        institution="המרכז הרפואי שיבא",
        series=(SeriesSpec(1, "ABD", modality="US", body_part="ABDOMEN", slices=1, size=16),),
    )
    other = StudySpec(
        5,
        description="RX THORAX PA",
        date="20240115",
        series=(SeriesSpec(1, "PA", modality="DX", slices=1, size=16),),
    )
    return [ct, mri, chest, ultrasound, other]


def studies_many() -> list[StudySpec]:
    """MANY small studies over six years, of four kinds."""
    kinds = (("CT", "CHEST"), ("MR", "BRAIN"), ("DX", "KNEE"), ("US", "ABDOMEN"))
    out = []
    for n in range(MANY):
        modality, part = kinds[n % len(kinds)]
        out.append(
            StudySpec(
                100 + n,
                description=f"{modality} FOLLOW-UP {n + 1}",
                date=f"{2020 + n // 6}{(n % 12) + 1:02d}15",
                accession=f"A{n:05d}",
                series=(SeriesSpec(1, "S1", modality=modality, body_part=part, slices=1, size=16),),
            )
        )
    return out


def build_imaging_dossier(folder: Path) -> Imaging:
    """Built before any test's own profile and clock: its own, on :data:`DAY`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_HOME", str(folder / "home"))
        patch.setenv("DOSSIER_TODAY", DAY.isoformat())
        return _build(folder)


def _build(folder: Path) -> Imaging:
    dossier = create_dossier(folder / "dossier", name=NAME, born=BORN)
    case_id = records.create(dossier, "case", {"title": "Lung nodule", "kind": "diagnosis"}).id
    many_case = records.create(dossier, "case", {"title": "Follow-up", "kind": "diagnosis"}).id
    doctor = records.create(
        dossier, "contact", {"name": "Dr. Ada Weiss", "institution": "Riverside General"}
    ).id
    ct, mri, chest, ultrasound, other = specs = studies_few()
    scan = scan_disc(dossier, make_disc(folder / "disc", specs))

    def add(spec: StudySpec, **options: Any) -> int:
        added = add_disc(dossier, scan, studies={spec.uid}, **options)
        return added.study_ids[0]

    ids = {
        "ct": add(ct, case_id=case_id, other_patient=True),
        "mri": add(mri, case_id=case_id, keep=False, location="at home, blue folder"),
        "chest": add(chest, case_id=case_id),
        "ultrasound": add(ultrasound, case_id=case_id),
        "other": add(other),
    }
    records.update(dossier, "study", ids["chest"], {"bring": True})
    export_disc(dossier, [ids["ct"]], folder / "copy", sent_to_id=doctor)
    slides = records.create(
        dossier,
        "physical_item",
        {"case_id": case_id, "kind": "slides", "description": "Biopsy slides", "location": "home"},
    ).id
    many = scan_disc(dossier, make_disc(folder / "many", studies_many()))
    add_disc(dossier, many, case_id=many_case)
    return Imaging(
        dossier,
        case_id,
        many_case,
        doctor=("Dr. Ada Weiss · Riverside General"),
        slides=slides,
        **ids,
    )


__all__ = ["CYRILLIC", "DAY", "HEBREW", "MANY", "Imaging", "build_imaging_dossier"]
