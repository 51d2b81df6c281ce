"""Which tables an archive holds, read from the dossier's own schema.

Nothing here lists tables by hand: every ordinary table of the database is archived,
except SQLite's own, virtual (full-text) tables with their shadow tables, and the
derived tables named in :data:`.format.DERIVED_TABLES`. A table added by a later
migration is therefore archived, and rebuilt, without a change here.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from ..sql_driver import sqlite3
from .format import DERIVED_TABLES

_INT64 = (-(1 << 63), (1 << 63) - 1)


def quote(name: str) -> str:
    """``name`` as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    not_null: bool
    default: str | None
    primary_key: bool

    @property
    def affinity(self) -> str:
        """SQLite's type affinity of the column: INTEGER, TEXT, BLOB, REAL or NUMERIC."""
        declared = self.type.upper()
        if "INT" in declared:
            return "INTEGER"
        if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
            return "TEXT"
        if not declared or "BLOB" in declared:
            return "BLOB"
        if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
            return "REAL"
        return "NUMERIC"


@dataclass(frozen=True)
class Link:
    column: str
    table: str
    to_column: str
    on_delete: str


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    links: tuple[Link, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def order_by(self) -> str:
        keys = [c.name for c in self.columns if c.primary_key]
        return ", ".join(quote(k) for k in keys) if keys else "rowid"

    def describe(self) -> dict[str, Any]:
        """The table's columns and links, as the manifest states them."""
        return {
            "columns": [
                {
                    "name": c.name,
                    "type": c.type,
                    "required": c.not_null,
                    "default": c.default,
                    "primary_key": c.primary_key,
                }
                for c in self.columns
            ],
            "links": [
                {
                    "column": link.column,
                    "table": link.table,
                    "to_column": link.to_column,
                    "on_delete": link.on_delete,
                }
                for link in self.links
            ],
        }


def archived_tables(conn: sqlite3.Connection) -> list[Table]:
    """The tables an archive holds, in the order the schema made them."""
    kinds = {
        str(row[1]): str(row[2])
        for row in conn.execute("PRAGMA main.table_list")
        if row[0] == "main"
    }
    names = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
        )
    ]
    return [
        _table(conn, name)
        for name in names
        if kinds.get(name) == "table"
        and not name.startswith("sqlite_")
        and name not in DERIVED_TABLES
    ]


def _table(conn: sqlite3.Connection, name: str) -> Table:
    columns = tuple(
        Column(
            name=str(row[1]),
            type=str(row[2] or ""),
            not_null=bool(row[3]),
            default=None if row[4] is None else str(row[4]),
            primary_key=bool(row[5]),
        )
        for row in conn.execute(f"PRAGMA table_info({quote(name)})")
    )
    links = tuple(
        Link(column=str(row[3]), table=str(row[2]), to_column=str(row[4] or "id"), on_delete=row[6])
        for row in conn.execute(f"PRAGMA foreign_key_list({quote(name)})")
    )
    return Table(name, columns, links)


def to_json(value: Any) -> Any:
    """A stored value as the manifest writes it (bytes, which JSON lacks, as base64)."""
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


def from_json(column: Column, value: Any) -> Any:
    """The value to store from a manifest's ``value``; ValueError says what is wrong."""
    if value is None:
        return None
    affinity = column.affinity
    if isinstance(value, dict):
        if affinity != "BLOB" or set(value) != {"base64"} or not isinstance(value["base64"], str):
            raise ValueError(_wrong(column))
        try:
            return base64.b64decode(value["base64"], validate=True)
        except binascii.Error:
            raise ValueError(_wrong(column)) from None
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise ValueError(_wrong(column))
        if affinity == "TEXT":
            raise ValueError(_wrong(column))
        return value
    if isinstance(value, float):
        if affinity in ("INTEGER", "TEXT"):
            raise ValueError(_wrong(column))
        return value
    if isinstance(value, str):
        if affinity in ("INTEGER", "REAL"):
            raise ValueError(_wrong(column))
        return value
    raise ValueError(_wrong(column))


def _wrong(column: Column) -> str:
    expected = {
        "INTEGER": "a whole number",
        "REAL": "a number",
        "TEXT": "text",
    }.get(column.affinity, "a plain value")
    return f"{column.name} must be {expected}"
