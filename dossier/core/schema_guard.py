"""Only what the program put there: a dossier's schema against the one its migrations make.

A trigger added to ``dossier.sqlite`` (``AFTER INSERT ON note BEGIN DELETE FROM document;
END``) runs unseen at the next change and can delete every record. So before anything is
written, :meth:`dossier.core.storage.Dossier.open` compares the tables, indexes, triggers
and views in the file (``sqlite_master``: type, name, table, SQL) with those the
migrations make; any difference (something added, one of ours changed or missing) opens
the dossier for reading only, the check names each one, and its repair removes what can
be removed after a backup (:mod:`dossier.core.integrity.foreign_schema`).

Opening must stay quick (a fraction of a millisecond here), so an up-to-date dossier is
compared by a digest of its ``sqlite_master`` rows, exactly as SQLite keeps them:
:data:`KNOWN_DIGEST` is the digest of the rows the current migrations make. It is only a
shortcut, never the judge: a schema whose digest differs is compared object by object with
one built fresh by the migrations (:mod:`.schema_compare`, loaded only then, with the
finer rules written there), so a stale value costs time, not a wrong answer, and a test
says when it is stale. BLAKE2b: no schema can be made to match it on purpose.

Left out, here and there: SQLite's own statistics tables (``sqlite_stat1``…, made by
``ANALYZE``) and AUTOINCREMENT counters, and the automatic indexes of UNIQUE and PRIMARY
KEY constraints (they follow from their table's SQL, which is compared).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from .schema import known_migrations

if TYPE_CHECKING:
    from .schema_compare import Difference

try:  # the small built-in module: importing hashlib loads OpenSSL, which costs start-up time
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b

Row = tuple[str, str, str, "str | None"]  # type, name, table, SQL: one row of sqlite_master

# SQLite's own tables: statistics (ANALYZE) and AUTOINCREMENT counters; they run nothing.
_SQLITE_OWN = frozenset(
    {"sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4", "sqlite_sequence"}
)
_AUTOMATIC_INDEX = "sqlite_autoindex_"
# schema_compare.expected_digest(every migration); see above. A test says when it is stale.
KNOWN_DIGEST = "90c0ec6e6f57dd995b0cdad2183c31f3a35677690e21813a25a21459021c60f0"


def check_schema(conn: sqlite3.Connection, applied: frozenset[str]) -> list[Difference]:
    """How the schema in the file of ``conn`` differs from the one the migrations in
    ``applied`` make (empty: it is exactly that). Reads only."""
    rows = read_rows(conn)
    if applied == frozenset(known_migrations()) and schema_digest(rows) == KNOWN_DIGEST:
        return []
    from .schema_compare import differences, objects

    return differences(objects(rows), applied)


def read_rows(conn: sqlite3.Connection) -> list[Row]:
    """Every object in the file of ``conn`` (its main database)."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master")
    return [(str(t), str(n), str(tb), None if s is None else str(s)) for t, n, tb, s in rows]


def ignored(row: Row) -> bool:
    """SQLite's own tables and the automatic indexes of constraints (see above)."""
    kind, name, _table, sql = row
    if kind == "table" and name in _SQLITE_OWN:
        return True
    return kind == "index" and name.startswith(_AUTOMATIC_INDEX) and sql is None


def schema_digest(rows: list[Row]) -> str:
    """A digest of ``rows`` as they are, those :func:`ignored` left out."""
    kept = sorted(((t, n, tb, s or "") for t, n, tb, s in rows if not ignored((t, n, tb, s))))
    return blake2b(repr(kept).encode("utf-8", "surrogatepass"), digest_size=32).hexdigest()


__all__ = ["KNOWN_DIGEST", "Row", "check_schema", "ignored", "read_rows", "schema_digest"]
