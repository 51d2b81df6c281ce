"""Only what the program put there: a dossier's schema against the one its migrations make.

A trigger added to ``dossier.sqlite`` (``AFTER INSERT ON note BEGIN DELETE FROM document;
END``) runs unseen at the next change and can delete every record. So before anything is
written, :meth:`dossier.core.storage.Dossier.connect` compares the tables, indexes, triggers
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

The rows and their digest are read by :mod:`.schema_rows`, which says what is left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .schema import known_migrations
from .schema_rows import read_rows, schema_digest
from .sql_driver import sqlite3

if TYPE_CHECKING:
    from .schema_compare import Difference

# schema_compare.expected_digest(every migration); see above. A test says when it is stale.
KNOWN_DIGEST = "f7f77b26e46b990167a8726ebb9711708699294c1c8d800562dd096f2489ec81"


def check_schema(conn: sqlite3.Connection, applied: frozenset[str]) -> list[Difference]:
    """How the schema in the file of ``conn`` differs from the one the migrations in
    ``applied`` make (empty: it is exactly that). Reads only."""
    rows = read_rows(conn)
    if applied == frozenset(known_migrations()) and schema_digest(rows) == KNOWN_DIGEST:
        return []
    from .schema_compare import differences, objects

    return differences(objects(rows), applied)


__all__ = ["KNOWN_DIGEST", "check_schema"]
