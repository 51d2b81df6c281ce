"""A dossier for the bundle tests, made through the core: a case whose documents have hard
titles (Hebrew, Cyrillic, 300 characters, "CON", "a/b:c*?", two alike), a certified
translation into English, a Russian report with none, a kept imaging study and one only
catalogued, and the doctor it is for.

Not a test module. Built once per module (:func:`build`), copied per test (:func:`copy`).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from dossier.core import records
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import Dossier
from dossier.core.textpdf import Block, write_pdf
from tests.dicom_discs import SeriesSpec, StudySpec, add_study

HEBREW = "מכתב מבית החולים על הברך"
CYRILLIC = "Заключение МРТ коленного сустава"
LONG = "Operative report " + "with a very long description of the knee " * 8
LONG = LONG[:300]
ALIKE = "Laboratory results"


@dataclass(frozen=True)
class Built:
    folder: Path
    case: int
    doctor: int
    letter: int  # the Dutch letter, titled in Hebrew, with a certified English translation
    translation: int
    russian: int  # no translation into English
    long: int
    con: int
    slashes: int
    alike: tuple[int, int]
    study: int  # kept
    listed: int  # only catalogued


def _import(dossier: Dossier, folder: Path, name: str, text: str, case: int) -> int:
    path = folder / name
    if name.endswith(".pdf"):
        write_pdf(path, [Block(text, "heading"), Block(text + " " + name)], title=text[:40])
    else:
        path.write_text(text + "\n" + name + "\n", "utf-8")
    [done] = import_paths(dossier, [path], case_id=case)
    assert done.document_id is not None, done
    return done.document_id


def build(folder: Path, sources: Path) -> Built:
    sources.mkdir(parents=True, exist_ok=True)
    with create_dossier(folder, name="Sarah Levi-Cohen", born="1961-04-02") as made:
        case = records.create(
            made,
            "case",
            {"title": "Right knee: operate now?", "question": "Should the knee be replaced now?"},
        ).id
        doctor = records.create(
            made,
            "contact",
            {"name": "Dr. Ingrid Halvorsen", "institution": "Northfield Joint Clinic"},
        ).id

        def add(name: str, text: str, **values: object) -> int:
            number = _import(made, sources, name, text, case)
            records.update(made, "document", number, values)
            return number

        letter = add(
            "brief-knie.pdf",
            "Brief van het ziekenhuis over de knie",
            title=HEBREW,
            language="nl",
            document_date="2026-02-14",
            kind="letter",
        )
        translation = add(
            "letter-knee-en.pdf",
            "Letter from the hospital about the knee",
            title="Letter about the knee (English translation)",
            language="en",
            translation_of_id=letter,
            translation_certified=True,
            translated_by="Vertaalbureau Noord",
        )
        russian = add(
            "mrt.txt", "Заключение МРТ: разрыв мениска", title=CYRILLIC, language="ru",
            document_date="2026-01-10",
        )  # fmt: skip
        long = add("long.txt", "Operative report", title=LONG, language="en")
        con = add("con.txt", "A letter called CON", title="CON", language="en")
        slashes = add("slashes.txt", "A name full of slashes", title="a/b:c*?", language="en")
        first = add("lab1.txt", "Haemoglobin 8.1", title=ALIKE, document_date="2026-03-01")
        second = add("lab2.txt", "Haemoglobin 8.4", title=ALIKE.upper(), document_date="2026-03-01")
        study = add_study(made, sources / "ct", case_id=case)
        listed = add_study(
            made,
            sources / "knee",
            StudySpec(
                12,
                description="MRI KNEE",
                date="20251104",
                series=(SeriesSpec(1, "T1 SAG", modality="MR", body_part="KNEE", slices=2),),
            ),
            keep=False,
            location="the blue folder at home",
            case_id=case,
        )
    return Built(
        folder, case, doctor, letter, translation, russian, long, con, slashes,
        (first, second), study, listed,
    )  # fmt: skip


def copy(built: Built, folder: Path) -> Built:
    """A copy of the built dossier in ``folder`` (its numbers stay the same)."""
    shutil.copytree(built.folder, folder, symlinks=True)
    return Built(folder, *[getattr(built, f) for f in list(Built.__dataclass_fields__)[1:]])


def opened(built: Built) -> Dossier:
    return open_dossier(built.folder)


def vault_file(dossier: Dossier, document_id: int) -> Path:
    row = records.get(dossier, "document", document_id)
    return dossier.vault.path_for(str(row["sha256"]))
