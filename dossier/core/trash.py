"""What is in the trash, and emptying it for good."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .database import quoted
from .entities import ENTITIES
from .imaging.files import image_hashes_of_deleted_studies, used_hashes
from .storage import Dossier


@dataclass(frozen=True)
class TrashEntry:
    entity: str
    record_id: int
    label: str
    deleted_at: str
    batch: str
    with_it: int  # how many other records were deleted together with this one

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def list_trash(dossier: Dossier) -> list[TrashEntry]:
    """One entry per deletion (a case deleted with its records is one entry), newest first."""
    rows = dossier.db.execute(
        "SELECT entity, record_id, label, deleted_at, batch, "
        "(SELECT COUNT(*) - 1 FROM trash t2 WHERE t2.batch = trash.batch) "
        "FROM trash WHERE id IN (SELECT MIN(id) FROM trash GROUP BY batch) "
        "ORDER BY deleted_at DESC, id DESC"
    ).fetchall()
    return [TrashEntry(r[0], int(r[1]), r[2], r[3], r[4], int(r[5])) for r in rows]


def empty_trash(dossier: Dossier) -> int:
    """Delete everything in the trash for good; return how many records went.

    Files of deleted documents leave the vault after the database commit, so a
    failure part-way leaves at most an unused file, never a record without its file.
    """
    db = dossier.db
    with db.atomic():
        hashes = [
            r[0]
            for r in db.execute(
                "SELECT sha256 FROM document WHERE deleted_at IS NOT NULL"
            ).fetchall()
        ]
        hashes += sorted(image_hashes_of_deleted_studies(dossier))
        count = int(db.execute("SELECT COUNT(*) FROM trash").fetchone()[0])
        # Children before parents, the case last.
        order = [name for name in ENTITIES if name not in ("person", "case")] + ["case"]
        for name in order:
            table = quoted(ENTITIES[name].table)
            db.execute(f"DELETE FROM {table} WHERE deleted_at IS NOT NULL")
        db.execute("DELETE FROM trash")
    still_used = used_hashes(dossier)  # the same content kept by another record
    for sha in hashes:
        if sha not in still_used:
            dossier.vault.remove(sha)
    return count
