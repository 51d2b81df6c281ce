"""``dossier calendar``: a calendar file written once, or kept up to date in a folder and
written again after every command that changes the dossier, as a person runs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import vobject

from dossier.core import records
from dossier.core.crypto import keyring
from dossier.core.crypto.unlock import new_protection
from dossier.core.opening import create_dossier
from tests.cli.hostile_arguments import digest
from tests.cli.runner import ENV, run
from tests.protection_keys import FAST

PASSPHRASE = "a calendar passphrase"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A dossier (made in this process) with a case, an appointment and a task."""
    path = tmp_path / "dossier"
    with create_dossier(path, name="Anna Jansen") as made:
        records.create(made, "case", {"title": "Knee", "decision_deadline": "2026-07-01"})
        records.create(made, "case", {"title": "Heart", "decision_deadline": "2026-08-01"})
        records.create(made, "appointment", {"case_id": 1, "starts_at": "2026-06-02T10:30"})
        records.create(made, "task", {"case_id": 2, "title": "Call", "due_on": "2026-06-05"})
    return path


def uids(path: Path) -> set[str]:
    return {str(e["uid"]) for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_out_writes_a_calendar_file_of_the_dossier_or_one_case(
    folder: Path, tmp_path: Path
) -> None:
    d = ("--dossier", str(folder))
    out = tmp_path / "all.ics"
    done = run("calendar", *d, "--out", str(out))
    assert done.stdout == (
        f"Wrote {out}: a calendar program can import it (in most, File → Import).\n"
    )
    assert len(uids(out)) == 4  # two deadlines, the appointment, the task
    assert len(vobject.readOne(out.read_text(encoding="utf-8")).vevent_list) == 4
    knee = tmp_path / "knee.ics"
    said = json.loads(run("calendar", *d, "--out", str(knee), "--case", "1", "--json").stdout)
    assert said == {"out": str(knee)}
    assert {u.split(".")[0] for u in uids(knee)} == {"appointment-1", "deadline-1"}
    assert uids(knee) <= uids(out)  # the same identifiers in both files


def test_keep_in_keeps_the_file_up_to_date_after_every_change(folder: Path, tmp_path: Path) -> None:
    d = ("--dossier", str(folder))
    assert "No calendar file is kept up to date" in run("calendar", *d).stdout
    kept = tmp_path / "calendar"
    kept.mkdir()
    done = run("calendar", *d, "--keep-in", str(kept))
    path = kept / "Anna Jansen - second opinion.ics"
    assert done.stdout.startswith(f"The calendar file {path} is kept up to date")
    assert "encrypted" not in done.stdout  # not protected: nothing to warn of
    first = uids(path)
    run("add", "appointment", *d, "--data", '{"case_id": 2, "starts_at": "2026-06-20T09:00"}')
    after_add = uids(path)
    assert first < after_add and len(after_add) == len(first) + 1
    run("edit", "appointment", "1", *d, "--data", '{"location": "Room 4"}')
    assert uids(path) == after_add  # updated in place, not duplicated
    assert "Room 4" in path.read_text(encoding="utf-8")
    run("edit", "task", "1", *d, "--data", '{"done": true}')
    assert len(uids(path)) == len(after_add) - 1  # a task done is off the calendar
    assert run("calendar", *d).stdout == f"The calendar file {path} is kept up to date.\n"
    stopped = run("calendar", *d, "--stop-keeping")
    assert "no longer kept up to date" in stopped.stdout and path.is_file()
    before = path.read_bytes()
    run("edit", "appointment", "1", *d, "--data", '{"location": "Room 5"}')
    assert path.read_bytes() == before


def test_a_restored_backup_is_in_the_kept_file_at_once(folder: Path, tmp_path: Path) -> None:
    d = ("--dossier", str(folder))
    kept = tmp_path / "calendar"
    kept.mkdir()
    run("calendar", *d, "--keep-in", str(kept))
    [path] = kept.glob("*.ics")
    run("backup", *d)
    before = uids(path)
    run("add", "appointment", *d, "--data", '{"case_id": 2, "starts_at": "2026-06-20T09:00"}')
    assert uids(path) != before
    run("restore", "latest", *d, "--yes")
    assert uids(path) == before  # the appointment added after the backup is gone from it too


def test_a_feed_that_cannot_be_written_is_said_and_the_change_stands(
    folder: Path, tmp_path: Path
) -> None:
    d = ("--dossier", str(folder))
    kept = tmp_path / "stick"
    kept.mkdir()
    run("calendar", *d, "--keep-in", str(kept))
    shutil.rmtree(kept)
    done = run("edit", "appointment", "1", *d, "--data", '{"location": "Room 6"}')
    assert done.stderr == (
        f"dossier: The calendar file cannot be kept up to date: the folder {kept} is not "
        "there (perhaps on a drive that is not connected). Connect it, choose another "
        "folder, or stop keeping the calendar file.\n"
    )
    shown = json.loads(run("show", "appointment", "1", *d, "--json").stdout)
    assert shown["location"] == "Room 6"
    assert not kept.exists()


def test_refusals_change_nothing(folder: Path, tmp_path: Path) -> None:
    d = ("--dossier", str(folder))
    before = digest(folder)
    kept = tmp_path / "kept"
    kept.mkdir()
    for args, code, words in (
        (("--keep-in", str(kept), "--stop-keeping"), 2, "Choose --keep-in or --stop-keeping"),
        (("--case", "1"), 2, "--case goes with --out"),
        (("--out", str(tmp_path / "x.ics"), "--case", "9"), 1, "no case"),
        (
            ("--out", str(tmp_path / "x.ics"), "--keep-in", str(tmp_path / "no")),
            1,
            "There is no folder",
        ),
        (("--keep-in", str(folder / "vault")), 1, "outside the dossier's folder"),
        (("--out", str(folder / "x.ics")), 2, "outside the dossier's folder"),
    ):
        done = run("calendar", *d, *args, check=code)
        assert words.lower() in done.stderr.lower(), done.stderr
        assert len(done.stderr.splitlines()) == 1
    assert digest(folder) == before
    assert not (tmp_path / "x.ics").exists() and list(kept.iterdir()) == []
    assert "No calendar file is kept" in run("calendar", *d).stdout


def test_a_protected_dossiers_file_is_said_to_be_unencrypted(tmp_path: Path) -> None:
    path = tmp_path / "protected"
    protection = new_protection(PASSPHRASE, params=FAST)
    with create_dossier(path, name="Anna Jansen", protection=protection) as made:
        records.create(made, "appointment", {"starts_at": "2026-06-02T10:30"})
    keyring.forget_all()
    kept = tmp_path / "calendar"
    kept.mkdir()
    env = {**os.environ, **ENV, "DOSSIER_PASSPHRASE": PASSPHRASE}

    def calendar(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "dossier", "calendar", "--dossier", str(path), *args],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=180,
            check=True,
        ).stdout

    said = json.loads(calendar("--keep-in", str(kept), "--json"))
    assert said["warning"].startswith(
        "This dossier is protected with a passphrase, but the calendar file is not encrypted"
    )
    exported = calendar("--out", str(tmp_path / "once.ics"))
    assert exported.splitlines()[-1] == said["warning"]
    assert "not encrypted" not in calendar()  # only when a file is written
    assert len(uids(Path(said["kept_in"]))) == 1
