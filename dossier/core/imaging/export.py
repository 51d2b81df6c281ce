"""A copy of a disc for the next doctor: the original files, byte for byte, under a valid
``DICOMDIR`` that any DICOM viewer reads.

The ``DICOMDIR`` and the standard layout around stand-in files are written by
:mod:`.disc_layout`; each stand-in is then replaced by the original, copied from the vault
and checked against its SHA-256 on the way. The hospital's files are never parsed here,
nor changed. The folder is made under a temporary name beside the chosen one and renamed
when complete, and the copy is recorded as a physical item: where it went, to whom, when.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .. import records
from ..clock import today
from ..errors import DossierError
from ..i18n import tr
from ..locale_format import long_date
from ..storage import Dossier
from ..vault_read import StoredFileRefused, copy_stored
from .disc_layout import disc_images, lay_out_disc

Progress = Callable[[int, int], None]


@dataclass
class ExportedDisc:
    folder: Path
    images: int
    item_id: int


def export_disc(
    dossier: Dossier,
    study_ids: Sequence[int],
    target: Path,
    *,
    sent_to_id: int | None = None,
    progress: Progress | None = None,
) -> ExportedDisc:
    """Write the studies' files with a ``DICOMDIR`` into ``target`` (a new or empty folder:
    a USB stick's own folder will do) and record the copy as a physical item."""
    dossier.require_writable()
    if not study_ids:
        raise DossierError(tr("Choose the imaging study to copy."))
    studies = [records.get(dossier, "study", i) for i in study_ids]
    if sent_to_id is not None:
        records.get(dossier, "contact", sent_to_id)
    images = disc_images(dossier, studies)
    _check_target(dossier, target)
    partial = target.parent / f".{target.name}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        placed = lay_out_disc(dossier, studies, images, partial)
        for done, each in enumerate(placed, 1):
            each.path.unlink()
            copy_stored(
                dossier.vault, each.image["sha256"], each.image["size"], each.path, mode=0o644
            )
            if progress is not None:
                progress(done, len(placed))
        if target.exists():
            target.rmdir()  # empty: checked above
        partial.rename(target)
    except StoredFileRefused as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise DossierError(
            tr(
                "An image of this study is missing or damaged in the dossier: {reason}",
                reason=exc.message,
            )
        ) from None
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    with dossier.db.atomic():  # the copy recorded, and linked to its studies
        item = records.create(
            dossier,
            "physical_item",
            {
                "case_id": studies[0]["case_id"],
                "kind": "disc",
                "description": _item_description(studies),
                "location": str(target),
                "sent_to_id": sent_to_id,
                "sent_on": today().isoformat() if sent_to_id is not None else None,
            },
        )
        for study in studies:  # the copy is now the study's disc, unless it has one already
            if study["disc_item_id"] is None:
                records.update(dossier, "study", study["id"], {"disc_item_id": item.id})
    return ExportedDisc(target, len(placed), item.id)


def _check_target(dossier: Dossier, target: Path) -> None:
    folder = dossier.path.resolve()
    resolved = target.resolve()
    if resolved == folder or folder in resolved.parents:
        raise DossierError(tr("Choose a folder outside the dossier's own folder."))
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise DossierError(tr("Choose a folder to copy the disc into."))
    if target.exists() and any(target.iterdir()):
        raise DossierError(
            tr(
                "The folder {path} is not empty. Choose an empty folder, or make a new one.",
                path=target,
            )
        )
    if not target.parent.is_dir():
        raise DossierError(tr("There is no folder {path}.", path=target.parent))


def _item_description(studies: list[dict[str, Any]]) -> str:
    first = studies[0]
    what = first["description"] or first["modality"] or tr("imaging")
    text = tr("Copy of the imaging disc: {what}", what=what)
    if first["study_date"]:
        text = f"{text}, {long_date(date.fromisoformat(first['study_date']))}"
    return text[:200]


__all__ = ["ExportedDisc", "export_disc"]
