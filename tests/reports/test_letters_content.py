"""What the three letters say (the cover letter to the second doctor, the letter telling the
first doctor, the hand-over letter after the decision), read from the core without
printing: the question whole, the motive, what is enclosed as the bundle holds it, what
is not yet translated, the deadline, the opinions, the decision, the medicine changes,
the enclosure, the recipients each letter chooses, and the refusals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.bidi import without_isolates
from dossier.core.errors import NotFoundError
from dossier.core.handover.contents import bundle_contents
from dossier.core.i18n import language_scope
from dossier.core.reports.cover_letter import cover_letter, cover_letter_text
from dossier.core.reports.first_doctor_letter import first_doctor_letter, first_doctor_letter_text
from dossier.core.reports.handover_letter import (
    NoDecision,
    handover_letter,
    handover_letter_text,
    handover_print,
)
from dossier.core.reports.letter_layout import LetterTooLong
from dossier.core.reports.model import Paragraph, Report, SignatureLine
from dossier.core.reports.packet_plan import DocumentPart, PacketPlan, ReportPart
from dossier.core.reports.print_kinds import PrintChoices, print_content
from tests.letters_dossier import (
    DUTCH_TITLE,
    MEDICINES_STARTED,
    MEDICINES_STOPPED,
    RUSSIAN_TITLE,
    SLIDES,
    TYPICAL_DECISION,
    TYPICAL_MOTIVE,
    TYPICAL_NEXT,
    TYPICAL_QUESTION,
    TYPICAL_REASON,
    Letters,
    build_letters,
)

DAY = date(2026, 5, 12)


@pytest.fixture(scope="module")
def typical(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Letters]:
    built = build_letters(tmp_path_factory.mktemp("letters") / "dossier", hard=False)
    yield built
    built.dossier.close()


def plain(text: str) -> str:
    return " ".join(without_isolates(text).split())


def name(letters: Letters, contact_id: int) -> str:
    return str(records.get(letters.dossier, "contact", contact_id)["name"])


# The cover letter ---------------------------------------------------------------------------


def test_cover_letter_goes_to_the_doctor_of_the_next_appointment(typical: Letters) -> None:
    text = plain(cover_letter_text(typical.dossier, typical.case, printed=DAY))
    assert "Dear Dr. Moretti," in text  # the third doctor: no opinion yet, seen on 26 May
    assert "Lakeside Knee Centre" in text
    assert "Thank you for seeing me on 26 May 2026 for a second opinion." in text
    assert "Sarah Levi-Cohen, born 2 April 1961" in text


def test_cover_letter_says_the_question_whole_and_the_motive(typical: Letters) -> None:
    text = plain(cover_letter_text(typical.dossier, typical.case, printed=DAY))
    assert TYPICAL_QUESTION in text
    assert f"Why I am asking for a second opinion: {TYPICAL_MOTIVE}" in text
    assert "I need to decide by 15 June 2026" in text
    assert "+31 20 555 0199" in text and "sarah.levi@example.org" in text
    assert text.rstrip().endswith("Yours sincerely,")


def test_cover_letter_lists_what_the_bundle_holds(typical: Letters) -> None:
    bundle = bundle_contents(typical.dossier, typical.case, "en", to_id=typical.third)
    text = plain(cover_letter_text(typical.dossier, typical.case, language="en", printed=DAY))
    assert "the consultation brief" in text
    assert f"{len(bundle.documents)} documents from my records" in text
    assert len(bundle.translations) == 1 and "a translation into English of 1 of them" in text
    assert [u.title for u in bundle.untranslated] == [RUSSIAN_TITLE]
    assert f"not yet translated into English: {RUSSIAN_TITLE}" in text
    assert len(bundle.studies) == 1 and "copies of the images of 1 imaging study" in text
    assert "MRI KNEE" in text  # the study only catalogued: its disc comes separately
    assert "Sent or brought separately" in text and SLIDES in text
    for line in bundle.separately:
        assert plain(line) in text


def test_cover_letter_in_the_doctors_language(typical: Letters) -> None:
    """For a Dutch-reading doctor the Dutch letter needs no translation, and the English
    ones are named as not yet translated into Dutch."""
    text = plain(cover_letter_text(typical.dossier, typical.case, language="nl", printed=DAY))
    assert "not yet translated into Dutch" in text
    assert DUTCH_TITLE not in text
    assert RUSSIAN_TITLE in text


def test_cover_letter_to_a_chosen_doctor_and_dear_doctor(typical: Letters) -> None:
    text = plain(cover_letter_text(typical.dossier, typical.case, to_id=typical.gp, printed=DAY))
    assert "Dear Dr. Jansen," in text
    later = date(2026, 6, 1)  # the appointment is past: no doctor to suggest
    text = plain(cover_letter_text(typical.dossier, typical.case, printed=later))
    assert "Dear Doctor," in text and "To the doctor giving the second opinion" in text
    assert "I need to decide by 15 June 2026" in text
    with pytest.raises(NotFoundError):
        cover_letter_text(typical.dossier, typical.case, to_id=9999)


def test_cover_letter_report_keeps_to_one_page_and_prints_an_edited_text(
    typical: Letters,
) -> None:
    report = cover_letter(typical.dossier, typical.case, printed=DAY)
    assert report.kind == "cover_letter" and report.max_pages == 1 and report.shorter
    lead = [b.text for s in report.sections for b in s.blocks
            if isinstance(b, Paragraph) and b.style == "lead"]  # fmt: skip
    assert [plain(t) for t in lead] == [
        "Second opinion: Right knee: replacement now, or exercise therapy first?",
        TYPICAL_QUESTION,
    ]
    assert isinstance(report.sections[-1].blocks[-1], SignatureLine)
    own = "Dear colleague,\n\nPlease see the enclosed records.\n\nKind regards,"
    edited = cover_letter(typical.dossier, typical.case, text=own, printed=DAY)
    assert "Please see the enclosed records." in edited.text() and not edited.shorter
    with pytest.raises(LetterTooLong):
        cover_letter(typical.dossier, typical.case, text="x" * 40_000, printed=DAY)


def test_print_content_takes_the_recipient_and_the_language(typical: Letters) -> None:
    """As the "Send to the second doctor" step asks for it."""
    content = print_content(
        typical.dossier,
        "cover-letter",
        PrintChoices(typical.case, to_id=typical.second),
        language="he",
        printed=DAY,
    )
    assert isinstance(content, Report) and content.language == "he"
    assert "Halvorsen" in content.text()
    with language_scope("he"):
        assert "במאי" in content.text()  # the date, the Hebrew way


# The letter to the first doctor ------------------------------------------------------------


def test_first_doctor_letter_keeps_the_relationship(typical: Letters) -> None:
    text = plain(first_doctor_letter_text(typical.dossier, typical.case, printed=DAY))
    assert "Dear Dr. Okafor," in text  # the treating doctor
    assert "Thank you for your care" in text
    assert "many medical guidelines encourage" in text
    assert TYPICAL_QUESTION in text
    assert (
        "I have an appointment with Dr. Lucia Moretti · Lakeside Knee Centre on 26 May 2026."
        in text
    )
    assert "On 4 May 2026 I asked Amstel Hospital for a copy of my records" in text
    assert "I will let you know the outcome" in text
    report = first_doctor_letter(typical.dossier, typical.case, printed=DAY)
    assert report.kind == "first_doctor_letter" and report.max_pages == 1


def test_first_doctor_letter_without_a_treating_doctor(typical: Letters, tmp_path: Path) -> None:
    """The author of the first opinion; without a records request, the letter asks for
    the records by a day."""
    d = typical.dossier
    other = records.create(d, "case", {"title": "Shoulder", "question": "Operate?"}).id
    records.create(d, "opinion", {"case_id": other, "contact_id": typical.second,
                                  "given_on": "2026-04-01"})  # fmt: skip
    try:
        text = plain(first_doctor_letter_text(d, other, printed=DAY))
        assert "Dear Dr. Halvorsen," in text
        assert "Could you please send me a copy of my records" in text
        assert "by 26 May 2026" in text
    finally:
        records.delete(d, "case", other)


# The hand-over letter ----------------------------------------------------------------------


def test_handover_letter_tells_the_decision(typical: Letters) -> None:
    text = plain(handover_letter_text(typical.dossier, typical.case, printed=DAY))
    assert "Dear Dr. Jansen," in text  # the family doctor who referred the case
    assert f"The question was: {TYPICAL_QUESTION}" in text
    assert (
        "Dr. Samuel Okafor · Amstel Hospital, 20 February 2026: Total knee replacement of "
        "the right knee within three months." in text
    )
    assert "Dr. Ingrid Halvorsen · Northfield Joint Clinic, 28 April 2026: Twelve weeks" in text
    assert f"My decision, taken on 8 May 2026: {TYPICAL_DECISION}" in text
    assert f"Why: {TYPICAL_REASON}" in text
    assert f"What happens next: {TYPICAL_NEXT}" in text
    assert "Enclosed: the written report of Dr. Ingrid Halvorsen, 28 April 2026." in text
    assert "A copy of this letter goes to Dr. Samuel Okafor." in text


def test_handover_letter_lists_the_medicine_changes(typical: Letters) -> None:
    text = plain(handover_letter_text(typical.dossier, typical.case, printed=DAY))
    assert "Changes to my medicines since 1 February 2026:" in text
    for medicine in MEDICINES_STARTED:
        assert f"started: {medicine}" in text
    for medicine in MEDICINES_STOPPED:
        assert f"stopped: {medicine}" in text
    assert "Paracetamol" not in text and "Ibuprofen" not in text  # no change in that time
    assert text.index("started: Glucosamine") < text.index("stopped: Diclofenac")


def test_handover_is_refused_without_a_decision(typical: Letters) -> None:
    d = typical.dossier
    undecided = records.create(d, "case", {"title": "Hip: which implant?"}).id
    try:
        for make in (handover_letter_text, handover_letter):
            with pytest.raises(NoDecision) as refused:
                make(d, undecided, printed=DAY)
            assert "Record the decision first" in refused.value.message
            assert "Hip: which implant?" in refused.value.message
        with pytest.raises(NoDecision):  # even with a text of the person's own
            handover_letter(d, undecided, text="Dear Doctor,\n\nI decided.", printed=DAY)
    finally:
        records.delete(d, "case", undecided)


def test_handover_prints_the_letter_then_the_report(typical: Letters) -> None:
    plan = handover_print(typical.dossier, typical.case, printed=DAY)
    assert isinstance(plan, PacketPlan) and not plan.contents
    letter, enclosed = plan.parts
    assert isinstance(letter, ReportPart) and letter.report.kind == "handover_letter"
    assert isinstance(enclosed, DocumentPart) and enclosed.document["id"] == typical.report


def test_the_case_chooses_what_is_enclosed(typical: Letters) -> None:
    d = typical.dossier
    documents = records.list_records(d, "document", case_id=typical.case)
    chosen = next(doc for doc in documents if doc["title"] == DUTCH_TITLE)
    records.update(d, "case", typical.case, {"handover_report_id": chosen["id"]})
    try:
        plan = handover_print(d, typical.case, printed=DAY)
        assert isinstance(plan, PacketPlan)
        assert isinstance(plan.parts[1], DocumentPart)
        assert plan.parts[1].document["id"] == chosen["id"]
        text = plain(handover_letter_text(d, typical.case, printed=DAY))
        assert f"Enclosed: {DUTCH_TITLE}, 20 February 2026." in text
    finally:
        records.update(d, "case", typical.case, {"handover_report_id": None})


def test_without_a_report_the_letter_comes_alone(typical: Letters) -> None:
    d = typical.dossier
    second = records.list_records(d, "opinion", case_id=typical.case)[-1]
    records.update(d, "opinion", second["id"], {"report_document_id": None})
    try:
        content = handover_print(d, typical.case, printed=DAY)
        assert isinstance(content, Report)
        assert "Enclosed" not in content.text()
    finally:
        records.update(d, "opinion", second["id"], {"report_document_id": typical.report})


def test_handover_to_the_treating_doctor_copies_the_family_doctor(typical: Letters) -> None:
    text = plain(
        handover_letter_text(typical.dossier, typical.case, to_id=typical.treating, printed=DAY)
    )
    assert "Dear Dr. Okafor," in text
    assert "A copy of this letter goes to Dr. Pieter Jansen." in text
    assert name(typical, typical.gp) == "Dr. Pieter Jansen"
