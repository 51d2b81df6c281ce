"""Automatic backups of a dossier, and restoring them (no Qt here).

* :func:`make_backup` copies the database with SQLite's backup API and only the vault
  files the backup folder lacks, checks the copy, renames it into place, then rotates
  (7 daily, 4 weekly: :mod:`.rotation`).
* :func:`auto_backup` does that at most once a day (the app calls it when a dossier is
  opened or closed).
* :func:`list_backups`, :func:`newest_good_backup`, :func:`known_backups` find them;
  :func:`restore_backup` puts one back, keeping the current dossier aside; a backup is
  untrusted input (:mod:`.reading`).
* :func:`delete_backup` deletes one when a person asks (:func:`plan_delete`: what it
  would remove).
* Where they go, and how a dossier's backups are found again: :mod:`.identity`.
* A dossier protected with a passphrase is backed up encrypted with its own key, its key
  file carried, its manifest naming no one (:mod:`.protected`); :func:`unlock_backup`
  opens such a backup with the passphrase of the day it was made.
"""

from .delete import DeletePlan, DeleteResult, NewestBackup, delete_backup, plan_delete
from .errors import BackupCancelled, BackupError
from .identity import (
    IDENTITY_NAME,
    Identity,
    check_backup_folder,
    default_root,
    ensure_identity,
    read_identity,
    same_drive,
    set_backup_folder,
)
from .listing import auto_backup, backup_due, known_backups, list_backups, newest_good_backup
from .make import BackupResult, make_backup
from .manifest import BackupInfo, size_text
from .protected import BackupLocked
from .restore import RestoreResult, describe_backup, restore_backup, unlock_backup
from .verify import verify_backup

__all__ = [
    "IDENTITY_NAME",
    "BackupCancelled",
    "BackupError",
    "BackupInfo",
    "BackupLocked",
    "BackupResult",
    "DeletePlan",
    "DeleteResult",
    "Identity",
    "NewestBackup",
    "RestoreResult",
    "auto_backup",
    "backup_due",
    "check_backup_folder",
    "default_root",
    "delete_backup",
    "describe_backup",
    "ensure_identity",
    "known_backups",
    "list_backups",
    "make_backup",
    "newest_good_backup",
    "plan_delete",
    "read_identity",
    "restore_backup",
    "same_drive",
    "set_backup_folder",
    "size_text",
    "unlock_backup",
    "verify_backup",
]
