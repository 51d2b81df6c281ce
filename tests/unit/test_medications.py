"""The medicines taken now and before, what changed between two days, and one line each."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.core import records
from dossier.core.bidi import without_isolates
from dossier.core.errors import ValidationError
from dossier.core.medications import (
    current_medications,
    medication_changes,
    medication_line,
    past_medications,
)
from dossier.core.reports.dates import iso_date, long_date
from dossier.core.storage import Dossier

DAY = date(2026, 5, 12)


def _add(dossier: Dossier, name: str, **more: object) -> dict[str, object]:
    record_id = records.create(dossier, "medication", {"name": name, **more}).id
    return records.get(dossier, "medication", record_id)


@pytest.fixture
def taken(dossier: Dossier) -> Dossier:
    """Medicines on every side of 12 May 2026, added out of order."""
    _add(dossier, "tamoxifen", started_on="2026-02-03")
    _add(dossier, "Amlodipine")  # no dates: taken, as far as anyone knows
    _add(dossier, "Ibuprofen", started_on="2026-04-01", ended_on="2026-04-20")
    _add(dossier, "Zolpidem", started_on="2025-01-01", ended_on="2025-03-01")
    _add(dossier, "Letrozole", started_on="2026-05-13")  # starts tomorrow
    _add(dossier, "Paracetamol", started_on="2026-05-01", ended_on="2026-05-12")  # ends today
    _add(dossier, "Omeprazole", ended_on="2026-05-11")  # ended yesterday, start unknown
    gone = _add(dossier, "Deleted", started_on="2026-01-01")
    records.delete(dossier, "medication", int(gone["id"]))  # type: ignore[call-overload]
    return dossier


def _names(found: list[dict[str, object]]) -> list[object]:
    return [m["name"] for m in found]


def test_current_are_those_taken_on_the_day_by_name(taken: Dossier) -> None:
    assert _names(current_medications(taken, DAY)) == ["Amlodipine", "Paracetamol", "tamoxifen"]


def test_a_medicine_starting_later_is_current_from_its_first_day(taken: Dossier) -> None:
    assert "Letrozole" in _names(current_medications(taken, date(2026, 5, 13)))
    assert "Paracetamol" not in _names(current_medications(taken, date(2026, 5, 13)))


def test_past_are_those_ended_before_the_day_latest_first(taken: Dossier) -> None:
    assert _names(past_medications(taken, DAY)) == ["Omeprazole", "Ibuprofen", "Zolpidem"]


def test_an_empty_dossier_has_neither(dossier: Dossier) -> None:
    assert current_medications(dossier, DAY) == []
    assert past_medications(dossier, DAY) == []
    assert medication_changes(dossier, date(2000, 1, 1), DAY) == []


def test_changes_between_two_days_by_day(taken: Dossier) -> None:
    changes = medication_changes(taken, date(2026, 4, 1), date(2026, 5, 11))
    assert [(change, m["name"]) for change, m in changes] == [
        ("started", "Ibuprofen"),
        ("stopped", "Ibuprofen"),
        ("started", "Paracetamol"),
        ("stopped", "Omeprazole"),
    ]


def test_changes_include_both_ends(taken: Dossier) -> None:
    changes = medication_changes(taken, date(2026, 5, 12), date(2026, 5, 13))
    assert [(change, m["name"]) for change, m in changes] == [
        ("stopped", "Paracetamol"),
        ("started", "Letrozole"),
    ]


def test_line_in_words_with_every_part(dossier: Dossier) -> None:
    doctor = records.create(dossier, "contact", {"name": "Dr. Weiß"}).id
    tamoxifen = _add(
        dossier,
        "Tamoxifen",
        strength="20 mg",
        dose="1 tablet each morning",
        started_on="2026-02-03",
        prescribed_by_id=doctor,
        reason="hormone therapy after the operation",
    )
    line = medication_line(dossier, tamoxifen, long_date)
    assert without_isolates(line) == (
        "Tamoxifen 20 mg, 1 tablet each morning, since 3 February 2026 (Dr. Weiß), "
        "for: hormone therapy after the operation"
    )
    short = medication_line(dossier, tamoxifen, long_date, reason=False)
    assert without_isolates(short) == (
        "Tamoxifen 20 mg, 1 tablet each morning, since 3 February 2026 (Dr. Weiß)"
    )


def test_line_with_the_name_only_and_with_some_parts(dossier: Dossier) -> None:
    doctor = records.create(dossier, "contact", {"name": "Dr. Weiß"}).id
    assert medication_line(dossier, _add(dossier, "Aspirin"), iso_date) == "\u2068Aspirin\u2069"
    stopped = _add(dossier, "Ibuprofen", started_on="2026-04-01", ended_on="2026-04-20")
    assert without_isolates(medication_line(dossier, stopped, iso_date)) == (
        "Ibuprofen, from 2026-04-01 until 2026-04-20"
    )
    prescribed = _add(dossier, "Vitamin D", prescribed_by_id=doctor, ended_on="2026-06-01")
    assert without_isolates(medication_line(dossier, prescribed, iso_date)) == (
        "Vitamin D, until 2026-06-01 (Dr. Weiß)"
    )
    by_whom = _add(dossier, "Calcium", prescribed_by_id=doctor)
    assert without_isolates(medication_line(dossier, by_whom, iso_date)) == (
        "Calcium, prescribed by Dr. Weiß"
    )


def test_line_isolates_each_of_the_persons_texts(dossier: Dossier) -> None:
    doctor = records.create(dossier, "contact", {"name": "ד״ר כהן"}).id
    record = _add(
        dossier, "טמוקסיפן", strength="20 mg", prescribed_by_id=doctor, reason="אחרי הניתוח"
    )
    line = medication_line(dossier, record, iso_date)
    for text in ("טמוקסיפן", "20 mg", "ד״ר כהן", "אחרי הניתוח"):
        assert f"\u2068{text}\u2069" in line


def test_line_stays_short_whatever_the_fields_hold(dossier: Dossier) -> None:
    doctor = records.create(dossier, "contact", {"name": "Д" * 500}).id
    record = _add(
        dossier,
        "Н" * 500,
        strength="5" * 500,
        dose="x " * 250,
        started_on="2026-02-03",
        ended_on="2026-03-04",
        prescribed_by_id=doctor,
        reason="why\n" * 750,  # 3,000 characters
    )
    line = medication_line(dossier, record, long_date)
    assert len(line) < 700
    assert "\n" not in line
    assert line.count("…") == 5
    assert line.endswith("…\u2069 (full text in the dossier)")


def test_a_medicine_cannot_be_stopped_before_it_was_started(dossier: Dossier) -> None:
    with pytest.raises(ValidationError) as refused:
        records.create(
            dossier,
            "medication",
            {"name": "Ibuprofen", "started_on": "2026-04-20", "ended_on": "2026-04-01"},
        )
    assert set(refused.value.errors) == {"ended_on"}
    assert refused.value.message == (
        "A medicine cannot be stopped before it was started: “until” is 1 April 2026, "
        "“since” is 20 April 2026. Change one of the two dates."
    )
    assert records.list_records(dossier, "medication") == []


def test_an_edit_is_checked_against_the_stored_dates(dossier: Dossier) -> None:
    record = _add(dossier, "Ibuprofen", started_on="2026-04-01")
    record_id = int(str(record["id"]))
    with pytest.raises(ValidationError):
        records.update(dossier, "medication", record_id, {"ended_on": "2026-03-31"})
    records.update(dossier, "medication", record_id, {"ended_on": "2026-04-01"})  # same day
    with pytest.raises(ValidationError) as refused:
        records.update(dossier, "medication", record_id, {"started_on": "2026-04-02"})
    assert set(refused.value.errors) == {"ended_on"}
    stored = records.get(dossier, "medication", record_id)
    assert (stored["started_on"], stored["ended_on"]) == ("2026-04-01", "2026-04-01")
    records.update(dossier, "medication", record_id, {"started_on": None, "ended_on": None})
