"""Rebuilding from an archive refuses image files that are unsafe or not as described.

Each archive here is a real export of a small dossier with an imaging study (three kept
slices, and a catalogued study), taken apart and put together again by the test with one
thing changed. Each refusal gives a plain reason and leaves nothing behind.
"""

from __future__ import annotations

import copy
import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dossier.core.archive import ArchiveError, import_archive
from dossier.core.archive import precheck as precheck_module
from dossier.core.archive.format import MANIFEST_NAME, README_NAME
from tests.archive_studies import build_studied


@dataclass
class Parts:
    """An archive taken apart: its manifest and its entries, to be put together changed."""

    manifest: dict[str, Any]
    entries: dict[str, bytes]  # every entry but the manifest

    def copy(self) -> Parts:
        return Parts(copy.deepcopy(self.manifest), dict(self.entries))

    def write(self, path: Path) -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in self.entries.items():
                packing = zipfile.ZIP_DEFLATED if name == README_NAME else zipfile.ZIP_STORED
                out.writestr(name, data, compress_type=packing)
            out.writestr(MANIFEST_NAME, json.dumps(self.manifest).encode())
        return path

    @property
    def image(self) -> dict[str, Any]:
        """The manifest's first image entry."""
        entry: dict[str, Any] = self.manifest["images"][0]
        return entry

    def row(self, image_id: int) -> dict[str, Any]:
        rows: list[dict[str, Any]] = self.manifest["tables"]["imaging_file"]["rows"]
        return next(r for r in rows if r["id"] == image_id)


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> Parts:
    base = tmp_path_factory.mktemp("imaging-hostile")
    studied = build_studied(base / "dossier", base / "discs", small=True)
    from dossier.core.archive import export_archive
    from dossier.core.opening import open_dossier

    with open_dossier(studied.folder) as opened:
        export_archive(opened, base / "good.zip")
    with zipfile.ZipFile(base / "good.zip") as zipped:
        manifest = json.loads(zipped.read(MANIFEST_NAME))
        entries = {n: zipped.read(n) for n in zipped.namelist() if n != MANIFEST_NAME}
    assert len(manifest["images"]) == 3 and len(manifest["files"]) == 1
    return Parts(manifest, entries)


@pytest.fixture
def place(tmp_path: Path) -> Path:
    """Where the new dossier would go: a folder that already holds something of the user's."""
    folder = tmp_path / "place"
    folder.mkdir()
    (folder / "scan.dcm").write_bytes(b"not ours")
    return folder


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def refused(parts: Parts, tmp_path: Path, place: Path, words: str) -> str:
    """Rebuild ``parts``; refused with ``words``, leaving ``place`` as it was."""
    archive = parts.write(tmp_path / "a.zip")
    before = listing(place)
    with pytest.raises(ArchiveError) as caught:
        import_archive(archive, place / "new dossier")
    message = caught.value.message
    assert words in message, message
    assert "Nothing was changed" in message or "nothing was changed" in message
    assert listing(place) == before
    return message


def _renamed(parts: Parts, new_name: str) -> Parts:
    """The first image moved to ``new_name``, in the zip and in the manifest."""
    bad = parts.copy()
    bad.entries[new_name] = bad.entries.pop(bad.image["path"])
    bad.image["path"] = new_name
    return bad


def _content(parts: Parts, data: bytes) -> Parts:
    """The first image's file replaced by ``data``, its hash and size changed everywhere to
    match (so only what the content is can refuse it)."""
    bad = parts.copy()
    sha = hashlib.sha256(data).hexdigest()
    del bad.entries[bad.image["path"]]
    row = bad.row(bad.image["image_id"])
    row["sha256"], row["size"] = sha, len(data)
    bad.image.update(path=f"images/{sha}.dcm", sha256=sha, size=len(data))
    bad.entries[bad.image["path"]] = data
    return bad


def test_the_untouched_parts_rebuild(parts: Parts, tmp_path: Path, place: Path) -> None:
    result = import_archive(parts.write(tmp_path / "ok.zip"), place / "new dossier")
    assert (result.studies, result.images, result.missing_images) == (2, 3, ())


def _other_sha(sha: str) -> str:
    return ("0" if sha[0] != "0" else "1") + sha[1:]


def _listed_as(bad: Parts, sha: str) -> None:
    """The first image listed (and stored) under another SHA-256 than its content's and
    its record's."""
    bad.entries[f"images/{sha}.dcm"] = bad.entries.pop(bad.image["path"])
    bad.image.update(sha256=sha, path=f"images/{sha}.dcm")


def _drop_first_image(bad: Parts) -> None:
    del bad.entries[bad.image["path"]]
    del bad.manifest["images"][0]


def _missing_entry(bad: Parts, **change: Any) -> None:
    """The first image listed as left out (``change``: what of the entry is wrong)."""
    image = bad.image
    row = bad.row(image["image_id"])
    series = next(
        s for s in bad.manifest["tables"]["imaging_series"]["rows"] if s["id"] == row["series_id"]
    )
    entry = {
        "image_id": image["image_id"],
        "study_id": series["study_id"],
        "study": "CT ABDOMEN",
        "sha256": image["sha256"],
        "size": image["size"],
        "media_type": "application/dicom",
        "reason": "missing",
        "why": "its file is missing from the dossier",
    }
    _drop_first_image(bad)
    bad.manifest["missing_images"] = [{**entry, **change}]


def _flip_last_byte(bad: Parts) -> None:
    """The first image's file with its last byte changed: same size, other content (the
    zip's own CRC is right)."""
    data = bytearray(bad.entries[bad.image["path"]])
    data[-1] ^= 0xFF
    bad.entries[bad.image["path"]] = bytes(data)


def _huge(bad: Parts) -> None:
    bad.image["size"] = 5 << 30
    bad.row(bad.image["image_id"])["size"] = 5 << 30


CASES: list[tuple[str, Callable[[Parts], Parts | None], str]] = [
    (
        "path leading outside",
        lambda p: _renamed(p, "images/../../" + p.image["path"].split("/")[1]),
        "leads outside the archive",
    ),
    ("absolute path", lambda p: _renamed(p, "/tmp/" + p.image["sha256"] + ".dcm"), "fixed place"),
    (
        "listed outside, stored inside",
        lambda p: p.image.update(path="../" + p.image["path"]),
        "leads outside the archive",
    ),
    (
        "a name of its own choosing",
        lambda p: _renamed(p, "images/scan.dcm"),
        "a name this program does not give image files",
    ),
    (
        "among the documents",
        lambda p: _renamed(p, "files/" + p.image["sha256"] + ".dcm"),
        "a name this program does not give image files",
    ),
    (
        "content of another hash",
        _flip_last_byte,
        "not the one its list of contents describes",
    ),
    (
        "longer than listed",
        lambda p: p.entries.update({p.image["path"]: p.entries[p.image["path"]] + b"\x00"}),
        "not the one its list of contents describes",
    ),
    (
        "listed hash not the image's",
        lambda p: _listed_as(p, _other_sha(p.image["sha256"])),
        "does not match its image",
    ),
    (
        "an image row naming a file not in the archive",
        _drop_first_image,
        "refers to a file that is not in the archive",
    ),
    (
        "an image row naming another file",
        lambda p: p.row(p.manifest["images"][1]["image_id"]).update(
            sha256=_other_sha(p.manifest["images"][1]["sha256"])
        ),
        "does not match its image",
    ),
    (
        "an entry naming no image",
        lambda p: p.image.update(image_id=999),
        "does not match its image",
    ),
    (
        "an entry naming another image",
        lambda p: p.image.update(image_id=p.manifest["images"][1]["image_id"]),
        "does not match its image",
    ),
    ("no image number", lambda p: p.image.pop("image_id"), '"image_id" is missing from images[0]'),
    ("images not a list", lambda p: p.manifest.update(images={}), '"images" must be a list'),
    ("a huge declared size", _huge, "it holds a file larger than"),
    (
        "listed, not in the zip",
        lambda p: p.entries.pop(p.image["path"]),
        "listed in it but missing from it",
    ),
    (
        "in the zip, not listed",
        lambda p: p.manifest["images"].pop(0) and None,
        "does not mention",
    ),
    (
        "listed twice",
        lambda p: p.manifest["images"].append(dict(p.image)),
        "twice",
    ),
    (
        "as a document and an image",
        lambda p: p.manifest["files"].append({**p.image, "document_id": 1}),
        "twice",
    ),
    (
        "a missing image that is not missing",
        lambda p: p.manifest.update(
            missing_images=[
                {
                    "image_id": p.image["image_id"],
                    "study_id": 1,
                    "study": "x",
                    "sha256": p.image["sha256"],
                    "size": p.image["size"],
                    "reason": "missing",
                }
            ]
        ),
        "one that is in the archive",
    ),
    (
        "a missing image of another study",
        lambda p: _missing_entry(p, study_id=2),
        "a missing image does not match its image",
    ),
    (
        "a missing image of another size",
        lambda p: _missing_entry(p, size=1),
        "a missing image does not match its image",
    ),
    (
        "a missing image with an unknown reason",
        lambda p: _missing_entry(p, reason="lost"),
        '"missing_images[0].reason" must be one of',
    ),
]


@pytest.mark.parametrize(("name", "change", "words"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_image_entry_is_refused(
    parts: Parts,
    tmp_path: Path,
    place: Path,
    name: str,
    change: Callable[[Parts], Parts | None],
    words: str,
) -> None:
    bad = parts.copy()
    changed = change(bad)
    refused(changed if isinstance(changed, Parts) else bad, tmp_path, place, words)


def test_a_missing_image_listed_as_such_rebuilds_without_its_file(
    parts: Parts, tmp_path: Path, place: Path
) -> None:
    """The baseline of the two cases above: left out as the export lists it, accepted."""
    good = parts.copy()
    _missing_entry(good)
    result = import_archive(good.write(tmp_path / "a.zip"), place / "new dossier")
    assert result.images == 2 and result.missing_images == ((1, "CT ABDOMEN", 1),)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a text file", b"Radiology letter.\n" * 20),
        ("a PDF", b"%PDF-1.7\n" + b"\x00" * 300),
        ("too short to be DICOM", b"\x00" * 100),
        ("DICM in the wrong place", b"DICM" + b"\x00" * 300),
    ],
)
def test_an_image_file_that_is_not_dicom_is_refused(
    parts: Parts, tmp_path: Path, place: Path, name: str, data: bytes
) -> None:
    refused(_content(parts, data), tmp_path, place, "it is not a DICOM file")


def test_an_image_using_a_document_file_that_is_not_dicom_is_refused(
    parts: Parts, tmp_path: Path, place: Path
) -> None:
    """An image may share its file with a document (a file can be both), but only a DICOM
    file: the letter of this dossier is not one."""
    bad = parts.copy()
    letter = bad.manifest["files"][0]
    row = bad.row(bad.image["image_id"])
    _drop_first_image(bad)
    row["sha256"], row["size"] = letter["sha256"], letter["size"]
    refused(bad, tmp_path, place, "it is not a DICOM file")


def test_the_free_space_needed_counts_the_images(
    parts: Parts, tmp_path: Path, place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = [f["size"] for f in parts.manifest["files"]]
    enough_without_images = sum(documents) + max(documents) + precheck_module.SPACE_MARGIN

    class Usage:
        free = enough_without_images

    monkeypatch.setattr(precheck_module.shutil, "disk_usage", lambda _path: Usage())
    refused(parts.copy(), tmp_path, place, "not enough free space")


@pytest.fixture(autouse=True)
def _no_leftover_pools() -> Iterator[None]:
    yield
    import multiprocessing

    assert [p for p in multiprocessing.active_children() if p.is_alive()] == []
