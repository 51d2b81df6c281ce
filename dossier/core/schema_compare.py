"""How a dossier's schema differs from the one its migrations make, object by object.

Loaded only when :func:`dossier.core.schema_guard.check_schema` finds that the digest of a
dossier's schema is not the known one, and by the check: an up-to-date dossier never needs
it at opening.

The expected schema is not a list written by hand: it is built fresh, in memory, by the
very migration steps (cached per process, per set of applied migrations). They are run
through a bare stand-in that has only ``execute``, not through sqlite-utils, because
importing sqlite-utils costs about 70 ms. A step that needs more of sqlite-utils makes the
build fall back to it (slower, still right). sqlite-utils' own bookkeeping table is written
out below as sqlite-utils makes it; a test builds a dossier with the real sqlite-utils and
compares, so neither can drift unnoticed.

Compared as SQLite keeps them, with runs of white space made one, except the SQL of the
full-text index's shadow tables: SQLite itself writes those when the index is made, so
their text may differ between SQLite versions, and a program upgrade must never make a
healthy dossier look tampered with. Their names are still compared, and any trigger on
them is found like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from .i18n import tr, trc
from .schema import MIGRATIONS
from .schema_rows import Row, ignored, read_rows, schema_digest
from .sql_driver import sqlite3

Change = Literal["added", "changed", "missing"]

# What sqlite-utils' Migrations.ensure_migrations_table() makes (sqlite-utils 4.x).
_MIGRATIONS_TABLE = (
    'CREATE TABLE "_sqlite_migrations" (\n   "id" INTEGER PRIMARY KEY,\n'
    '   "migration_set" TEXT,\n   "name" TEXT,\n   "applied_at" TEXT\n)',
    'CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"\n'
    '    ON "_sqlite_migrations" ("migration_set", "name")',
)
_NAME_SHOWN = 60  # characters of a (hostile) name shown in a message


@dataclass(frozen=True)
class SchemaObject:
    """One row of ``sqlite_master``: a table, an index, a trigger or a view."""

    type: str
    name: str
    table: str
    sql: str | None  # as SQLite keeps it

    @property
    def key(self) -> tuple[str, str]:
        return (self.type, self.name)

    def shape(self, shadows: frozenset[str]) -> tuple[str, str | None]:
        """What is compared: its table and its SQL (see :func:`compared_sql`)."""
        return (self.table, compared_sql((self.type, self.name, self.table, self.sql), shadows))


@dataclass(frozen=True)
class Expected:
    """The schema the migrations make: every object by (type, name), and the shadow
    tables of the full-text index (compared by name only)."""

    objects: dict[tuple[str, str], SchemaObject]
    shadows: frozenset[str]


@dataclass(frozen=True)
class Difference:
    """One way the dossier's schema is not what the program made.

    ``found``: the object as it is in the dossier (None when missing); ``expected``: as
    the program makes it (None when added).
    """

    change: Change
    found: SchemaObject | None
    expected: SchemaObject | None

    @property
    def object(self) -> SchemaObject:
        item = self.found or self.expected
        assert item is not None
        return item

    @property
    def removable(self) -> bool:
        """Whether the repair can put this right: drop what was added (a table included)
        and make an index, trigger or view of ours again. A table of ours that was
        changed or is missing cannot be made again without its records: a backup can."""
        return self.change == "added" or self.object.type in ("index", "trigger", "view")

    def describe(self) -> str:
        """In plain words, e.g. 'an added trigger “wipe” on the table note'."""
        item = self.object
        values = {
            "kind": _kind(item.type),
            "name": shown_name(item.name),
            "table": shown_name(item.table),
        }
        if item.table != item.name and item.type in ("index", "trigger"):
            if self.change == "added":
                return tr("an added {kind} “{name}” on the table {table}", **values)
            if self.change == "changed":
                return tr("the {kind} “{name}”, changed on the table {table}", **values)
            return tr("the {kind} “{name}”, missing on the table {table}", **values)
        if self.change == "added":
            return tr("an added {kind} “{name}”", **values)
        if self.change == "changed":
            return tr("the {kind} “{name}”, changed", **values)
        return tr("the {kind} “{name}”, missing", **values)


def compared_sql(row: Row, shadows: frozenset[str]) -> str | None:
    """The SQL that is compared: white space made one; none for a shadow table."""
    kind, name, _table, sql = row
    if sql is None or (kind == "table" and name in shadows):
        return None
    return " ".join(sql.split())


def shadow_tables(conn: sqlite3.Connection) -> frozenset[str]:
    """The shadow tables (of full-text indexes) in the file of ``conn``."""
    try:
        rows = conn.execute(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'"
        )
        return frozenset(str(row[0]) for row in rows)
    except sqlite3.OperationalError:  # SQLite before 3.37: their SQL is compared too
        return frozenset()


def read_schema(conn: sqlite3.Connection) -> list[SchemaObject]:
    """Every object in the file of ``conn`` (its main database)."""
    return objects(read_rows(conn))


def objects(rows: list[Row]) -> list[SchemaObject]:
    return [SchemaObject(*row) for row in rows]


def differences(found: list[SchemaObject], applied: frozenset[str]) -> list[Difference]:
    """What differs between ``found`` and the schema of the migrations in ``applied``."""
    expected = expected_schema(applied)
    seen: set[tuple[str, str]] = set()
    result: list[Difference] = []
    for item in found:
        if _ignored(item):
            continue
        seen.add(item.key)
        want = expected.objects.get(item.key)
        if want is None:
            result.append(Difference("added", item, None))
            continue
        if item.shape(expected.shadows) != want.shape(expected.shadows):
            result.append(Difference("changed", item, want))
    for key, want in expected.objects.items():
        if key not in seen and not _ignored(want):
            result.append(Difference("missing", None, want))
    return result


def shown_name(name: str) -> str:
    """A name from the file, fit for a message: characters that are not printable (control
    characters, direction overrides) written as escapes, and cut to a sensible length."""
    text = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in name)
    return text if len(text) <= _NAME_SHOWN else text[: _NAME_SHOWN - 1] + "…"


def _ignored(item: SchemaObject) -> bool:
    return ignored((item.type, item.name, item.table, item.sql))


def _kind(type_: str) -> str:
    return {
        "table": trc("database object", "table"),
        "index": trc("database object", "index"),
        "trigger": trc("database object", "trigger"),
        "view": trc("database object", "view"),
    }.get(type_, type_)


@lru_cache(maxsize=8)
def expected_schema(applied: frozenset[str]) -> Expected:
    """The schema the migrations named in ``applied`` make, built fresh in memory."""
    conn = sqlite3.connect(":memory:")
    try:
        try:
            _build(conn, applied)
        except AttributeError:  # a step needs more of sqlite-utils than execute()
            conn.close()
            conn = sqlite3.connect(":memory:")
            _build_with_sqlite_utils(conn, applied)
        built = {item.key: item for item in read_schema(conn)}
        shadows = shadow_tables(conn)
    finally:
        conn.close()
    return Expected(built, shadows)


class _Bare:
    """What a migration step is handed instead of sqlite-utils' Database: ``execute``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)


def _build(conn: sqlite3.Connection, applied: frozenset[str]) -> None:
    for statement in _MIGRATIONS_TABLE:
        conn.execute(statement)
    bare: Any = _Bare(conn)
    for name, step in MIGRATIONS.steps:
        if name in applied:
            step(bare)


def _build_with_sqlite_utils(conn: sqlite3.Connection, applied: frozenset[str]) -> None:
    from sqlite_utils import Database as UtilsDatabase
    from sqlite_utils.migrations import Migrations as UtilsMigrations

    migrations = UtilsMigrations(MIGRATIONS.name)
    for name, step in MIGRATIONS.steps:
        if name in applied:
            migrations(name=name)(step)
    migrations.apply(UtilsDatabase(conn, execute_plugins=False))


def expected_digest(applied: frozenset[str]) -> str:
    """The digest of the schema the migrations in ``applied`` make (see schema_guard)."""
    rows = [(o.type, o.name, o.table, o.sql) for o in expected_schema(applied).objects.values()]
    return schema_digest(rows)


__all__ = [
    "Difference",
    "Expected",
    "SchemaObject",
    "differences",
    "expected_digest",
    "expected_schema",
    "objects",
    "read_schema",
    "shown_name",
]
