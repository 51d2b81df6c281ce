"""Protecting an existing dossier and taking the protection away (issue 18): everything in
it comes through, file names and contents change as they must, Stop and a full disk leave
it as it was, and a kill at any moment leaves the old dossier or the new one."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from dossier.core import records
from dossier.core.crypto import keyring
from dossier.core.crypto.convert import ConversionCancelled, protect_dossier, unprotect_dossier
from dossier.core.crypto.keyfile import WrongPassphrase
from dossier.core.crypto.protected import KEY_FILE, PassphraseNeeded, is_protected
from dossier.core.crypto.switch import DB_NAME as SWITCH_DB
from dossier.core.crypto.switch import KEY_FILE as SWITCH_KEY
from dossier.core.crypto.switch import VAULT_NAME as SWITCH_VAULT
from dossier.core.crypto.unlock import new_protection, unlock
from dossier.core.importer.pipeline import import_paths
from dossier.core.integrity.check import check_dossier
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import DB_NAME, VAULT_NAME, Dossier
from dossier.core.textpdf import write_pdf
from dossier.core.vault_read import read_stored
from tests.protection_keys import FAST

PASSPHRASE = "lange nacht in Leiden"
WORD = "Vermiculoptera"
NEW_PASSPHRASE = "een nieuwe zin om te onthouden"


def build(folder: Path, documents: int = 6) -> None:
    sources = folder.parent / f"{folder.name}-sources"
    sources.mkdir()
    paths = []
    for n in range(documents):
        path = sources / f"letter-{n}.pdf"
        write_pdf(path, [f"Letter {n}: {WORD} seen on the scan.", "x" * (n * 3000)])
        paths.append(path)
    with create_dossier(folder, name="Анна de Vries-לוי") as made:
        case = records.create(made, "case", {"title": f"Second opinion {WORD}"}).id
        import_paths(made, paths, case_id=case)


def state(dossier: Dossier) -> dict[str, Any]:
    """What a person has in the dossier: its records and each document's content."""
    tables = [
        r[0]
        for r in dossier.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'search_%' ORDER BY name"
        )
    ]
    rows = {t: sorted(map(repr, dossier.db.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    files = {
        str(sha): hashlib.sha256(read_stored(dossier.vault, str(sha), int(size))).hexdigest()
        for sha, size in dossier.db.execute("SELECT sha256, size FROM document")
    }
    return {"rows": rows, "files": files}


def stored_names(folder: Path) -> list[str]:
    """The names of the stored files and thumbnails (not the vault's own markers)."""
    return sorted(
        p.name
        for p in (folder / VAULT_NAME).rglob("*")
        if p.is_file() and not p.name.startswith(".")
    )


def opened_state(folder: Path, passphrase: str | None = None) -> dict[str, Any]:
    if passphrase is not None:
        unlock(folder, passphrase)
    with open_dossier(folder) as dossier:
        assert check_dossier(dossier).findings == []
        return state(dossier)


def test_the_switch_knows_the_dossiers_own_names() -> None:
    assert (SWITCH_DB, SWITCH_VAULT, SWITCH_KEY) == (DB_NAME, VAULT_NAME, KEY_FILE)


def test_protect_then_unprotect_keeps_everything(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    build(folder)
    before = opened_state(folder)
    plain_names = stored_names(folder)
    seen: list[tuple[int, int]] = []
    protect_dossier(
        folder, new_protection(PASSPHRASE, params=FAST), progress=lambda *a: seen.append(a)
    )
    assert seen[-1][0] == seen[-1][1] == len(before["files"])
    assert is_protected(folder)
    keyring.forget_all()
    with pytest.raises(PassphraseNeeded):
        open_dossier(folder)
    assert opened_state(folder, PASSPHRASE) == before
    names = stored_names(folder)
    assert not set(names) & set(plain_names)  # every file under its keyed name
    for path in folder.rglob("*"):
        if path.is_file():
            assert WORD.encode() not in path.read_bytes(), path
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [DB_NAME, VAULT_NAME, KEY_FILE, *[p for p in ("dossier.lock",) if (folder / p).exists()]]
    )
    unprotect_dossier(folder)
    assert not is_protected(folder)
    keyring.forget_all()
    assert opened_state(folder) == before  # no passphrase asked
    assert stored_names(folder) == plain_names


def test_stop_leaves_the_dossier_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    build(folder)
    before = opened_state(folder)
    calls = iter(range(100))
    with pytest.raises(ConversionCancelled):
        protect_dossier(
            folder,
            new_protection(PASSPHRASE, params=FAST),
            cancelled=lambda: next(calls) >= 3,
        )
    assert not is_protected(folder)
    assert not (folder / ".converting").exists()
    keyring.forget_all()
    assert opened_state(folder) == before


def test_a_leftover_in_the_vault_goes_to_quarantine_not_into_the_new_vault(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "dossier"
    build(folder, documents=1)
    stray = folder / VAULT_NAME / "ab" / ("ab" + "0" * 62)
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"left by an interrupted import")
    protect_dossier(folder, new_protection(PASSPHRASE, params=FAST))
    kept = (
        [p for p in folder.rglob("*") if p.is_file() and p.read_bytes() == stray.read_bytes()]
        if stray.exists()
        else []
    )
    quarantined = [p for p in folder.rglob("*") if "quarantine" in str(p).lower() and p.is_file()]
    assert not stray.exists() and kept == []
    assert any(p.name == stray.name for p in quarantined), quarantined


KILLER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from dossier.core.crypto.convert import protect_dossier, unprotect_dossier
    from dossier.core.crypto.kdf import KdfParams
    from dossier.core.crypto.unlock import new_protection, set_passphrase, unlock
    folder, direction = Path(sys.argv[1]), sys.argv[2]
    fast = KdfParams(passes=1, memory_kib=8 * 1024, lanes=1, salt=b"0123456789abcdef")
    print("ready", flush=True)
    if direction == "protect":
        protect_dossier(folder, new_protection({passphrase!r}, params=fast))
    elif direction == "passphrase":
        set_passphrase(folder, unlock(folder, {passphrase!r}), {new!r})
    else:
        unlock(folder, {passphrase!r})
        unprotect_dossier(folder)
    print("done", flush=True)
    """
).format(passphrase=PASSPHRASE, new=NEW_PASSPHRASE)


def run_and_kill(folder: Path, direction: str, after: float | None) -> bool:
    """Run the conversion in a process of its own and kill it ``after`` seconds in (None:
    let it end); True when it ended before the kill."""
    process = subprocess.Popen(
        [sys.executable, "-c", KILLER, str(folder), direction],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    if after is None:
        process.wait(timeout=300)
    else:
        time.sleep(after)
    finished = process.poll() is not None
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    return finished


@pytest.mark.parametrize("direction", ["protect", "unprotect"])
def test_a_kill_at_any_moment_leaves_the_old_dossier_or_the_new(
    tmp_path: Path, direction: str
) -> None:
    original = tmp_path / "original"
    build(original, documents=12)
    if direction == "unprotect":
        protect_dossier(original, new_protection(PASSPHRASE, params=FAST))
    keyring.forget_all()
    expected = opened_state(original, PASSPHRASE if direction == "unprotect" else None)
    keyring.forget_all()
    outcomes = set()
    for trial, after in enumerate((0.0, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1.2, None)):
        folder = tmp_path / f"trial-{trial}"
        shutil.copytree(original, folder, symlinks=True)
        run_and_kill(folder, direction, after)
        keyring.forget_all()
        try:
            got = opened_state(folder)
            outcomes.add("plain")
        except PassphraseNeeded:
            got = opened_state(folder, PASSPHRASE)
            outcomes.add("protected")
        assert got == expected, (trial, after)
        assert not (folder / ".converting").exists() and not (folder / ".converted").exists()
    # Both sides of the switch are seen: the first kill comes before it can be reached, the
    # last run is let to its end.
    assert outcomes == {"plain", "protected"}, outcomes


def test_a_kill_while_the_passphrase_changes_leaves_the_old_or_the_new(tmp_path: Path) -> None:
    original = tmp_path / "original"
    build(original, documents=1)
    protect_dossier(original, new_protection(PASSPHRASE, params=FAST))
    keyring.forget_all()
    expected = opened_state(original, PASSPHRASE)
    opened_with = set()
    for trial, after in enumerate((0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0, None)):
        folder = tmp_path / f"trial-{trial}"
        shutil.copytree(original, folder, symlinks=True)
        run_and_kill(folder, "passphrase", after)
        keyring.forget_all()
        try:
            got = opened_state(folder, PASSPHRASE)
            opened_with.add("old")
        except WrongPassphrase:
            got = opened_state(folder, NEW_PASSPHRASE)
            opened_with.add("new")
        assert got == expected, (trial, after)
    assert opened_with == {"old", "new"}, opened_with
