"""Whose files these are: names compared as people write them, in their alphabets."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.core.imaging.names import display_name, iso_date
from dossier.core.imaging.patient import PatientOnDisc, check_patient
from tests.dicom_discs import SeriesSpec, StudySpec, make_disc


def _check(person: str, born: str | None, name: str | None, on_disc_born: str | None = None) -> str:
    return check_patient(
        {"name": person, "born": born}, [PatientOnDisc(name, on_disc_born, None)]
    ).result


@pytest.mark.parametrize(
    ("person", "stored", "expected"),
    [
        ("Margaret Example", "EXAMPLE^MARGARET", "match"),
        ("Margaret Example", "Example^Margaret^^Mrs", "match"),
        ("Margaret Example", "EXAMPLE^M", "match"),
        ("Anna de Vries", "DE VRIES^ANNA", "match"),
        ("Anna de Vries-Bakker", "VRIES^ANNA", "match"),
        ("José Müller", "MULLER^JOSE", "match"),
        ("Олена Шевченко", "SHEVCHENKO^OLENA", "match"),
        ("Олена Шевченко", "ШЕВЧЕНКО^ОЛЕНА", "match"),
        ("Margaret Example", "JANSEN^PIETER", "mismatch"),
        ("Margaret Example", "EXAMPLE^PIETER", "mismatch"),
        ("Олена Шевченко", "KOVALENKO^OLENA", "mismatch"),
        ("מרים כהן", "COHEN^MIRIAM", "unknown"),
        ("Miriam Cohen", "כהן^מרים", "unknown"),
        ("מרים כהן", "COHEN^MIRIAM=כהן^מרים", "match"),
        ("Margaret Example", "", "unknown"),
        ("Margaret Example", None, "unknown"),
    ],
)
def test_names(person: str, stored: str | None, expected: str) -> None:
    assert _check(person, None, stored) == expected


def test_a_different_date_of_birth_is_another_person_whatever_the_name() -> None:
    assert _check("Margaret Example", "1958-02-14", "EXAMPLE^MARGARET", "1958-02-15") == "mismatch"
    assert _check("Margaret Example", "1958-02-14", "EXAMPLE^MARGARET", "1958-02-14") == "match"
    assert _check("Margaret Example", None, "EXAMPLE^MARGARET", "1958-02-14") == "match"


def test_the_message_says_whose_files_they_are_and_whose_dossier_it_is() -> None:
    check = check_patient(
        {"name": "Margaret Example", "born": "1958-02-14"},
        [PatientOnDisc("JANSEN^PIETER", "1948-03-12", "NL-9012-88")],
    )
    assert check.message == (
        "These files are for Pieter Jansen (JANSEN^PIETER), born 12 March 1948: not for "
        "Margaret Example. Add them only if they belong in this dossier."
    )
    nobody = check_patient({"name": "Margaret Example"}, [PatientOnDisc(None, None, "X")])
    assert nobody.result == "unknown" and "label" in nobody.message


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("DE VRIES^ANNA^^DR", "Dr Anna de Vries"),
        ("JANSEN^PIETER", "Pieter Jansen"),
        ("van der Berg^Jan", "Jan van der Berg"),
        ("=ШЕВЧЕНКО^ОЛЕНА", "Олена Шевченко"),
        ("", ""),
    ],
)
def test_display_names(stored: str, shown: str) -> None:
    assert display_name(stored) == shown


@pytest.mark.parametrize(
    ("stored", "iso"),
    [("20260312", "2026-03-12"), ("20260230", None), ("2026", None), ("", None), (None, None)],
)
def test_dates(stored: str | None, iso: str | None) -> None:
    assert iso_date(stored) == iso


@pytest.mark.parametrize(
    ("charset", "stored", "person"),
    [
        ("ISO_IR 144", "Шевченко^Олена", "Олена Шевченко"),
        ("ISO_IR 138", "כהן^מרים", "מרים כהן"),
        ("ISO_IR 100", "Müller^José", "José Müller"),
    ],
)
def test_names_in_the_files_own_character_set_are_read_and_compared(
    tmp_path: Path, charset: str, stored: str, person: str
) -> None:
    from dossier.core.imaging.scan import scan_disc
    from dossier.core.opening import create_dossier

    patient = {"name": stored, "birth": "19700101", "id": "X1", "charset": charset}
    spec = StudySpec(7, patient=patient, series=(SeriesSpec(1, "AX", slices=1),))
    disc = make_disc(tmp_path / "disc", [spec])
    with create_dossier(tmp_path / "d", name=person, born="1970-01-01") as dossier:
        [study] = scan_disc(dossier, disc).studies
    assert study.patient.name == stored
    assert study.check.result == "match"
