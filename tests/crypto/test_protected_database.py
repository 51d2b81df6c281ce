"""A dossier protected with a passphrase: its database is SQLCipher's, encrypted with a key
made from the master key; it opens only once unlocked, and nothing of what it holds is in
the file as plain text (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.crypto.keyfile import KEY_FILE, WrongPassphrase
from dossier.core.crypto.protected import PassphraseNeeded
from dossier.core.crypto.unlock import (
    Protection,
    lock,
    new_protection,
    unlock,
    unlock_with_recovery,
)
from dossier.core.integrity.check import check_dossier
from dossier.core.open_errors import DossierDamagedError
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import DB_NAME
from tests.protection_keys import FAST

PASSPHRASE = "correct horse батарея סוס"
NAME = "Zipporah Щербакова-Lindqvist"
SECRET_WORD = "Quixotrelline"


def protected(folder: Path) -> Protection:
    protection = new_protection(PASSPHRASE, params=FAST)
    with create_dossier(folder, name=NAME, born="1950-01-31", protection=protection) as made:
        case_id = records.create(made, "case", {"title": f"Diagnosis {SECRET_WORD}"})
        assert case_id
        made.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    lock(folder)
    return protection


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_a_protected_dossier_opens_only_once_unlocked(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    protection = protected(folder)
    assert (folder / KEY_FILE).is_file()
    with pytest.raises(PassphraseNeeded) as needed:
        open_dossier(folder)
    assert needed.value.path == folder
    with pytest.raises(WrongPassphrase):
        unlock(folder, "not it")
    with pytest.raises(PassphraseNeeded):
        open_dossier(folder)  # a wrong passphrase unlocked nothing
    assert unlock(folder, PASSPHRASE) == protection.key
    with open_dossier(folder) as dossier:
        assert dossier.key == protection.key
        assert records.get(dossier, "person", 1)["name"] == NAME
        titles = [c["title"] for c in records.list_records(dossier, "case")]
        assert titles == [f"Diagnosis {SECRET_WORD}"]
    lock(folder)
    unlock_with_recovery(folder, protection.recovery.text)
    with open_dossier(folder) as dossier:
        assert records.get(dossier, "person", 1)["name"] == NAME


def test_nothing_of_it_is_in_its_files_as_plain_text(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    protected(folder)
    unlock(folder, PASSPHRASE)
    with open_dossier(folder) as dossier:
        records.create(dossier, "case", {"title": f"Second {SECRET_WORD}"})
        on_disk = all_bytes(folder)  # the journal too, before it is folded in
        for secret in (SECRET_WORD, NAME, "Lindqvist", "SQLite format 3"):
            assert secret.encode("utf-8") not in on_disk
    for secret in (SECRET_WORD, NAME, "Lindqvist", "SQLite format 3"):
        assert secret.encode("utf-8") not in all_bytes(folder)


def test_a_database_that_the_key_does_not_fit_is_damaged_not_a_wrong_passphrase(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "dossier"
    protected(folder)
    other = tmp_path / "other"
    protected(other)
    # The other dossier's database beside this one's key file.
    (folder / DB_NAME).write_bytes((other / DB_NAME).read_bytes())
    unlock(folder, PASSPHRASE)
    with pytest.raises(DossierDamagedError):
        open_dossier(folder)


def test_an_altered_database_page_is_named_by_the_check(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    protected(folder)
    data = bytearray((folder / DB_NAME).read_bytes())
    pages = len(data) // 4096
    data[(pages - 1) * 4096 + 300] ^= 0x01  # a byte of the last page
    (folder / DB_NAME).write_bytes(bytes(data))
    unlock(folder, PASSPHRASE)
    with open_dossier(folder) as dossier:
        report = check_dossier(dossier)
    damaged = [f for f in report.findings if f.code == "database_damaged"]
    assert damaged, report.findings
    assert [i.label for i in damaged[0].items] == [
        f"page {pages} of the database was altered or damaged"
    ]
