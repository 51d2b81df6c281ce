"""Checking a backup thoroughly: its database (hash and SQLite's integrity check), the
program version it needs, and the SHA-256 of every file it lists."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..i18n import tr
from ..schema import known_migrations
from ..sql_driver import sqlite3
from .files import Unreadable, sha256_inside
from .manifest import DB_COPY_NAME, BackupInfo, FileEntry
from .reading import newer_version, read_backup, read_files
from .store import Store


def check_database(info: BackupInfo) -> str | None:
    """Why the database copy of ``info`` cannot be restored, or None when it can."""
    copy = info.path / DB_COPY_NAME
    try:
        if sha256_inside(info.path, DB_COPY_NAME, info.database_size) != info.database_sha256:
            return tr("The copy of the database in this backup is damaged.")
        conn = sqlite3.connect(f"{copy.as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")  # it may come from anywhere
            if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
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


def verify_backup(folder: Path) -> BackupInfo:
    """The backup in ``folder``, its ``problem`` set when any part of it is not right."""
    info = read_backup(folder)
    if not info.good:
        return info
    problem = check_database(info)
    if problem:
        return replace(info, problem=problem)
    store = Store(info.path.parent)
    bad = sum(not file_ok(store, entry) for entry in read_files(info.path) or [])
    if bad:
        return replace(
            info,
            problem=tr("Some of its files are missing or damaged ({n}).", n=bad),
        )
    return info
