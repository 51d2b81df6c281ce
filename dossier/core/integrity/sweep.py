"""The start-up sweep: after an interrupted import, files left without a row go to quarantine.

Run by :func:`dossier.core.opening.open_dossier`. It costs one look at ``vault/tmp`` unless
an import was interrupted there (a marker or a temporary file is left, see
:mod:`.inflight`); only then is the vault listed and compared with the documents. It moves
files only while it is sure no import is running anywhere, and never deletes one.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..sql_driver import sqlite3

if TYPE_CHECKING:  # the rest is imported only when there is something to sweep
    from ..storage import Dossier
    from .quarantine import Quarantine, SweepResult


def sweep_after_interruption(dossier: Dossier) -> SweepResult | None:
    """Quarantine what an interrupted import left; None when there was nothing to look at.

    Never raises for a file system problem: opening the dossier matters more, and the
    check (``dossier check``) finds and reports whatever was left.
    """
    root = dossier.vault.root
    if not _something_left(root):
        return None
    from .inflight import no_import_in_flight  # only now: opening stays quick

    with contextlib.suppress(OSError, sqlite3.DatabaseError), no_import_in_flight(root) as alone:
        if not alone:
            return None
        return sweep(dossier)
    return None


def sweep(dossier: Dossier, quarantine: Quarantine | None = None) -> SweepResult:
    """Move every leftover file into quarantine; call only while no import is in flight.

    With ``quarantine`` given, the caller writes its note when it has finished with it.
    """
    from .inflight import remove_stale_markers
    from .leftovers import find_leftovers
    from .quarantine import Quarantine, SweepResult

    own = quarantine is None
    into = quarantine or Quarantine(dossier.path)
    result = SweepResult()
    try:
        for leftover in find_leftovers(dossier):
            try:
                result.moved.append(into.move(leftover.path, leftover.reason))
            except OSError:  # gone meanwhile, or cannot be moved: the check will tell
                continue
        remove_stale_markers(dossier.vault.root)
    finally:
        if own:
            into.write_note()
    return result


def _something_left(vault_root: Path) -> bool:
    """True when ``vault/tmp`` holds anything: an import's marker or a leftover temporary
    file. One look at one (normally empty) folder: cheap enough for every opening. A link
    in place of ``vault/tmp`` (or of ``vault/``) is not looked into: the check reports it."""
    from ..safe_files import list_folder

    try:
        return bool(list_folder(vault_root.parent, f"{vault_root.name}/tmp"))
    except OSError:
        return False
