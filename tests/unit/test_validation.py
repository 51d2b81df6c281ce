"""What a person types, turned into what is stored, or a plain message saying what is wrong."""

from __future__ import annotations

import contextlib
import random
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core import records
from dossier.core.entities import ENTITIES
from dossier.core.errors import DossierError, ValidationError
from dossier.core.storage import Dossier
from dossier.core.validation import LONGTEXT_MAX, clean, clean_text, parse_date

CASE = ENTITIES["case"]
COST = ENTITIES["cost"]
CONTACT = ENTITIES["contact"]
DIAGNOSIS = ENTITIES["diagnosis"]
APPOINTMENT = ENTITIES["appointment"]
TASK = ENTITIES["task"]
NOTE = ENTITIES["note"]

fixture_settings = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
    database=None,
)


def one(entity: Any, field: str, value: Any, **others: Any) -> Any:
    """Clean a record of ``entity`` whose ``field`` is ``value``; return the stored value."""
    return clean(entity, {**others, field: value}, partial=True)[field]


def refused(entity: Any, field: str, value: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        clean(entity, {field: value}, partial=True)
    assert field in caught.value.errors
    message = caught.value.errors[field]
    assert message in caught.value.message
    return message


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("2026-03-14", "2026-03-14"),
        ("  2026-03-14 ", "2026-03-14"),
        ("1900-01-01", "1900-01-01"),
        ("2100-12-31", "2100-12-31"),
        ("2024-02-29", "2024-02-29"),
        (date(2026, 3, 14), "2026-03-14"),
        (datetime(2026, 3, 14, 23, 59), "2026-03-14"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_dates_accepted(raw: Any, stored: str | None) -> None:
    assert one(CASE, "opened_on", raw) == stored


@pytest.mark.parametrize(
    "raw",
    [
        "2026-02-30",
        "2025-02-29",
        "1899-12-31",
        "2101-01-01",
        "14/03/2026",
        "03/14/2026",
        "2026-3-14",
        "14.03.2026",
        "20260314",
        "tomorrow",
        "2026-03-14T10:00",
        20260314,
        2026.0,
        True,
        ["2026-03-14"],
    ],
)
def test_dates_refused_with_the_format_in_the_message(raw: Any) -> None:
    message = refused(CASE, "opened_on", raw)
    assert "YYYY-MM-DD" in message
    assert "date opened" in message  # the field's plain label


def test_parse_date_is_strict() -> None:
    assert parse_date("2026-03-14") == date(2026, 3, 14)
    for bad in ("2026-02-30", "1899-12-31", "2101-01-01", "14/03/2026", 5):
        with pytest.raises(ValueError):
            parse_date(bad)


# --- date and time --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("2026-03-14 09:30", "2026-03-14T09:30"),
        ("2026-03-14T09:30", "2026-03-14T09:30"),
        ("2026-03-14 09:30:59", "2026-03-14T09:30"),
        (" 2026-03-14 09:30 ", "2026-03-14T09:30"),
        (datetime(2026, 3, 14, 9, 30, 12, 5), "2026-03-14T09:30"),
    ],
)
def test_datetimes_accepted(raw: Any, stored: str) -> None:
    assert one(APPOINTMENT, "starts_at", raw) == stored


@pytest.mark.parametrize(
    "raw",
    [
        "2026-03-14",
        "2026-03-14 25:00",
        "2026-02-30 09:30",
        "1899-12-31 23:59",
        "2101-01-01 00:00",
        "14/03/2026 09:30",
        "2026-03-14 09:30+01:00",
        datetime(2026, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=1))),
        date(2026, 3, 14),
        1700000000,
    ],
)
def test_datetimes_refused(raw: Any) -> None:
    message = refused(APPOINTMENT, "starts_at", raw)
    assert "YYYY-MM-DD HH:MM" in message


# --- money, percent, numbers, yes/no, choices -----------------------------------------------


@pytest.mark.parametrize(
    ("raw", "cents"),
    [
        ("120,50", 12050),
        ("120.50", 12050),
        ("1 234.50", 123450),
        ("1 234,50", 123450),
        ("1,234.50", 123450),
        ("1'234.50", 123450),
        ("€99", 9900),
        ("€ 99", 9900),
        ("$1,000.00", 100000),
        ("0", 0),
        (99, 9900),
        (12.5, 1250),
        (Decimal("0.01"), 1),
    ],
)
def test_money_accepted(raw: Any, cents: int) -> None:
    assert one(COST, "amount", raw) == cents


@pytest.mark.parametrize(
    "raw",
    ["-5", "-0.01", -1, "abc", "12 euros", "NaN", "inf", float("nan"), float("inf"), True, "1e15"],
)
def test_money_refused(raw: Any) -> None:
    message = refused(COST, "amount", raw)
    assert "amount" in message


@pytest.mark.parametrize("raw", ["1e999999", "9" * 400 + "e999990"])
def test_absurd_money_is_a_validation_error(raw: str) -> None:
    """An exponent too large for Decimal arithmetic is still only a wrong amount."""
    refused(COST, "amount", raw)


@pytest.mark.parametrize("raw", ["1,000", "$1,000", "12,500"])
def test_thousands_separator_is_not_read_as_a_decimal_comma(raw: str) -> None:
    """A "1,000" is a thousand, or ambiguous: never silently one (a thousandfold error)."""
    try:
        cents = one(COST, "amount", raw)
    except ValidationError:
        return  # refusing the ambiguous amount is fine too
    assert cents == int(raw.lstrip("$").replace(",", "")) * 100


def test_money_is_shown_in_units(dossier: Dossier) -> None:
    cost = records.create(dossier, "cost", {"description": "Consultation", "amount": "1 234,56"})
    assert cost.after is not None and cost.after["amount"] == 1234.56
    assert dossier.db.execute("SELECT amount FROM cost").fetchone()[0] == 123456


@pytest.mark.parametrize(
    ("raw", "value"),
    [("80", 80.0), ("80%", 80.0), ("80 %", 80.0), ("12,5", 12.5), (0, 0.0), (100, 100.0)],
)
def test_percent_accepted(raw: Any, value: float) -> None:
    assert one(CONTACT, "reimburse_percent", raw, name="Insurer") == value


@pytest.mark.parametrize("raw", ["101", "-1", "abc", 100.01, True, "NaN", float("inf")])
def test_percent_refused(raw: Any) -> None:
    assert "percentage between 0 and 100" in refused(CONTACT, "reimburse_percent", raw)


@pytest.mark.parametrize(("raw", "value"), [("3", 3), (" 12 ", 12), (4.0, 4), (0, 0), (365, 365)])
def test_int_accepted(raw: Any, value: int) -> None:
    assert one(CONTACT, "consultations_per_year", raw) == value


@pytest.mark.parametrize("raw", ["three", 1.5, 366, -1, True, "1e3", "9" * 5000])
def test_int_refused(raw: Any) -> None:
    refused(CONTACT, "consultations_per_year", raw)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("yes", True),
        ("Yes", True),
        (" y ", True),
        ("true", True),
        ("on", True),
        ("1", True),
        (1, True),
        (True, True),
        ("no", False),
        ("N", False),
        ("false", False),
        ("off", False),
        ("0", False),
        ("", False),
        (0, False),
        (False, False),
    ],
)
def test_bool_words(raw: Any, value: bool) -> None:
    assert one(TASK, "done", raw) is value


@pytest.mark.parametrize("raw", ["maybe", "ja", 2, -1, 0.5, [True]])
def test_bool_refused(raw: Any) -> None:
    assert "yes or no" in refused(TASK, "done", raw)


@pytest.mark.parametrize(
    "raw", ["ruled out", "Ruled Out", "RULED-OUT", "ruled_out", "  ruled out  "]
)
def test_choice_with_spaces(raw: str) -> None:
    assert one(DIAGNOSIS, "status", raw) == "ruled_out"


def test_choice_refused_lists_choices_in_plain_words() -> None:
    message = refused(DIAGNOSIS, "status", "gone away")
    assert "ruled out" in message
    assert "ruled_out" not in message
    assert "suspected" in message


def test_choice_default_when_empty() -> None:
    values = clean(DIAGNOSIS, {"case_id": 1, "name": "x", "status": ""}, partial=False)
    assert values["status"] == "suspected"


# --- ICD-10, email --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("c50.9", "C50.9"),
        (" e11 ", "E11"),
        ("C 50.9", "C50.9"),
        ("z99.89", "Z99.89"),
        ("S72", "S72"),
    ],
)
def test_icd10_normalised(raw: str, code: str) -> None:
    assert one(DIAGNOSIS, "icd10", raw) == code


@pytest.mark.parametrize("raw", ["50.9", "C5", "C50.12345", "cancer", "C50..9", "CC0.1"])
def test_icd10_refused(raw: str) -> None:
    assert "C50.9" in refused(DIAGNOSIS, "icd10", raw)


def test_icd10_stored_normalised(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    made = records.create(dossier, "diagnosis", {"case_id": case, "name": "x", "icd10": "c50.9"})
    assert records.get(dossier, "diagnosis", made.id)["icd10"] == "C50.9"


@pytest.mark.parametrize("raw", ["a@b.org", "dr.rossi+second@clinic.example.it", "ü@ä.de"])
def test_email_accepted(raw: str) -> None:
    assert one(CONTACT, "email", raw) == raw


@pytest.mark.parametrize("raw", ["not an email", "a@b", "@b.org", "a b@c.org", "a@@b.org"])
def test_email_refused(raw: str) -> None:
    assert "name@example.org" in refused(CONTACT, "email", raw)


# --- text -----------------------------------------------------------------------------------


def test_control_characters_stripped() -> None:
    assert one(CASE, "title", "Lump\x00 in\x07 the\x1b breast\x7f") == "Lump in the breast"
    assert one(CASE, "title", "two\nlines\tand tab") == "two lines and tab"
    assert one(CASE, "description", "line one\r\nline two\rthree\tx\x0c") == (
        "line one\nline two\nthree\tx"
    )
    assert one(CASE, "description", "\x00\x01\n ") is None


def test_lone_surrogates_become_question_marks(dossier: Dossier) -> None:
    raw = "half \ud800 a pair \udfff end"
    made = records.create(dossier, "note", {"text": raw})
    stored = records.get(dossier, "note", made.id)["text"]
    assert stored == "half ? a pair ? end"
    stored.encode("utf-8")  # storable and readable as UTF-8


def test_text_must_be_text() -> None:
    assert one(CASE, "title", 42) == "42"
    for bad in ([1], {"a": 1}, b"bytes", True):
        assert "must be text" in refused(CASE, "title", bad)


def test_short_text_limit() -> None:
    assert one(CASE, "title", "x" * 500) == "x" * 500
    message = refused(CASE, "title", "x" * 501)
    assert "too long" in message
    assert "501" in message


def test_a_megabyte_of_text_round_trips(dossier: Dossier) -> None:
    rng = random.Random(7)
    words = ["Befund", "Müller", "שלום", "анализ", "診断", "😀", "café", "x\ty"]
    lines = []
    size = 0
    while size < 1_000_000:
        line = " ".join(rng.choice(words) for _ in range(12))
        lines.append(line)
        size += len(line) + 1
    text = "\n".join(lines)[:1_000_000].strip()
    made = records.create(dossier, "note", {"text": text, "title": "Long transcript"})
    assert records.get(dossier, "note", made.id)["text"] == text


def test_too_much_text_refused_with_a_message(dossier: Dossier) -> None:
    with pytest.raises(ValidationError) as caught:
        records.create(dossier, "note", {"text": "a" * 2_500_000})
    message = caught.value.errors["text"]
    assert "too long" in message
    assert "2,500,000" in message
    assert f"{LONGTEXT_MAX:,}" in message
    assert records.list_records(dossier, "note") == []


@pytest.mark.parametrize(
    "text",
    [
        "\u200fבדיקת דם: המוגלובין 13.1, ד״ר כהן ממליץ על ביופסיה\u200f",
        "Пациентка Иванова: анализ крови, гемоглобин 131 г/л. Ёлка, ґанок, їжак.",
        "mixed: שלום world Привет 123 \u202bembedded rtl\u202c",
        "decomposed e\u0301 and composed \u00e9 stay as they are",
    ],
)
def test_right_to_left_and_cyrillic_stored_unchanged(dossier: Dossier, text: str) -> None:
    made = records.create(dossier, "note", {"text": text, "title": text[:40]})
    stored = records.get(dossier, "note", made.id)
    assert stored["text"] == text
    assert stored["title"] == text[:40].strip()


def test_every_wrong_field_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        clean(
            CONTACT,
            {"name": "", "email": "nope", "reimburse_percent": "200", "role": "wizard"},
            partial=False,
        )
    assert set(caught.value.errors) == {"name", "email", "reimburse_percent", "role"}


# --- property tests -------------------------------------------------------------------------

any_text = st.text(st.characters(exclude_categories=()), max_size=300)


@fixture_settings
@given(text=any_text)
def test_any_note_text_stores_cleaned_or_is_refused(dossier: Dossier, text: str) -> None:
    try:
        made = records.create(dossier, "note", {"text": text})
    except ValidationError as exc:
        assert "text" in exc.errors
        assert not clean_text(text, multiline=True)
        return
    assert records.get(dossier, "note", made.id)["text"] == clean_text(text, multiline=True)


special = st.sampled_from(
    ["2026-03-14", "yes", "ruled out", "120,50", "80%", "1", "0", " ", "-1", "\x00", "1e999"]
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.decimals()
    | st.text(st.characters(exclude_categories=()), max_size=40)
    | st.dates()
    | st.datetimes()
    | special
)
values = scalars | st.lists(scalars, max_size=3) | st.dictionaries(st.text(max_size=5), scalars)

# Numbers that fit SQLite's 64-bit integers: numbers beyond are covered, deterministically, by
# test_huge_reference_number_is_a_validation_error (test_records.py).
bounded_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(-1e12, 1e12)
    | st.sampled_from([float("nan"), float("inf"), Decimal("NaN"), Decimal("sNaN")])
    | st.decimals(-(10**12), 10**12)
    | st.text(st.characters(exclude_categories=()), max_size=40)
    | st.dates()
    | st.datetimes()
    | special
)
bounded_values = (
    bounded_scalars
    | st.lists(bounded_scalars, max_size=3)
    | st.dictionaries(st.text(max_size=5), bounded_scalars)
)


def _keys(entity_name: str) -> st.SearchStrategy[Any]:
    spec = ENTITIES[entity_name]
    return (
        st.sampled_from([*spec.field_names, *spec.links, "id", "deleted_at", "sha256"])
        | st.text(max_size=8)
        | st.integers()
    )


@fixture_settings
@given(data=st.dictionaries(_keys("case"), values, max_size=8))
def test_arbitrary_case_data_is_stored_or_refused(dossier: Dossier, data: dict[Any, Any]) -> None:
    try:
        made = records.create(dossier, "case", data)
    except (ValidationError, DossierError):
        return
    assert records.get(dossier, "case", made.id)["title"]


@pytest.mark.parametrize(
    "name", sorted(n for n in ENTITIES if n not in ("person", "document", "case"))
)
def test_arbitrary_data_for_every_kind_is_stored_or_refused(dossier: Dossier, name: str) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    records.create(dossier, "opinion", {"case_id": case})
    records.create(dossier, "contact", {"name": "Dr"})

    @settings(max_examples=60, deadline=None, database=None)
    @given(data=st.dictionaries(_keys(name), bounded_values | st.integers(1, 3), max_size=8))
    def run(data: dict[Any, Any]) -> None:
        with contextlib.suppress(ValidationError, DossierError):
            records.create(dossier, name, data)

    run()
