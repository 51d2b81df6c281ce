"""A dossier open for reading only, through the real command line: reading commands work,
changing ones exit with 2 and one line saying why, and nothing is written.

Two cases a person meets: a trigger someone added to ``dossier.sqlite`` (the check names
it, ``check --repair`` removes it after a backup), and a dossier on a read-only drive (a
read-only bind mount, as root; skipped otherwise).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli.runner import run, run_json
from tests.integrity_helpers import files_under
from tests.mounts import read_only_view
from tests.unit.test_foreign_schema import WIPE, objects_in, tamper

READING = (
    ("list", "document"),
    ("show", "person"),
    ("search", "knee"),
    ("compare", "1"),
    ("trash",),
)
CHANGING = (
    ("add", "note", "--data", '{"text": "A note."}'),
    ("edit", "case", "1", "--data", '{"title": "Changed"}'),
    ("delete", "case", "1"),
    ("trash", "empty"),
    ("compare", "1", "--start"),
    ("verdict", "1", "diagnosis", "same"),
    ("import", __file__),
)


def _one_line_refusal(args: tuple[str, ...], folder: Path, why: str) -> None:
    result = run(*args, "--dossier", str(folder), check=2)
    assert "Traceback" not in result.stderr, args
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dossier: This dossier is open for reading only")
    assert why in lines[0], args


def _reading_works(folder: Path, tmp_path: Path) -> None:
    for args in READING:
        run(*args, "--dossier", str(folder))
    out = tmp_path / "brief.pdf"
    run("print", "brief", "--case", "1", "--out", str(out), "--dossier", str(folder))
    assert out.read_bytes().startswith(b"%PDF")
    archive = tmp_path / "copy.zip"
    run("export", str(archive), "--dossier", str(folder))
    assert archive.stat().st_size > 0


def test_a_foreign_trigger_deletes_nothing_and_check_repair_removes_it(
    demo_copy: Path, tmp_path: Path
) -> None:
    """The issue's case: `add note` would have run the trigger and deleted every document,
    and `check` said all was in order."""
    documents = len(run_json("list", "document", "--dossier", str(demo_copy)))
    tamper(demo_copy, WIPE)
    database = objects_in(demo_copy / "dossier.sqlite")
    for args in CHANGING:
        _one_line_refusal(args, demo_copy, "“wipe”")
    assert len(run_json("list", "document", "--dossier", str(demo_copy))) == documents
    assert objects_in(demo_copy / "dossier.sqlite") == database
    _reading_works(demo_copy, tmp_path)

    checked = run("check", "--dossier", str(demo_copy), check=1).stdout
    assert "Everything is in order" not in checked
    assert "an added trigger “wipe” on the table note" in checked
    assert "dossier check --repair" in checked
    report = run_json("check", "--repair", "--dossier", str(demo_copy))
    assert report["ok"] is True
    schema = report["repair"]["database_schema"]
    assert schema["removed"] == ["an added trigger “wipe” on the table note"]
    assert ("trigger", "wipe") in objects_in(Path(schema["backup"]) / "dossier.sqlite")
    assert ("trigger", "wipe") not in objects_in(demo_copy / "dossier.sqlite")

    run(
        "add",
        "note",
        "--data",
        '{"text": "Written after the repair."}',
        "--dossier",
        str(demo_copy),
    )
    assert len(run_json("list", "document", "--dossier", str(demo_copy))) == documents


def test_a_table_changed_behind_our_back_needs_a_backup(demo_copy: Path) -> None:
    tamper(demo_copy, "ALTER TABLE note ADD COLUMN extra TEXT")
    _one_line_refusal(("add", "note", "--data", '{"text": "x"}'), demo_copy, "“note”, changed")
    out = json.loads(
        run("check", "--repair", "--dossier", str(demo_copy), "--json", check=1).stdout
    )
    codes = {f["code"] for f in out["check"]["findings"]}
    assert codes == {"schema_changed"}
    assert out["repair"] is None  # nothing repair could do


def test_a_dossier_on_a_read_only_drive(demo_copy: Path, tmp_path: Path) -> None:
    with read_only_view(demo_copy, tmp_path / "cd") as cd:
        before = files_under(cd)
        for args in CHANGING:
            _one_line_refusal(args, cd, "cannot be written to")
        _reading_works(cd, tmp_path)
        assert "Everything is in order." in run("check", "--dossier", str(cd)).stdout
        run("backup", "--dossier", str(cd))  # into the backup folder, not into the dossier
        restore = run("restore", "latest", "--dossier", str(cd), "--yes", check=2)
        assert "cannot be written to" in restore.stderr and "Nothing was changed" in restore.stderr
        assert len(restore.stderr.strip().splitlines()) == 1
        assert files_under(cd) == before
        assert sorted(os.listdir(cd)) == ["dossier.sqlite", "vault"]


def test_repair_on_a_read_only_drive_says_why(demo_copy: Path, tmp_path: Path) -> None:
    (demo_copy / "vault" / "ab").mkdir(exist_ok=True)
    (demo_copy / "vault" / "ab" / "not-ours.bin").write_bytes(b"a file nobody put there")
    with read_only_view(demo_copy, tmp_path / "cd") as cd:
        checked = run("check", "--dossier", str(cd), check=1).stdout
        assert "belongs to no record" in checked
        _one_line_refusal(("check", "--repair"), cd, "cannot be written to")
        assert (cd / "vault" / "ab" / "not-ours.bin").is_file()


@pytest.mark.parametrize("args", READING)
def test_reading_commands_are_not_refused(demo_copy: Path, args: tuple[str, ...]) -> None:
    tamper(demo_copy, WIPE)
    result = run(*args, "--dossier", str(demo_copy))
    assert result.stderr == ""


def test_a_lost_journal_on_a_read_only_drive_is_told_plainly(
    demo_copy: Path, tmp_path: Path
) -> None:
    """Opening it as it is would move its index aside, which cannot be done on a CD."""
    (demo_copy / "dossier.sqlite-shm").write_bytes(b"\x01" * 32768)  # an index, no journal
    with read_only_view(demo_copy, tmp_path / "cd") as cd:
        told = run("check", "--dossier", str(cd), check=2)
        assert "journal file" in told.stderr and "Traceback" not in told.stderr
        _one_line_refusal(("check", "--repair"), cd, "cannot be written to")
        assert (cd / "dossier.sqlite-shm").is_file()
