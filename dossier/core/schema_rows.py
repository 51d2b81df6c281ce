"""A dossier's schema as SQLite keeps it: the rows of ``sqlite_master``, and their digest.

Shared by :mod:`.schema_guard` (at every opening, so it stays small and quick) and
:mod:`.schema_compare` (only when the digest is not the known one). Left out, here and
there: SQLite's own statistics tables (``sqlite_stat1``…, made by ``ANALYZE``) and
AUTOINCREMENT counters, and the automatic indexes of UNIQUE and PRIMARY KEY constraints
(they follow from their table's SQL, which is compared).
"""

from __future__ import annotations

from .sql_driver import sqlite3

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


__all__ = ["Row", "ignored", "read_rows", "schema_digest"]
