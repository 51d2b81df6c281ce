"""A dossier open for reading only: reading works, every change is refused with the reason
before anything is touched, and opening it writes nothing into it.

Two ways to make one: a foreign trigger in its database (no special rights needed), and a
real read-only folder, a read-only bind mount (needs root; skipped otherwise).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.core import person, questions, records, search
from dossier.core.archive import export_archive
from dossier.core.backup import list_backups, make_backup
from dossier.core.comparison import ops
from dossier.core.database import Database
from dossier.core.errors import DossierOpenError, ReadOnlyDossier
from dossier.core.importer.pipeline import import_paths
from dossier.core.integrity.check import check_dossier
from dossier.core.integrity.repair import repair
from dossier.core.integrity.search_index import rebuild_search_index
from dossier.core.lock import LOCK_NAME, acquire
from dossier.core.opening import open_dossier
from dossier.core.sql_driver import sqlite3 as driver
from dossier.core.storage import Dossier
from dossier.core.trash import empty_trash
from tests import sqldump
from tests.integrity_helpers import files_under
from tests.mounts import read_only_view
from tests.unit.test_foreign_schema import WIPE, tamper


def dump(folder: Path) -> list[str]:
    """Everything in the database, read without changing it."""
    return sqldump.dump(folder / "dossier.sqlite")


def trash_a_note(folder: Path) -> None:
    """Something in the trash, to try restoring it and emptying the trash."""
    with open_dossier(folder) as opened:
        records.delete(opened, "note", records.list_records(opened, "note")[0]["id"])


@pytest.fixture
def foreign(demo_copy: Path) -> Iterator[Dossier]:
    """The example dossier with a trigger that is not ours, open (for reading only)."""
    trash_a_note(demo_copy)
    tamper(demo_copy, WIPE)
    with open_dossier(demo_copy) as opened:
        yield opened


def _changes(dossier: Dossier, tmp_path: Path) -> dict[str, Callable[[], Any]]:
    new_file = tmp_path / "letter.txt"
    new_file.write_text("A letter to add.\n")
    case = records.list_records(dossier, "case")[0]
    note = records.list_records(dossier, "note")[0]
    asked = [q["id"] for q in records.list_records(dossier, "question")]
    in_trash = dossier.db.execute("SELECT entity, record_id FROM trash").fetchone()
    comparison = records.list_records(dossier, "comparison")[0]
    opinions = [o["id"] for o in records.list_records(dossier, "opinion", case_id=case["id"])]
    return {
        "add": lambda: records.create(dossier, "note", {"text": "new"}),
        "edit": lambda: records.update(dossier, "note", note["id"], {"text": "changed"}),
        "delete": lambda: records.delete(dossier, "case", case["id"]),
        "restore": lambda: records.restore(dossier, in_trash[0], in_trash[1]),
        "empty the trash": lambda: empty_trash(dossier),
        "import": lambda: import_paths(dossier, [new_file]),
        "reorder questions": lambda: questions.reorder(dossier, list(reversed(asked))),
        "person": lambda: person.update_person(dossier, {"name": "Someone Else"}),
        "compare": lambda: ops.start(dossier, case["id"], opinions[:2]),
        "verdict": lambda: ops.set_verdict(dossier, comparison["id"], "diagnosis", "same"),
        "rebuild the index": lambda: rebuild_search_index(dossier),
    }


def test_every_change_is_refused_before_anything_is_touched(
    foreign: Dossier, tmp_path: Path
) -> None:
    folder = foreign.path
    database, files = dump(folder), files_under(folder)
    for name, change in _changes(foreign, tmp_path).items():
        with pytest.raises(ReadOnlyDossier) as caught:
            change()
        assert caught.value.message.startswith("This dossier is open for reading only"), name
        assert dump(folder) == database, name
        assert files_under(folder) == files, name


def test_reading_works(foreign: Dossier, tmp_path: Path) -> None:
    assert records.list_records(foreign, "case")
    assert records.get(foreign, "person", 1)["name"]
    assert search.search(foreign, "knee")
    archive = export_archive(foreign, tmp_path / "copy.zip")
    assert archive.path.is_file()
    report = check_dossier(foreign, hashes=True)
    assert {f.code for f in report.findings} == {"foreign_schema"}


def test_the_database_refuses_even_a_write_outside_the_core(foreign: Dossier) -> None:
    """SQLite's query_only as the last line: nothing can write through this connection."""
    with pytest.raises(driver.OperationalError, match="readonly"):
        foreign.db.execute("DELETE FROM document")
    assert records.list_records(foreign, "document")


def test_atomic_says_why(tmp_path: Path) -> None:
    db = Database(driver.connect(str(tmp_path / "plain.sqlite")))
    db.execute("CREATE TABLE t (x)")
    db.refuse_writes("Because.")
    with pytest.raises(ReadOnlyDossier, match=r"^Because\.$"), db.atomic():
        pytest.fail("the block must not run")
    db.refuse_writes(None)
    with db.atomic():
        db.execute("INSERT INTO t VALUES (1)")
    db.close()


def test_opening_writes_nothing_into_it(demo_copy: Path) -> None:
    """No migration, no start-up sweep, no vault folders, no lock file for the check."""
    left = demo_copy / "vault" / "tmp" / "incoming-left"
    left.write_bytes(b"part of a file, left by an interrupted import")
    tamper(demo_copy, WIPE)
    before = files_under(demo_copy)
    with open_dossier(demo_copy) as opened:
        assert opened.swept is None  # the sweep would have moved it to quarantine/
        check_dossier(opened, hashes=False)
    assert files_under(demo_copy) == before
    assert not (demo_copy / "quarantine").exists()
    shutil.rmtree(demo_copy / "vault" / "tmp")
    with open_dossier(demo_copy):
        pass
    assert not (demo_copy / "vault" / "tmp").exists()  # vault.ensure() did not run


# A real read-only folder (root: a read-only bind mount) --------------------------------


@pytest.fixture
def on_a_cd(demo_copy: Path, tmp_path: Path) -> Iterator[Path]:
    """The example dossier seen through a read-only mount, like a CD."""
    trash_a_note(demo_copy)
    with read_only_view(demo_copy, tmp_path / "cd") as view:
        yield view


def test_a_dossier_on_a_read_only_drive_opens_for_reading(on_a_cd: Path, tmp_path: Path) -> None:
    with acquire(on_a_cd, "window"), open_dossier(on_a_cd) as opened:
        assert opened.read_only is not None and opened.read_only.cause == "medium"
        assert "cannot be written to" in opened.read_only.notice
        assert records.list_records(opened, "case")
        assert search.search(opened, "knee")
        assert export_archive(opened, tmp_path / "copy.zip").path.is_file()
        assert check_dossier(opened).ok
        for name, change in _changes(opened, tmp_path).items():
            with pytest.raises(ReadOnlyDossier, match="cannot be written to"):
                change()
            assert name
        with pytest.raises(ReadOnlyDossier):
            repair(opened, check_dossier(opened, hashes=False))
    assert sorted(os.listdir(on_a_cd)) == ["dossier.sqlite", "vault"]
    assert not (on_a_cd / LOCK_NAME).exists()


def test_a_dossier_on_a_read_only_drive_can_be_backed_up(on_a_cd: Path) -> None:
    made = make_backup(on_a_cd)
    assert made.backup.documents > 0
    assert list_backups(on_a_cd)
    assert sorted(os.listdir(on_a_cd)) == ["dossier.sqlite", "vault"]


def test_its_journal_is_read_when_its_index_is_there(demo_copy: Path, tmp_path: Path) -> None:
    """Copied (burned) while it was open: the latest changes are in the -wal, with its -shm."""
    copy = tmp_path / "copied-while-open"
    with open_dossier(demo_copy) as opened:
        opened.db.execute("PRAGMA wal_autocheckpoint = 0")
        records.create(opened, "note", {"text": "Only in the journal."})
        shutil.copytree(demo_copy, copy)
    assert (copy / "dossier.sqlite-wal").stat().st_size > 0
    with read_only_view(copy, tmp_path / "cd") as view, open_dossier(view) as opened:
        texts = [n["text"] for n in records.list_records(opened, "note")]
        assert "Only in the journal." in texts
    (copy / "dossier.sqlite-shm").unlink()
    with read_only_view(copy, tmp_path / "cd") as view:
        with pytest.raises(DossierOpenError) as caught:
            open_dossier(view)
        assert "journal file" in caught.value.message
        assert "copy the whole dossier folder" in caught.value.message.lower()
