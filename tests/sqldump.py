"""Everything in a dossier's database as SQL statements, read without changing it.

SQLCipher's connection has no ``iterdump``, and the standard library's SQLite may be older
than the one the program uses (the search index is a contentless FTS5 table with
``contentless_delete``, SQLite 3.43 or later): so the standard library's dump is run over
the program's own connection.
"""

from __future__ import annotations

from pathlib import Path
from sqlite3 import dump as _dump

from dossier.core.sql_driver import sqlite3


def dump(database: Path) -> list[str]:
    conn = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        return list(_dump._iterdump(conn))  # type: ignore[attr-defined]
    finally:
        conn.close()
