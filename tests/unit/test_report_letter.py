"""The records-request letter asks for what the recorded request says, to an address block
that names each line once, spaced as a letter (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from dossier.core import records
from dossier.core.bidi import without_isolates
from dossier.core.demo import build_demo
from dossier.core.reports.letter_facts import asked_for, letter_facts, salutation
from dossier.core.reports.model import Paragraph
from dossier.core.reports.request_letter import LINE_BREAK, letter_text, request_letter
from dossier.core.storage import Dossier

DAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dossier]:
    opened = build_demo(tmp_path_factory.mktemp("letters") / "dossier", today=DAY)
    yield opened
    opened.close()


def case_of(dossier: Dossier, kind: str) -> int:
    return next(c["id"] for c in records.list_records(dossier, "case") if c["kind"] == kind)


def test_the_appeal_letter_asks_for_the_assessors_report(demo: Dossier) -> None:
    text = without_isolates(letter_text(demo, case_of(demo, "administrative"), printed=DAY))
    assert "The whole assessment file: the assessor's home-visit report and scoring sheet." in text
    for standard in ("DICOM", "slides", "pathology", "laboratory"):
        assert standard not in text
    assert "Request for a copy of my file" in text
    assert "review the decision made about me" in text
    assert "second medical opinion" not in text
    block = text.split("\n\n")[1].splitlines()
    assert block == ["Westbrook Care Assessment Office", "Town Hall, Market Square 1, Westbrook"]


def test_a_letter_without_an_open_request_gives_the_standard_list(demo: Dossier) -> None:
    case = case_of(demo, "treatment")  # its requests were received and forwarded
    text = letter_text(demo, case, printed=DAY)
    for words in ("full file", "images themselves", "slides", "laboratory results"):
        assert words in text
    assert "6 December 2026" in text  # two weeks after printing
    # asked again on purpose, the forwarded request's own words are used
    forwarded = next(
        r
        for r in records.list_records(demo, "records_request", case_id=case)
        if r["status"] == "forwarded"
    )
    again = letter_text(demo, case, request_id=forwarded["id"], printed=DAY)
    assert "– The pathology slides and paraffin block of the core biopsy" in again
    assert "all laboratory results" not in again


def test_the_knee_letter_names_the_centre_once_and_greets_the_doctor(demo: Dossier) -> None:
    text = letter_text(demo, case_of(demo, "surgery"), printed=DAY)
    block = text.split("\n\n")[1].splitlines()
    assert block == [
        "Dr. Samuel Okonkwo",
        "Harbour View Orthopaedic Centre",
        "Pier Street 5, Westbrook",
    ]
    assert "Dear Dr. Okonkwo," in text  # the title and family name, as letters do
    facts = letter_facts(demo, case_of(demo, "surgery"), printed=DAY)
    assert facts.facility == "Dr. Samuel Okonkwo"
    assert facts.asked == ()  # the request was received: the standard list


@pytest.mark.parametrize(
    ("what", "asked"),
    [
        ("everything", ()),
        ("Everything.", ()),
        ("The complete file", ()),
        ("  ", ()),
        (None, ()),
        ("The knee X-ray films\nThe MRI on disc", ("The knee X-ray films", "The MRI on disc")),
        (
            "Complete file: clinic letters, blood results.",
            ("Complete file: clinic letters, blood results.",),
        ),
    ],
)
def test_what_a_request_asks_for(what: str | None, asked: tuple[str, ...]) -> None:
    assert asked_for(what) == asked


def test_an_everything_request_keeps_the_standard_list(demo: Dossier) -> None:
    case = case_of(demo, "surgery")
    request = records.create(
        demo,
        "records_request",
        {"case_id": case, "facility": "Northfield Joint Clinic", "what": "everything"},
    ).id
    try:
        text = letter_text(demo, case, printed=DAY)
        assert "Northfield Joint Clinic" in text and "images themselves" in text
    finally:
        records.delete(demo, "records_request", request)


def test_the_letter_keeps_address_lines_together_and_sets_the_blocks_apart(
    demo: Dossier,
) -> None:
    letter = request_letter(demo, case_of(demo, "surgery"), printed=DAY)
    blocks = [b for s in letter.sections for b in s.blocks]
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    sender, space, recipient, space2, day, space3, subject = paragraphs[:7]
    assert sender.text.split(LINE_BREAK)[:3] == [
        "Margaret (Maggie) Lindqvist",
        "Birch Lane 14",
        "2411 Westbrook",
    ]
    assert recipient.text.split(LINE_BREAK)[0] == "Dr. Samuel Okonkwo"
    assert space.text == space2.text == space3.text == ""  # a blank line between the blocks
    assert day.text == "22 November 2026"
    assert subject == Paragraph("Request for a copy of my medical records", "lead")
    edited = request_letter(demo, case_of(demo, "surgery"), text="Dear Anna,\n\nThanks.")
    assert [b.text for s in edited.sections for b in s.blocks if isinstance(b, Paragraph)] == [
        "Dear Anna,",
        "Thanks.",
    ]


def test_a_doctor_is_greeted_by_title_and_family_name() -> None:
    assert salutation("Dr. Samuel Okonkwo") == "Dr. Okonkwo"
    assert salutation("Prof. Dr. Jürgen Weiß") == "Prof. Dr. Weiß"
    assert salutation("Д-р Ольга Васильевна Петренко") == "Д-р Петренко"
    assert salutation("ד״ר נועה ברק") == "ד״ר ברק"
    assert salutation("Samuel Okonkwo") == "Samuel Okonkwo"  # no title: the name as it is
    assert salutation("Dr. Pieter de Vries") == "Dr. de Vries"
    assert salutation("Dr. Anna van der Berg") == "Dr. van der Berg"
    assert salutation("Dr. De Vries") == "Dr. De Vries"  # no first name: as written
    assert salutation("Dr. Ana dos Santos") == "Dr. dos Santos"
    assert salutation("Dr. Okonkwo") == "Dr. Okonkwo"
