"""The imaging studies' stored images: each one in the vault, a regular file of the size
and SHA-256 recorded for it (read through the vault's checked reader, never a link).

A study whose images are missing or damaged is named once, with how many; the repair
cannot make an image again, so the advice is a backup, or adding the disc again (which
puts back exactly the missing files: they are stored by content)."""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import ntr, tr
from ..storage import Dossier
from ..vault_read import StoredFileRefused, stored_chunks, stored_state
from .findings import Finding, Item

Step = Callable[[int], None]


def image_bytes(dossier: Dossier) -> int:
    row = dossier.db.execute(
        "SELECT coalesce(sum(size), 0) FROM imaging_file WHERE sha256 IS NOT NULL"
    ).fetchone()
    return int(row[0])


def image_findings(
    dossier: Dossier, *, hashes: bool = True, step: Step = lambda _n: None
) -> list[Finding]:
    """One finding for studies with images missing or damaged (none when all are whole)."""
    rows = dossier.db.execute(
        "SELECT t.id, coalesce(t.description, t.study_date, ''), t.deleted_at, f.sha256, f.size "
        "FROM imaging_file f JOIN imaging_series s ON s.id = f.series_id "
        "JOIN imaging_study t ON t.id = s.study_id WHERE f.sha256 IS NOT NULL "
        "ORDER BY t.id, f.id"
    ).fetchall()
    bad: dict[int, list[object]] = {}
    for study_id, title, deleted, sha, size in rows:
        if not _whole(dossier, str(sha), int(size), hashes, step):
            entry = bad.setdefault(int(study_id), [str(title), bool(deleted), 0])
            entry[2] = int(str(entry[2])) + 1
    if not bad:
        return []
    items = tuple(
        Item(_label(study_id, str(title), bool(deleted), int(str(count))))
        for study_id, (title, deleted, count) in bad.items()
    )
    return [
        Finding(
            "file_missing",
            ntr(
                "The images of one imaging study are missing or damaged.",
                "The images of {n} imaging studies are missing or damaged.",
                len(items),
            ),
            tr(
                "Add the study's disc again: only the missing images are copied back. "
                "Without the disc, restore the dossier from a backup made before this happened."
            ),
            items,
        )
    ]


def _whole(dossier: Dossier, sha: str, size: int, hashes: bool, step: Step) -> bool:
    try:
        if not hashes:
            return stored_state(dossier.vault, sha, size) is None
        read = 0
        for chunk in stored_chunks(dossier.vault, sha, size):
            read += len(chunk)
            step(len(chunk))
    except StoredFileRefused:
        step(max(0, size - read))
        return False
    except ValueError:  # not a SHA-256: a database changed by hand
        return False
    return True


def _label(study_id: int, title: str, deleted: bool, count: int) -> str:
    name = title or tr("imaging study")
    what = ntr("{n} image", "{n} images", count)
    if deleted:
        return tr(
            "“{title}” (study {id}, in the trash): {what}", title=name, id=study_id, what=what
        )
    return tr("“{title}” (study {id}): {what}", title=name, id=study_id, what=what)


__all__ = ["image_bytes", "image_findings"]
