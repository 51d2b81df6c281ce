"""The one place that opens a dossier's database, and the dossier folder itself.

A dossier is a folder holding ``dossier.sqlite`` and ``vault/``. Opening checks
the folder before writing anything: a folder that is not a dossier, a damaged
database or one written by a newer version is refused with a plain message,
and nothing on disk changes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .clock import now_iso
from .database import Database
from .errors import DossierOpenError
from .i18n import tr
from .schema import APPLICATION_ID, MIGRATIONS, known_migrations
from .vault import Vault

if TYPE_CHECKING:
    from .integrity.sweep import SweepResult

DB_NAME = "dossier.sqlite"
VAULT_NAME = "vault"
_SQLITE_HEADER = b"SQLite format 3\x00"


class Dossier:
    """An open dossier: its folder, its database connection and its vault.

    The connection belongs to the thread that opened the dossier.
    """

    def __init__(self, path: Path, db: Database) -> None:
        self.path = path
        self.db = db
        self.vault = Vault(path / VAULT_NAME)
        # What the start-up sweep moved to quarantine after an interrupted import (or None).
        self.swept: SweepResult | None = None

    @classmethod
    def create(cls, path: Path | str, *, name: str, born: str | None = None) -> Dossier:
        """Make a new dossier in ``path`` (missing or empty folder) for the person ``name``."""
        from .person import insert_initial, validate_new  # late: person needs Dossier

        folder = Path(path).absolute()
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise DossierOpenError(
                tr(
                    "The folder {path} is not empty. Choose a new or empty folder for the dossier.",
                    path=folder,
                )
            )
        # Validate before anything is written to disk.
        profile = validate_new(name=name, born=born)
        folder.mkdir(parents=True, exist_ok=True)
        db = _connect(folder / DB_NAME)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        MIGRATIONS.apply(db.migrations())
        # In WAL mode the file header (with the application id that marks a dossier) reaches
        # the main file only at a checkpoint: write it now, so other connections accept it.
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        dossier = cls(folder, db)
        dossier.vault.ensure()
        insert_initial(dossier, profile)
        return dossier

    @classmethod
    def open(cls, path: Path | str) -> Dossier:
        """Open an existing dossier, bringing its schema up to date."""
        folder = Path(path).absolute()
        db_path = folder / DB_NAME
        applied = _check_before_opening(folder, db_path)
        db = _connect(db_path)
        if not set(known_migrations()) <= applied:
            try:
                MIGRATIONS.apply(db.migrations())
            except sqlite3.DatabaseError as exc:
                db.close()
                raise DossierDamagedError(folder) from exc
        dossier = cls(folder, db)
        dossier.vault.ensure()
        from .integrity.sweep import sweep_after_interruption  # late: it needs Dossier

        dossier.swept = sweep_after_interruption(dossier)
        return dossier

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Dossier:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def is_dossier(path: Path | str) -> bool:
    """True when ``path`` looks like a dossier folder (it holds a dossier database)."""
    return (Path(path) / DB_NAME).is_file()


def _connect(db_path: Path) -> Database:
    conn = sqlite3.connect(str(db_path))
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it
    return Database(conn)


class DossierDamagedError(DossierOpenError):
    """The dossier's database is damaged (so a backup may be offered); ``path``: its folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__(_damaged(folder))
        self.path = folder


class DossierJournalLostError(DossierDamagedError):
    """The last session did not close and its journal (``dossier.sqlite-wal``) is gone.

    SQLite keeps the latest changes in that journal until it folds them into the database
    file; without it the dossier opens as it was some time before, silently. The left-over
    ``-shm`` index file shows this happened. :func:`set_aside_lost_journal` lets the
    person open the dossier as it is once they have chosen not to restore a backup.
    """

    def __init__(self, folder: Path) -> None:
        DossierOpenError.__init__(
            self,
            tr(
                "The dossier in {path} was not closed properly last time, and its journal "
                "file ({name}-wal), which holds the latest changes, is missing. The changes "
                "made since it was last saved in full may be lost. Nothing was changed. "
                "Restore a backup, or open the dossier as it is.",
                path=folder,
                name=DB_NAME,
            ),
        )
        self.path = folder


def set_aside_lost_journal(path: Path | str) -> Path | None:
    """Accept a dossier whose journal was lost, as it is: its left-over index file goes to
    the quarantine folder (never deleted), so the dossier opens again. Returns where."""
    from .integrity.quarantine import Quarantine  # late: integrity needs this module

    folder = Path(path).absolute()
    db_path = folder / DB_NAME
    shm = _side_file(db_path, "-shm")
    if not shm.exists() or _side_file(db_path, "-wal").exists():
        return None
    quarantine = Quarantine(folder)
    moved = quarantine.move(
        shm, tr("the index of a journal file that was missing (the latest changes were lost)")
    )
    quarantine.write_note()
    return moved.target


def _side_file(db_path: Path, suffix: str) -> Path:
    return db_path.with_name(db_path.name + suffix)


def _damaged(folder: Path) -> str:
    return tr(
        "The dossier in {path} is damaged and cannot be opened. "
        "Nothing was changed. Restore it from a backup.",
        path=folder,
    )


def _check_before_opening(folder: Path, db_path: Path) -> set[str]:
    """Refuse what is not a dossier of ours, reading only, so nothing on disk changes.

    Returns the names of the migrations applied to it.
    """
    if not folder.is_dir():
        raise DossierOpenError(tr("There is no dossier at {path}.", path=folder))
    if not db_path.is_file():
        raise DossierOpenError(
            tr("The folder {path} is not a dossier (it has no {name}).", path=folder, name=DB_NAME)
        )
    with db_path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(_SQLITE_HEADER):
        raise DossierDamagedError(folder)
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise DossierOpenError(
            tr("The file {path} is a database, but not a dossier of this program.", path=db_path)
        )
    wal = _side_file(db_path, "-wal")
    if not wal.exists() and _side_file(db_path, "-shm").exists():
        # SQLite removes the -shm index after the -wal at a clean close, never before.
        raise DossierJournalLostError(folder)
    try:
        # Without a -wal file, "immutable" keeps SQLite from creating -wal and -shm files.
        flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
        conn = sqlite3.connect(f"{db_path.as_uri()}?{flags}", uri=True)
        try:
            applied = [
                row[0]
                for row in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                    [MIGRATIONS.name],
                )
            ]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DossierDamagedError(folder) from exc
    unknown = set(applied) - set(known_migrations())
    if unknown:
        raise DossierOpenError(
            tr(
                "This dossier was saved by a newer version of Second Opinion Dossier. "
                "Update the program to open it; nothing was changed."
            )
        )
    return set(applied)


__all__ = [
    "DB_NAME",
    "VAULT_NAME",
    "Dossier",
    "DossierDamagedError",
    "DossierJournalLostError",
    "is_dossier",
    "now_iso",
    "set_aside_lost_journal",
]
