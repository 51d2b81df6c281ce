"""Making one backup: the database through SQLite's backup API, then the new vault files.

The backup is built in a temporary folder inside the store and checked there (SQLite's
``integrity_check`` on the copied database, the SHA-256 of every file copied, read back
from the backup drive). Only then is it renamed into place, and only after that may
rotation remove older backups. If anything fails (a full disk, a drive pulled out, a
damaged dossier), the temporary folder and the files this backup added to the store are
removed, earlier backups are untouched and the dossier is only ever read.

The database is copied first and the vault listed after, so every file the copied
database refers to is already in the vault (a file is stored before its record).

A dossier protected with a passphrase is backed up encrypted with its own key
(:mod:`.protected`): the database copy keyed as the dossier is, the vault's files as they
are on disk, its key file, and a manifest that names no one. It must be unlocked
(:class:`~dossier.core.crypto.protected.PassphraseNeeded` otherwise, before anything is
written).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING

from ... import __version__
from .. import clock
from ..crypto.switch import finish_conversion
from ..hashing import sha256_chunks, sha256_file
from ..i18n import tr
from ..locale_format import number
from ..safe_files import fsync_folder
from ..schema import APPLICATION_ID
from ..sql_driver import error_code, sqlite3
from ..storage import DB_NAME, VAULT_NAME, connect_for_copy, is_dossier, keyed, unlocked_key
from ..vault import CHUNK, Vault
from ..vault_read import StoredFileRefused, open_raw
from .errors import BackupCancelled, BackupError, disk_full, os_problem, sqlite_full, unreachable
from .files import remove_tree, write_chunks, write_json
from .identity import ensure_identity
from .manifest import (
    DB_COPY_NAME,
    FILES_NAME,
    MANIFEST_NAME,
    BackupInfo,
    FileEntry,
    files_json,
    manifest_json,
)
from .reading import MAX_FILES, is_vault_name, read_backup, read_files
from .rotation import rotate
from .store import Store

if TYPE_CHECKING:
    from ..crypto.keys import MasterKey

Progress = Callable[[int, int], None]  # bytes done, bytes in all
Cancel = Callable[[], bool]
_SPACE_MARGIN = 1 << 20


@dataclass(frozen=True)
class BackupResult:
    backup: BackupInfo
    new_files: int  # files copied to the backup folder this time
    new_bytes: int
    removed: list[Path] = field(default_factory=list)  # older backups removed by rotation

    def as_dict(self) -> dict[str, object]:
        return {
            **self.backup.as_dict(),
            "new_files": self.new_files,
            "new_bytes": self.new_bytes,
            "removed": [str(p) for p in self.removed],
        }


def make_backup(
    folder: Path | str,
    *,
    automatic: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> BackupResult:
    """Back up the dossier in ``folder`` now, into its backup folder, then rotate.

    Only reads the dossier (with its own connection, so it may run on any thread while
    the dossier is open elsewhere). Raises :class:`BackupError` in plain words, and
    :class:`~dossier.core.crypto.protected.PassphraseNeeded` for a protected dossier that
    is not unlocked (nothing written then).
    """
    folder = Path(folder).absolute()
    if not is_dossier(folder):
        raise BackupError(tr("There is no dossier at {path}.", path=folder))
    finish_conversion(folder)  # a protection given or taken away, interrupted
    key = unlocked_key(folder)
    identity = ensure_identity(folder)
    chosen = identity.backup_folder
    if (
        chosen is not None and not chosen.is_dir()
    ):  # never made anew: it may be an empty mount point
        raise BackupError(unreachable(chosen))
    store = Store(identity.store)
    try:
        with store.lock():
            store.clean_incomplete()
            job = _Job(folder, store, automatic, today or clock.today(), progress, cancel, key)
            info, new_files, new_bytes = job.run(identity.backup_folder)
            try:
                removed = rotate(store)
            except OSError:  # the new backup is safe; old ones are tidied next time
                removed = []
            store.write_about(None if info.protected else info.person)
    except OSError as exc:
        raise os_problem(exc, store.root.parent) from None
    ensure_identity(folder, person="" if info.protected else info.person)
    return BackupResult(info, new_files, new_bytes, removed)


class _Job:
    def __init__(
        self,
        folder: Path,
        store: Store,
        automatic: bool,
        day: date,
        progress: Progress | None,
        cancel: Cancel | None,
        key: MasterKey | None = None,
    ) -> None:
        self.folder = folder
        self.key = key  # a protected dossier's master key
        self.store = store
        self.automatic = automatic
        self.when = datetime.combine(day, datetime.now().time().replace(microsecond=0))
        self.progress = progress
        self.cancel = cancel
        self.added: list[Path] = []  # files this backup put into the store
        self.done = 0
        self.total = 0

    def run(self, backup_folder: Path | None) -> tuple[BackupInfo, int, int]:
        temp = self.store.new_temp()
        try:
            db_copy = temp / DB_COPY_NAME
            self._copy_database(db_copy)
            person, cases, documents, migrations = _inspect(db_copy, self.folder, self.key)
            db_sha, db_size = sha256_file(db_copy), db_copy.stat().st_size
            entries, not_included, new_bytes = self._copy_vault(temp)
            info = BackupInfo(
                path=temp,
                made_at=self.when.isoformat(),
                program_version=__version__,
                dossier_id=self.store.root.name,
                dossier_path=str(self.folder),
                person=person,
                cases=cases,
                documents=documents,
                files=len(entries),
                bytes=db_size + sum(e.size for e in entries),
                automatic=self.automatic,
                database_sha256=db_sha,
                database_size=db_size,
                migrations=migrations,
                backup_folder=str(backup_folder) if backup_folder else None,
                not_included=tuple(not_included),
            )
            if self.key is not None:
                info = self._protected(info, temp, self.key)
            write_json(temp / FILES_NAME, files_json(entries, keyed=info.protected))
            write_json(temp / MANIFEST_NAME, manifest_json(info))
            self._check_cancel()
            final = self._final_name()
            os.rename(temp, final)
            fsync_folder(self.store.root)
        except BaseException:
            remove_tree(temp)
            for path in self.added:
                path.unlink(missing_ok=True)
            raise
        return read_backup(final, self.key), len(self.added), new_bytes

    def _protected(self, info: BackupInfo, temp: Path, key: MasterKey) -> BackupInfo:
        """``info`` as a protected dossier's backup: its key file carried, its person and
        folders sealed (see :mod:`.protected`)."""
        from dataclasses import replace

        from .protected import carry_key_file, seal

        key_sha, key_size = carry_key_file(self.folder, key, temp)
        sealed = seal(key, info.dossier_id, info.person, info.dossier_path, info.backup_folder)
        return replace(
            info,
            protected=True,
            key_id=key.key_id(),
            key_file_sha256=key_sha,
            key_file_size=key_size,
            sealed=sealed,
        )

    # The database -------------------------------------------------------------------
    def _copy_database(self, target: Path) -> None:
        source_path = self.folder / DB_NAME
        self.total = source_path.stat().st_size
        self._report(0)
        try:
            # Read-write but query-only: as the last connection to close it tidies the -wal
            # and -shm files away again, where a read-only one would leave them behind
            # (only reading, of course, on a drive that cannot be written to).
            source = connect_for_copy(self.folder)
        except sqlite3.Error as exc:
            raise _unreadable(self.folder, exc) from None
        try:
            source.execute("PRAGMA query_only = ON")
            source.execute("PRAGMA busy_timeout = 5000")
            # Encrypted under the dossier's own key when it is protected: SQLite's backup
            # API copies between two SQLCipher databases keyed alike.
            copy = keyed(sqlite3.connect(target), self.key)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # a plain file, no -wal beside it
            finally:
                copy.close()
        except sqlite3.Error as exc:
            if sqlite_full(exc):
                raise BackupError(disk_full(self.store.root.parent)) from None
            raise _unreadable(self.folder, exc) from None
        finally:
            source.close()
        with target.open("rb+") as handle:
            os.fsync(handle.fileno())
        self._report(self.total)

    # The vault -------------------------------------------------------------------------
    def _copy_vault(self, temp: Path) -> tuple[list[FileEntry], list[dict[str, str]], int]:
        known = self._previous_files()
        entries: list[FileEntry] = []
        missing: list[dict[str, str]] = []
        to_copy: list[tuple[Path, FileEntry]] = []
        for source, rel in _vault_files(self.folder / VAULT_NAME):
            self._check_cancel()
            try:
                stat = source.lstat()
            except OSError:
                continue  # removed meanwhile (the trash emptied): not in the copied database
            if not S_ISREG(stat.st_mode):  # a link or a pipe in the vault: never followed
                missing.append({"path": rel, "reason": "unreadable"})
                continue
            # A protected dossier's files are under keyed names, no hash of what is stored.
            named = self.key is None and _is_sha(source.name)
            sha = source.name if named else ""
            seen = known.get(rel)
            if (
                not named
                and seen
                and (seen.size, seen.mtime_ns) == (stat.st_size, stat.st_mtime_ns)
            ):
                sha = seen.sha256
            if not sha:
                try:
                    sha = _hash_of(source)
                except _SourceUnreadable as exc:
                    missing.append({"path": rel, "reason": exc.reason})
                    continue
            entry = FileEntry(rel, sha, stat.st_size, stat.st_mtime_ns)
            if self.store.has_file(sha, stat.st_size):
                entries.append(entry)
            else:
                to_copy.append((source, entry))
        if len(entries) + len(to_copy) > MAX_FILES:  # a restore would refuse it
            raise BackupError(
                tr(
                    "The dossier holds more files than a backup can hold ({n}), so no "
                    "backup was made. Make an archive of it instead.",
                    n=number(MAX_FILES),
                )
            )
        needed = sum(e.size for _s, e in to_copy)
        self.total = self.done + needed
        self._check_space(needed)
        for source, entry in to_copy:
            self._check_cancel()
            outcome = self._copy_one(source, entry, temp)
            if outcome is None:
                entries.append(entry)
            else:
                missing.append({"path": entry.path, "reason": outcome})
        return sorted(entries, key=lambda e: e.path), missing, needed

    def _copy_one(self, source: Path, entry: FileEntry, temp: Path) -> str | None:
        """Copy one file into the store, checked; None, or why it was left out."""
        incoming = temp / f"incoming-{len(self.added)}"
        try:
            copied = write_chunks(incoming, _read_source(source), self._report_more)
        except _SourceUnreadable as exc:  # the dossier's side: that file is left out
            incoming.unlink(missing_ok=True)
            return exc.reason
        if copied != entry.sha256:
            incoming.unlink()
            return "damaged"  # the dossier's copy no longer matches its hash
        if sha256_file(incoming) != entry.sha256:  # read back from the backup drive
            incoming.unlink()
            raise BackupError(
                tr(
                    "A file could not be copied correctly to {where}. The backup drive may be "
                    "failing; choose another backup folder.",
                    where=self.store.root.parent,
                )
            )
        target = self.store.file_folder(entry.sha256) / entry.sha256
        if os.path.lexists(target):  # a damaged or partial older copy: aside, never overwritten
            os.replace(target, temp / f"replaced-{len(self.added)}")
        os.rename(incoming, target)
        self.added.append(target)
        fsync_folder(target.parent)
        return None

    def _previous_files(self) -> dict[str, FileEntry]:
        """The files of the newest good backup made with the same key (or none, alike),
        whose hashes may be taken for files of the same name, size and time."""
        key_id = self.key.key_id() if self.key is not None else ""
        for backup in self.store.backups():
            if backup.good and backup.key_id == key_id:
                return {f.path: f for f in read_files(backup.path) or []}
        return {}

    # Helpers ---------------------------------------------------------------------------
    def _final_name(self) -> Path:
        base = self.when.strftime("%Y-%m-%d_%H%M%S")
        final, n = self.store.root / base, 1
        while os.path.lexists(final):
            n += 1
            final = self.store.root / f"{base}-{n}"
        return final

    def _check_space(self, needed: int) -> None:
        try:
            free = shutil.disk_usage(self.store.root).free
        except OSError:
            return
        if free < needed + _SPACE_MARGIN:
            raise BackupError(disk_full(self.store.root.parent))

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel():
            raise BackupCancelled(
                tr("The backup was stopped. Nothing was changed; earlier backups are kept.")
            )

    def _report_more(self, count: int) -> None:
        self._report(self.done + count)

    def _report(self, done: int) -> None:
        self.done = done
        if self.progress is not None:
            self.progress(done, max(self.total, done))


class _SourceUnreadable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _read_source(source: Path) -> Iterator[bytes]:
    """The chunks of a file of the dossier's vault, never read through a link (see
    :mod:`..vault_read`); its read errors told apart from the backup drive's."""
    try:
        with open_raw(Vault(source.parent.parent), source) as handle:
            while chunk := handle.read(CHUNK):
                yield chunk
    except StoredFileRefused as exc:  # "missing": removed meanwhile (the trash emptied)
        raise _SourceUnreadable("missing" if exc.problem == "missing" else "unreadable") from None
    except OSError:
        raise _SourceUnreadable("unreadable") from None


def _hash_of(source: Path) -> str:
    """The SHA-256 of a vault file, read as :func:`_read_source` reads it."""
    return sha256_chunks(_read_source(source))


def _vault_files(vault: Path) -> list[tuple[Path, str]]:
    """Every stored file of the vault (content and thumbnails), with its path under vault/.

    Only the names the vault gives its files: anything else there belongs to no record
    (``dossier check`` reports it), and a restore would refuse a backup that lists it.
    """
    found: list[tuple[Path, str]] = []
    if vault.is_symlink() or not vault.is_dir():  # nothing is listed through a link
        return found
    for folder in sorted(vault.iterdir()):
        if len(folder.name) == 2 and folder.is_symlink():
            found.append((folder, folder.name))  # named as not included, never listed
        elif len(folder.name) == 2 and folder.is_dir():
            for entry in sorted(folder.iterdir()):
                rel = f"{folder.name}/{entry.name}"
                # Links, pipes, and folders under a file's name too: they are named as not
                # included, never followed.
                if is_vault_name(rel):
                    found.append((entry, rel))
    return found


def _is_sha(name: str) -> bool:
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)


def _inspect(
    copy: Path, folder: Path, key: MasterKey | None = None
) -> tuple[str, int, int, tuple[str, ...]]:
    """Check the copied database (with the dossier's key, when protected); the person's
    name, cases, documents and migrations."""
    try:
        conn = keyed(sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True), key)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            if key is not None:  # every page's HMAC, too
                ok = ok and not conn.execute("PRAGMA cipher_integrity_check").fetchall()
            if not ok:
                raise _damaged(folder)
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise BackupError(
                    tr("The folder {path} is not a dossier of this program.", path=folder)
                )
            row = conn.execute("SELECT name FROM person WHERE id = 1").fetchone()
            cases = conn.execute('SELECT count(*) FROM "case" WHERE deleted_at IS NULL')
            documents = conn.execute("SELECT count(*) FROM document WHERE deleted_at IS NULL")
            migrations = conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")
            return (
                str(row[0]) if row else "",
                int(cases.fetchone()[0]),
                int(documents.fetchone()[0]),
                tuple(str(r[0]) for r in migrations),
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise _damaged(folder) from None


def _damaged(folder: Path) -> BackupError:
    return BackupError(
        tr(
            "The dossier in {path} is damaged, so no backup was made. Your earlier backups "
            "are kept: restore one with Dossier > Restore from a backup….",
            path=folder,
        )
    )


def _unreadable(folder: Path, exc: sqlite3.Error) -> BackupError:
    code = error_code(exc)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return _damaged(folder)
    return BackupError(
        tr(
            "The dossier in {path} could not be read, so no backup was made ({reason}). "
            "Your earlier backups are kept.",
            path=folder,
            reason=exc,
        )
    )
