"""An archive protected with a passphrase of its own (issue 18): the zip encrypted as a
whole, opened only with that passphrase, read in memory; a wrong passphrase, a damaged file
and a hostile header each said plainly, nothing made."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dossier.core import records, search
from dossier.core.archive import import_archive
from dossier.core.archive.errors import ArchiveRejected
from dossier.core.archive.export import export_archive
from dossier.core.archive.sealed import (
    MAGIC,
    ArchivePassphraseNeeded,
    WrongArchivePassphrase,
    is_sealed,
)
from dossier.core.crypto.unlock import lock, new_protection, unlock
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.textpdf import write_pdf
from tests.protection_keys import FAST

WORD = "Ornithoglyphics"
NAME = "Мирон ben-Ari Kowalczyk"
ARCHIVE_PASSPHRASE = "for Dr. Weiss only"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "dossier"
    create_dossier(folder, name=NAME, protection=new_protection("dossier's own", params=FAST))
    lock(folder)
    unlock(folder, "dossier's own")
    letter = tmp_path / "letter.pdf"
    write_pdf(letter, [f"Biopsy: {WORD}."], title="Pathology")
    with open_dossier(folder) as dossier:
        records.create(dossier, "case", {"title": "Which treatment?"})
        import_paths(dossier, [letter])
        target = tmp_path / "for-the-doctor.sodz"
        export_archive(dossier, target, passphrase=ARCHIVE_PASSPHRASE, params=FAST)
    return target


def test_a_protected_archive_reveals_nothing_and_opens_with_its_passphrase(
    archive: Path, tmp_path: Path
) -> None:
    data = archive.read_bytes()
    assert data.startswith(MAGIC) and is_sealed(archive)
    for secret in (WORD.encode(), b"Kowalczyk", b"PK\x03\x04", b"manifest.json"):
        assert secret not in data
    with pytest.raises(ArchivePassphraseNeeded):
        import_archive(archive, tmp_path / "a")
    with pytest.raises(WrongArchivePassphrase):
        import_archive(archive, tmp_path / "b", passphrase="for Dr. Weis only")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    result = import_archive(archive, tmp_path / "rebuilt", passphrase=ARCHIVE_PASSPHRASE)
    assert result.person == NAME and result.documents == 1
    with open_dossier(tmp_path / "rebuilt") as rebuilt:  # a dossier of its own, unprotected
        assert rebuilt.key is None
        assert [h.title for h in search.search(rebuilt, WORD)] == ["Pathology"]


@pytest.mark.parametrize("where", ["end", "middle", "cut"])
def test_a_damaged_protected_archive_is_refused_plainly(
    archive: Path, tmp_path: Path, where: str
) -> None:
    data = bytearray(archive.read_bytes())
    if where == "cut":
        data = data[: len(data) - 1000]
    else:
        data[-20 if where == "end" else len(data) // 2] ^= 0x10
    archive.write_bytes(bytes(data))
    with pytest.raises(ArchiveRejected, match="damaged or incomplete"):
        import_archive(archive, tmp_path / "x", passphrase=ARCHIVE_PASSPHRASE)
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    "header",
    [
        {"kdf": "argon2id", "passes": 1, "memory_kib": 64 * 1024 * 1024, "lanes": 1},
        {"kdf": "argon2id", "passes": 10**9, "memory_kib": 8192, "lanes": 1},
        {"kdf": "scrypt", "passes": 1, "memory_kib": 8192, "lanes": 1},
        {"kdf": "argon2id", "passes": "1", "memory_kib": 8192, "lanes": 1},
    ],
)
def test_a_hostile_header_is_refused_before_any_work(tmp_path: Path, header: dict) -> None:  # type: ignore[type-arg]
    text = json.dumps({**header, "salt": "MDEyMzQ1Njc4OWFiY2RlZg==", "check": "00"}).encode()
    path = tmp_path / "hostile.sodz"
    path.write_bytes(MAGIC + b"\x01" + len(text).to_bytes(2, "big") + text + os.urandom(500))
    with pytest.raises(ArchiveRejected, match="protection is damaged"):
        import_archive(path, tmp_path / "x", passphrase="anything at all")
