"""The brief's "Medications and allergies": the medicines taken on the day it is printed,
one line each, at most a dozen, then the other notes on medicines and the allergies."""

from __future__ import annotations

from datetime import date

from dossier.core import person, records
from dossier.core.bidi import without_isolates
from dossier.core.reports.brief import LEVELS, consultation_brief
from dossier.core.reports.brief_medicines import medicines_blocks
from dossier.core.reports.dates import long_date
from dossier.core.reports.model import Block, BulletList, KeyValues, Paragraph, block_text
from dossier.core.storage import Dossier

PRINTED = date(2026, 5, 12)


def _section(dossier: Dossier) -> tuple[Block, ...]:
    case = records.create(dossier, "case", {"title": "Knee: operation or not?"}).id
    brief = consultation_brief(dossier, case, printed=PRINTED)
    return next(s for s in brief.sections if s.heading == "Medications and allergies").blocks


def _text(blocks: tuple[Block, ...]) -> list[str]:
    return [without_isolates(line) for block in blocks for line in block_text(block)]


def test_nothing_recorded(dossier: Dossier) -> None:
    assert _text(_section(dossier)) == ["Medications: none recorded", "Allergies: none recorded"]


def test_the_medicines_taken_on_the_printed_day_then_the_notes(dossier: Dossier) -> None:
    doctor = records.create(dossier, "contact", {"name": "Dr. Weiß"}).id
    records.create(
        dossier,
        "medication",
        {
            "name": "Tamoxifen",
            "strength": "20 mg",
            "dose": "1 tablet each morning",
            "started_on": "2026-02-03",
            "prescribed_by_id": doctor,
            "reason": "hormone therapy after the operation",
        },
    )
    records.create(dossier, "medication", {"name": "Ibuprofen", "ended_on": "2026-05-01"})
    records.create(dossier, "medication", {"name": "Letrozole", "started_on": "2026-06-01"})
    person.update_person(dossier, {"medications": "Herbal tea\nVitamins", "allergies": "Latex"})
    blocks = _section(dossier)
    assert isinstance(blocks[0], BulletList)
    assert _text(blocks) == [
        "Tamoxifen 20 mg, 1 tablet each morning, since 3 February 2026 (Dr. Weiß), "
        "for: hormone therapy after the operation",
        "Other notes on medicines: Herbal tea; Vitamins",
        "Allergies: Latex",
    ]


def test_a_long_list_is_counted_after_a_dozen(dossier: Dossier) -> None:
    for i in range(15):
        records.create(dossier, "medication", {"name": f"Medicine {i:02d}", "reason": "pain"})
    blocks = _section(dossier)
    listed, more, rest = blocks
    assert isinstance(listed, BulletList) and len(listed.items) == LEVELS[0].medicines == 12
    assert isinstance(more, Paragraph)
    assert more.text == "3 more medicines are listed in the dossier."
    assert isinstance(rest, KeyValues) and rest.items == (("Allergies", "none recorded"),)


def test_a_shorter_brief_lists_fewer_and_without_reasons(dossier: Dossier) -> None:
    for i in range(15):
        records.create(dossier, "medication", {"name": f"Medicine {i:02d}", "reason": "pain"})
    level = next(d for d in LEVELS if not d.medicine_reasons and not d.medicine_names)
    blocks = medicines_blocks(
        dossier, {}, long_date, on=PRINTED, rows=level.medicines, reasons=False
    )
    listed = blocks[0]
    assert isinstance(listed, BulletList) and len(listed.items) == level.medicines < 12
    assert not any("pain" in item for item in listed.items)
    left = 15 - level.medicines
    assert _text(blocks[1:2]) == [f"{left} more medicines are listed in the dossier."]


def test_the_shortest_brief_names_them_under_the_other_conditions(dossier: Dossier) -> None:
    for i in range(15):
        data = {"name": f"Medicine {i:02d}", "strength": "5 mg", "reason": "pain"}
        records.create(dossier, "medication", data)
    person.update_person(dossier, {"allergies": "Latex"})
    heart = records.create(dossier, "case", {"title": "Heart"}).id
    records.create(dossier, "diagnosis", {"case_id": heart, "name": "Atrial fibrillation"})
    case = records.create(dossier, "case", {"title": "Knee: operation or not?"}).id
    brief = consultation_brief(dossier, case, printed=PRINTED)
    assert "Medications and allergies" in [s.heading for s in brief.sections]
    shortest = brief.shorter[-1]
    assert LEVELS[-1].medicine_names
    assert "Medications and allergies" not in [s.heading for s in shortest.sections]
    others = next(
        s for s in shortest.sections if s.heading == "Other current conditions and treatment"
    )
    assert "Atrial fibrillation" in block_text(others.blocks[0])[1]
    names = "; ".join(f"Medicine {i:02d} 5 mg" for i in range(LEVELS[-1].medicines))
    left = 15 - LEVELS[-1].medicines
    assert _text(others.blocks[1:]) == [
        f"Medications: {names}; and {left} more listed in the dossier",
        "Allergies: Latex",
    ]


def test_long_other_notes_are_clipped_saying_so(dossier: Dossier) -> None:
    person.update_person(dossier, {"medications": "Herbal tea every evening\n" * 100})
    notes = _text(_section(dossier))[0]
    assert notes.startswith("Other notes on medicines: Herbal tea every evening; ")
    assert notes.endswith("(full text in the dossier)") and len(notes) < 700
