"""What a record links to, checked and written: the links beside its own fields.

A record may name others: a field that refers to one record (``case_id``), and lists
kept in tables of their own (a document's cases, opinions and tags; an opinion's
citations of document pages; a comparison's opinions and its verdicts per aspect).
Every one is checked before it is written: a record it names must be live (not in the
trash), a list must hold record numbers, a verdict one of the known ones; anything else
raises :class:`~dossier.core.errors.ValidationError` saying which field is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .database import Database, quoted
from .entities import ASPECTS, ENTITIES, VERDICTS, Entity
from .errors import ValidationError
from .i18n import ntr, tr
from .validation import TEXT_MAX, clean_text, is_record_id

_MAX_TAGS = 50


def check_refs(db: Database, spec: Entity, values: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    for item in spec.fields:
        if item.kind == "ref" and values.get(item.name) is not None and item.ref:
            target = ENTITIES[item.ref]
            if not _is_live(db, target, values[item.name]):
                errors[item.name] = tr(
                    "There is no {entity} number {id} to link as {label}.",
                    entity=tr(target.label),
                    id=values[item.name],
                    label=tr(item.plain_label),
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
            {key: tr("There is no {entity} number {id}.", entity=tr(target.label), id=missing[0])}
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
        raise ValidationError(
            {
                "tags": ntr(
                    "A document can have at most {n} tag.",
                    "A document can have at most {n} tags.",
                    _MAX_TAGS,
                )
            }
        )
    return list(tags.values())


def write_links(
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


__all__ = ["check_refs", "clean_tags", "write_links"]
