"""Make sure a worker thread can open the dossier with a connection of its own.

``Dossier.open`` checks the database file's header before opening it. A dossier
created in this session, in WAL mode, may not have its header written to the main
file yet (that happens at the first checkpoint), so a second connection would be
refused as "not a dossier of this program". A passive checkpoint on the session's
own connection writes it; it is cheap and changes nothing else. (Core bug, to be
fixed in ``storage._check_before_opening``; then this can go.)
"""

from __future__ import annotations

from ...core.storage import Dossier


def prepare_for_workers(dossier: Dossier) -> None:
    dossier.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
