"""The vault of a protected dossier (issue 18): every file and thumbnail encrypted, under a
keyed name; importing, reading, searching and checking work as in any dossier, and no file
in the dossier folder or the temporary folder holds the document's bytes or its words."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core import search
from dossier.core.crypto.unlock import lock, new_protection, unlock
from dossier.core.importer.pipeline import import_paths
from dossier.core.integrity.check import check_dossier
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import Dossier
from dossier.core.textpdf import write_pdf
from dossier.core.vault_read import StoredFileRefused, open_stored, read_stored
from tests.protection_keys import FAST, private_temp

PASSPHRASE = "a long walk to Utrecht"
WORD = "Zephyrquanthelix"


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "letter.pdf"
    write_pdf(
        path,
        [f"Dear colleague, the biopsy shows {WORD} cells.", "Kind regards"],
        title="Pathology letter",
    )
    return path


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own, for this process and the readers it starts."""
    folder = private_temp(tmp_path, monkeypatch)
    return folder


@pytest.fixture
def dossier(tmp_path: Path, temp: Path) -> Iterator[Dossier]:
    folder = tmp_path / "dossier"
    create_dossier(folder, name="Anna Kovács", protection=new_protection(PASSPHRASE, params=FAST))
    lock(folder)
    unlock(folder, PASSPHRASE)
    with open_dossier(folder) as opened:
        yield opened


def every_byte(*folders: Path) -> Iterator[tuple[Path, bytes]]:
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                yield path, path.read_bytes()


def test_an_imported_document_is_encrypted_under_a_keyed_name(
    dossier: Dossier, letter: Path, temp: Path
) -> None:
    [result] = import_paths(dossier, [letter])
    assert result.document_id is not None, result
    row = dossier.db.execute(
        "SELECT sha256, size FROM document WHERE id = ?", [result.document_id]
    ).fetchone()
    sha, size = str(row[0]), int(row[1])
    plain = letter.read_bytes()
    assert sha == hashlib.sha256(plain).hexdigest() and size == len(plain)
    stored = dossier.vault.path_for(sha)
    assert stored.name != sha and stored.is_file()
    assert read_stored(dossier.vault, sha, size) == plain
    with open_stored(dossier.vault, sha, size) as handle:
        handle.seek(10)
        assert handle.read(20) == plain[10:30]
    assert dossier.vault.size_of(sha) == size
    assert [(h.kind, h.id) for h in search.search(dossier, WORD)] == [
        ("document", result.document_id)
    ]
    assert check_dossier(dossier).findings == []
    # Neither the document's bytes, nor its words, nor its name are in any file.
    unique = plain[plain.index(b"/ID [") :][:40]  # this file's own identifier
    for path, data in every_byte(dossier.path, temp):
        assert WORD.encode() not in data, path
        assert unique not in data, path
        assert sha.encode() not in data, path


def test_an_altered_or_cut_vault_file_is_named_by_the_check(dossier: Dossier, letter: Path) -> None:
    [result] = import_paths(dossier, [letter])
    sha, size = dossier.db.execute(
        "SELECT sha256, size FROM document WHERE id = ?", [result.document_id]
    ).fetchone()
    stored = dossier.vault.path_for(sha)
    data = bytearray(stored.read_bytes())
    data[len(data) // 2] ^= 0x40
    os.chmod(stored, 0o600)
    stored.write_bytes(bytes(data))
    with pytest.raises(StoredFileRefused) as refused:
        read_stored(dossier.vault, sha, size)
    assert refused.value.problem == "damaged"
    codes = [f.code for f in check_dossier(dossier).findings]
    assert "file_damaged" in codes, codes
    stored.write_bytes(bytes(data[: len(data) // 2]))
    with pytest.raises(StoredFileRefused):
        read_stored(dossier.vault, sha, size)
