"""``dossier told``: the checklist of who has been told about a case's decision, ticked and
unticked from the command line, and the plain refusals (nothing changes on a refusal)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.runner import run, run_json

TODAY = "2026-06-15"


@pytest.fixture
def knee(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A decided knee case with a GP, a surgeon and an insurer; the numbers by name."""
    monkeypatch.setenv("DOSSIER_TODAY", TODAY)
    folder = str(tmp_path / "maggie")
    run("init", folder, "--name", "Maggie Lindqvist")
    d = ("--dossier", folder)

    def add(kind: str, data: dict[str, object]) -> str:
        return str(run_json("add", kind, *d, "--data", json.dumps(data))["id"])

    gp = add("contact", {"name": "Dr. Achterberg", "specialty": "General practice"})
    surgeon = add("contact", {"name": "Dr. Okonkwo"})
    insurer = add("contact", {"name": "Nordhaven", "role": "insurer"})
    case = add("case", {"title": "Right knee", "referred_by_id": int(gp),
                        "treating_id": int(surgeon), "status": "decided"})  # fmt: skip
    return {"folder": folder, "gp": gp, "surgeon": surgeon, "insurer": insurer, "case": case}


def test_list_tick_and_untick(knee: dict[str, str]) -> None:
    d = ("--dossier", knee["folder"], "--case", knee["case"])
    listed = run("told", *d).stdout
    assert listed.splitlines() == [
        "Who has been told about the decision on “Right knee”:",
        f"  [ ] {knee['gp']} Dr. Achterberg (General practice): not yet",
        f"  [ ] {knee['surgeon']} Dr. Okonkwo: not yet",
    ]
    ticked = run("told", *d, "--contact", knee["gp"], "--on", "2026-06-01", "--how", "letter")
    assert ticked.stdout == (
        f"Marked as told: {knee['gp']} Dr. Achterberg (General practice): "
        "told on 2026-06-01 (letter)\n"
    )
    today = run_json("told", *d, "--contact", knee["surgeon"])
    assert (today["told"], today["told_on"], today["how"]) == (True, TODAY, None)
    checklist = run_json("told", *d)
    assert checklist["decided"] is True
    assert [(r["contact_id"], r["told_on"]) for r in checklist["checklist"]] == [
        (int(knee["gp"]), "2026-06-01"),
        (int(knee["surgeon"]), TODAY),
    ]
    assert run("told", *d).stdout.splitlines()[-1] == "Everyone has been told."

    twice = run_json("told", *d, "--contact", knee["surgeon"], "--on", "2026-06-14")
    assert twice["told_on"] == "2026-06-14"
    assert len(run_json("list", "hand_overs", "--dossier", knee["folder"])) == 2

    unticked = run("told", *d, "--contact", knee["gp"], "--undo")
    assert unticked.stdout.startswith("Marked as not told: ")
    assert run_json("told", *d)["checklist"][0]["told"] is False
    trash = run_json("trash", "--dossier", knee["folder"])
    assert [entry["entity"] for entry in trash] == ["hand_over"]


def test_refusals_are_plain_and_change_nothing(knee: dict[str, str]) -> None:
    folder = knee["folder"]
    d = ("--dossier", folder, "--case", knee["case"])
    refusals = [
        (("--contact", knee["insurer"]), 1, "Nordhaven is not one of the doctors or institutions"),
        (("--contact", "999"), 1, "There is no contact number 999."),
        (("--contact", knee["gp"], "--on", "15/06/2026"), 1, "written as YYYY-MM-DD"),
        (("--contact", knee["gp"], "--on", "2026-06-16"), 1, "cannot be in the future"),
        (("--contact", knee["gp"], "--undo"), 1, "is not marked as told"),
        (("--contact", knee["gp"], "--undo", "--on", "2026-06-01"), 2, "not with --undo"),
        (("--undo",), 2, "need --contact"),
    ]
    for extra, status, words in refusals:
        done = run("told", *d, *extra, check=status)
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("dossier: ")
        assert words in done.stderr, done.stderr
    unknown = run("told", "--dossier", folder, "--case", "999", check=1)
    assert unknown.stderr == "dossier: There is no case number 999.\n"
    assert run_json("list", "hand_overs", "--dossier", folder) == []
