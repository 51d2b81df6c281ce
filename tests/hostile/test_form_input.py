"""Hostile form input through the core, as the window and the command line send it: dates out
of range, a megabyte of text, control characters, right-to-left text. Every record kind of
the example dossier; a refused value leaves the record exactly as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.core import records, search
from dossier.core.entities import ENTITIES, Field
from dossier.core.errors import ValidationError
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from tests.dicom_discs import add_study
from tests.hostile.checks import plain_message_problem

BAD_DATES = ("0000-01-01", "0001-01-01", "10000-01-01", "2026-02-30", "2026-13-01", "1800-01-01",
             "2999-12-31", "-2026-01-01", "2026-1-5", "14/03/2026", "today")  # fmt: skip
BAD_DATETIMES = ("2026-03-14 25:00", "2026-02-30 09:00", "0000-01-01 00:00", "10000-01-01 09:00",
                 "2026-03-14", "2026-03-14 09:00+02:00")  # fmt: skip
MEGABYTE = ("Blood test: haemoglobin 13.1 g/dL, platelets 250. " * 20 + "\n") * 1_000


@pytest.fixture(scope="module")
def example(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dossier]:
    import shutil

    copy = tmp_path_factory.mktemp("forms") / "dossier"
    shutil.copytree(demo_template, copy)
    opened = open_dossier(copy)
    add_study(opened, copy.parent / "disc")  # the example holds no imaging disc
    yield opened
    opened.close()


def fields_of(kind: str) -> list[tuple[str, Field]]:
    return [(entity.name, spec) for entity in ENTITIES.values() for spec in entity.fields
            if spec.kind == kind]  # fmt: skip


def first(dossier: Dossier, entity: str) -> dict[str, Any]:
    if entity == "person":
        return records.get(dossier, "person", 1)
    found = records.list_records(dossier, entity)
    assert found, f"the example dossier has no {entity}"
    return found[0]


def refused_and_unchanged(dossier: Dossier, entity: str, field: str, value: Any) -> str:
    """Update ``field`` of the first ``entity`` to ``value``; expect a refusal naming the field,
    the record unchanged. Returns the message."""
    before = first(dossier, entity)
    with pytest.raises(ValidationError) as caught:
        records.update(dossier, entity, before["id"], {field: value})
    assert set(caught.value.errors) == {field}
    message = caught.value.errors[field]
    assert plain_message_problem(message) is None
    assert records.get(dossier, entity, before["id"]) == before
    return message


@pytest.mark.parametrize(("entity", "spec"), fields_of("date"), ids=lambda v: getattr(v, "name", v))
def test_dates_out_of_range_are_refused_beside_their_field(
    example: Dossier, entity: str, spec: Field
) -> None:
    for raw in BAD_DATES:
        message = refused_and_unchanged(example, entity, spec.name, raw)
        assert spec.plain_label in message
        assert "between 1900 and 2100" in message and "YYYY-MM-DD" in message


@pytest.mark.parametrize("raw", BAD_DATETIMES)
def test_appointment_times_out_of_range_are_refused(example: Dossier, raw: str) -> None:
    message = refused_and_unchanged(example, "appointment", "starts_at", raw)
    assert "YYYY-MM-DD HH:MM" in message


def test_a_date_of_birth_in_the_future_or_before_1900(example: Dossier) -> None:
    assert refused_and_unchanged(example, "person", "born", "2090-01-01") == (
        "The date of birth cannot be in the future."
    )
    assert "between 1900 and 2100" in refused_and_unchanged(example, "person", "born", "1899-12-31")


@pytest.mark.parametrize(("entity", "spec"), fields_of("text"), ids=lambda v: getattr(v, "name", v))
def test_a_megabyte_in_a_one_line_field_is_refused_with_its_size(
    example: Dossier, entity: str, spec: Field
) -> None:
    message = refused_and_unchanged(example, entity, spec.name, "x" * 1_000_000)
    assert message == (
        f"The {spec.plain_label} is too long: 1,000,000 characters, at most 500 fit."
    )


@pytest.mark.parametrize(
    ("entity", "spec"), fields_of("longtext"), ids=lambda v: getattr(v, "name", v)
)
def test_a_megabyte_in_a_multi_line_field_is_stored_whole(
    example: Dossier, entity: str, spec: Field
) -> None:
    record = first(example, entity)
    change = records.update(example, entity, record["id"], {spec.name: MEGABYTE})
    assert change.after[spec.name] == MEGABYTE.strip()
    assert records.get(example, entity, record["id"])[spec.name] == MEGABYTE.strip()


def test_control_characters_are_dropped_from_names_and_kept_as_layout_in_notes(
    example: Dossier,
) -> None:
    contact = first(example, "contact")
    name = "Dr\x00 Müller\x1b[2J \u202eevil\u202c\x07"
    stored = records.update(example, "contact", contact["id"], {"name": name}).after["name"]
    assert stored == "Dr Müller[2J evil\u202c"
    text = "Line one\tindented\r\nline two\u2028line three\x00\x1b"
    note = records.create(example, "note", {"text": text}).after
    assert note["text"] == "Line one\tindented\nline two\nline three"
    title = records.create(example, "note", {"text": "x", "title": "a\u2029b\tc\nd"}).after
    assert title["title"] == "a b c d"


@pytest.mark.parametrize(
    ("title", "text", "words"),
    [
        ("ביקור אצל ד״ר כהן", "שלום, בדיקת הדם תקינה.\nההמוגלובין 13.1.", ("בדיקת", "כהן")),
        ("زيارة الدكتور حداد", "مرحبا، تحليل الدم طبيعي.\nالهيموغلوبين 13.1.", ("تحليل", "حداد")),
        ("Mixed: שלום and مرحبا", "Left to right, then עברית, then عربي, then 123.", ("עברית",)),
    ],
)
def test_right_to_left_text_is_stored_unchanged_and_found(
    example: Dossier, title: str, text: str, words: tuple[str, ...]
) -> None:
    made = records.create(example, "note", {"title": title, "text": text}).after
    stored = records.get(example, "note", made["id"])
    assert (stored["title"], stored["text"]) == (title, text)
    for word in words:
        assert made["id"] in {hit.id for hit in search.search(example, word) if hit.kind == "note"}
