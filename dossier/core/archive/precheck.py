"""What is checked of an archive before a rebuild writes anything: its manifest, and that
its entries are exactly the files the manifest lists, with their sizes; and the space.
How the imaging studies' images match their files: :mod:`.image_files`."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from ..bounded_json import JsonRefused
from ..i18n import tr
from ..sizes import human_size
from .entries import read_entry
from .errors import ArchiveError, ArchiveRejected
from .format import MANIFEST_NAME, README_NAME, Limits
from .manifest import (
    Manifest,
    invalid,
    manifest_reader,
    parse_manifest,
    refused_json,
    too_large,
)
from .staging import existing_ancestor

SPACE_MARGIN = 16 << 20


def read_manifest(
    archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], limits: Limits
) -> Manifest:
    """The archive's manifest, its size (packed and unpacked, as declared and as it
    comes out), nesting and number of values bounded before it is parsed."""
    info = entries.get(MANIFEST_NAME)
    if info is None:
        raise ArchiveRejected(
            tr(
                "it is not an archive made by Second Opinion Dossier (it has no {name}).",
                name=MANIFEST_NAME,
            )
        )
    if max(info.file_size, info.compress_size) > limits.max_manifest_bytes:
        raise too_large(limits)
    reader = manifest_reader(limits)
    try:
        read_entry(
            archive,
            info,
            reader.feed,
            most=limits.max_manifest_bytes,
            limits=limits,
            too_large=too_large(limits),
        )
        raw = reader.finish()
    except JsonRefused as exc:
        raise refused_json(exc, limits) from None
    return parse_manifest(raw)


def match_files(manifest: Manifest, entries: dict[str, zipfile.ZipInfo], limits: Limits) -> None:
    """Every listed file (a document's or an image's) is in the archive with its size;
    nothing else is; every document has its file and every document file its document."""
    listed = {f.path for f in manifest.stored}
    for name in entries:
        if name not in listed and name not in (MANIFEST_NAME, README_NAME):
            raise ArchiveRejected(
                tr("it holds a file its list of contents does not mention ({name}).", name=name)
            )
    for file in manifest.stored:
        info = entries.get(file.path)
        if info is None:
            raise ArchiveRejected(
                tr("the file {name} is listed in it but missing from it.", name=file.path)
            )
        if file.size > limits.max_file_bytes:
            raise ArchiveRejected(
                tr(
                    "it holds a file larger than {size} ({name}).",
                    size=human_size(limits.max_file_bytes),
                    name=file.path,
                )
            )
        if info.file_size != file.size:
            raise not_as_listed(file.path)
    by_hash = {f.sha256: f for f in manifest.files}
    missing = {m.sha256: m for m in manifest.missing}
    if len(missing) != len(manifest.missing) or set(missing) & set(by_hash):
        raise invalid(tr('"missing_files" names a file twice, or one that is in the archive'))
    used: set[str] = set()
    for row in manifest.tables.get("document", []):
        sha, number = row.get("sha256"), row.get("id")
        match = by_hash.get(sha) if isinstance(sha, str) else None
        if match is None and isinstance(sha, str) and sha in missing:  # saved without it
            if missing[sha].document_id != number or row.get("size") != missing[sha].size:
                raise invalid(tr("a missing file does not match its document ({id})", id=number))
            used.add(sha)
            continue
        if match is None:
            raise ArchiveRejected(
                tr(
                    "the document number {id} in it refers to a file that is not in the archive.",
                    id=number,
                )
            )
        if match.document_id != number or row.get("size") != match.size:
            raise invalid(tr("the file {name} does not match its document", name=match.path))
        used.add(match.sha256)
    for file in manifest.files:
        if file.sha256 not in used:
            raise invalid(tr("the file {name} belongs to no document", name=file.path))
    if set(missing) - used:
        raise invalid(tr('"missing_files" names a file of no document'))


def not_as_listed(name: str) -> ArchiveRejected:
    return ArchiveRejected(
        tr(
            "the file {name} in it is not the one its list of contents describes (its size "
            "or content differs): the archive is damaged or was changed.",
            name=name,
        )
    )


def check_space(target: Path, manifest: Manifest) -> None:
    sizes = [f.size for f in manifest.stored]
    needed = sum(sizes) + max(sizes, default=0) + SPACE_MARGIN
    free = shutil.disk_usage(existing_ancestor(target)).free
    if free < needed:
        raise ArchiveError(
            tr(
                "There is not enough free space on the disk for this dossier: it needs about "
                "{needed} and {free} is free. Nothing was changed.",
                needed=human_size(needed),
                free=human_size(free),
            )
        )
