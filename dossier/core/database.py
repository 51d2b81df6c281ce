"""The connection of an open dossier, with the few calls the core makes on it.

The core needs four things of sqlite-utils' ``Database``: ``execute``, ``query``,
``atomic`` and ``close``. They are written here over a plain ``sqlite3`` connection,
because importing sqlite-utils (with click, dateutil and pluggy) and letting it scan
every installed package for plugins costs about 100 ms, which a person feels at every
start of the window. sqlite-utils is still what builds and migrates the schema:
:meth:`Database.migrations` hands its ``Database`` out only when a migration is due.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .errors import ReadOnlyDossier
from .sql_driver import sqlite3

if TYPE_CHECKING:
    import sqlite_utils

Parameters = Sequence[Any] | Mapping[str, Any] | None


class Database:
    """A connection in autocommit mode: a write is committed at once unless inside :meth:`atomic`.

    A dossier open for reading only has :attr:`refusal` set: every change of the core runs
    inside :meth:`atomic`, which then refuses it with that reason before it starts, and
    SQLite's ``query_only`` stops any other write as well.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        conn.isolation_level = None  # no hidden transactions: atomic() says where they are
        self.conn = conn
        self._savepoints = 0
        self.refusal: str | None = None  # why changes are refused (a read-only dossier)
        self.closed = False

    def refuse_writes(self, reason: str | None) -> None:
        """Refuse every change from now on with ``reason``; None allows them again."""
        self.conn.execute(f"PRAGMA query_only = {'OFF' if reason is None else 'ON'}")
        self.refusal = reason

    def execute(self, sql: str, parameters: Parameters = None) -> sqlite3.Cursor:
        """Run one statement and return its cursor."""
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def query(self, sql: str, params: Parameters = None) -> Iterator[dict[str, Any]]:
        """Run ``sql`` now; its rows, as dictionaries, as they are read."""
        cursor = self.execute(sql, params)
        if cursor.description is None:
            raise ValueError("query() is for statements that return rows; use execute()")
        keys = [column[0] for column in cursor.description]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction around the block (a savepoint when one is open already).

        An exception rolls back everything the block wrote, and is raised again. Refused
        with :class:`ReadOnlyDossier` on a dossier open for reading only.
        """
        if self.refusal is not None:
            raise ReadOnlyDossier(self.refusal)
        if self.conn.in_transaction:
            self._savepoints += 1
            name = f"dossier_{self._savepoints}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                self._rollback(f"ROLLBACK TO SAVEPOINT {name}", f"RELEASE SAVEPOINT {name}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            finally:
                self._savepoints -= 1
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self._rollback("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback("ROLLBACK")
            raise

    def _rollback(self, *statements: str) -> None:
        # An error (a failed COMMIT, a full disk) may have ended the transaction already.
        if self.conn.in_transaction:
            for statement in statements:
                self.conn.execute(statement)

    def migrations(self) -> sqlite_utils.Database:
        """sqlite-utils' view of this connection, to build or migrate the schema."""
        from sqlite_utils import Database as UtilsDatabase

        # No plugins: the schema must not depend on what else is installed.
        return UtilsDatabase(self.conn, execute_plugins=False)

    def close(self) -> None:
        self.conn.close()
        self.closed = True


def quoted(name: str) -> str:
    """``name`` (a table of ours) as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


__all__ = ["Database", "quoted"]
