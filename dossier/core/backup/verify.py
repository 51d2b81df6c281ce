"""Checking a backup thoroughly: its database (hash and SQLite's integrity check), the
program version it needs, and the SHA-256 of every file it lists.

A protected dossier's backup is checked with its key (the database copy is encrypted):
given, or that of a dossier unlocked in this program. Without it, what can be checked
without reading inside is: the database copy's and the key file's SHA-256, and every
file's (the SHA-256 of its encrypted bytes); SQLite's check waits for the key (a restore
always makes it). A restore does without the backup's key file when the dossier it
replaces has the same key (:mod:`.restore`), so only :func:`verify_backup` checks it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import tr
from ..schema import known_migrations
from ..sql_driver import sqlite3
from ..storage import keyed
from .files import Unreadable, sha256_inside
from .manifest import DB_COPY_NAME, KEY_COPY_NAME, BackupInfo, FileEntry
from .protected import backup_key
from .reading import newer_version, read_backup, read_files
from .store import Store

if TYPE_CHECKING:
    from ..crypto.keys import MasterKey


def check_database(info: BackupInfo, key: MasterKey | None = None) -> str | None:
    """Why the database copy of ``info`` cannot be restored, or None when it can.
    ``key``: the master key of a protected dossier's backup (without it, only its hash is
    checked)."""
    copy = info.path / DB_COPY_NAME
    try:
        if sha256_inside(info.path, DB_COPY_NAME, info.database_size) != info.database_sha256:
            return tr("The copy of the database in this backup is damaged.")
        if not info.protected or key is not None:
            conn = keyed(sqlite3.connect(f"{copy.as_uri()}?mode=ro&immutable=1", uri=True), key)
            try:
                conn.execute("PRAGMA trusted_schema = OFF")  # it may come from anywhere
                if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                    return tr("The copy of the database in this backup is damaged.")
                if key is not None and conn.execute("PRAGMA cipher_integrity_check").fetchall():
                    return tr("The copy of the database in this backup is damaged.")
            finally:
                conn.close()
    except (OSError, Unreadable, sqlite3.DatabaseError):
        return tr("The copy of the database in this backup cannot be read.")
    if set(info.migrations) - set(known_migrations()):
        return newer_version()
    return None


def file_ok(store: Store, entry: FileEntry) -> bool:
    """True when the store holds ``entry``'s content, unchanged (never read through a link)."""
    try:
        return sha256_inside(store.root, store.file_name(entry.sha256), entry.size) == (
            entry.sha256
        )
    except (Unreadable, ValueError):
        return False


def _key_file_ok(info: BackupInfo) -> bool:
    try:
        found = sha256_inside(info.path, KEY_COPY_NAME, info.key_file_size)
    except Unreadable:
        return False
    return found == info.key_file_sha256


def verify_backup(folder: Path, key: MasterKey | None = None) -> BackupInfo:
    """The backup in ``folder``, its ``problem`` set when any part of it is not right.
    ``key``: for a protected dossier's backup (see the module)."""
    info = read_backup(folder, key)
    if not info.good:
        return info
    problem = check_database(info, backup_key(info, key))
    if problem:
        return replace(info, problem=problem)
    if info.protected and not _key_file_ok(info):
        return replace(
            info, problem=tr("The key file in this backup ({name}) is damaged.", name=KEY_COPY_NAME)
        )
    store = Store(info.path.parent)
    bad = sum(not file_ok(store, entry) for entry in read_files(info.path) or [])
    if bad:
        return replace(
            info,
            problem=tr("Some of its files are missing or damaged ({n}).", n=bad),
        )
    return info
