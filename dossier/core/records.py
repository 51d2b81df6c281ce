"""Create, read, edit, delete (to the trash) and restore every kind of record.

Each public function is one user action in one transaction and returns a
:class:`Change` saying what changed, so views can refresh only that. What a record
links to is checked and written by :mod:`.record_links`; a record is read, with its
links, by :mod:`.record_reading`; a deadline marked done is dated by :mod:`.task_done`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from . import searchindex
from .choice_labels import choice_label
from .clock import now_iso
from .database import Database, quoted
from .date_order import check_date_order
from .document_translations import check_translation_link
from .entities import CASE_CHILDREN, ENTITIES, Entity, entity
from .errors import DossierError, NotFoundError
from .i18n import tr
from .record_links import check_refs, write_links
from .record_reading import load, load_existing, with_links
from .storage import Dossier
from .task_done import settle_done_on
from .validation import clean

Action = Literal["created", "updated", "deleted", "restored"]

_ORDER = {
    "appointment": "starts_at, id",
    "task": "done, due_on IS NULL, due_on, id",
    "question": "position, id",
    "note": "written_on DESC, id DESC",
    "opinion": "ordinal, given_on, id",
    "treatment": "started_on IS NULL, started_on, id",
    "document": "document_date IS NULL, document_date DESC, id DESC",
    "cost": "incurred_on, id",
    "contact": "name COLLATE NOCASE, id",
}


@dataclass
class Change:
    """What one operation changed."""

    action: Action
    entity: str
    id: int
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    also: list[tuple[str, int]] = field(default_factory=list)  # other records it touched


def create(dossier: Dossier, name: str, data: Mapping[str, Any]) -> Change:
    """Add a new record of kind ``name`` from ``data``."""
    spec = entity(name)
    if spec.name == "person":
        raise DossierError(tr("A dossier has one person; edit it instead of adding another."))
    if spec.name == "document":
        raise DossierError(tr("Documents are added by importing a file."))
    if spec.name == "study":
        raise DossierError(tr("Imaging studies are added from their disc."))
    values = clean(spec, data, partial=False)
    check_date_order(spec, values, None)
    if spec.name == "task":
        settle_done_on(values, None)
    db = dossier.db
    with db.atomic():
        check_refs(db, spec, values)
        stamp = now_iso()
        values.update(created_at=stamp, updated_at=stamp)
        if spec.name == "question" and "position" not in data:
            values["position"] = _next_position(db, values.get("case_id"))
        columns = ", ".join(values)
        marks = ", ".join("?" * len(values))
        cursor = db.execute(
            f"INSERT INTO {quoted(spec.table)} ({columns}) VALUES ({marks})", list(values.values())
        )
        record_id = int(cursor.lastrowid or 0)
        write_links(db, spec, record_id, data, {})
        after = load_existing(db, spec, record_id)
        searchindex.index_record(db, spec, after)
    return Change("created", spec.name, record_id, None, after)


def update(dossier: Dossier, name: str, record_id: int, data: Mapping[str, Any]) -> Change:
    """Change some fields (and links) of a live record."""
    spec = entity(name)
    values = clean(spec, data, partial=True)
    db = dossier.db
    with db.atomic():
        before = get(dossier, spec.name, record_id)
        check_date_order(spec, values, before)
        if spec.name == "task":
            settle_done_on(values, before)
        check_refs(db, spec, values)
        if spec.name == "document":
            check_translation_link(db, record_id, values)
        if values:
            values["updated_at"] = now_iso()
            assignments = ", ".join(f"{column} = ?" for column in values)
            db.execute(
                f"UPDATE {quoted(spec.table)} SET {assignments} WHERE id = ?",
                [*values.values(), record_id],
            )
        write_links(db, spec, record_id, data, before)
        after = load_existing(db, spec, record_id)
        searchindex.index_record(db, spec, after)
        if spec.name == "document" and after.get("language") != before.get("language"):
            from .ocr.language_change import read_again_in

            read_again_in(db, record_id, after.get("language"))
    return Change("updated", spec.name, record_id, before, after)


def get(
    dossier: Dossier, name: str, record_id: int, *, include_deleted: bool = False
) -> dict[str, Any]:
    """One record with its links; NotFoundError when there is none (or it is in the trash)."""
    spec = entity(name)
    record = load(dossier.db, spec, record_id)
    if record is None or (record.get("deleted_at") and not include_deleted):
        raise NotFoundError(
            tr("There is no {entity} number {id}.", entity=tr(spec.label), id=record_id)
        )
    return record


def list_records(
    dossier: Dossier,
    name: str,
    *,
    case_id: int | None = None,
    include_deleted: bool = False,
    equal: Mapping[str, Any] | None = None,
    ids: Iterable[int] | None = None,
) -> list[dict[str, Any]]:
    """Every live record of a kind, in a sensible order, optionally those of one case.

    ``equal`` keeps only records whose stored fields equal the given values; ``ids`` only
    the records with those numbers (any number of them: they travel as one JSON list).
    """
    spec = entity(name)
    where: list[str] = []
    params: list[Any] = []
    for key, value in (equal or {}).items():
        spec.field(key)  # KeyError for a field the entity does not have
        where.append(f"{key} IS ?")
        params.append(int(value) if isinstance(value, bool) else value)
    if spec.name != "person" and not include_deleted:
        where.append("deleted_at IS NULL")
    if ids is not None:
        where.append("id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps([int(i) for i in ids]))
    if case_id is not None:
        if spec.name == "document":
            where.append("id IN (SELECT document_id FROM document_case WHERE case_id = ?)")
        elif "case_id" in spec.field_names:
            where.append("case_id = ?")
        else:
            raise DossierError(
                tr("{entity} records do not belong to a case.", entity=tr(spec.label))
            )
        params.append(case_id)
    sql = f"SELECT * FROM {quoted(spec.table)}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY " + _ORDER.get(spec.name, "id")
    rows = list(dossier.db.query(sql, params))
    return with_links(dossier.db, spec, rows)


def delete(dossier: Dossier, name: str, record_id: int) -> Change:
    """Move a record to the trash; a case takes its own records with it."""
    spec = entity(name)
    if spec.name == "person":
        raise DossierError(tr("The dossier's person cannot be deleted."))
    db = dossier.db
    with db.atomic():
        before = get(dossier, spec.name, record_id)
        batch = os.urandom(16).hex()  # as random as uuid4, without importing uuid
        stamp = now_iso()
        touched = [(spec, before)]
        if spec.name == "case":
            for child_name in CASE_CHILDREN:
                child = ENTITIES[child_name]
                touched += [
                    (child, row)
                    for row in db.query(
                        f"SELECT * FROM {quoted(child.table)} WHERE case_id = ? AND deleted_at IS NULL",
                        [record_id],
                    )
                ]
        for item, row in touched:
            db.execute(
                f"UPDATE {quoted(item.table)} SET deleted_at = ? WHERE id = ?", [stamp, row["id"]]
            )
            db.execute(
                "INSERT INTO trash (entity, record_id, label, deleted_at, batch) VALUES (?, ?, ?, ?, ?)",
                [item.name, row["id"], label_of(item, row), stamp, batch],
            )
            searchindex.remove(db, item.name, row["id"])
    also = [(item.name, row["id"]) for item, row in touched[1:]]
    return Change("deleted", spec.name, record_id, before, None, also)


def restore(dossier: Dossier, name: str, record_id: int) -> Change:
    """Bring a record back from the trash, with everything deleted together with it."""
    spec = entity(name)
    db = dossier.db
    with db.atomic():
        restored = _restore_batch_of(db, spec.name, record_id)
        after = get(dossier, spec.name, record_id)
    also = [pair for pair in restored if pair != (spec.name, record_id)]
    return Change("restored", spec.name, record_id, None, after, also)


def purge(dossier: Dossier, name: str, record_id: int) -> None:
    """Remove a record at once, not to the trash: only to undo its creation."""
    spec = entity(name)
    if spec.name in ("person", "document", "study"):
        raise DossierError(tr("This record cannot be removed this way."))
    db = dossier.db
    with db.atomic():
        get(dossier, spec.name, record_id)
        if spec.name == "case" and any(
            db.execute(f"SELECT 1 FROM {quoted(child)} WHERE case_id = ?", [record_id]).fetchone()
            for child in CASE_CHILDREN
        ):
            raise DossierError(
                tr("This case cannot simply be taken back: it now holds other records.")
            )
        searchindex.remove(db, spec.name, record_id)
        db.execute(f"DELETE FROM {quoted(spec.table)} WHERE id = ?", [record_id])


def recreate(dossier: Dossier, name: str, record: Mapping[str, Any]) -> Change:
    """Add a record again under its old number (to redo its creation after an undo)."""
    spec = entity(name)
    data = {k: record[k] for k in (*spec.field_names, *spec.links) if k in record}
    values = clean(spec, {k: v for k, v in data.items() if k not in spec.links}, partial=False)
    db = dossier.db
    with db.atomic():
        check_refs(db, spec, values)
        values.update(
            id=record["id"],
            created_at=record.get("created_at") or now_iso(),
            updated_at=now_iso(),
        )
        db.execute(
            f"INSERT INTO {quoted(spec.table)} ({', '.join(values)}) "
            f"VALUES ({', '.join('?' * len(values))})",
            list(values.values()),
        )
        write_links(db, spec, record["id"], data, {})
        after = load_existing(db, spec, record["id"])
        searchindex.index_record(db, spec, after)
    return Change("created", spec.name, record["id"], None, after)


def _restore_batch_of(db: Database, name: str, record_id: int) -> list[tuple[str, int]]:
    row = db.execute(
        "SELECT batch FROM trash WHERE entity = ? AND record_id = ?", [name, record_id]
    ).fetchone()
    if row is None:
        raise NotFoundError(
            tr(
                "The {entity} number {id} is not in the trash.",
                entity=tr(ENTITIES[name].label),
                id=record_id,
            )
        )
    members = [  # a kind this program does not know (a database changed by hand) is left out
        (r[0], int(r[1]))
        for r in db.execute("SELECT entity, record_id FROM trash WHERE batch = ?", [row[0]])
        if r[0] in ENTITIES
    ]
    restored: list[tuple[str, int]] = []
    for (
        member_name,
        member_id,
    ) in members:  # a record whose case is in the trash needs the case back
        spec = ENTITIES[member_name]
        if spec.owned_by_case:
            case_row = db.execute(
                f"SELECT case_id FROM {quoted(spec.table)} WHERE id = ?", [member_id]
            ).fetchone()
            case_id = case_row[0] if case_row else None
            case_batch = db.execute(
                "SELECT batch FROM trash WHERE entity = 'case' AND record_id = ?", [case_id]
            ).fetchone()
            if case_id is not None and case_batch is not None and case_batch[0] != row[0]:
                restored += _restore_batch_of(db, "case", case_id)
    db.execute("DELETE FROM trash WHERE batch = ?", [row[0]])
    for member_name, member_id in members:
        spec = ENTITIES[member_name]
        db.execute(f"UPDATE {quoted(spec.table)} SET deleted_at = NULL WHERE id = ?", [member_id])
        record = load(db, spec, member_id)
        if record is not None:
            searchindex.index_record(db, spec, record)
            if spec.name == "document":
                pages = [
                    r[0]
                    for r in db.execute(
                        "SELECT text FROM document_page WHERE document_id = ? ORDER BY page",
                        [member_id],
                    )
                ]
                searchindex.index_pages(db, member_id, pages)
        restored.append((member_name, member_id))
    return restored


def label_of(
    spec: Entity,
    record: Mapping[str, Any],
    dates: Callable[[str, str], str] | None = None,
) -> str:
    """A short human name for a record, for lists, the trash and search hits.

    ``dates(kind, value)`` writes a date or a date and time (kind "date" or "datetime")
    as the reader expects; without it they stay as stored, "2026-03-13 10:30".
    """

    def part(name: str) -> str:
        kind, value = spec.field(name).kind, str(record[name])
        if kind == "choice":  # "told of the decision", in words, not the stored "told"
            return choice_label(spec.name, name, value)
        if kind in ("date", "datetime") and dates is not None:
            return dates(kind, value)
        return value.replace("T", " ") if kind == "datetime" else value

    parts = [part(f) for f in spec.title_fields if record.get(f)]
    # "Ask about the implant. · 2 Jun 2026" reads badly: a full stop ends the whole, not a part
    parts = [_without_full_stop(p) for p in parts[:-1]] + parts[-1:]
    text = " · ".join(parts) or tr("{entity} {id}", entity=tr(spec.label), id=record.get("id"))
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:119] + "…"


def _without_full_stop(text: str) -> str:
    """``text`` without one full stop at its end (an ellipsis written "..." keeps its dots)."""
    stripped = text.rstrip()
    if stripped.endswith(".") and not stripped.endswith(".."):
        return stripped[:-1]
    return text


def _next_position(db: Database, case_id: int | None) -> int:
    row = db.execute(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM question WHERE case_id IS ?", [case_id]
    ).fetchone()
    return int(row[0])


__all__ = [
    "Change",
    "NotFoundError",
    "create",
    "delete",
    "get",
    "label_of",
    "list_records",
    "restore",
    "update",
]
