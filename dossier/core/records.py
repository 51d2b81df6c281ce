"""Create, read, edit, delete (to the trash) and restore every kind of record.

Each public function is one user action in one transaction and returns a
:class:`Change` saying what changed, so views can refresh only that.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from . import searchindex
from .clock import now_iso
from .database import Database
from .entities import ASPECTS, CASE_CHILDREN, ENTITIES, VERDICTS, Entity, entity
from .errors import DossierError, NotFoundError, ValidationError
from .i18n import tr
from .storage import Dossier
from .validation import TEXT_MAX, clean, clean_text, is_record_id, to_public

Action = Literal["created", "updated", "deleted", "restored"]

_ORDER = {
    "appointment": "starts_at, id",
    "task": "done, due_on IS NULL, due_on, id",
    "question": "position, id",
    "note": "written_on DESC, id DESC",
    "opinion": "ordinal, given_on, id",
    "document": "document_date IS NULL, document_date DESC, id DESC",
    "cost": "incurred_on, id",
    "contact": "name COLLATE NOCASE, id",
}
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
_MAX_TAGS = 50


@dataclass
class Change:
    """What one operation changed."""

    action: Action
    entity: str
    id: int
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    also: list[tuple[str, int]] = field(default_factory=list)  # other records it touched


def quoted(table: str) -> str:
    return f'"{table}"'


def create(dossier: Dossier, name: str, data: Mapping[str, Any]) -> Change:
    """Add a new record of kind ``name`` from ``data``."""
    spec = entity(name)
    if spec.name == "person":
        raise DossierError(tr("A dossier has one person; edit it instead of adding another."))
    if spec.name == "document":
        raise DossierError(tr("Documents are added by importing a file."))
    values = clean(spec, data, partial=False)
    db = dossier.db
    with db.atomic():
        _check_refs(db, spec, values)
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
        _write_links(db, spec, record_id, data, {})
        after = _load_existing(db, spec, record_id)
        searchindex.index_record(db, spec, after)
    return Change("created", spec.name, record_id, None, after)


def update(dossier: Dossier, name: str, record_id: int, data: Mapping[str, Any]) -> Change:
    """Change some fields (and links) of a live record."""
    spec = entity(name)
    values = clean(spec, data, partial=True)
    db = dossier.db
    with db.atomic():
        before = get(dossier, spec.name, record_id)
        _check_refs(db, spec, values)
        if values:
            values["updated_at"] = now_iso()
            assignments = ", ".join(f"{column} = ?" for column in values)
            db.execute(
                f"UPDATE {quoted(spec.table)} SET {assignments} WHERE id = ?",
                [*values.values(), record_id],
            )
        _write_links(db, spec, record_id, data, before)
        after = _load_existing(db, spec, record_id)
        searchindex.index_record(db, spec, after)
    return Change("updated", spec.name, record_id, before, after)


def get(
    dossier: Dossier, name: str, record_id: int, *, include_deleted: bool = False
) -> dict[str, Any]:
    """One record with its links; NotFoundError when there is none (or it is in the trash)."""
    spec = entity(name)
    record = _load(dossier.db, spec, record_id)
    if record is None or (record.get("deleted_at") and not include_deleted):
        raise NotFoundError(
            tr("There is no {entity} number {id}.", entity=spec.label, id=record_id)
        )
    return record


def list_records(
    dossier: Dossier,
    name: str,
    *,
    case_id: int | None = None,
    include_deleted: bool = False,
    equal: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Every live record of a kind, in a sensible order, optionally those of one case.

    ``equal`` keeps only records whose stored fields equal the given values.
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
    if case_id is not None:
        if spec.name == "document":
            where.append("id IN (SELECT document_id FROM document_case WHERE case_id = ?)")
        elif "case_id" in spec.field_names:
            where.append("case_id = ?")
        else:
            raise DossierError(tr("{entity} records do not belong to a case.", entity=spec.label))
        params.append(case_id)
    sql = f"SELECT * FROM {quoted(spec.table)}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY " + _ORDER.get(spec.name, "id")
    rows = list(dossier.db.query(sql, params))
    return _with_links(dossier.db, spec, rows)


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
    if spec.name in ("person", "document"):
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
        _check_refs(db, spec, values)
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
        _write_links(db, spec, record["id"], data, {})
        after = _load_existing(db, spec, record["id"])
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
                entity=ENTITIES[name].label,
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
        record = _load(db, spec, member_id)
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


def label_of(spec: Entity, record: Mapping[str, Any]) -> str:
    """A short human name for a record, for lists, the trash and search hits."""
    parts = [
        str(record[f]).replace("T", " ") if spec.field(f).kind == "datetime" else str(record[f])
        for f in spec.title_fields
        if record.get(f)
    ]
    text = " · ".join(parts) or f"{spec.label} {record.get('id')}"
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:119] + "…"


def _next_position(db: Database, case_id: int | None) -> int:
    row = db.execute(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM question WHERE case_id IS ?", [case_id]
    ).fetchone()
    return int(row[0])


def _check_refs(db: Database, spec: Entity, values: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    for item in spec.fields:
        if item.kind == "ref" and values.get(item.name) is not None and item.ref:
            target = ENTITIES[item.ref]
            if not _is_live(db, target, values[item.name]):
                errors[item.name] = tr(
                    "There is no {entity} number {id} to link as {label}.",
                    entity=target.label,
                    id=values[item.name],
                    label=item.plain_label,
                )
    if errors:
        raise ValidationError(errors)


def _is_live(db: Database, spec: Entity, record_id: int) -> bool:
    return is_record_id(record_id) and (
        db.execute(
            f"SELECT 1 FROM {quoted(spec.table)} WHERE id = ? AND deleted_at IS NULL", [record_id]
        ).fetchone()
        is not None
    )


def _id_list(db: Database, key: str, target: Entity, raw: Any) -> list[int]:
    if raw is None:
        return []
    if not isinstance(raw, list | tuple) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in raw
    ):
        raise ValidationError({key: tr("The {key} must be a list of record numbers.", key=key)})
    missing = [v for v in raw if not _is_live(db, target, v)]
    if missing:
        raise ValidationError(
            {key: tr("There is no {entity} number {id}.", entity=target.label, id=missing[0])}
        )
    return list(dict.fromkeys(raw))


def clean_tags(raw: Any) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = raw.split(",")
    if not isinstance(raw, list | tuple) or not all(isinstance(t, str) for t in raw):
        raise ValidationError({"tags": tr("The tags must be a list of words.")})
    tags: dict[str, str] = {}
    for tag in raw:
        text = clean_text(tag, multiline=False)[:TEXT_MAX]
        if text:
            tags.setdefault(text.casefold(), text)
    if len(tags) > _MAX_TAGS:
        raise ValidationError({"tags": tr("A document can have at most {n} tags.", n=_MAX_TAGS)})
    return list(tags.values())


def _write_links(
    db: Database, spec: Entity, record_id: int, data: Mapping[str, Any], before: Mapping[str, Any]
) -> None:
    if spec.name == "document":
        if "case_ids" in data:
            ids = _id_list(db, "case_ids", ENTITIES["case"], data["case_ids"])
            _replace(db, "document_case", "document_id", record_id, "case_id", ids)
        if "opinion_ids" in data:
            ids = _id_list(db, "opinion_ids", ENTITIES["opinion"], data["opinion_ids"])
            _replace(db, "document_opinion", "document_id", record_id, "opinion_id", ids)
        if "tags" in data:
            _replace(db, "document_tag", "document_id", record_id, "tag", clean_tags(data["tags"]))
    elif spec.name == "opinion":
        if "citations" in data:
            _write_citations(db, record_id, data["citations"])
    elif spec.name == "comparison":
        raw_case = data.get("case_id", before.get("case_id"))
        case_id = int(raw_case) if raw_case is not None else None  # already validated
        if "opinion_ids" in data or case_id != before.get("case_id", case_id):
            # Moving a comparison to another case is allowed only with opinions of that case.
            chosen = data.get("opinion_ids", before.get("opinion_ids"))
            ids = _comparison_opinions(db, case_id, chosen)
            db.execute("DELETE FROM comparison_opinion WHERE comparison_id = ?", [record_id])
            for position, opinion_id in enumerate(ids):
                db.execute(
                    "INSERT INTO comparison_opinion (comparison_id, opinion_id, position) VALUES (?, ?, ?)",
                    [record_id, opinion_id, position],
                )
        if "aspects" in data:
            for aspect, verdict, note in _clean_aspects(data["aspects"]):
                db.execute(
                    "INSERT INTO comparison_aspect (comparison_id, aspect, verdict, note) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (comparison_id, aspect) DO UPDATE SET verdict = excluded.verdict, note = excluded.note",
                    [record_id, aspect, verdict, note],
                )


def _comparison_opinions(db: Database, case_id: Any, raw: Any) -> list[int]:
    ids = _id_list(db, "opinion_ids", ENTITIES["opinion"], raw)
    if not 2 <= len(ids) <= 4:
        raise ValidationError(
            {"opinion_ids": tr("A comparison lays two to four opinions side by side.")}
        )
    cases = {
        r[0]
        for r in db.execute(
            f"SELECT case_id FROM opinion WHERE id IN ({','.join('?' * len(ids))})", ids
        )
    }
    if cases != {case_id}:
        raise ValidationError(
            {"opinion_ids": tr("Only opinions about the same case can be compared.")}
        )
    return ids


def _clean_aspects(raw: Any) -> Iterable[tuple[str, str | None, str | None]]:
    if not isinstance(raw, Mapping):
        raise ValidationError(
            {"aspects": tr("The aspects must map each aspect to a verdict and a note.")}
        )
    rows = []
    for aspect, value in raw.items():
        if aspect not in ASPECTS:
            raise ValidationError(
                {"aspects": tr("'{aspect}' is not an aspect that is compared.", aspect=aspect)}
            )
        value = value if isinstance(value, Mapping) else {"verdict": value}
        verdict = value.get("verdict")
        if verdict is not None:
            verdict = str(verdict).strip().lower().replace(" ", "_")
            if verdict not in VERDICTS:
                raise ValidationError(
                    {
                        "aspects": tr(
                            "A verdict must be one of: {choices}.",
                            choices=", ".join(v.replace("_", " ") for v in VERDICTS),
                        )
                    }
                )
        note = value.get("note")
        note = clean_text(note, multiline=True) if isinstance(note, str) else None
        rows.append((aspect, verdict, note or None))
    return rows


def _write_citations(db: Database, opinion_id: int, raw: Any) -> None:
    """Replace all the source citations of an opinion by ``raw``.

    ``raw`` maps an aspect to a list of ``{"document_id": int, "page": int | None}``
    (page 1 is the first; None cites the whole document). The document must be in
    the dossier; one in the trash is accepted, so that undoing and redoing still work
    (the comparison shows such a citation as unavailable); the page must lie within
    the document's pages when those are known.
    """
    rows = _clean_citations(db, raw)
    db.execute("DELETE FROM opinion_citation WHERE opinion_id = ?", [opinion_id])
    for position, (aspect, document_id, page) in enumerate(rows):
        db.execute(
            "INSERT INTO opinion_citation (opinion_id, aspect, document_id, page, position) "
            "VALUES (?, ?, ?, ?, ?)",
            [opinion_id, aspect, document_id, page, position],
        )


def _clean_citations(db: Database, raw: Any) -> list[tuple[str, int, int | None]]:
    def wrong(message: str) -> ValidationError:
        return ValidationError({"citations": message})

    if raw is None:
        return []
    if not isinstance(raw, Mapping):
        raise wrong(tr("The citations must map each aspect to a list of document pages."))
    rows: list[tuple[str, int, int | None]] = []
    for aspect, items in raw.items():
        if aspect not in ASPECTS:
            raise wrong(tr("'{aspect}' is not an aspect that is compared.", aspect=aspect))
        if not isinstance(items, list | tuple):
            raise wrong(tr("The citations of an aspect must be a list."))
        for item in items:
            if not isinstance(item, Mapping):
                raise wrong(tr("A citation names a document and, if you like, a page."))
            document_id, page = item.get("document_id"), item.get("page")
            if not isinstance(document_id, int) or isinstance(document_id, bool):
                raise wrong(tr("A citation must name a document by its number."))
            if page is not None and (not isinstance(page, int) or isinstance(page, bool)):
                raise wrong(tr("A page must be a whole number."))
            found = db.execute(
                "SELECT page_count FROM document WHERE id = ?", [document_id]
            ).fetchone()
            if found is None:
                raise wrong(tr("There is no document number {id} to cite.", id=document_id))
            pages = found[0]
            if page is not None and (page < 1 or (pages is not None and page > pages)):
                raise wrong(
                    tr(
                        "Document {id} has pages 1 to {pages}; there is no page {page}.",
                        id=document_id,
                        pages=pages or 1,
                        page=page,
                    )
                    if pages
                    else tr("A page number starts at 1.")
                )
            row = (aspect, document_id, page)
            if row not in rows:
                rows.append(row)
    return rows


def _replace(
    db: Database, table: str, key: str, record_id: int, column: str, values: list[Any]
) -> None:
    db.execute(f"DELETE FROM {table} WHERE {key} = ?", [record_id])
    for value in values:
        db.execute(f"INSERT INTO {table} ({key}, {column}) VALUES (?, ?)", [record_id, value])


def _load(db: Database, spec: Entity, record_id: int) -> dict[str, Any] | None:
    if not is_record_id(record_id):  # 10**30 would overflow SQLite's integers: no such record
        return None
    rows = list(db.query(f"SELECT * FROM {quoted(spec.table)} WHERE id = ?", [record_id]))
    if not rows:
        return None
    return _with_links(db, spec, rows)[0]


def _load_existing(db: Database, spec: Entity, record_id: int) -> dict[str, Any]:
    record = _load(db, spec, record_id)
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


def _with_links(db: Database, spec: Entity, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
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
