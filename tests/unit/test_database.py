"""The dossier's own database connection: transactions, queries, and migrating only when due."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dossier.core.database import Database
from dossier.core.opening import open_dossier
from dossier.core.schema import known_migrations
from dossier.core.sql_driver import sqlite3
from dossier.core.storage import Dossier


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(sqlite3.connect(tmp_path / "t.sqlite"))
    database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
    return database


def _names(db: Database) -> list[str]:
    return [row["name"] for row in db.query("SELECT name FROM t ORDER BY id")]


def test_a_write_outside_a_transaction_is_committed_at_once(db: Database, tmp_path: Path) -> None:
    db.execute("INSERT INTO t (name) VALUES (?)", ["Ada"])
    other = sqlite3.connect(tmp_path / "t.sqlite")
    assert other.execute("SELECT name FROM t").fetchall() == [("Ada",)]
    other.close()


def test_atomic_commits_the_block(db: Database) -> None:
    with db.atomic():
        db.execute("INSERT INTO t (name) VALUES ('a')")
        db.execute("INSERT INTO t (name) VALUES ('b')")
    assert not db.conn.in_transaction
    assert _names(db) == ["a", "b"]


def test_an_error_rolls_the_whole_block_back(db: Database) -> None:
    with pytest.raises(RuntimeError), db.atomic():
        db.execute("INSERT INTO t (name) VALUES ('lost')")
        raise RuntimeError("stop")
    assert _names(db) == []
    assert not db.conn.in_transaction


def test_a_nested_block_is_a_savepoint(db: Database) -> None:
    with db.atomic():
        db.execute("INSERT INTO t (name) VALUES ('kept')")
        with pytest.raises(ValueError), db.atomic():
            db.execute("INSERT INTO t (name) VALUES ('undone')")
            raise ValueError("inner")
        with db.atomic():
            db.execute("INSERT INTO t (name) VALUES ('also kept')")
    assert _names(db) == ["kept", "also kept"]


def test_query_gives_dictionaries_and_refuses_statements_without_rows(db: Database) -> None:
    db.execute("INSERT INTO t (name) VALUES (:name)", {"name": "Ada"})
    assert list(db.query("SELECT id, name FROM t")) == [{"id": 1, "name": "Ada"}]
    with pytest.raises(ValueError):
        db.query("UPDATE t SET name = 'x'")


def test_opening_an_up_to_date_dossier_does_not_load_sqlite_utils(dossier: Dossier) -> None:
    path = dossier.path
    dossier.close()
    script = (
        "import sys; from dossier.core.opening import open_dossier; "
        f"d = open_dossier({str(path)!r}); d.close(); "
        "print('sqlite_utils' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_an_older_dossier_is_brought_up_to_date(tmp_path: Path) -> None:
    from tests.unit.test_foreign_schema import older_dossier

    with open_dossier(older_dossier(tmp_path / "older")) as opened:
        applied = [
            row["name"]
            for row in opened.db.query("SELECT name FROM _sqlite_migrations ORDER BY name")
        ]
        assert applied == known_migrations()
        assert len(applied) > 1
