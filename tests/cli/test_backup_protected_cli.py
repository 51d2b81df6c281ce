"""The backup commands with a dossier protected with a passphrase, run for real (issue 18):
``backup`` unlocks it with the passphrase given, ``backups`` shows what it can without
one, ``restore`` describes and restores it (after a passphrase change, where the dossier
is gone, and an older unprotected backup after the dossier was protected)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from dossier.core.backup import make_backup
from dossier.core.crypto import keyring
from dossier.core.crypto.convert import protect_dossier
from dossier.core.crypto.keyfile import read_key_file, write_key_file
from dossier.core.crypto.protected import KEY_FILE, is_protected
from dossier.core.crypto.unlock import new_protection, unlock
from tests.cli.runner import ENV
from tests.unit.test_backup import db_rows
from tests.unit.test_backup_protected import (
    FAST,
    NAME,
    NEW_PASSPHRASE,
    PASSPHRASE,
    assert_reveals_nothing,
    build,
)


@pytest.fixture(autouse=True)
def no_keys() -> Iterator[None]:
    keyring.forget_all()
    yield
    keyring.forget_all()


def dossier_cmd(
    *args: str, passphrase: str | None = None, check: int | None = 0
) -> subprocess.CompletedProcess[str]:
    """``dossier ARGS…`` with no terminal (a passphrase is never asked), given
    ``passphrase`` in DOSSIER_PASSPHRASE when it is not None."""
    env = {k: v for k, v in os.environ.items() if k != "DOSSIER_PASSPHRASE"}
    env |= ENV
    if passphrase is not None:
        env["DOSSIER_PASSPHRASE"] = passphrase
    result = subprocess.run(
        [sys.executable, "-m", "dossier", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=180,
    )
    if check is not None:
        assert result.returncode == check, (result.stdout, result.stderr)
    return result


def as_json(*args: str, passphrase: str | None = None) -> Any:
    return json.loads(dossier_cmd(*args, "--json", passphrase=passphrase).stdout)


def cases(folder: Path, passphrase: str) -> list[str]:
    listed = as_json("list", "cases", "--dossier", str(folder), passphrase=passphrase)
    return sorted(c["title"] for c in listed)


def test_backup_backups_and_restore_of_a_protected_dossier(tmp_path: Path) -> None:
    folder = build(tmp_path)
    keyring.forget_all()  # this process has nothing unlocked: the commands need it

    # Without the passphrase: said how to give it, nothing made.
    refused = dossier_cmd("backup", "--dossier", str(folder), check=2)
    assert "DOSSIER_PASSPHRASE" in refused.stderr
    assert as_json("backups", "--dossier", str(folder)) == []
    made = dossier_cmd("backup", "--dossier", str(folder), passphrase=PASSPHRASE).stdout
    assert "Backup made: " in made and "1 case, 3 documents" in made
    assert "Encrypted with the dossier's own key" in made
    backup = Path(made.split("Backup made: ")[1].splitlines()[0])
    assert_reveals_nothing(backup.parent.parent)

    # Listed without the passphrase: what it holds, not whose; with it, whose too.
    [locked] = as_json("backups", "--dossier", str(folder))
    assert locked["good"] and locked["protected"] and locked["locked"]
    assert locked["person"] == "" and locked["dossier_path"] == ""
    assert locked["counts"]["documents"] == 3
    everyone = dossier_cmd("backups").stdout
    assert "protected dossier" in everyone and NAME not in everyone and "encrypted" in everyone
    [unlocked] = as_json("backups", "--dossier", str(folder), passphrase=PASSPHRASE)
    assert unlocked["person"] == NAME and not unlocked["locked"]
    assert unlocked["dossier_path"] == str(folder)
    verified = dossier_cmd("backups", "--dossier", str(folder), "--verify").stdout
    assert "cannot be restored" not in verified

    # A change, then the restore: described without the passphrase as far as it can.
    dossier_cmd(
        "add",
        "case",
        "--dossier",
        str(folder),
        "--data",
        '{"title": "After the backup"}',
        passphrase=PASSPHRASE,
    )
    assert "After the backup" in cases(folder, PASSPHRASE)
    described = dossier_cmd("restore", "latest", "--dossier", str(folder)).stdout
    assert "Backup of a dossier protected with a passphrase, made on " in described
    assert "the dossier of" not in described and "Nothing was changed." in described
    shown = dossier_cmd("restore", "latest", "--dossier", str(folder), passphrase=PASSPHRASE)
    assert f"Backup of the dossier of {NAME}" in shown.stdout
    needs = dossier_cmd("restore", "latest", "--dossier", str(folder), "--yes", check=2)
    assert "DOSSIER_PASSPHRASE" in needs.stderr
    wrong = dossier_cmd(
        "restore",
        "latest",
        "--dossier",
        str(folder),
        "--yes",
        passphrase="not it at all",
        check=2,
    )
    assert "Wrong passphrase" in wrong.stderr
    assert "After the backup" in cases(folder, PASSPHRASE)

    restored = dossier_cmd(
        "restore", "latest", "--dossier", str(folder), "--yes", passphrase=PASSPHRASE
    ).stdout
    assert "its current passphrase opens it" in restored
    assert "After the backup" not in cases(folder, PASSPHRASE)
    assert is_protected(folder)


def test_restore_after_a_passphrase_change_and_where_the_dossier_is_gone(
    tmp_path: Path,
) -> None:
    folder = build(tmp_path)
    backup = make_backup(folder).backup.path
    before = cases(folder, PASSPHRASE)
    key = unlock(folder, PASSPHRASE)
    write_key_file(folder, read_key_file(folder).with_passphrase(key, NEW_PASSPHRASE, FAST))
    keyring.forget_all()

    # The current passphrase opens it through the dossier's key file (found by the
    # backup's identity, without --dossier); the dossier's key file is kept.
    restored = as_json("restore", str(backup), "--yes", passphrase=NEW_PASSPHRASE)
    assert restored["restored"] and restored["key_file"] == "current"
    assert restored["path"] == str(folder)
    assert cases(folder, NEW_PASSPHRASE) == before
    # The passphrase of the backup's day opens the backup; the dossier keeps its own.
    again = dossier_cmd("restore", str(backup), "--yes", passphrase=PASSPHRASE).stdout
    assert "its current passphrase opens it" in again
    dossier_cmd("list", "cases", "--dossier", str(folder), passphrase=PASSPHRASE, check=2)

    # The dossier gone: the backup's key file comes back, with the passphrase of its day.
    shutil.rmtree(folder)
    gone = dossier_cmd("restore", str(backup), "--yes", passphrase=PASSPHRASE).stdout
    assert "the key file in the backup came back with it" in gone
    assert (folder / KEY_FILE).read_bytes() == (backup / KEY_FILE).read_bytes()
    assert cases(folder, PASSPHRASE) == before


def test_an_older_unprotected_backup_restores_unprotected_and_says_so(tmp_path: Path) -> None:
    folder = build(tmp_path, protected=False)
    rows = db_rows(folder)
    plain = make_backup(folder, today=date(2025, 3, 9)).backup
    protect_dossier(folder, new_protection(PASSPHRASE, params=FAST))
    make_backup(folder, today=date(2025, 3, 9) + timedelta(days=1))
    keyring.forget_all()

    listed = as_json("backups", "--dossier", str(folder))
    assert [(b["protected"], b["person"]) for b in listed] == [(True, ""), (False, NAME)]
    described = dossier_cmd("restore", plain.name, "--dossier", str(folder)).stdout
    assert "would come back as it was then, not protected" in described
    restored = dossier_cmd("restore", plain.name, "--dossier", str(folder), "--yes").stdout
    assert "the restored dossier is not protected" in restored
    assert f"dossier protect --dossier {folder}" in restored
    assert not is_protected(folder) and db_rows(folder) == rows
    assert len(as_json("list", "cases", "--dossier", str(folder))) == 1  # no passphrase
    aside = next(tmp_path.glob("*.before-restore-*"))
    assert is_protected(aside)
