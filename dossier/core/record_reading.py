"""Reading records: a row of a table with the links kept beside it, as one plain dict.

A record as the rest of the program sees it (:func:`load`, :func:`with_links`): its
fields in their public form, a document's file facts, and the links kept in tables of
their own (a document's cases, opinions and tags; an opinion's citations; a comparison's
opinions and aspects), read for many records at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .database import Database, quoted
from .entities import Entity
from .validation import is_record_id, to_public

_FILE_FIELDS = (
    "sha256",
    "size",
    "media_type",
    "page_count",
    "encrypted",
    "metadata",
    "exif_date",
    "orientation",
    "has_thumbnail",
    "original_name",
)
# What an imaging study's files say, beside the fields a person edits.
_STUDY_FIELDS = (
    "study_uid",
    "patient_name",
    "patient_born",
    "patient_number",
    "patient_check",
)


def load(db: Database, spec: Entity, record_id: int) -> dict[str, Any] | None:
    if not is_record_id(record_id):  # 10**30 would overflow SQLite's integers: no such record
        return None
    rows = list(db.query(f"SELECT * FROM {quoted(spec.table)} WHERE id = ?", [record_id]))
    if not rows:
        return None
    return with_links(db, spec, rows)[0]


def load_existing(db: Database, spec: Entity, record_id: int) -> dict[str, Any]:
    record = load(db, spec, record_id)
    assert record is not None, (spec.name, record_id)
    return record


def _public(spec: Entity, row: Mapping[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": row["id"]}
    for item in spec.fields:
        record[item.name] = to_public(item, row.get(item.name))
    if spec.name == "document":
        for name in _FILE_FIELDS:
            record[name] = row.get(name)
        record["encrypted"] = bool(row.get("encrypted"))
        record["has_thumbnail"] = bool(row.get("has_thumbnail"))
        record["metadata"] = _metadata(row.get("metadata"))
    elif spec.name == "study":
        for name in _STUDY_FIELDS:
            record[name] = row.get(name)
        record["kept"] = bool(row.get("kept"))
    for stamp in ("created_at", "updated_at", "deleted_at"):
        if stamp in row:
            record[stamp] = row[stamp]
    return record


def _grouped(db: Database, sql: str, ids: list[int]) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for owner, value in db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk):
            found[owner].append(value)
    return found


def with_links(db: Database, spec: Entity, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    records = [_public(spec, row) for row in rows]
    ids = [r["id"] for r in records]
    if spec.name == "document" and ids:
        cases = _grouped(
            db,
            "SELECT document_id, case_id FROM document_case WHERE document_id IN ({marks}) ORDER BY case_id",
            ids,
        )
        opinions = _grouped(
            db,
            "SELECT document_id, opinion_id FROM document_opinion WHERE document_id IN ({marks}) ORDER BY opinion_id",
            ids,
        )
        tags = _grouped(
            db,
            "SELECT document_id, tag FROM document_tag WHERE document_id IN ({marks}) ORDER BY tag COLLATE NOCASE",
            ids,
        )
        for record in records:
            record["case_ids"] = cases[record["id"]]
            record["opinion_ids"] = opinions[record["id"]]
            record["tags"] = tags[record["id"]]
    elif spec.name == "opinion" and ids:
        cited = _grouped(
            db,
            "SELECT opinion_id, json_array(aspect, document_id, page) FROM opinion_citation "
            "WHERE opinion_id IN ({marks}) ORDER BY position",
            ids,
        )
        for record in records:
            citations: dict[str, list[dict[str, Any]]] = {}
            for aspect, document_id, page in (_json_loads(x) for x in cited[record["id"]]):
                citations.setdefault(aspect, []).append({"document_id": document_id, "page": page})
            record["citations"] = citations
    elif spec.name == "comparison" and ids:
        opinions = _grouped(
            db,
            "SELECT comparison_id, opinion_id FROM comparison_opinion WHERE comparison_id IN ({marks}) ORDER BY position",
            ids,
        )
        aspects = _grouped(
            db,
            "SELECT comparison_id, json_array(aspect, verdict, note) FROM comparison_aspect WHERE comparison_id IN ({marks})",
            ids,
        )
        for record in records:
            record["opinion_ids"] = opinions[record["id"]]
            record["aspects"] = {
                a: {"verdict": v, "note": n}
                for a, v, n in (_json_loads(x) for x in aspects[record["id"]])
            }
    elif spec.name == "study" and ids:
        series = _grouped(
            db,
            "SELECT study_id, json_array(id, number, modality, body_part, description, "
            "image_count, patient_name) FROM imaging_series WHERE study_id IN ({marks}) "
            "ORDER BY number IS NULL, number, id",
            ids,
        )
        keys = ("id", "number", "modality", "body_part", "description", "image_count")
        for record in records:
            found = [_json_loads(x) for x in series[record["id"]]]
            record["series"] = [
                {**dict(zip(keys, row[:6], strict=True)), "patient_name": row[6]} for row in found
            ]
            record["image_count"] = sum(int(s["image_count"] or 0) for s in record["series"])
    return records


def _metadata(text: str | None) -> dict[str, str]:
    """A document's metadata, read within bounds (a database changed by hand may hold
    anything there: it then shows as none)."""
    if not text:
        return {}
    from .columns import read_metadata  # here: the window's start does without it

    return read_metadata(text)


def _json_loads(text: str) -> Any:
    import json  # here: the window's start does without it

    return json.loads(text)


__all__ = ["load", "load_existing", "with_links"]
