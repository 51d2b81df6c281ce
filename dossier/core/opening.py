"""Opening and making a dossier as the program does, in every part of it.

:mod:`.storage` opens the database and the vault and knows nothing of what a dossier
holds. One level up, this module adds what goes with opening and making one:

* :func:`open_dossier`: after an interrupted import, the files it left without a row go to
  quarantine first (the start-up sweep, :mod:`.integrity.sweep`; ``Dossier.swept`` says
  what it moved). A dossier open for reading only is never swept.
* :func:`create_dossier`: the person the dossier is about is checked before anything is
  written, and written with it; when anything fails, nothing is left behind.
* :func:`set_aside_lost_journal`: a dossier whose journal was lost is accepted as it is.

The window, the command line, the workers and the core's own operations (the example
dossier, an archive's import) all open and make dossiers through here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ReadOnlyDossier
from .i18n import tr
from .integrity.sweep import sweep_after_interruption
from .read_only import cannot_write, on_read_only_drive
from .sqlite_files import side_file
from .storage import DB_NAME, Dossier, require_new_folder

if TYPE_CHECKING:
    from .crypto.unlock import Protection


def open_dossier(path: Path | str) -> Dossier:
    """Open an existing dossier, bringing its schema up to date, then sweep what an
    interrupted import left (see :meth:`Dossier.connect` for what is refused, and when a
    dossier opens for reading only)."""
    dossier = Dossier.connect(path)
    if dossier.read_only is None:
        dossier.swept = sweep_after_interruption(dossier)
    return dossier


def create_dossier(
    path: Path | str,
    *,
    name: str,
    born: str | None = None,
    protection: Protection | None = None,
) -> Dossier:
    """Make a new dossier in ``path`` (a missing or empty folder) for the person ``name``;
    with ``protection`` (:func:`dossier.core.crypto.unlock.new_protection`), protected by
    its passphrase from the start."""
    from .person import insert_initial, validate_new  # only when one is made

    folder = Path(path).absolute()
    require_new_folder(folder)
    profile = validate_new(name=name, born=born)  # before anything is written to disk
    keys = (protection.key, protection.key_file) if protection is not None else None
    return Dossier.make_new(
        folder, fill=lambda made: insert_initial(made, profile), protection=keys
    )


def set_aside_lost_journal(path: Path | str) -> Path | None:
    """Accept a dossier whose journal was lost, as it is: its left-over index file goes to
    the quarantine folder (never deleted), so the dossier opens again. Returns where."""
    from .integrity.quarantine import Quarantine  # only then: opening stays quick

    folder = Path(path).absolute()
    db_path = folder / DB_NAME
    shm = side_file(db_path, "-shm")
    if not shm.exists() or side_file(db_path, "-wal").exists():
        return None
    if cannot_write(folder, db_path):  # nothing can be moved on a CD: say so, plainly
        raise ReadOnlyDossier(on_read_only_drive().refusal)
    quarantine = Quarantine(folder)
    moved = quarantine.move(
        shm, tr("the index of a journal file that was missing (the latest changes were lost)")
    )
    quarantine.write_note()
    return moved.target


__all__ = ["create_dossier", "open_dossier", "set_aside_lost_journal"]
