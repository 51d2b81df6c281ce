"""Every connection of the program is SQLCipher's (issue 18): no module takes the standard
library's ``sqlite3``, whose exceptions SQLCipher's errors would slip past, and the schema's
migrations never ask sqlite-utils for what it guards with the standard exceptions."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import dossier
from dossier.core import schema
from dossier.core.sql_driver import sqlite3

PACKAGE = Path(dossier.__file__).parent


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_no_module_imports_the_standard_sqlite3() -> None:
    offending = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "sql_driver.py"
        and any(n == "sqlite3" or n.startswith("sqlite3.") for n in imports_of(path))
    ]
    assert offending == []


def test_the_driver_is_sqlcipher_with_fts5_and_its_log_off() -> None:
    assert sqlite3.__name__ == "sqlcipher3.dbapi2"
    conn = sqlite3.connect(":memory:")
    try:
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
        assert conn.execute("PRAGMA cipher_log_level").fetchone()[0] == "NONE"
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
        conn.execute("INSERT INTO t VALUES ('second opinion')")
        assert conn.execute("SELECT count(*) FROM t WHERE t MATCH 'opinion'").fetchone()[0] == 1
    finally:
        conn.close()


def test_an_altered_page_is_not_written_to_standard_error(tmp_path: Path) -> None:
    code = f"""
import os
from dossier.core.sql_driver import sqlite3
path = {str(tmp_path / "x.db")!r}
key = "PRAGMA key = \\"x'{"11" * 32}'\\""
conn = sqlite3.connect(path); conn.execute(key)
conn.execute("CREATE TABLE t (a)")
conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 50); conn.commit(); conn.close()
data = bytearray(open(path, "rb").read()); data[4096 * 3 + 10] ^= 1
open(path, "wb").write(bytes(data))
conn = sqlite3.connect(path); conn.execute(key)
try:
    conn.execute("SELECT count(*) FROM t").fetchall()
except sqlite3.DatabaseError as exc:
    print("refused:", exc)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("refused:")
    assert done.stderr == ""


def test_the_migrations_never_drop_with_ignore() -> None:
    source = inspect.getsource(schema)
    assert "ignore=True" not in source and "ignore = True" not in source
