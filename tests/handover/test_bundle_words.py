"""The bundle's contents list speaks the language of its papers throughout, whatever the
language of the window or command line that made it (found reviewing the bundles of
issue 20 in five languages)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dossier.core import records
from dossier.core.handover.bundle import make_bundle
from dossier.core.i18n import language_scope
from dossier.core.locale_format import long_date
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from dossier.reports.bundle_render import pdf_renderer
from tests.pinned_day import PinDay

RENDER = pdf_renderer()
BREAST_CANCER = 1  # the example's case with slides sent away and an MRI disc at home

# The example is dated from the day it was built (the run's day, which test_any_date moves):
# its dates are read from it, never written here.


def slides_sent_on(dossier: Dossier) -> date:
    """The day the example's biopsy slides were sent to Dr. Helena Müller (contact 4)."""
    [item] = [
        i
        for i in records.list_records(dossier, "physical_item", case_id=BREAST_CANCER)
        if i.get("sent_to_id") == 4
    ]
    return date.fromisoformat(item["sent_on"])


def in_language(language: str, day: date) -> str:
    with language_scope(language):
        return long_date(day)


def test_an_english_list_made_from_a_russian_window_is_english(
    demo_copy: Path, tmp_path: Path, today: PinDay
) -> None:
    today()  # the example's own day
    dossier = open_dossier(demo_copy)
    try:
        sent = in_language("en", slides_sent_on(dossier))
        with language_scope("ru"):
            result = make_bundle(
                dossier, BREAST_CANCER, tmp_path / "b", language="de", render=RENDER, record=False
            )
            said_in_window = list(result.plan.contents.separately)
    finally:
        dossier.close()
    contents = (tmp_path / "b" / "CONTENTS.txt").read_text("utf-8-sig")
    assert f"sent to Dr. Helena Müller · Lakeshore Pathology Institute on {sent}" in contents
    assert "(written in English)" in contents
    assert not any("\u0400" <= c <= "\u04ff" for c in contents)  # no Russian word in it
    # No translated copy goes in: the list does not speak of any.
    assert "the program does not write German." in contents
    assert "The translated copies" not in contents
    # The window itself still tells the person in their own language.
    assert any("отправлено" in line for line in said_in_window)


def test_a_hebrew_list_made_from_an_english_window_is_hebrew(
    demo_copy: Path, tmp_path: Path, today: PinDay
) -> None:
    today()  # the example's own day
    dossier = open_dossier(demo_copy)
    try:
        sent = slides_sent_on(dossier)
        with language_scope("en"):
            make_bundle(
                dossier, BREAST_CANCER, tmp_path / "b", language="he", render=RENDER, record=False
            )
    finally:
        dossier.close()
    contents = (tmp_path / "b" / "CONTENTS.txt").read_text("utf-8-sig")
    assert "sent to" not in contents and f" on {in_language('en', sent)}" not in contents
    assert f"ב-{in_language('he', sent)}" in contents


def test_the_packet_asks_the_questions_of_the_doctor_it_is_for(
    demo_copy: Path, tmp_path: Path, today: PinDay
) -> None:
    """The example's next appointment with questions is with the first doctor: a bundle for
    the second doctor took that appointment's sheet ('With Dr. Jürgen Weiß'); it is the
    next appointment with the doctor the bundle is for, else the case's open questions."""
    from tests.pdf_reading import pdfium_pages

    day = today()  # the example's own day
    dossier = open_dossier(demo_copy)
    try:
        biopsy = min(
            a["starts_at"][:10]
            for a in records.list_records(dossier, "appointment", case_id=BREAST_CANCER)
            if a.get("contact_id") == 3 and a["starts_at"][:10] >= day.isoformat()
        )
        with language_scope("en"):
            result = make_bundle(
                dossier, BREAST_CANCER, tmp_path / "b", language="en", render=RENDER,
                record=False, to_id=3,  # Dr. Zoë Martínez, who does the biopsy (in 12 days)
            )  # fmt: skip
            make_bundle(
                dossier, BREAST_CANCER, tmp_path / "c", language="en", render=RENDER,
                record=False, to_id=4,  # Dr. Helena Müller: no appointment with her
            )  # fmt: skip
    finally:
        dossier.close()
    packet = tmp_path / "b" / result.outcome.papers[2].path
    said = " ".join(" ".join(page.body.split()) for page in pdfium_pages(packet))
    assert in_language("en", date.fromisoformat(biopsy)) in said
    assert "With Dr. Zoë Martínez" in said
    assert "With Dr. Jürgen Weiß" not in said
    other = " ".join(
        " ".join(page.body.split()) for page in pdfium_pages(tmp_path / "c" / packet.name)
    )
    assert "Questions for the consultation" in other and "With Dr. Jürgen Weiß" not in other


def test_the_cover_letter_names_the_packet_the_bundle_holds(demo_copy: Path, today: PinDay) -> None:
    from dossier.core.reports.cover_letter import cover_letter_text

    today()  # the example's own day
    dossier = open_dossier(demo_copy)
    try:
        with language_scope("en"):
            text = cover_letter_text(dossier, BREAST_CANCER, to_id=3)
    finally:
        dossier.close()
    enclosed = text.split("Enclosed:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert enclosed[:2] == [
        "– the consultation brief: my history, diagnoses, treatment so far and medicines",
        "– the consultation packet: the brief, my questions and the main documents in one file "
        "to print",
    ]
