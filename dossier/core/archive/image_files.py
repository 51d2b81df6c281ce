"""The imaging studies' images and their files in an archive, checked before a rebuild
writes anything.

Every image (a row of ``imaging_file``) that names a file must find it in the archive
(``images``, or ``files`` when the same content is also a document's), or be listed as
left out because it could not be read when the archive was made (``missing_images``, or
``missing_files`` for such a shared file). Each listed image file must be the file of the
image it names, with that image's SHA-256 and size. An archive of format version 1 holds
no images at all: its images come back without their file, as if left out.

The images left without a file are rebuilt with no SHA-256, so their study says they are
not kept (the disc itself holds them), and the rebuild names their studies.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..i18n import tr
from .errors import ArchiveRejected
from .format import FIRST_WITH_IMAGES
from .listing import study_title
from .manifest import Manifest, invalid


@dataclass(frozen=True)
class LostImages:
    """The images rebuilt without their file, and how many of each study."""

    image_ids: frozenset[int] = frozenset()
    studies: tuple[tuple[int, str, int], ...] = ()  # (study id, its title, images)


def match_images(manifest: Manifest) -> LostImages:
    """Check that images and their files agree (see the module); the images that come back
    without their file. Run after :func:`.values.check_records` (links and numbers hold)."""
    rows = {row["id"]: row for row in manifest.tables.get("imaging_file", [])}
    study_of = {row["id"]: row["study_id"] for row in manifest.tables.get("imaging_series", [])}
    in_files = {f.sha256 for f in manifest.files}
    in_images = {f.sha256 for f in manifest.images}
    for spec in manifest.images:
        row = rows.get(spec.image_id)
        if row is None or row.get("sha256") != spec.sha256 or row.get("size") != spec.size:
            raise invalid(tr("the image file {name} does not match its image", name=spec.path))
    left_out = {m.sha256 for m in manifest.missing_images}
    if (
        len(left_out) != len(manifest.missing_images)
        or left_out & (in_images | in_files)
        or {m.sha256 for m in manifest.missing} & in_images
    ):
        raise invalid(tr('"missing_images" names a file twice, or one that is in the archive'))
    for missing in manifest.missing_images:
        row = rows.get(missing.image_id)
        if (
            row is None
            or row.get("sha256") != missing.sha256
            or row.get("size") != missing.size
            or study_of.get(row["series_id"]) != missing.study_id
        ):
            raise invalid(
                tr("a missing image does not match its image ({id})", id=missing.image_id)
            )
    left_out |= {m.sha256 for m in manifest.missing}
    older = manifest.format_version < FIRST_WITH_IMAGES
    lost: list[dict[str, Any]] = []
    for row in rows.values():
        sha = row.get("sha256")
        if sha is None or sha in in_images or sha in in_files:
            continue
        if sha in left_out or older:
            lost.append(row)
            continue
        raise ArchiveRejected(
            tr(
                "the image number {id} of its imaging study number {study} refers to a file "
                "that is not in the archive.",
                id=row["id"],
                study=study_of.get(row["series_id"]),
            )
        )
    return _lost(manifest, lost, study_of)


def _lost(manifest: Manifest, rows: list[dict[str, Any]], study_of: dict[Any, Any]) -> LostImages:
    studies = {row["id"]: row for row in manifest.tables.get("imaging_study", [])}
    counts = Counter(int(study_of[row["series_id"]]) for row in rows)
    return LostImages(
        frozenset(int(row["id"]) for row in rows),
        tuple(
            (study, study_title(studies.get(study, {})), count)
            for study, count in sorted(counts.items())
        ),
    )


__all__ = ["LostImages", "match_images"]
