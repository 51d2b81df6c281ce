"""Every record of an archive checked, before anything is written, as the program checks
what a person types.

Each table and field must be one the program has, and each value one it could have stored
itself (:mod:`..columns`: the entity definitions' lists of choices, real dates, numbers
within their range, texts within their length, metadata within bounds). Each record's
number is used once per table, and each number that points to another record (a case,
a document, the record a trash entry holds) points to one of the right kind that is in
the archive. The first problem found is named with its record, in plain words.
"""

from __future__ import annotations

from typing import Any

from ..columns import Rule, column_rules
from ..entities import ENTITIES
from ..i18n import tr
from ..validation import check_stored, shown_value
from .errors import ArchiveRejected
from .manifest import Manifest, invalid

# The record a row of a link table belongs to, to name it: (entity, column of its number).
_OWNERS = {
    "comparison_aspect": ("comparison", "comparison_id"),
    "comparison_opinion": ("comparison", "comparison_id"),
    "document_tag": ("document", "document_id"),
    "document_case": ("document", "document_id"),
    "document_opinion": ("document", "document_id"),
    "opinion_citation": ("opinion", "opinion_id"),
}
_TABLE_ENTITIES = {spec.table: spec for spec in ENTITIES.values()}


def check_records(manifest: Manifest) -> None:
    """Raise :class:`ArchiveRejected` for the first record the program would not have stored."""
    rules = column_rules()
    numbers: dict[str, set[Any]] = {}
    for table, rows in manifest.tables.items():
        columns = rules.get(table)
        if columns is None:
            raise ArchiveRejected(
                tr("it holds records of a kind this program does not know ({name}).", name=table)
            )
        seen: set[Any] = set()
        for row in rows:
            _check_row(table, row, columns)
            if "id" in columns:
                if row["id"] in seen:
                    raise ArchiveRejected(
                        tr("its {record} appears twice.", record=record_name(table, row))
                    )
                seen.add(row["id"])
        numbers[table] = seen
    for table, rows in manifest.tables.items():
        for row in rows:
            _check_links(table, row, rules[table], numbers)


def record_name(table: str, row: dict[str, Any]) -> str:
    """The record ``row`` of ``table`` in plain words: "comparison number 4"."""
    if table == "trash":
        return tr("trash entry {id}", id=_number(row.get("id")))
    entity, column = _OWNERS.get(table, (None, "id"))
    spec = ENTITIES[entity] if entity else _TABLE_ENTITIES.get(table)
    kind = tr(spec.label) if spec is not None else table
    return tr("{kind} number {id}", kind=kind, id=_number(row.get(column)))


def _number(value: Any) -> str:
    return (
        str(value) if isinstance(value, int) and not isinstance(value, bool) else shown_value(value)
    )


def _check_row(table: str, row: dict[str, Any], columns: dict[str, Rule]) -> None:
    for key in row:
        if key not in columns:
            raise invalid(
                tr(
                    "a record of {table} has a field this program does not know ({field})",
                    table=table,
                    field=shown_value(key),
                )
            )
    spec = _TABLE_ENTITIES.get(table)
    problems = check_stored(spec, row) if spec is not None else {}  # with the entity's rules
    own = set(spec.field_names) if spec is not None else set()
    for column, rule in columns.items():
        problem = problems.get(column) if column in own else rule.check(row.get(column))
        if problem is not None:
            raise ArchiveRejected(
                tr(
                    "its {record} is not valid: {problem}",
                    record=record_name(table, row),
                    problem=problem,
                )
            )


def _check_links(
    table: str, row: dict[str, Any], columns: dict[str, Rule], numbers: dict[str, set[Any]]
) -> None:
    links = [(rule.ref, row.get(column)) for column, rule in columns.items() if rule.ref]
    if table == "trash":
        links.append((ENTITIES[row["entity"]].table, row["record_id"]))
    for target, number in links:
        if number is not None and target is not None and number not in numbers.get(target, ()):
            other = tr(_TABLE_ENTITIES[target].label)
            raise ArchiveRejected(
                tr(
                    "its {record} points to {other} number {id}, which is not in the archive.",
                    record=record_name(table, row),
                    other=other,
                    id=number,
                )
            )
