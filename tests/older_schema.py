"""A dossier as an earlier version of the program made it: its database has the migrations
up to one of them and no further, for the tests that open it with this version (the
migrations that follow must bring it up to date and keep what it held)."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from dossier.core.schema import APPLICATION_ID, MIGRATIONS, Migrations
from dossier.core.sql_driver import sqlite3


def dossier_up_to(folder: Path, last: str) -> sqlite3.Connection:
    """Make a dossier in the new ``folder`` (with its vault) whose database has every
    migration up to ``last`` (its whole name, such as "0011_search_text_once"); the open
    connection, for the test to add its rows and commit."""
    folder.mkdir()
    (folder / "vault").mkdir()
    conn = sqlite3.connect(folder / "dossier.sqlite")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    names = [name for name, _step in MIGRATIONS.steps]
    older = Migrations(MIGRATIONS.name)
    older.steps = MIGRATIONS.steps[: names.index(last) + 1]
    older.apply(sqlite_utils.Database(conn))
    return conn
