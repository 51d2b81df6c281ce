"""``dossier invitation FILE.ics``: shows what it would add and adds nothing without --yes;
adds with --yes and says the numbers; refuses in one plain line (a duplicate, a hostile
file, a cancellation). ``dossier import`` of an invitation says what to run instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.cli.parser import build_parser
from dossier.cli.registry import writes
from tests.cli.runner import run, run_json
from tests.invitations import CANCEL, JERUSALEM, OUTLOOK


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A new dossier; the computer in Amsterdam (the subprocesses inherit TZ)."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    path = str(tmp_path / "anna")
    run("init", path, "--name", "Anna Müller")
    return path


def invite(tmp_path: Path, data: bytes, name: str = "invite.ics") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def appointments(folder: str) -> list[dict]:
    found: list[dict] = run_json("list", "appointments", "--dossier", folder)
    return found


def test_shown_first_then_added_with_yes(folder: str, tmp_path: Path) -> None:
    ics = invite(tmp_path, OUTLOOK)
    shown = run("invitation", "--dossier", folder, ics)
    assert "Appointment: 3 Jun 2026, 09:30" in shown.stdout
    assert "Where: Polikliniek Oncologie, gebouw B, kamer 2.14" in shown.stdout
    assert "Purpose: Consult oncologie (tweede mening)" in shown.stdout
    assert "Invitation from Dr. A. de Vries." in shown.stdout
    assert "To add it, give the same command with --yes." in shown.stdout
    assert shown.stderr == ""
    assert appointments(folder) == []

    added = run("invitation", "--dossier", folder, ics, "--yes")
    (stored,) = appointments(folder)
    assert f"Added appointment {stored['id']}." in added.stdout
    assert stored["starts_at"] == "2026-06-03T09:30"
    assert stored["location"] == "Polikliniek Oncologie, gebouw B, kamer 2.14"

    again = run("invitation", "--dossier", folder, ics, "--yes", check=1)
    assert again.stderr == (
        f"dossier: This appointment is already in the dossier: appointment number "
        f"{stored['id']} (3 Jun 2026, 09:30). Nothing was added.\n"
    )
    assert (
        "Already in the dossier as appointment"
        in run("invitation", "--dossier", folder, ics).stdout
    )
    assert len(appointments(folder)) == 1


def test_the_case_and_the_time_of_another_zone(folder: str, tmp_path: Path) -> None:
    case = run_json("add", "case", "--dossier", folder, "--data", '{"title": "Lump"}')
    ics = invite(tmp_path, JERUSALEM)
    missing = run("invitation", "--dossier", folder, ics, "--case", "999", "--yes", check=1)
    assert missing.stderr == "dossier: There is no case number 999.\n"
    said = run_json("invitation", "--dossier", folder, ics, "--case", str(case["id"]), "--yes")
    (proposed,) = said["appointments"]
    assert proposed["starts_at"] == "2026-06-15T08:00"
    assert proposed["written_as"] == "09:00 Asia/Jerusalem"
    (stored,) = appointments(folder)
    assert said["added"] == [stored["id"]]
    assert stored["case_id"] == case["id"]
    assert stored["purpose"] == "ייעוץ אונקולוגי - חוות דעת שנייה"


def test_a_cancellation_adds_nothing(folder: str, tmp_path: Path) -> None:
    ics = invite(tmp_path, CANCEL)
    shown = run("invitation", "--dossier", folder, ics)
    assert shown.stdout.startswith("This is a cancellation, not an invitation")
    refused = run("invitation", "--dossier", folder, ics, "--yes", check=1)
    assert refused.stderr.startswith("dossier: This is a cancellation, not an invitation")
    assert appointments(folder) == []


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (bytes(range(256)) * 64, "This file is not a calendar invitation"),
        (b"BEGIN:VCALENDAR\r\n" + b"X" * (2 << 20), "too large for a calendar invitation"),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "it has no start",
        ),
    ],
    ids=["junk", "two megabytes", "no start"],
)
def test_hostile_files_are_refused_in_one_line(
    folder: str, tmp_path: Path, data: bytes, words: str
) -> None:
    ics = invite(tmp_path, data)
    for extra in ((), ("--yes",)):
        refused = run("invitation", "--dossier", folder, ics, *extra, check=1)
        assert refused.stdout == ""
        assert refused.stderr.count("\n") == 1 and words in refused.stderr
    assert appointments(folder) == []


def test_import_of_an_invitation_says_what_to_run_instead(folder: str, tmp_path: Path) -> None:
    ics = invite(tmp_path, OUTLOOK)
    said = run("import", "--dossier", folder, ics, "--no-ocr", check=1)
    assert "This is a calendar invitation, not a document" in said.stdout
    assert "“dossier invitation FILE”" in said.stdout
    assert run_json("list", "documents", "--dossier", folder) == []
    assert appointments(folder) == []


def test_only_adding_takes_the_dossier_lock() -> None:
    parser = build_parser()
    assert not writes(parser.parse_args(["invitation", "x.ics"]))
    assert writes(parser.parse_args(["invitation", "x.ics", "--yes"]))


def test_the_json_without_yes_adds_nothing(folder: str, tmp_path: Path) -> None:
    said = json.loads(
        run("invitation", "--dossier", folder, invite(tmp_path, OUTLOOK), "--json").stdout
    )
    assert said["added"] == [] and said["cancellation"] is False
    assert said["appointments"][0]["already_there"] is None
    assert appointments(folder) == []
