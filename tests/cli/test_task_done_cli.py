"""Marking a deadline done on the command line dates it, as the calendar's button does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.runner import run, run_json

TODAY = "2026-06-15"


def test_done_from_the_command_line_takes_today_and_not_done_clears_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOSSIER_TODAY", TODAY)
    folder = str(tmp_path / "anna")
    run("init", folder, "--name", "Anna Müller")
    d = ("--dossier", folder)
    task = run_json("add", "task", *d, "--data", json.dumps({"title": "Send the objection"}))
    assert task["done_on"] is None

    done = run_json("edit", "task", str(task["id"]), *d, "--data", '{"done": true}')
    assert done["done"] is True and done["done_on"] == TODAY
    assert run_json("show", "task", str(task["id"]), *d)["done_on"] == TODAY

    again = run_json("edit", "task", str(task["id"]), *d, "--data", '{"done": false}')
    assert again["done"] is False and again["done_on"] is None

    added = run_json("add", "task", *d, "--data", '{"title": "Already sent", "done": true}')
    assert added["done_on"] == TODAY
