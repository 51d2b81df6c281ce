"""Only what the program put there: a dossier's schema against the one its migrations make.

A trigger added to ``dossier.sqlite`` (``AFTER INSERT ON note BEGIN DELETE FROM document;
END``) runs unseen at the next change and can delete every record. So before anything is
written, :meth:`dossier.core.storage.Dossier.open` compares the tables, indexes, triggers
and views in the file (``sqlite_master``: type, name, table, SQL) with those the
migrations make; any difference (something added, one of ours changed or missing) opens
the dossier for reading only, the check names each one, and its repair removes what can
be removed after a backup (:mod:`dossier.core.integrity.schema`).

The expected schema is not a list written by hand: it is built fresh, in memory, by the
very migration steps (cached per process, per set of applied migrations). They are run
through a bare stand-in that has only ``execute``, not through sqlite-utils, because
importing sqlite-utils costs about 70 ms that every start of the window would pay. A step
that needs more of sqlite-utils makes the build fall back to it (slower, still right).
sqlite-utils' own bookkeeping table is written out below as sqlite-utils makes it; a test
builds a dossier with the real sqlite-utils and compares, so neither can drift unnoticed.

Even that build costs a few milliseconds, so an up-to-date dossier is first compared by a
digest: :data:`KNOWN_DIGEST` is the digest of the schema the current migrations make. It
is only a shortcut, never the judge: a schema whose digest differs is compared object by
object with the fresh build, so a stale value costs time, not a wrong answer (and a test
says when it is stale). BLAKE2b: no schema can be made to match it on purpose.

Compared as SQLite keeps them, with runs of white space made one. Left out of the
comparison: SQLite's own statistics tables (``sqlite_stat1``…, made by ``ANALYZE``), the
automatic indexes of UNIQUE and PRIMARY KEY constraints (they follow from their table's
SQL, which is compared), and the SQL of the full-text index's shadow tables: SQLite
itself writes those when the index is made, so their text may differ between SQLite
versions, and a program upgrade must never make a healthy dossier look tampered with.
Their names are still compared, and any trigger on them is found like any other.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from .i18n import tr
from .schema import MIGRATIONS, known_migrations

try:  # the small built-in module: importing hashlib loads OpenSSL, which costs start-up time
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b

Change = Literal["added", "changed", "missing"]

# What sqlite-utils' Migrations.ensure_migrations_table() makes (sqlite-utils 4.x).
_MIGRATIONS_TABLE = (
    'CREATE TABLE "_sqlite_migrations" (\n   "id" INTEGER PRIMARY KEY,\n'
    '   "migration_set" TEXT,\n   "name" TEXT,\n   "applied_at" TEXT\n)',
    'CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"\n'
    '    ON "_sqlite_migrations" ("migration_set", "name")',
)
# SQLite's own tables: statistics (ANALYZE) and AUTOINCREMENT counters; they run nothing.
_SQLITE_OWN = frozenset(
    {"sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4", "sqlite_sequence"}
)
_AUTOMATIC_INDEX = "sqlite_autoindex_"
_NAME_SHOWN = 60  # characters of a (hostile) name shown in a message
# digest(expected_schema(every migration)): see the module's docstring.
KNOWN_DIGEST = "29a96eafe6b1e3c553658448405edd930a1dcb5cbf3c67e7fc3829e1e452906f"


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

    def shape(self, *, with_sql: bool = True) -> tuple[str, str | None]:
        """What is compared: its table and its SQL, white space made one."""
        sql = " ".join(self.sql.split()) if with_sql and self.sql is not None else None
        return (self.table, sql)


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
        values = {"kind": _kind(item.type), "name": shown_name(item.name)}
        on = item.table != item.name and item.type in ("index", "trigger")
        if self.change == "added":
            text = tr("an added {kind} “{name}”", **values)
        elif self.change == "changed":
            text = tr("the {kind} “{name}”, changed", **values)
        else:
            text = tr("the {kind} “{name}”, missing", **values)
        return text + (tr(" on the table {table}", table=shown_name(item.table)) if on else "")


def read_schema(conn: sqlite3.Connection) -> list[SchemaObject]:
    """Every object in the file of ``conn`` (its main database)."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master")
    return [
        SchemaObject(str(t), str(n), str(tb), None if s is None else str(s)) for t, n, tb, s in rows
    ]


def check_schema(conn: sqlite3.Connection, applied: frozenset[str]) -> list[Difference]:
    """How the schema in the file of ``conn`` differs from the one the migrations in
    ``applied`` make (empty: it is exactly that). Reads only."""
    found = read_schema(conn)
    if (
        applied == frozenset(known_migrations())
        and digest(found, shadow_tables(conn)) == KNOWN_DIGEST
    ):
        return []
    return differences(found, applied)


def digest(objects: list[SchemaObject], shadows: frozenset[str]) -> str:
    """A digest of what is compared of ``objects`` (the SQL of ``shadows`` left out)."""
    rows = sorted(
        (item.type, item.name, *item.shape(with_sql=not _is_shadow(item, shadows)))
        for item in objects
        if not _ignored(item)
    )
    return blake2b(repr(rows).encode("utf-8", "surrogatepass"), digest_size=32).hexdigest()


def shadow_tables(conn: sqlite3.Connection) -> frozenset[str]:
    """The shadow tables (of full-text indexes) in the file of ``conn``."""
    try:
        rows = conn.execute(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'"
        )
        return frozenset(str(row[0]) for row in rows)
    except sqlite3.OperationalError:  # SQLite before 3.37: their SQL is compared too
        return frozenset()


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
        with_sql = not _is_shadow(item, expected.shadows)
        if item.shape(with_sql=with_sql) != want.shape(with_sql=with_sql):
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


def _is_shadow(item: SchemaObject, shadows: frozenset[str]) -> bool:
    return item.type == "table" and item.name in shadows


def _ignored(item: SchemaObject) -> bool:
    if item.type == "table" and item.name in _SQLITE_OWN:
        return True
    return item.type == "index" and item.name.startswith(_AUTOMATIC_INDEX) and item.sql is None


def _kind(type_: str) -> str:
    return {
        "table": tr("table"),
        "index": tr("index"),
        "trigger": tr("trigger"),
        "view": tr("view"),
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
        objects = {item.key: item for item in read_schema(conn)}
        shadows = shadow_tables(conn)
    finally:
        conn.close()
    return Expected(objects, shadows)


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


__all__ = [
    "KNOWN_DIGEST",
    "Difference",
    "Expected",
    "SchemaObject",
    "check_schema",
    "differences",
    "digest",
    "expected_schema",
    "read_schema",
    "shadow_tables",
    "shown_name",
]
