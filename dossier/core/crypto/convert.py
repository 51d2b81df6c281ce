"""Protecting an existing dossier with a passphrase, or taking the protection away, so that a
crash at any moment leaves the old dossier or the new one, never neither.

The new dossier is built beside the old one, in ``.converting/`` inside the dossier folder:
its database exported by SQLCipher (``sqlcipher_export``) encrypted under the new key (or
in plain), every file the records use copied into its vault encrypted (or decrypted) under
its new name, and, when protecting, the key file; all of it made durable. Up to here a
crash, a full disk or Stop leaves the old dossier as it was: ``.converting/`` is removed
the next time.

Then one rename, ``.converting/`` to ``.converted/``, is the moment the dossier changes.
From then on the change is carried through (:func:`finish_conversion`): the old database,
its journal files, vault and key file are moved aside, the new ones moved in (the key file
last when it goes), then the old ones removed. Every step can be done again, so opening
the dossier after a crash finishes what was begun (``Dossier.connect`` calls it first).

Files in the vault that no record uses (left by an interrupted import) are not carried
over: they are moved to the dossier's quarantine first, as the check's repair does.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import DossierError
from ..i18n import tr
from ..sql_driver import sqlite3
from ..storage import DB_NAME, VAULT_NAME, Dossier
from ..vault import Vault
from . import keyring
from .keys import MasterKey
from .protected import is_protected
from .switch import MANIFEST, PROTECT, READY, STAGING, UNPROTECT, finish_conversion, fsync, remove
from .unlock import Protection

SPACE_MARGIN = 16 << 20

Progress = Callable[[int, int], None]  # files done, files in all


class ConversionCancelled(DossierError):
    """Stopped before the dossier changed: it is as it was."""


def protect_dossier(
    folder: Path | str,
    protection: Protection,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> None:
    """Protect the (unprotected, closed) dossier in ``folder`` with ``protection``'s key."""
    folder = Path(folder).absolute()
    if is_protected(folder):
        raise DossierError(tr("This dossier is protected with a passphrase already."))
    _convert(folder, PROTECT, protection.key, protection, progress, cancelled)
    keyring.remember(folder, protection.key)


def unprotect_dossier(
    folder: Path | str,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> None:
    """Take the protection away from the (unlocked, closed) dossier in ``folder``: its
    database and files are stored in plain again, and it opens without a passphrase."""
    folder = Path(folder).absolute()
    if not is_protected(folder):
        raise DossierError(tr("This dossier is not protected with a passphrase."))
    _convert(folder, UNPROTECT, None, None, progress, cancelled)
    keyring.forget(folder)


def _convert(
    folder: Path,
    direction: str,
    new_key: MasterKey | None,
    protection: Protection | None,
    progress: Progress | None,
    cancelled: Callable[[], bool],
) -> None:
    finish_conversion(folder)  # what an earlier one left, first
    with Dossier.connect(folder) as dossier:
        dossier.require_writable()
        _quarantine_leftovers(dossier)
        hashes = sorted(_used_hashes(dossier))
        _check_space(folder)
        staging = folder / STAGING
        try:
            staging.mkdir()
            _export_database(dossier, staging / DB_NAME, new_key)
            target = Vault(staging / VAULT_NAME, new_key)
            target.ensure()
            for done, sha in enumerate(hashes, start=1):
                if cancelled():
                    raise ConversionCancelled(
                        tr("Stopped: nothing was changed, the dossier is as it was.")
                    )
                _copy_file(dossier.vault, target, sha)
                if progress is not None:
                    progress(done, len(hashes))
            target.sync_files({sha for sha in hashes if target.has(sha)})
            remove(staging / VAULT_NAME / "tmp")
            if protection is not None:
                from .keyfile import write_key_file

                write_key_file(staging, protection.key_file)
            (staging / MANIFEST).write_text(json.dumps({"direction": direction}))
            _fsync_tree(staging)
        except BaseException:
            remove(staging)
            raise
    os.rename(staging, folder / READY)  # the moment the dossier changes
    fsync(folder)
    finish_conversion(folder)


def _used_hashes(dossier: Dossier) -> set[str]:
    from ..imaging.files import used_hashes

    return used_hashes(dossier)


def _quarantine_leftovers(dossier: Dossier) -> None:
    from ..integrity.leftovers import find_leftovers
    from ..integrity.quarantine import Quarantine

    leftovers = find_leftovers(dossier)
    if not leftovers:
        return
    quarantine = Quarantine(dossier.path)
    for leftover in leftovers:
        quarantine.move(leftover.path, leftover.reason)
    quarantine.write_note()


def _check_space(folder: Path) -> None:
    needed = sum(p.stat().st_size for p in _files(folder / VAULT_NAME))
    needed += (folder / DB_NAME).stat().st_size + SPACE_MARGIN
    if shutil.disk_usage(folder).free < needed:
        raise DossierError(
            tr(
                "There is not enough free space on the drive of the dossier: protecting or "
                "unprotecting it needs room for a second copy ({size} MB) while it is made. "
                "Nothing was changed.",
                size=needed >> 20,
            )
        )


def _export_database(dossier: Dossier, target: Path, key: MasterKey | None) -> None:
    """The whole database written to ``target`` by SQLCipher, encrypted under ``key`` (in
    plain for None), with the two header fields ``sqlcipher_export`` does not copy."""
    conn = dossier.db.conn
    literal = key.sqlcipher_key() if key is not None else "''"
    conn.execute(f"ATTACH DATABASE ? AS converted KEY {literal}", [str(target)])
    try:
        conn.execute("SELECT sqlcipher_export('converted')")
        for pragma in ("application_id", "user_version"):
            value = int(conn.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            conn.execute(f"PRAGMA converted.{pragma} = {value}")
    finally:
        conn.execute("DETACH DATABASE converted")
    check = sqlite3.connect(str(target))
    try:
        if key is not None:
            check.execute(f"PRAGMA key = {literal}")
        if check.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DossierError(tr("The converted copy of the database did not check out."))
    finally:
        check.close()


def _copy_file(source: Vault, target: Vault, sha: str) -> None:
    """A document's file and its thumbnail, decrypted from ``source`` and stored (encrypted
    when ``target`` has a key) in ``target``; a missing one stays missing for the check to
    report, and a damaged one is carried as it is."""
    from ..vault_read import StoredFileRefused, open_vault_file

    for path, new in (
        (source.path_for(sha), target.path_for(sha)),
        (source.thumbnail_path(sha), target.thumbnail_path(sha)),
    ):
        try:
            handle = open_vault_file(source, path)
        except StoredFileRefused:
            continue
        with handle:
            target.add_chunks(_chunks(handle), new, durable=False)


def _chunks(handle: object) -> Iterator[bytes]:
    read = handle.read  # type: ignore[attr-defined]
    while chunk := read(1 << 20):
        yield chunk


def _files(folder: Path) -> Iterator[Path]:
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root, name)
            if not path.is_symlink():
                yield path


def _fsync_tree(folder: Path) -> None:
    for root, _dirs, names in os.walk(folder):
        for name in names:
            fd = os.open(Path(root, name), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync(Path(root))


__all__ = [
    "ConversionCancelled",
    "protect_dossier",
    "unprotect_dossier",
]
