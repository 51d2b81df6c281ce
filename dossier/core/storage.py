"""The one place that opens a dossier's database, and the dossier folder itself.

A dossier is a folder holding ``dossier.sqlite`` and ``vault/``. Opening checks
the folder before writing anything: a folder that is not a dossier, a damaged
database or one written by a newer version is refused with a plain message,
and nothing on disk changes.

Two kinds of dossier are opened for reading only (:mod:`.read_only`): one on a drive or
in a folder that cannot be written to (a CD, a write-protected stick), and one whose
database holds tables, indexes, triggers or views this program did not put there
(:mod:`.schema_guard`). Both are found while only reading, and nothing is written to them
at opening (no migration, no start-up sweep, no vault folders).

A full disk is said as such, never as damage, and an opening that fails leaves no
``-wal`` or ``-shm`` file of its own behind (:mod:`.sqlite_files`).

This module knows the folder, the database and the vault, and nothing of what a dossier
holds: the program opens and makes dossiers through :mod:`.opening`, which adds the
start-up sweep after an interrupted import and the person a new dossier is about.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .clock import now_iso
from .crypto import keyring
from .crypto.protected import KEY_FILE, PassphraseNeeded, is_protected
from .crypto.switch import finish_conversion
from .database import Database
from .errors import DossierOpenError, ReadOnlyDossier
from .i18n import tr
from .open_errors import (
    DossierDamagedError,
    DossierDiskFullError,
    problem_creating,
    problem_opening,
)
from .read_only import ReadOnly, cannot_write, on_read_only_drive, with_foreign_objects
from .schema import APPLICATION_ID, MIGRATIONS, known_migrations
from .schema_guard import check_schema
from .sql_driver import sqlite3
from .sqlite_files import SideFiles, journal_lost, remove_left_by_failed_open, side_file
from .vault import Vault

if TYPE_CHECKING:
    from .crypto.keyfile import KeyFile
    from .crypto.keys import MasterKey
    from .integrity.quarantine import SweepResult

DB_NAME = "dossier.sqlite"
VAULT_NAME = "vault"
_SQLITE_HEADER = b"SQLite format 3\x00"
PROTECTED_CACHE_KIB = 64 * 1024


class Dossier:
    """An open dossier: its folder, its database connection and its vault.

    The connection belongs to the thread that opened the dossier. ``read_only`` says why
    the dossier is open for reading only (None: it can be changed). ``key``: the master key
    of a dossier protected with a passphrase (None: not protected).
    """

    def __init__(
        self,
        path: Path,
        db: Database,
        read_only: ReadOnly | None = None,
        *,
        key: MasterKey | None = None,
    ) -> None:
        self.path = path
        self.db = db
        self.key = key
        self.vault = Vault(path / VAULT_NAME, key)
        # What the start-up sweep moved to quarantine after an interrupted import (or None);
        # set by dossier.core.opening.open_dossier.
        self.swept: SweepResult | None = None
        self.read_only = read_only
        if read_only is not None:
            db.refuse_writes(read_only.refusal)

    def require_writable(self) -> None:
        """Raise :class:`ReadOnlyDossier` with the reason when the dossier cannot be changed
        (for work that writes files before it changes the database, such as an import)."""
        if self.read_only is not None:
            raise ReadOnlyDossier(self.read_only.refusal)

    def require_writable_drive(self) -> None:
        """Like :meth:`require_writable`, but only for a dossier on a drive that cannot be
        written to (the check's repair may go on with one that holds foreign things)."""
        if self.read_only is not None and self.read_only.cause == "medium":
            raise ReadOnlyDossier(self.read_only.refusal)

    def writable_again(self) -> None:
        """The reason for reading only is gone (the check removed what did not belong)."""
        self.read_only = None
        self.db.refuse_writes(None)
        self.vault.ensure()

    @classmethod
    def make_new(
        cls,
        path: Path | str,
        *,
        fill: Callable[[Dossier], None],
        protection: tuple[MasterKey, KeyFile] | None = None,
    ) -> Dossier:
        """Make a new dossier in ``path`` (a missing or empty folder); ``fill`` writes its
        first records. ``protection``: the master key and the key file of a dossier
        protected with a passphrase. When any step fails (a full disk, above all), what was
        written is removed again and the error says so. Use
        :func:`dossier.core.opening.create_dossier`, which also checks and writes the person
        the dossier is about."""
        folder = Path(path).absolute()
        require_new_folder(folder)
        existed = folder.exists()
        db: Database | None = None
        key = protection[0] if protection is not None else None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if protection is not None:
                from .crypto.keyfile import write_key_file

                write_key_file(folder, protection[1])
            db = _connect(folder, folder / DB_NAME, key=key)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            MIGRATIONS.apply(db.migrations())
            # In WAL mode the file header (with the application id that marks a dossier)
            # reaches the main file only at a checkpoint: write it now, so other
            # connections accept it.
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            dossier = cls(folder, db, key=key)
            dossier.vault.ensure()
            fill(dossier)
        except (OSError, sqlite3.Error, DossierOpenError) as exc:  # a full disk, above all
            if db is not None:
                db.close()
            remove_new_folder(folder, existed=existed)
            raise problem_creating(folder, exc) from exc
        if key is not None:
            keyring.remember(folder, key)
        return dossier

    @classmethod
    def connect(cls, path: Path | str) -> Dossier:
        """Open an existing dossier's database, bringing its schema up to date.

        On a drive that cannot be written to, or with things in its database that this
        program did not put there, it is opened for reading only (``read_only`` says why).
        Use :func:`dossier.core.opening.open_dossier`, which also runs the start-up sweep.
        """
        folder = Path(path).absolute()
        db_path = folder / DB_NAME
        finish_conversion(folder)  # a protection given or taken away, interrupted
        key = unlocked_key(folder)
        found = _check_before_opening(folder, db_path, key)
        read_only = found.read_only
        pending = not set(known_migrations()) <= found.applied
        if read_only is not None and pending:
            raise _cannot_update(folder, read_only)
        if read_only is not None and read_only.cause == "medium":
            db = _connect_read_only(folder, db_path, found.side_files, key)
        else:
            db = _connect(folder, db_path, found.side_files, key=key)
        if read_only is None and pending:
            try:
                MIGRATIONS.apply(db.migrations())
            except sqlite3.Error as exc:
                db.close()
                raise problem_opening(folder, exc) from exc
        dossier = cls(folder, db, read_only, key=key)
        if read_only is None:
            dossier.vault.ensure()
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


def require_new_folder(folder: Path) -> None:
    """Refuse to make a dossier in ``folder`` unless it is missing or an empty folder."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise DossierOpenError(
            tr(
                "The folder {path} is not empty. Choose a new or empty folder for the dossier.",
                path=folder,
            )
        )


def remove_new_folder(folder: Path, *, existed: bool) -> None:
    """Take away what making a dossier in ``folder`` wrote: the folder itself when it was
    made for it, else everything in it (it was empty before). Links are removed, never
    followed."""
    import shutil

    if not existed:
        shutil.rmtree(folder, ignore_errors=True)
        return
    with contextlib.suppress(OSError):
        for child in folder.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)


def is_dossier(path: Path | str) -> bool:
    """True when ``path`` looks like a dossier folder (it holds a dossier database)."""
    return (Path(path) / DB_NAME).is_file()


def unlocked_key(folder: Path) -> MasterKey | None:
    """The master key of the dossier in ``folder`` when it is protected (None when it is
    not); :class:`PassphraseNeeded` when it is protected and not unlocked yet
    (:func:`dossier.core.crypto.unlock.unlock`)."""
    if not is_protected(folder):
        return None
    key = keyring.key_for(folder)
    if key is None:
        raise PassphraseNeeded(folder)
    return key


def connect_for_copy(folder: Path) -> sqlite3.Connection:
    """A connection of its own to read the whole dossier in ``folder`` beside others (a
    backup). Read-write, so that as the last one to close it tidies ``-wal`` and ``-shm``
    away again; on a drive that cannot be written to, one that only reads."""
    db_path = folder / DB_NAME
    finish_conversion(folder)
    key = unlocked_key(folder)
    if not cannot_write(folder, db_path):
        return keyed(sqlite3.connect(str(db_path)), key)
    return _reader(folder, db_path, SideFiles.of(db_path, cannot_write=True), key)


def keyed(conn: sqlite3.Connection, key: MasterKey | None) -> sqlite3.Connection:
    """``conn`` given the database key of a protected dossier (its first statement, as
    SQLCipher requires); ``conn`` as it is for an unprotected one (``key`` None)."""
    if key is not None:
        try:
            conn.execute(f"PRAGMA key = {key.sqlcipher_key()}")
            # Every page read from the file is checked and decrypted (6-8 µs each): a page
            # cache of 64 MB instead of SQLite's 2 MB keeps a search's pages decrypted
            # between queries (tests/benchmarks/test_protection_bench.py).
            conn.execute(f"PRAGMA cache_size = -{PROTECTED_CACHE_KIB}")
        except BaseException:
            conn.close()
            raise
    return conn


def _connect(
    folder: Path, db_path: Path, before: SideFiles | None = None, *, key: MasterKey | None = None
) -> Database:
    """The dossier's connection, for reading and writing.

    ``before``: which of ``-wal`` and ``-shm`` were there before; when the connection
    fails (a full disk), those it made are removed again (see :mod:`.sqlite_files`).
    """
    with _plain_errors(folder, db_path, before):
        conn = keyed(sqlite3.connect(str(db_path)), key)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it
        except BaseException:
            conn.close()
            raise
    return Database(conn)


def _connect_read_only(
    folder: Path, db_path: Path, side_files: SideFiles, key: MasterKey | None
) -> Database:
    """A connection that only reads, for a dossier on a drive that cannot be written to."""
    with _plain_errors(folder, db_path, side_files):
        conn = _reader(folder, db_path, side_files, key)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            conn.close()
            raise
    return Database(conn)


def _reader(
    folder: Path, db_path: Path, side_files: SideFiles, key: MasterKey | None
) -> sqlite3.Connection:
    """A connection that only reads and writes nothing beside the database.

    Without a journal, ``immutable`` keeps SQLite from making ``-wal`` and ``-shm`` files.
    With one, SQLite must read it through its index, which it makes when it can: on a drive
    that cannot be written to, only when the ``-shm`` is there too, so an empty journal is
    passed over there (nobody can be writing to it).
    """
    cannot = side_files.cannot_write
    if not side_files.wal or (cannot and side_files.wal_empty):
        flags = "mode=ro&immutable=1"
    elif side_files.shm or not cannot:
        flags = "mode=ro"
    else:
        raise DossierOpenError(
            tr(
                "The latest changes to the dossier in {path} are in its journal file "
                "({name}-wal), which cannot be read on a drive that cannot be written to. "
                "Nothing was changed. Copy the whole dossier folder to a place you can write "
                "to and open the copy.",
                path=folder,
                name=DB_NAME,
            )
        )
    return keyed(sqlite3.connect(f"{db_path.as_uri()}?{flags}", uri=True), key)


@contextmanager
def _plain_errors(folder: Path, db_path: Path, before: SideFiles | None) -> Iterator[None]:
    """An SQLite error in the block becomes a plain one (a full disk is never called
    damage), and the ``-wal``/``-shm`` files it made are removed again."""
    try:
        yield
    except sqlite3.Error as exc:
        if before is not None:
            remove_left_by_failed_open(db_path, before)
        raise problem_opening(folder, exc) from exc


def _cannot_update(folder: Path, read_only: ReadOnly) -> DossierOpenError:
    """An older dossier that cannot be brought up to date now, because it is read-only.

    With things in it this program did not put there, it is not opened at all: without
    the newer migrations the program could not even read it, and migrating it would write
    to it while those things are in it.
    """
    if read_only.cause == "foreign":
        return DossierOpenError(
            tr(
                "The dossier in {path} was saved by an older version of the program, and its "
                "database holds things this program did not put there. Nothing was changed. "
                "Restore a backup made before they were added.",
                path=folder,
            )
        )
    return DossierOpenError(
        tr(
            "The dossier in {path} was saved by an older version of the program and must be "
            "brought up to date, which cannot be done on a drive that cannot be written to. "
            "Nothing was changed. Copy the whole dossier folder to a place you can write to "
            "and open the copy.",
            path=folder,
        )
    )


def _not_a_dossier(db_path: Path) -> DossierOpenError:
    return DossierOpenError(
        tr("The file {path} is a database, but not a dossier of this program.", path=db_path)
    )


def _application_id(conn: sqlite3.Connection) -> int:
    """The application id of an unlocked database (an encrypted header is read only so)."""
    return int(conn.execute("PRAGMA application_id").fetchone()[0])


class DossierJournalLostError(DossierDamagedError):
    """The last session did not close and its journal (``dossier.sqlite-wal``) is gone.

    SQLite keeps the latest changes in that journal until it folds them into the database
    file; without it the dossier opens as it was some time before, silently. The left-over
    ``-shm`` index file shows this happened.
    :func:`dossier.core.opening.set_aside_lost_journal` lets the person open the dossier as
    it is once they have chosen not to restore a backup.
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


class _Found:
    """What was found, reading only, before opening. (A plain class: a NamedTuple or a
    dataclass is made with ``exec`` at import, which costs start-up time.)"""

    __slots__ = ("applied", "read_only", "side_files")

    def __init__(self, applied: set[str], side_files: SideFiles, read_only: ReadOnly | None):
        self.applied = applied  # the names of the migrations applied to it
        self.side_files = side_files  # which of -wal and -shm were there
        self.read_only = read_only  # why it must be opened for reading only


def _check_before_opening(folder: Path, db_path: Path, key: MasterKey | None) -> _Found:
    """Refuse what is not a dossier of ours, reading only, so nothing on disk changes.

    Says which migrations it has, and whether it must be opened for reading only. The
    database of a protected dossier (``key``) is encrypted throughout, its header too: its
    application id is read once it is unlocked.
    """
    if not folder.is_dir():
        raise DossierOpenError(tr("There is no dossier at {path}.", path=folder))
    if not db_path.is_file():
        raise DossierOpenError(
            tr("The folder {path} is not a dossier (it has no {name}).", path=folder, name=DB_NAME)
        )
    watched = (db_path, side_file(db_path, "-wal"), side_file(db_path, "-shm"), folder / KEY_FILE)
    linked = [p.name for p in watched]
    linked = [name for name in linked if (folder / name).is_symlink()]
    if linked:  # SQLite would write through it, into whatever it leads to
        raise DossierOpenError(
            tr(
                "The dossier in {path} cannot be opened: its file {name} is a link to another "
                "place, and the program never writes through a link it did not make. Nothing "
                "was changed. Put the file itself in the dossier folder instead of the link.",
                path=folder,
                name=linked[0],
            )
        )
    with db_path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or (key is None and not header.startswith(_SQLITE_HEADER)):
        raise DossierDamagedError(folder)
    if key is None and int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise _not_a_dossier(db_path)
    if journal_lost(db_path):
        raise DossierJournalLostError(folder)
    side_files = SideFiles.of(db_path, cannot_write=cannot_write(folder, db_path))
    read_only = on_read_only_drive() if side_files.cannot_write else None
    with _plain_errors(folder, db_path, side_files):
        conn = _reader(folder, db_path, side_files, key)
        try:
            if key is not None and _application_id(conn) != APPLICATION_ID:
                raise _not_a_dossier(db_path)
            applied = {
                str(row[0])
                for row in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                    [MIGRATIONS.name],
                )
            }
            if applied - set(known_migrations()):
                raise DossierOpenError(
                    tr(
                        "This dossier was saved by a newer version of Second Opinion Dossier. "
                        "Update the program to open it; nothing was changed."
                    )
                )
            foreign = check_schema(conn, frozenset(applied))
        finally:
            conn.close()
    if foreign and read_only is None:
        read_only = with_foreign_objects(foreign)
    return _Found(applied, side_files, read_only)


__all__ = [
    "DB_NAME",
    "VAULT_NAME",
    "Dossier",
    "DossierDamagedError",
    "DossierDiskFullError",
    "DossierJournalLostError",
    "connect_for_copy",
    "is_dossier",
    "now_iso",
    "require_new_folder",
]
