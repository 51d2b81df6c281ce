"""A dossier for the letter tests (cover letter, first doctor's letter, hand-over letter),
made through the core, in two tellings: a typical case, and a hard one (a question of
2,000 characters, a decision's reason of 3,000, long names in Hebrew, Cyrillic and Latin,
many medicine changes and documents to translate).

The case has a family doctor who referred it, a treating doctor who gave the first
opinion, a second doctor whose opinion came with a written report (a two-page PDF), and a
third doctor with an appointment to come (the cover letter's doctor); documents in Dutch
(one translated into English) and Russian (not translated), an English one, an imaging
study whose images are kept and one only catalogued, slides sent to a pathologist, a
records request to the treating hospital, a decision with its reason and next steps, and
medicines started and stopped since the case was opened. Every date is fixed, around the
suite's day (12 May 2026).

Not a test module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dossier.core import person, records
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier
from dossier.core.storage import Dossier
from dossier.core.textpdf import Block, pagebreak, write_pdf
from tests.dicom_discs import SeriesSpec, StudySpec, add_study
from tests.hard_dossier import NAME, QUESTION, QUESTION_TAIL, prose, tail

REPORT_PAGE_ONE = "Written report page one Quillfeather"
REPORT_PAGE_TWO = "Written report page two Marrowbind"
RUSSIAN_TITLE = "Заключение МРТ коленного сустава"
DUTCH_TITLE = "Brief van de orthopeed over de knie"
SLIDES = "Synovial biopsy slides, block K-2291"

TYPICAL_QUESTION = (
    "Do I need a total replacement of my right knee now, as advised, or can I safely try "
    "twelve weeks of exercise therapy first?"
)
TYPICAL_MOTIVE = (
    "The operation was advised at the first visit, and I want to be sure it is needed now."
)
TYPICAL_DECISION = "Twelve weeks of supervised exercise therapy first; then decide again."
TYPICAL_REASON = "Both doctors agree that waiting a few months does no harm, and the pain varies."
TYPICAL_NEXT = "Exercise therapy twice a week; review with Dr. Okafor in August."

# The hard telling: a question of 2,000 characters (the hard dossier's, made longer), a
# reason of 3,000; each long text ends with words found nowhere else.
HARD_QUESTION = f"{prose(180, 7, scripts=False)} {QUESTION}?"
HARD_ENDS = {
    "motive": tail(301),
    "decision": tail(302),
    "reason": tail(303),
    "next": tail(304),
    "first advice": tail(305),
    "second advice": tail(306),
}


def _long(chars: int, start: int, end: str) -> str:
    return f"{prose(chars, start)} Last words: {end}."


@dataclass(frozen=True)
class Letters:
    dossier: Dossier
    case: int
    gp: int  # referred the case: the hand-over letter's doctor
    treating: int  # gave the first opinion: the first doctor's letter goes here
    second: int  # gave the second opinion, with a written report
    third: int  # an appointment to come: the cover letter's doctor
    report: int  # the second opinion's written report (two pages)
    comparison: int
    hard: bool


def _contact(dossier: Dossier, name: str, institution: str, address: str) -> int:
    data = {"name": name, "institution": institution, "role": "doctor", "address": address}
    return records.create(dossier, "contact", data).id


def _document(
    dossier: Dossier, folder: Path, name: str, blocks: list[Block], case: int, **values: object
) -> int:
    path = folder / name
    write_pdf(path, blocks, title=name)
    [done] = import_paths(dossier, [path], case_id=case)
    assert done.document_id is not None, done
    records.update(dossier, "document", done.document_id, values)
    return done.document_id


def build_letters(folder: Path, *, hard: bool) -> Letters:
    """The dossier in ``folder`` (a new folder), open."""
    sources = folder.parent / f"{folder.name}-sources"
    sources.mkdir(parents=True)
    dossier = create_dossier(folder, name=NAME if hard else "Sarah Levi-Cohen", born="1961-04-02")
    person.update_person(
        dossier,
        {
            "phone": "+31 20 555 0199",
            "email": "sarah.levi@example.org",
            "address": "Keizersgracht 12\n1015 CS Amsterdam"
            + ("\nרחוב הנביאים 7\nquartier Saint-Michel, bâtiment C" if hard else ""),
        },
    )
    if hard:
        names = (
            "Dr. Avraham-Yehoshua Ben-Zion אברהם בן ציון Levi-Montalcini",
            "Проф. Александра Вениаминовна Кржижановская-Оффенбах",
            "ד״ר נועה ברק-אלמוג Noa Barak-Almog",
            "Dr. Maximiliane Josephine Ruiz-Oyarzábal de Villanueva",
        )
        places = (
            "Huisartsenpraktijk De Wittenburg en Oostelijke Eilanden",
            "Академический медицинский центр имени Н. И. Пирогова, отделение ортопедии",
            "המרכז הרפואי רמב״ם, המחלקה לאורתופדיה",
            "Hospital Universitario Marqués de Valdecilla, Servicio de Traumatología",
        )
    else:
        names = ("Dr. Pieter Jansen", "Dr. Samuel Okafor", "Dr. Ingrid Halvorsen",
                 "Dr. Lucia Moretti")  # fmt: skip
        places = ("Wittenburg Family Practice", "Amstel Hospital", "Northfield Joint Clinic",
                  "Lakeside Knee Centre")  # fmt: skip
    gp, treating, second, third = (
        _contact(dossier, n, p, f"Street {i}\nAmsterdam")
        for i, (n, p) in enumerate(zip(names, places, strict=True), start=1)
    )
    case = records.create(
        dossier,
        "case",
        {
            "title": "Right knee: replacement now, or exercise therapy first?",
            "kind": "surgery",
            "question": HARD_QUESTION if hard else TYPICAL_QUESTION,
            "motive": _long(1500, 2, HARD_ENDS["motive"]) if hard else TYPICAL_MOTIVE,
            "referred_by_id": gp,
            "treating_id": treating,
            "opened_on": "2026-02-01",
            "decision_deadline": "2026-06-15",
        },
    ).id
    first_advice = _long(2800, 3, HARD_ENDS["first advice"]) if hard else (
        "Total knee replacement of the right knee within three months.")  # fmt: skip
    second_advice = _long(2800, 4, HARD_ENDS["second advice"]) if hard else (
        "Twelve weeks of supervised exercise therapy, then decide again.")  # fmt: skip
    report = _document(
        dossier, sources, "report.pdf",
        [Block(REPORT_PAGE_ONE, "heading"), Block("The knee is stable."), pagebreak(),
         Block(REPORT_PAGE_TWO, "heading"), Block("Exercise first.")],
        case, title="Written report of the second opinion", document_date="2026-04-29",
        kind="written_opinion", language="en",
    )  # fmt: skip
    first = records.create(
        dossier,
        "opinion",
        {"case_id": case, "contact_id": treating, "given_on": "2026-02-20", "ordinal": 1,
         "diagnosis": "Osteoarthritis of the right knee.", "treatment": first_advice},
    ).id  # fmt: skip
    second_opinion = records.create(
        dossier,
        "opinion",
        {"case_id": case, "contact_id": second, "given_on": "2026-04-28", "ordinal": 2,
         "diagnosis": "Osteoarthritis of the right knee.", "treatment": second_advice,
         "report_document_id": report},
    ).id  # fmt: skip
    comparison = records.create(
        dossier,
        "comparison",
        {
            "case_id": case,
            "opinion_ids": [first, second_opinion],
            "decision": _long(700, 5, HARD_ENDS["decision"]) if hard else TYPICAL_DECISION,
            "decision_reason": _long(3000, 6, HARD_ENDS["reason"]) if hard else TYPICAL_REASON,
            "next_steps": _long(1200, 8, HARD_ENDS["next"]) if hard else TYPICAL_NEXT,
            "decided_on": "2026-05-08",
        },
    ).id
    records.create(
        dossier,
        "appointment",
        {"case_id": case, "contact_id": second, "starts_at": "2026-04-28 10:00"},
    )
    records.create(
        dossier,
        "appointment",
        {"case_id": case, "contact_id": third, "starts_at": "2026-05-26 14:30",
         "purpose": "Third opinion"},
    )  # fmt: skip
    _documents(dossier, sources, case, hard)
    records.create(
        dossier,
        "physical_item",
        {"case_id": case, "kind": "slides", "description": SLIDES, "sent_to_id": treating,
         "sent_on": "2026-03-02"},
    )  # fmt: skip
    records.create(
        dossier,
        "records_request",
        {"case_id": case, "facility": places[1], "what": "everything",
         "requested_on": "2026-05-04", "due_on": "2026-05-20"},
    )  # fmt: skip
    _medicines(dossier, hard)
    return Letters(dossier, case, gp, treating, second, third, report, comparison, hard)


def _documents(dossier: Dossier, sources: Path, case: int, hard: bool) -> None:
    dutch = _document(
        dossier, sources, "brief.pdf", [Block(DUTCH_TITLE)], case,
        title=DUTCH_TITLE, language="nl", document_date="2026-02-20", kind="letter",
    )  # fmt: skip
    _document(
        dossier, sources, "letter-en.pdf", [Block("Letter from the orthopaedic surgeon")], case,
        title="Letter from the orthopaedic surgeon (translation)", language="en",
        translation_of_id=dutch, translation_certified=True,
    )  # fmt: skip
    for n in range(8 if hard else 1):
        title = RUSSIAN_TITLE if n == 0 else f"{RUSSIAN_TITLE} {n + 1}"
        _document(dossier, sources, f"mrt{n}.pdf", [Block("MRI")], case, title=title,
                  language="ru", document_date="2026-01-10")  # fmt: skip
    add_study(dossier, sources / "ct", case_id=case)
    add_study(
        dossier,
        sources / "knee",
        StudySpec(12, description="MRI KNEE", date="20251104",
                  series=(SeriesSpec(1, "T1 SAG", modality="MR", body_part="KNEE", slices=2),)),
        keep=False,
        location="the blue folder at home",
        case_id=case,
    )  # fmt: skip


MEDICINES_STARTED = ("Naproxen", "Glucosamine")
MEDICINES_STOPPED = ("Diclofenac gel",)


def _medicines(dossier: Dossier, hard: bool) -> None:
    rows = [
        {"name": "Naproxen", "strength": "250 mg", "dose": "twice a day with food",
         "started_on": "2026-05-09", "reason": "knee pain during the exercise programme"},
        {"name": "Glucosamine", "strength": "1500 mg", "started_on": "2026-03-01"},
        {"name": "Diclofenac gel", "strength": "1%", "started_on": "2024-01-01",
         "ended_on": "2026-05-08", "reason": "knee pain"},
        {"name": "Paracetamol", "strength": "500 mg", "started_on": "2020-01-01"},  # no change
        {"name": "Ibuprofen", "started_on": "2025-01-01", "ended_on": "2025-12-01"},  # before
    ]  # fmt: skip
    if hard:
        rows += [
            {"name": f"Препарат {n} תרופה {n} medicine with a long name {n}",
             "strength": f"{n * 5} mg", "dose": "one tablet in the morning and one at night",
             "started_on": f"2026-04-{n + 1:02d}", "reason": prose(300, n)}
            for n in range(12)
        ]  # fmt: skip
    for row in rows:
        records.create(dossier, "medication", row)


__all__ = ["QUESTION_TAIL", "Letters", "build_letters"]
