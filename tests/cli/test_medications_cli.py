"""The medicine list from the real command line: added, listed (also as JSON), stopped,
and refused when it would be stopped before it was started."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.runner import run, run_json

REFUSAL = (
    "A medicine cannot be stopped before it was started: “until” is 1 April 2026, "
    "“since” is 20 April 2026. Change one of the two dates."
)


def test_medicines_are_added_listed_and_stopped(tmp_path: Path) -> None:
    path = str(tmp_path / "maggie")
    run("init", path, "--name", "Margaret Lindqvist", "--born", "1958-04-23")
    d = ("--dossier", path)
    gp = run_json("add", "contact", *d, "--data", '{"name": "Dr. Thomas Achterberg"}')["id"]

    tamoxifen = run_json(
        "add", "medication", *d, "--data",
        json.dumps({
            "name": "Tamoxifen", "strength": "20 mg", "dose": "1 tablet each morning",
            "started_on": "2026-02-03", "prescribed_by_id": gp,
            "reason": "hormone therapy after the operation",
        }),
    )  # fmt: skip
    assert (tamoxifen["started_on"], tamoxifen["ended_on"]) == ("2026-02-03", None)
    assert tamoxifen["prescribed_by_id"] == gp
    ibuprofen = run_json(
        "add", "medicine", *d, "--data",
        '{"name": "Ibuprofen", "strength": "400 mg", "started_on": "2026-04-20"}',
    )  # fmt: skip

    listed = run_json("list", "medications", *d)
    assert [(m["id"], m["name"]) for m in listed] == [
        (tamoxifen["id"], "Tamoxifen"),
        (ibuprofen["id"], "Ibuprofen"),
    ]
    assert listed[0]["reason"] == "hormone therapy after the operation"
    plain = run("list", "medications", *d).stdout
    assert "Tamoxifen · 20 mg" in plain and "Ibuprofen · 400 mg" in plain

    stopped = run_json(
        "edit", "medication", str(ibuprofen["id"]), *d, "--data", '{"ended_on": "2026-05-02"}'
    )
    assert stopped["ended_on"] == "2026-05-02"
    assert run_json("show", "medication", str(ibuprofen["id"]), *d) == stopped


def test_a_medicine_stopped_before_it_started_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "maggie")
    run("init", path, "--name", "Margaret Lindqvist", "--born", "1958-04-23")
    d = ("--dossier", path)
    data = {"name": "Ibuprofen", "started_on": "2026-04-20", "ended_on": "2026-04-01"}

    refused = run("add", "medication", *d, "--data", json.dumps(data), check=1)
    assert refused.stderr.strip() == f"dossier: {REFUSAL}"
    as_json = run("add", "medication", *d, "--json", "--data", json.dumps(data), check=1)
    assert json.loads(as_json.stdout) == {"error": REFUSAL, "fields": {"ended_on": REFUSAL}}
    assert run_json("list", "medications", *d) == []  # nothing stored

    added = run_json(
        "add", "medication", *d, "--data", '{"name": "Ibuprofen", "started_on": "2026-04-20"}'
    )
    edit = run(
        "edit", "medication", str(added["id"]), *d, "--data", '{"ended_on": "2026-04-01"}',
        check=1,
    )  # fmt: skip
    assert REFUSAL in edit.stderr
    (kept,) = run_json("list", "medications", *d)
    assert kept["ended_on"] is None and kept == added
