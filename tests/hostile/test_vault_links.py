"""Links the program did not make, inside its own folders: it never reads or writes
through one. In process, with real files: the vault's checked reader for every way a
document's file can be replaced, the vault's own writes (its temporary folder, the lock
and markers of imports, the quarantine), adding the original again over a link, and the
recent-dossiers list in the settings folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dossier.core import paths
from dossier.core.errors import DossierError
from dossier.core.importer.pipeline import import_paths
from dossier.core.integrity.check import check_dossier
from dossier.core.integrity.inflight import import_in_flight, no_import_in_flight
from dossier.core.integrity.quarantine import Quarantine
from dossier.core.integrity.repair import repair
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from dossier.core.vault_read import (
    StoredFileRefused,
    copy_stored,
    open_stored,
    read_stored,
    stored_state,
)
from tests import vault_link_helpers as links
from tests.vault_link_helpers import (
    ALLOWED,
    NOTE,
    REPLACED,
    SECRET_WORD,
    Built,
    replace_file,
    secret_in_files,
)

SECRET = b"not the dossier's: " + SECRET_WORD.encode() + b"\n"

template, built, opened = links.template, links.built, links.opened


def _size(dossier: Dossier, sha: str) -> int:
    return int(
        dossier.db.execute("SELECT size FROM document WHERE sha256 = ?", [sha]).fetchone()[0]
    )


@pytest.mark.parametrize("how", sorted(REPLACED))
def test_the_checked_reader_refuses_every_replaced_file(
    built: Built, opened: Dossier, how: str, tmp_path: Path
) -> None:
    replace_file(built, how, tmp_path / "outside")
    vault, sha = opened.vault, built.sha256
    size = _size(opened, sha)
    expected = "damaged" if REPLACED[how] == "file_damaged" else "replaced"
    with pytest.raises(StoredFileRefused) as whole:
        read_stored(vault, sha, size)
    assert whole.value.problem == expected
    copies = tmp_path / "copies"
    copies.mkdir()
    with pytest.raises(StoredFileRefused):
        copy_stored(vault, sha, size, copies / "note.txt")
    assert os.listdir(copies) == []  # the copy is discarded, not left half made
    if expected == "replaced":  # refused before a byte is read: opening says so already
        assert stored_state(vault, sha, size) is not None
        with pytest.raises(StoredFileRefused):
            open_stored(vault, sha, size)
    else:  # a regular file of the right size: only reading it whole tells
        assert stored_state(vault, sha, size) is None


def test_a_hard_link_to_the_right_content_is_read(
    built: Built, opened: Dossier, tmp_path: Path
) -> None:
    replace_file(built, ALLOWED, tmp_path / "outside")
    size = _size(opened, built.sha256)
    assert read_stored(opened.vault, built.sha256, size) == NOTE.encode()
    copy = copy_stored(opened.vault, built.sha256, size, tmp_path / "copy.txt")
    assert copy.read_text(encoding="utf-8") == NOTE


def test_another_size_is_refused_without_reading(built: Built, opened: Dossier) -> None:
    size = _size(opened, built.sha256)
    with pytest.raises(StoredFileRefused) as refused:
        open_stored(opened.vault, built.sha256, size + 1)
    assert refused.value.problem == "damaged"
    built.vault_file.unlink()
    assert (refusal := stored_state(opened.vault, built.sha256, size)) is not None
    assert refusal.problem == "missing"


def test_adding_the_original_again_puts_the_file_back_in_place_of_a_link(
    built: Built, opened: Dossier, tmp_path: Path
) -> None:
    secret = replace_file(built, "symlink", tmp_path / "outside")
    original = tmp_path / "original.txt"
    original.write_text(NOTE, encoding="utf-8")
    assert not opened.vault.has(built.sha256)  # a link does not count as the file
    [result] = import_paths(opened, [original])
    assert result.status == "duplicate" and "put back" in (result.reason or "")
    assert built.vault_file.is_file() and not built.vault_file.is_symlink()
    assert built.vault_file.read_text(encoding="utf-8") == NOTE
    assert SECRET_WORD in secret.read_text(encoding="ascii")  # the link's target untouched


def test_a_linked_vault_tmp_takes_no_file_out_of_the_dossier(built: Built, tmp_path: Path) -> None:
    """Files being added go through vault/tmp: a link there is refused, nothing is written
    where it points, and the file is refused with a plain reason."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    tmp = built.folder / "vault" / "tmp"
    shutil.rmtree(tmp)
    tmp.symlink_to(elsewhere, target_is_directory=True)
    new = tmp_path / "new.txt"
    new.write_text("A new letter from the clinic.\n", encoding="utf-8")
    with open_dossier(built.folder) as dossier:
        with pytest.raises(DossierError, match="is a link") as refused:
            import_paths(dossier, [new])
        assert "Nothing was added" in refused.value.message
        assert dossier.db.execute("SELECT COUNT(*) FROM document").fetchone()[0] == 2
        report = check_dossier(dossier)  # the check names it, and repair moves it
        [finding] = report.findings
        assert finding.code == "unused_files" and finding.items[0].path == "vault/tmp"
        repair(dossier, report)
        assert not tmp.is_symlink()
    with open_dossier(built.folder) as dossier:  # opening makes vault/tmp again
        [result] = import_paths(dossier, [new])
        assert result.status == "imported"
    assert os.listdir(elsewhere) == []


def test_the_import_lock_and_markers_are_never_written_through_a_link(
    built: Built, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(SECRET)
    lock = built.folder / "vault" / ".in-flight.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    vault = built.folder / "vault"
    with pytest.raises(DossierError, match="link"), import_in_flight(vault):
        pass
    with no_import_in_flight(vault) as alone:
        assert alone is False  # cannot be sure: nothing is moved
    assert victim.read_bytes() == SECRET


def test_the_quarantine_is_never_reached_through_a_link(built: Built, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (built.folder / "quarantine").symlink_to(elsewhere, target_is_directory=True)
    stray = built.folder / "vault" / "ab" / ("ab" + "e" * 62)
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"a file no record uses")
    with pytest.raises(OSError, match="link"):
        Quarantine(built.folder).move(stray, "a test")
    assert stray.is_file() and os.listdir(elsewhere) == []


def test_the_quarantine_note_is_never_written_through_a_link(built: Built, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(SECRET)
    stray = built.folder / "vault" / "ab" / ("ab" + "e" * 62)
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"a file no record uses")
    quarantine = Quarantine(built.folder)
    moved = quarantine.move(stray, "a test")
    assert quarantine.folder is not None
    (quarantine.folder / "README.txt").symlink_to(victim)
    quarantine.write_note()  # best effort: the note is not written, the link not followed
    assert victim.read_bytes() == SECRET
    assert moved.target.read_bytes() == b"a file no record uses"


def test_the_recent_list_is_never_read_or_written_through_a_link(tmp_path: Path) -> None:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    victim = tmp_path / "victim.json"
    victim.write_text(f'["{tmp_path}"]', encoding="utf-8")
    (folder / paths.RECENT_NAME).symlink_to(victim)
    assert paths.recent_dossiers() == []  # not read through the link
    dossier = tmp_path / "a dossier"
    dossier.mkdir()
    paths.remember_dossier(dossier)  # not written through it either (a convenience only)
    assert victim.read_text(encoding="utf-8") == f'["{tmp_path}"]'
    (folder / paths.RECENT_NAME).unlink()
    paths.remember_dossier(dossier)
    assert paths.recent_dossiers() == [dossier.resolve()]


def test_nothing_of_the_secret_reaches_the_dossier(built: Built, tmp_path: Path) -> None:
    """After all the checked reads above, a copy of the dossier holds no secret."""
    replace_file(built, "symlink", tmp_path / "outside")
    with open_dossier(built.folder) as dossier, pytest.raises(StoredFileRefused):
        read_stored(dossier.vault, built.sha256, _size(dossier, built.sha256))
    assert secret_in_files(built.folder) == []
