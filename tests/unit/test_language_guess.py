"""The language of a document, guessed from its text: right on real letters, None when unsure."""

from __future__ import annotations

import pytest

from dossier.core.language_guess import guess_language

LETTERS = {
    "en": "The patient was seen in the outpatient clinic with pain in the right knee. "
    "An MRI of the knee was performed and shows a tear of the medial meniscus; there is "
    "no sign of a fracture. We advise physiotherapy for six weeks and a follow-up visit.",
    "nl": "Patiënte werd op de polikliniek gezien met pijn in de rechterknie. Er is een "
    "MRI van de knie gemaakt en daarop is een scheur van de mediale meniscus te zien; er "
    "is geen breuk. Wij adviseren zes weken fysiotherapie en een controle bij de huisarts.",
    "de": "Die Patientin wurde in der Ambulanz mit Schmerzen im rechten Knie gesehen. Die "
    "MRT des Knies zeigt einen Riss des Innenmeniskus; ein Bruch ist nicht zu sehen. Wir "
    "empfehlen sechs Wochen Physiotherapie und eine Kontrolle bei dem Hausarzt.",
    "fr": "La patiente a été vue à la consultation pour une douleur du genou droit. "
    "L'IRM du genou montre une déchirure du ménisque interne; il n'y a pas de fracture. "
    "Nous conseillons six semaines de kinésithérapie et une consultation de contrôle.",
    "he": "המטופלת נבדקה במרפאה בשל כאב בברך ימין. בבדיקת MRI של הברך נמצא קרע במניסקוס "
    "המדיאלי, ללא עדות לשבר. מומלץ על פיזיותרפיה במשך שישה שבועות וביקור מעקב.",
    "uk": "Пацієнтку оглянуто в поліклініці з болем у правому коліні. На МРТ коліна "
    "виявлено розрив медіального меніска; ознак перелому немає. Рекомендовано фізіотерапію "
    "протягом шести тижнів і повторний огляд у сімейного лікаря.",
    "ru": "Пациентка осмотрена в поликлинике с болью в правом колене. На МРТ колена "
    "выявлен разрыв медиального мениска; признаков перелома нет. Рекомендована физиотерапия "
    "в течение шести недель и повторный осмотр у терапевта, объём нагрузки ограничен.",
}


@pytest.mark.parametrize("code", sorted(LETTERS))
def test_a_letter_is_recognised(code: str) -> None:
    assert guess_language(LETTERS[code]) == code


@pytest.mark.parametrize("text", ["", "MRI 12-03-2026", "Dr. A. Weiß, 555-0110", "12345 " * 50])
def test_too_little_text_gives_no_guess(text: str) -> None:
    assert guess_language(text) is None


def test_a_mixed_text_gives_no_guess() -> None:
    assert guess_language(LETTERS["en"][:120] + " " + LETTERS["he"][:120]) is None


def test_a_huge_text_is_read_only_in_part() -> None:
    assert guess_language(LETTERS["nl"] * 20_000) == "nl"  # 4 MB: bounded work
