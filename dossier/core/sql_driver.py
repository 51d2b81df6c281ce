"""The SQLite every connection of the program uses: SQLCipher's, through ``sqlcipher3``.

A protected dossier's database is encrypted by SQLCipher 4 (:mod:`.crypto`); an unprotected
one is an ordinary SQLite file, which SQLCipher reads and writes as SQLite does. Every
module of the program takes ``sqlite3`` from here, never from the standard library, for
one reason: the exceptions. ``sqlcipher3`` raises its own ``Error`` classes, which are not
the standard library's, so an ``except sqlite3.Error`` written against the standard module
would let SQLCipher's errors through (a full disk reported as a crash). A test checks that
no module of the program imports the standard ``sqlite3``.

sqlite-utils, which builds and migrates the schema, catches the standard library's
exceptions in a few places. None of them is reached by the program: they probe for
``STRICT`` tables and upserts (both present in SQLCipher's SQLite, so the probes do not
fail), register functions (no ``NotSupportedError`` either), and drop tables or views with
``ignore=True`` (the migrations never ask that; a test reads them for it).

SQLCipher's own log is turned off once, when this module is imported (:func:`_quiet`).

For the type checker, ``sqlite3`` is the standard module: ``sqlcipher3`` has the same
interface and ships no type information of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3
else:
    from sqlcipher3 import dbapi2 as sqlite3


def _quiet() -> None:
    """SQLCipher writes its own log lines to standard error (every page that fails its
    check, three lines each), which would be printed in the middle of a command's output;
    the program says what went wrong itself. The setting holds for every connection."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


_quiet()

# SQLite's fixed text for each primary result code (sqlite3ErrStr), for the errors that
# come without their code: sqlcipher3 raises a failed backup step's error with the text
# only, where the standard module gives ``sqlite_errorcode`` too.
_CODE_OF_TEXT = {
    "database disk image is malformed": 11,  # SQLITE_CORRUPT
    "database or disk is full": 13,  # SQLITE_FULL
    "file is not a database": 26,  # SQLITE_NOTADB
    "disk I/O error": 10,  # SQLITE_IOERR
    "database is locked": 5,  # SQLITE_BUSY
    "database table is locked": 6,  # SQLITE_LOCKED
    "unable to open database file": 14,  # SQLITE_CANTOPEN
}


def error_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of ``exc`` (``sqlite3.SQLITE_FULL``…): from its
    ``sqlite_errorcode``, else from SQLite's fixed text for it; None when neither says."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    return _CODE_OF_TEXT.get(str(exc))


__all__ = ["error_code", "sqlite3"]
