"""What every column of the dossier's database may hold, as the program stores it.

The fields of each kind of record come from :mod:`.entities`, checked by
:func:`.validation.stored_problem` with the rules of typed input. The rest is declared
here once, with the same :class:`~.entities.Field` rules and the entity definitions' own
lists (aspects, verdicts, the kinds of record): every record's number and time stamps,
a document's file details, the links between records, the aspects of a comparison, the
sources an opinion cites and the trash. A value read from outside (an archive) is kept
only if it is one the program could have stored itself.

A column the program adds later must be declared here too: a test compares these rules
with the schema, so no column is ever taken unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial
from typing import Any

from .bounded_json import JsonLimits, JsonRefused, loads
from .entities import ASPECTS, ENTITIES, VERDICTS, Entity, Field
from .i18n import N_, NC_, tr
from .importer import sniff
from .validation import TEXT_MAX, YEAR_MAX, YEAR_MIN, shown_value, stored_problem

Check = Callable[[Any], "str | None"]

# A document's metadata as the import keeps it: a few names (Title, Author…) with one-line
# texts. Read with these limits, so a crafted value cannot make the reader build much.
METADATA_LIMITS = JsonLimits(max_bytes=64_000, max_depth=4, max_items=1_000)
_SHA = re.compile(r"[0-9a-f]{64}")
_BATCH = re.compile(r"[0-9a-f]{32}")
_MEDIA_TYPES = (sniff.PDF, sniff.JPEG, sniff.PNG, sniff.TIFF, sniff.TEXT)
# What a page's reading may be (dossier.core.ocr.queue), and the dossier's own settings.
READING_STATES = ("pending", "read", "refused", "stopped", "corrected")
# calendar_id: the random part of the calendar file's event identifiers (dossier.core.ical).
SETTINGS = ("ocr_languages", "plan_durations", "calendar_id")
# Whether an imaging study's files name the dossier's person (dossier.core.imaging.patient).
PATIENT_CHECKS = ("match", "mismatch", "unknown")
# The kinds of record the trash may hold: every one but the person.
TRASHABLE = tuple(name for name in ENTITIES if name != "person")


@dataclass(frozen=True)
class Rule:
    """What one column may hold: ``check(value)`` says what is wrong (None: nothing);
    ``ref``, for a column holding a record's number, names the table of that record."""

    check: Check
    ref: str | None = None


def read_metadata(text: str | None) -> dict[str, str]:
    """A document's stored metadata as names and texts; empty when there is none or it
    cannot be read (a database changed by hand)."""
    if not text:
        return {}
    try:
        value = loads(text, METADATA_LIMITS)
    except JsonRefused:
        return {}
    return value if _is_metadata(value) else {}


@cache
def column_rules() -> dict[str, dict[str, Rule]]:
    """Every archived table's columns and what each may hold, by table name."""
    tables: dict[str, dict[str, Rule]] = {}
    for spec in ENTITIES.values():
        tables[spec.table] = _entity_columns(spec)
    tables["document"].update(
        sha256=Rule(_sha256),
        size=_field(Field("size", "int", N_("size"), required=True, minimum=0)),
        media_type=_field(Field("media_type", "choice", N_("kind of file"), True, _MEDIA_TYPES)),
        page_count=_field(Field("page_count", "int", N_("number of pages"), minimum=0)),
        encrypted=_field(Field("encrypted", "bool", N_("password protection"))),
        metadata=Rule(_metadata),
        exif_date=Rule(partial(_stamp, N_("photo date"), False)),
        orientation=_field(
            Field("orientation", "int", N_("orientation"), minimum=0, maximum=65535)
        ),
        has_thumbnail=_field(Field("has_thumbnail", "bool", N_("small picture"))),
        original_name=_field(Field("original_name", "text", N_("file name"))),
    )
    tables["comparison_opinion"] = _columns(
        _ref("comparison_id", "comparison"),
        _ref("opinion_id", "opinion"),
        Field("position", "int", N_("position"), required=True, minimum=0),
    )
    tables["comparison_aspect"] = _columns(
        _ref("comparison_id", "comparison"),
        Field("aspect", "choice", N_("aspect"), required=True, choices=ASPECTS),
        Field("verdict", "choice", N_("verdict"), choices=VERDICTS),
        Field("note", "longtext", NC_("comparison", "note")),
    )
    tables["document_tag"] = _columns(
        _ref("document_id", "document"), Field("tag", "text", N_("tag"), required=True)
    )
    tables["document_case"] = _columns(_ref("document_id", "document"), _ref("case_id", "case"))
    tables["document_opinion"] = _columns(
        _ref("document_id", "document"), _ref("opinion_id", "opinion")
    )
    tables["opinion_citation"] = _columns(
        _number(),
        _ref("opinion_id", "opinion"),
        Field("aspect", "choice", N_("aspect"), required=True, choices=ASPECTS),
        _ref("document_id", "document"),
        Field("page", "int", N_("page"), minimum=1),
        Field("position", "int", N_("position"), required=True, minimum=0),
    )
    tables["trash"] = _columns(
        _number(),
        Field("entity", "choice", N_("kind of record"), required=True, choices=TRASHABLE),
        Field("record_id", "int", N_("record number"), required=True, minimum=1),
        Field("label", "text", N_("name"), required=True),
    )
    tables["trash"].update(
        deleted_at=Rule(partial(_stamp, N_("time of deletion"), True)), batch=Rule(_batch)
    )
    tables["page_reading"] = _columns(
        _ref("document_id", "document"),
        Field("page", "int", N_("page"), required=True, minimum=1),
        Field("state", "choice", N_("state of the reading"), required=True, choices=READING_STATES),
        Field("text", "longtext", N_("recognised text")),
        Field("confidence", "int", N_("confidence"), minimum=0, maximum=100),
        Field("languages", "text", N_("languages")),
        Field("rotation", "int", N_("turned by"), minimum=0, maximum=359),
        Field("reason", "longtext", N_("reason")),
    )
    tables["page_reading"]["read_at"] = Rule(partial(_stamp, N_("time it was read"), False))
    tables["imaging_study"].update(
        _columns(
            Field("study_uid", "text", N_("study number"), required=True),
            Field("patient_name", "text", N_("patient's name on the disc")),
            Field("patient_born", "date", N_("patient's date of birth on the disc")),
            Field("patient_number", "text", N_("patient number on the disc")),
            Field("patient_check", "choice", N_("patient check"), True, PATIENT_CHECKS),
            Field("kept", "bool", N_("files kept in the dossier")),
        )
    )
    tables["imaging_series"] = _columns(
        _number(),
        _ref("study_id", "study"),
        Field("series_uid", "text", N_("series number"), required=True),
        Field("number", "int", N_("number"), minimum=-(1 << 31), maximum=(1 << 31) - 1),
        Field("modality", "text", N_("modality")),
        Field("body_part", "text", N_("body part")),
        Field("description", "text", N_("description")),
        Field("patient_name", "text", N_("patient's name on the disc")),
        Field("image_count", "int", N_("number of images"), required=True, minimum=0),
    )
    tables["imaging_file"] = _columns(
        _number(),
        Field("series_id", "ref", N_("series"), required=True),
        Field("instance_uid", "text", N_("image number"), required=True),
        Field("class_uid", "text", N_("kind of image"), required=True),
        Field("transfer_syntax", "text", N_("encoding"), required=True),
        Field("number", "int", N_("number"), minimum=-(1 << 31), maximum=(1 << 31) - 1),
        Field("frames", "int", N_("frames"), required=True, minimum=1),
        Field("rows", "int", N_("height"), minimum=0, maximum=65535),
        Field("columns", "int", N_("width"), minimum=0, maximum=65535),
        Field("size", "int", N_("size"), required=True, minimum=0),
        Field("disc_path", "text", N_("place on the disc")),
    )
    tables["imaging_file"].update(
        series_id=Rule(_series_ref, "imaging_series"),
        position=Rule(_position),
        sha256=Rule(_optional_sha256),
    )
    tables["reminder_shown"] = _columns(
        Field("key", "text", N_("reminder"), required=True),
    )
    tables["reminder_shown"]["shown_at"] = Rule(partial(_stamp, N_("time it was shown"), True))
    tables["dossier_setting"] = _columns(
        Field("key", "choice", N_("setting"), required=True, choices=SETTINGS),
        Field("value", "text", N_("value"), required=True),
    )
    return tables


def _entity_columns(spec: Entity) -> dict[str, Rule]:
    person = spec.name == "person"
    number = Field(
        "id", "int", N_("number"), required=True, minimum=1, maximum=1 if person else None
    )
    columns = {"id": _field(number)}
    columns.update(_columns(*spec.fields))
    columns["created_at"] = Rule(partial(_stamp, N_("time it was made"), True))
    columns["updated_at"] = Rule(partial(_stamp, N_("time it was changed"), True))
    if not person:
        columns["deleted_at"] = Rule(partial(_stamp, N_("time it was deleted"), False))
    return columns


def _columns(*fields: Field) -> dict[str, Rule]:
    return {f.name: _field(f) for f in fields}


def _field(spec: Field) -> Rule:
    ref = ENTITIES[spec.ref].table if spec.kind == "ref" and spec.ref else None
    return Rule(partial(stored_problem, spec), ref)


def _ref(name: str, entity: str) -> Field:
    return Field(name, "ref", ENTITIES[entity].label, required=True, ref=entity)


def _number() -> Field:
    return Field("id", "int", N_("number"), required=True, minimum=1)


def _stamp(label: str, required: bool, value: Any) -> str | None:
    """A time stamp as the program writes it (``now_iso``): YYYY-MM-DDTHH:MM:SS."""
    if value is None:
        return tr("The {label} is needed.", label=tr(label)) if required else None
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if (
        parsed is None
        or parsed.tzinfo is not None
        or not YEAR_MIN <= parsed.year <= YEAR_MAX
        or parsed.isoformat(timespec="seconds") != value
    ):
        return tr(
            "The {label} {value} is not a date and time written YYYY-MM-DDTHH:MM:SS.",
            label=tr(label),
            value=shown_value(value),
        )
    return None


def _sha256(value: Any) -> str | None:
    if isinstance(value, str) and _SHA.fullmatch(value):
        return None
    return tr(
        "The SHA-256 {value} is not 64 hexadecimal digits in small letters.",
        value=shown_value(value),
    )


def _optional_sha256(value: Any) -> str | None:
    return None if value is None else _sha256(value)


def _series_ref(value: Any) -> str | None:
    return stored_problem(Field("series_id", "int", N_("series"), True, minimum=1), value)


def _position(value: Any) -> str | None:
    """A slice's place along its series, in millimetres (a finite number)."""
    if value is None or (
        isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e9
    ):
        return None
    return tr("The position {value} is not a number.", value=shown_value(value))


def _batch(value: Any) -> str | None:
    if isinstance(value, str) and _BATCH.fullmatch(value):
        return None
    return tr("The deletion {value} is not one this program writes.", value=shown_value(value))


def _metadata(value: Any) -> str | None:
    """The names and one-line texts the import reads from a file (PDF properties, a
    picture's size), kept as a JSON object; bounded before it is parsed."""
    if value is None:
        return None
    if not isinstance(value, str):
        return tr("The metadata must be text.")
    try:
        parsed = loads(value, METADATA_LIMITS)
    except JsonRefused as exc:
        return tr("The metadata cannot be read: {reason}.", reason=exc.reason)
    if not _is_metadata(parsed):
        return tr("The metadata must be names with one-line texts, as the import keeps them.")
    return None


def _is_metadata(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(text, str) and len(name) <= TEXT_MAX and len(text) <= TEXT_MAX
        for name, text in value.items()
    )


__all__ = ["METADATA_LIMITS", "TRASHABLE", "Rule", "column_rules", "read_metadata"]
