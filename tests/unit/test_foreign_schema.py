"""The database holds only what the program put there: a trigger, view, index or table added
to ``dossier.sqlite`` (or one of ours changed) opens the dossier for reading only, the check
names each one, and its repair removes them after a backup."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from dossier.core import records
from dossier.core.backup import list_backups, set_backup_folder
from dossier.core.errors import DossierOpenError, ReadOnlyDossier
from dossier.core.integrity.check import check_dossier
from dossier.core.integrity.foreign_schema import schema_differences
from dossier.core.integrity.repair import repair
from dossier.core.opening import open_dossier
from dossier.core.schema import APPLICATION_ID, MIGRATIONS, Migrations, known_migrations
from dossier.core.schema_compare import (
    _build,
    _build_with_sqlite_utils,
    expected_digest,
    read_schema,
    shown_name,
)
from dossier.core.schema_guard import KNOWN_DIGEST
from dossier.core.sql_driver import sqlite3
from dossier.core.storage import Dossier

WIPE = "CREATE TRIGGER wipe AFTER INSERT ON note BEGIN DELETE FROM document; END"
ALL = frozenset(known_migrations())


def tamper(folder: Path, *statements: str) -> None:
    """Change ``dossier.sqlite`` behind the program's back, as another tool would."""
    conn = sqlite3.connect(folder / "dossier.sqlite")
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def objects_in(path: Path) -> dict[tuple[str, str], str | None]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return {
            (str(t), str(n)): s
            for t, n, s in conn.execute("SELECT type, name, sql FROM sqlite_master")
        }
    finally:
        conn.close()


def shapes(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, str | None]]:
    return {item.key: item.shape(frozenset()) for item in read_schema(conn)}


# The expected schema -------------------------------------------------------------------


def test_a_new_dossier_has_exactly_the_schema_of_the_migrations(dossier: Dossier) -> None:
    assert dossier.read_only is None
    assert schema_differences(dossier) == []


def test_the_quick_build_makes_what_sqlite_utils_makes() -> None:
    """The expected schema is built without sqlite-utils (a quicker start); it must be the
    very schema the real migrations make, sqlite-utils' bookkeeping table included."""
    quick, real = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    try:
        _build(quick, ALL)
        _build_with_sqlite_utils(real, ALL)
        assert shapes(quick) == shapes(real)
    finally:
        quick.close()
        real.close()


def test_the_known_digest_is_that_of_a_fresh_build() -> None:
    """Only a shortcut (a stale value costs time, not a wrong answer); update it with a new
    migration to the value this test prints."""
    assert expected_digest(ALL) == KNOWN_DIGEST


def test_statistics_made_by_analyze_are_not_foreign(demo_copy: Path) -> None:
    tamper(demo_copy, "ANALYZE")
    assert ("table", "sqlite_stat1") in objects_in(demo_copy / "dossier.sqlite")
    with open_dossier(demo_copy) as opened:
        assert opened.read_only is None


def older_dossier(folder: Path, *statements: str) -> Path:
    """A dossier as the first version made it (only the first migration), then ``statements``."""
    folder.mkdir()
    conn = sqlite3.connect(folder / "dossier.sqlite")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    first_only = Migrations(MIGRATIONS.name)
    first_only.steps = MIGRATIONS.steps[:1]
    first_only.apply(sqlite_utils.Database(conn))
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return folder


def test_an_older_dossier_is_compared_with_its_own_migrations(tmp_path: Path) -> None:
    """A dossier made before the second migration is not taken for a tampered one."""
    with open_dossier(older_dossier(tmp_path / "old")) as opened:
        assert opened.read_only is None
        assert schema_differences(opened) == []


def test_opening_an_up_to_date_dossier_does_not_build_the_expected_schema(
    dossier: Dossier,
) -> None:
    """The digest is enough: the object-by-object comparison is not even loaded."""
    path = dossier.path
    dossier.close()
    script = (
        "import sys; from dossier.core.opening import open_dossier; "
        f"d = open_dossier({str(path)!r}); d.close(); "
        "print('dossier.core.schema_compare' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


# Opening: read-only, nothing written ----------------------------------------------------


def test_a_trigger_added_behind_our_back_runs_never_and_deletes_nothing(demo_copy: Path) -> None:
    """The issue's case: a note added would have deleted every document."""
    tamper(demo_copy, WIPE)
    with open_dossier(demo_copy) as opened:
        assert opened.read_only is not None and opened.read_only.cause == "foreign"
        assert "trigger “wipe” on the table note" in opened.read_only.notice
        documents = len(records.list_records(opened, "document"))
        notes = len(records.list_records(opened, "note"))
        assert documents > 0
        with pytest.raises(ReadOnlyDossier) as caught:
            records.create(opened, "note", {"text": "This would have set the trigger off."})
        assert "open for reading only, so nothing was changed" in caught.value.message
        assert "“wipe”" in caught.value.message and "\n" not in caught.value.message
        assert len(records.list_records(opened, "document")) == documents
        assert len(records.list_records(opened, "note")) == notes
    assert ("trigger", "wipe") in objects_in(demo_copy / "dossier.sqlite")


@pytest.mark.parametrize(
    ("statements", "change", "kind", "name", "removable"),
    [
        ([WIPE], "added", "trigger", "wipe", True),
        (["CREATE VIEW everything AS SELECT * FROM document"], "added", "view", "everything", True),
        (["CREATE INDEX note_text ON note(text)"], "added", "index", "note_text", True),
        (["CREATE TABLE stash (x)"], "added", "table", "stash", True),
        (
            ["DROP INDEX trash_batch", "CREATE INDEX trash_batch ON trash(label)"],
            "changed",
            "index",
            "trash_batch",
            True,
        ),
        (["DROP INDEX note_case"], "missing", "index", "note_case", True),
        (["ALTER TABLE note ADD COLUMN extra TEXT"], "changed", "table", "note", False),
        (
            [  # a CHECK removed, as only editing the schema itself can
                "PRAGMA writable_schema = ON",
                "UPDATE sqlite_master SET sql = replace(sql, 'CHECK (id = 1)', '') "
                "WHERE name = 'person'",
            ],
            "changed",
            "table",
            "person",
            False,
        ),
    ],
)
def test_each_kind_of_foreign_object_is_found(
    demo_copy: Path,
    statements: list[str],
    change: str,
    kind: str,
    name: str,
    removable: bool,
) -> None:
    tamper(demo_copy, *statements)
    with open_dossier(demo_copy) as opened:
        assert opened.read_only is not None
        found = schema_differences(opened)
        assert [(d.change, d.object.type, d.object.name) for d in found] == [(change, kind, name)]
        assert found[0].removable is removable
        with pytest.raises(ReadOnlyDossier):
            records.create(opened, "case", {"title": "Refused"})


def test_names_from_the_file_are_shown_harmlessly() -> None:
    hostile = "x\u202eevil\n\x1b[31m" + "y" * 200
    shown = shown_name(hostile)
    assert "\n" not in shown and "\x1b" not in shown and "\u202e" not in shown
    assert "\\u202e" in shown and len(shown) <= 60


def test_an_older_dossier_with_foreign_objects_is_not_opened(tmp_path: Path) -> None:
    """It would need migrating (writing) while they are in it: refused, nothing changed."""
    folder = older_dossier(tmp_path / "old", WIPE)
    before = (folder / "dossier.sqlite").read_bytes()
    with pytest.raises(DossierOpenError) as caught:
        open_dossier(folder)
    assert "did not put there" in caught.value.message
    assert (folder / "dossier.sqlite").read_bytes() == before


# The check and its repair -------------------------------------------------------------


def test_the_check_names_each_foreign_object(demo_copy: Path) -> None:
    tamper(
        demo_copy,
        WIPE,
        "CREATE VIEW everything AS SELECT * FROM document",
        "ALTER TABLE note ADD COLUMN extra TEXT",
    )
    with open_dossier(demo_copy) as opened:
        report = check_dossier(opened, hashes=False)
    assert not report.ok and report.repairable
    found = {f.code: f for f in report.findings}
    labels = [item.label for item in found["foreign_schema"].items]
    assert labels == ["an added trigger “wipe” on the table note", "an added view “everything”"]
    assert found["foreign_schema"].repairable
    assert [i.label for i in found["schema_changed"].items] == ["the table “note”, changed"]
    assert not found["schema_changed"].repairable
    assert "backup" in found["schema_changed"].advice


def test_repair_backs_up_then_removes_them_and_the_dossier_can_be_changed_again(
    demo_copy: Path,
) -> None:
    tamper(
        demo_copy,
        WIPE,
        "CREATE VIEW everything AS SELECT * FROM document",
        "CREATE TABLE stash (x)",
        "DROP INDEX trash_batch",
        "CREATE INDEX trash_batch ON trash(label)",
        "DROP INDEX note_case",
    )
    with open_dossier(demo_copy) as opened:
        documents = len(records.list_records(opened, "document"))
        report = check_dossier(opened, hashes=False)
        result = repair(opened, report)
        assert result.schema is not None and result.schema.backup is not None
        # The backup was made first: it still holds what was removed, so nothing is lost.
        kept = objects_in(result.schema.backup / "dossier.sqlite")
        assert ("trigger", "wipe") in kept and ("table", "stash") in kept
        assert len(result.schema.removed) == 5 and result.schema.left == []
        assert opened.read_only is None
        assert result.after.ok, result.after.as_dict()
        records.create(opened, "note", {"text": "Written after the repair."})
        assert len(records.list_records(opened, "document")) == documents
        assert any("Made a backup first" in line for line in result.summary())
    now = objects_in(demo_copy / "dossier.sqlite")
    assert ("trigger", "wipe") not in now and ("table", "stash") not in now
    assert now[("index", "trash_batch")] == "CREATE INDEX trash_batch ON trash(batch)"
    assert ("index", "note_case") in now
    with open_dossier(demo_copy) as again:
        assert again.read_only is None


def test_without_a_backup_nothing_is_removed(demo_copy: Path, tmp_path: Path) -> None:
    drive = tmp_path / "usb"
    drive.mkdir()
    set_backup_folder(demo_copy, drive)
    drive.rmdir()  # the backup drive is not connected
    tamper(demo_copy, WIPE)
    with open_dossier(demo_copy) as opened:
        result = repair(opened, check_dossier(opened, hashes=False))
        assert result.schema is not None and result.schema.backup is None
        assert result.schema.backup_failed is not None and result.schema.removed == []
        assert opened.read_only is not None
        assert any("no backup could be made" in line for line in result.summary())
        assert not result.after.ok
    assert ("trigger", "wipe") in objects_in(demo_copy / "dossier.sqlite")


def test_a_changed_table_is_left_for_a_backup_and_nothing_else_is_repaired(
    demo_copy: Path,
) -> None:
    tamper(demo_copy, WIPE, "ALTER TABLE note ADD COLUMN extra TEXT")
    with open_dossier(demo_copy) as opened:
        result = repair(opened, check_dossier(opened, hashes=False))
        assert result.schema is not None
        assert result.schema.removed == ["an added trigger “wipe” on the table note"]
        assert result.schema.left == ["the table “note”, changed"]
        assert opened.read_only is not None  # still: only a backup can put the table back
        assert {f.code for f in result.after.findings} == {"schema_changed"}
        with pytest.raises(ReadOnlyDossier):
            records.create(opened, "note", {"text": "Refused."})
    assert len(list_backups(demo_copy)) == 1
