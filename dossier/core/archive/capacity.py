"""What one archive can carry: an export refuses, before it writes a file, to make an
archive that the rebuild would refuse as too large (:class:`.format.Limits`).

The limits protect the rebuild from crafted archives; a dossier's own archive must stay
within them, or it could never be opened again. Documents rarely come near them; imaging
studies can (a CT is often a thousand images or more, each a file and a record), so the
number of files, their sizes and the manifest's size and number of values are counted
first, and the manifest's bytes once more just before it is written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..bounded_json import JsonRefused
from ..i18n import tr
from ..locale_format import number
from ..sizes import human_size
from . import format as archive_format
from .errors import ArchiveError
from .manifest import manifest_reader
from .unreadable import Unreadable


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """``manifest.json`` as the export writes it."""
    return json.dumps(manifest, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")


def check_fits(manifest: bytes, files: Sequence[Unreadable]) -> None:
    """Raise :class:`ArchiveError` when an archive of ``files`` with this manifest would be
    more than the rebuild takes."""
    limits = archive_format.DEFAULT_LIMITS
    if len(files) + 2 > limits.max_entries:  # with manifest.json and README.txt
        _too_large(
            tr(
                "it holds {n} files, and an archive can hold {most}",
                n=number(len(files)),
                most=number(limits.max_entries - 2),
            )
        )
    if any(f.size > limits.max_file_bytes for f in files):
        _too_large(
            tr(
                "one of its files is larger than {most}",
                most=human_size(limits.max_file_bytes),
            )
        )
    if sum(f.size for f in files) + len(manifest) > limits.max_total_bytes:
        _too_large(
            tr(
                "its files take more than {most}",
                most=human_size(limits.max_total_bytes),
            )
        )
    reader = manifest_reader(limits)
    try:
        reader.feed(manifest)  # only scanned: it is never parsed here
    except JsonRefused as exc:
        _too_large(
            tr(
                "the list of its records ({name}) would be too large to read back: {reason}",
                name=archive_format.MANIFEST_NAME,
                reason=exc.reason,
            )
        )


def _too_large(reason: str) -> None:
    raise ArchiveError(
        tr(
            "This dossier is too large for one archive file, so none was saved: {reason}. "
            "Your dossier was not changed.",
            reason=reason,
        )
    )


__all__ = ["check_fits", "manifest_bytes"]
