"""How the letters greet the doctor, in each language: a name with a patronymic by first
name and patronymic, agreeing with the doctor (in Ukrainian in the form for addressing
someone); a doctor recorded without a title by the family name; a physical item's kind
not said twice (found reviewing the letters of issue 20 in five languages)."""

from __future__ import annotations

import pytest

from dossier.core import records
from dossier.core.i18n import language_scope
from dossier.core.reports.dates import long_date
from dossier.core.reports.greeting import greeting, patronymic_form, ukrainian_vocative
from dossier.core.reports.physical_items import item_line
from dossier.core.storage import Dossier


@pytest.mark.parametrize(
    ("language", "name", "said"),
    [
        ("ru", "Садовская Наталья Олеговна", "Уважаемая Наталья Олеговна!"),
        ("ru", "Вайсман Юрий Петрович", "Уважаемый Юрий Петрович!"),
        ("ru", "Юрий Петрович Вайсман", "Уважаемый Юрий Петрович!"),
        ("ru", "Д-р Ольга Васильевна Петренко", "Уважаемая Ольга Васильевна!"),
        ("uk", "Сидоренко Наталія Олегівна", "Шановна Наталіє Олегівно!"),
        ("uk", "Вишневський Юрій Петрович", "Шановний Юрію Петровичу!"),
        ("uk", "Ахтирський Тарас Олегович", "Шановний Тарасе Олеговичу!"),
        ("uk", "Гайова Інна Богданівна", "Шановна Інно Богданівно!"),
        ("en", "Dr. Jürgen Weiß", "Dear Dr. Weiß,"),
        ("en", "Samuel Okonkwo", "Dear Dr. Okonkwo,"),
        ("en", "Dr. Okonkwo", "Dear Dr. Okonkwo,"),
        ("en", "Okonkwo", "Dear Okonkwo,"),
        ("nl", "Thomas Achterberg, huisarts", "Geachte dokter Achterberg,"),
        ("nl", "Pieter de Vries", "Geachte dokter de Vries,"),
        ("nl", "dr. Ruben Kortekaas", "Geachte dr. Kortekaas,"),
        ("he", "ד״ר יורם וייסמן", "לכבוד ד״ר וייסמן,"),
    ],
)
def test_greeting(language: str, name: str, said: str) -> None:
    with language_scope(language):
        assert greeting(name) == said


def test_names_without_a_patronymic() -> None:
    assert patronymic_form("Dr. Samuel Okonkwo") is None
    assert patronymic_form("Мельникова Галина") is None
    assert patronymic_form("Ivanovich") is None  # Latin letters: not read as one
    assert ukrainian_vocative("Зоя Олександрівна", "f") == "Зоє Олександрівно"
    assert ukrainian_vocative("Ігор Петрович", "m") == "Ігорю Петровичу"


def test_a_kind_the_description_says_is_not_repeated(dossier: Dossier) -> None:
    slides = records.create(
        dossier,
        "physical_item",
        {"description": "Coupes naaldbiopsie linkermamma", "kind": "slides", "location": "Thuis"},
    ).after
    films = records.create(
        dossier,
        "physical_item",
        {"description": "Knie rechts", "kind": "films", "location": "Thuis"},
    ).after
    assert slides is not None and films is not None
    with language_scope("nl"):
        assert "(coupes)" not in item_line(dossier, slides, long_date)
        assert "(röntgenfoto's)" in item_line(dossier, films, long_date)
    with language_scope("ru"):
        # A Dutch description says nothing of the kind in Russian words.
        assert "(гистологические стёкла)" in item_line(dossier, slides, long_date)
