"""Tables, indexes, triggers and views in the database that this program did not put there.

The check names each one (:func:`schema_findings`); the repair (:func:`repair_schema`)
first makes a backup (which keeps them, so nothing is lost), then removes what was added
and makes the program's own indexes again. A table of the program's that was changed or
is missing cannot be made again without its records: for that the check says to restore
a backup, and the dossier stays open for reading only.

See :mod:`dossier.core.schema_guard` for how the schema is compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import ntr, tr
from ..read_only import with_foreign_objects
from ..schema import MIGRATIONS
from ..schema_compare import Difference
from ..schema_guard import check_schema
from ..sql_driver import sqlite3
from ..storage import Dossier
from .database_checks import MAX_ITEMS, restore_advice
from .findings import Finding, Item

# Triggers first (so nothing runs while the rest goes), tables last (their own triggers
# and indexes go with them).
_ORDER = {"trigger": 0, "view": 1, "index": 2, "table": 3}


def schema_differences(dossier: Dossier) -> list[Difference]:
    """How the dossier's schema differs from the one its migrations make, read now."""
    conn = dossier.db.conn
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATIONS.name]
    )
    return check_schema(conn, frozenset(str(row[0]) for row in rows))


def schema_findings(dossier: Dossier) -> list[Finding]:
    """One finding for what the repair can remove, one for what only a backup can mend."""
    found = schema_differences(dossier)
    removable = [d for d in found if d.removable]
    lasting = [d for d in found if not d.removable]
    findings: list[Finding] = []
    if removable:
        findings.append(
            Finding(
                "foreign_schema",
                ntr(
                    "The database holds one thing that this program did not put there.",
                    "The database holds {n} things that this program did not put there.",
                    len(removable),
                ),
                tr(
                    "Such things can change or delete records unseen, so the dossier is open "
                    "for reading only until they are gone. Repair makes a backup first (which "
                    "keeps them), then removes them."
                ),
                _items(removable),
            )
        )
    if lasting:
        findings.append(
            Finding(
                "schema_changed",
                ntr(
                    "A table of the database was changed by something other than this program.",
                    "{n} tables of the database were changed by something other than this program.",
                    len(lasting),
                ),
                tr(
                    "Repair cannot put a table back without losing records, so the dossier "
                    "stays open for reading only. "
                )
                + restore_advice(),
                _items(lasting),
            )
        )
    return findings


@dataclass
class SchemaRepair:
    """What the repair did about the database's schema."""

    backup: Path | None = None  # the backup made first
    backup_failed: str | None = None  # why no backup could be made (then nothing changed)
    removed: list[str] = field(default_factory=list)  # what was put right, in plain words
    left: list[str] = field(default_factory=list)  # what is still not as the program made it

    def summary(self) -> list[str]:
        lines: list[str] = []
        if self.backup_failed is not None:
            lines.append(
                tr(
                    "Nothing was removed from the database, because no backup could be made "
                    "first: {why}",
                    why=self.backup_failed,
                )
            )
        if self.backup is not None:
            lines.append(tr("Made a backup first: {path}.", path=self.backup))
        if self.removed:
            lines.append(
                tr("Put right in the database: {what}.", what="; ".join(self.removed[:MAX_ITEMS]))
            )
        if self.left:
            lines.append(
                tr(
                    "Still not as this program made it, so the dossier stays open for reading "
                    "only: {what}. Restore a backup made before this happened.",
                    what="; ".join(self.left[:MAX_ITEMS]),
                )
            )
        return lines

    def as_dict(self) -> dict[str, object]:
        return {
            "backup": str(self.backup) if self.backup is not None else None,
            "backup_failed": self.backup_failed,
            "removed": self.removed,
            "left": self.left,
        }


def repair_schema(dossier: Dossier) -> SchemaRepair:
    """Back the dossier up, then remove what was added to its database and make the
    program's own indexes (triggers, views) again. When nothing is left, the dossier can be
    changed again (``dossier.read_only`` is cleared)."""
    from ..backup import BackupError, make_backup  # only when there is something to mend

    dossier.require_writable_drive()
    result = SchemaRepair()
    found = schema_differences(dossier)
    removable = sorted((d for d in found if d.removable), key=lambda d: _ORDER[d.object.type])
    if removable:
        try:
            result.backup = make_backup(dossier.path).backup.path
        except BackupError as exc:
            result.backup_failed = exc.message
        else:
            _put_right(dossier.db.conn, removable, result)
    left = schema_differences(dossier)
    result.left = [d.describe() for d in left]
    if left:
        dossier.read_only = with_foreign_objects(left)
        dossier.db.refuse_writes(dossier.read_only.refusal)
    elif dossier.read_only is not None:
        dossier.writable_again()
    return result


def _put_right(conn: sqlite3.Connection, removable: list[Difference], result: SchemaRepair) -> None:
    """Drop what was added or changed, make ours again: in one transaction."""
    conn.execute("PRAGMA query_only = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for difference in removable:
                try:
                    _one(conn, difference)
                except sqlite3.Error:  # a table of an unknown kind: only a backup helps
                    continue
                result.removed.append(difference.describe())
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            result.removed.clear()
            raise
    finally:
        conn.execute("PRAGMA query_only = ON")


def _one(conn: sqlite3.Connection, difference: Difference) -> None:
    item = difference.object
    if difference.found is not None:
        kind = item.type.upper()
        conn.execute(f"DROP {kind} IF EXISTS {_quoted(difference.found.name)}")
    if difference.expected is not None and difference.expected.sql is not None:
        conn.execute(difference.expected.sql)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _items(differences: list[Difference]) -> tuple[Item, ...]:
    return tuple(Item(d.describe()) for d in differences[:MAX_ITEMS])
