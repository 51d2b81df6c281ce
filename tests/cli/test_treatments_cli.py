"""Treatments, the person's sex and a case's doctors from the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.runner import run, run_json


def test_treatments_are_added_listed_shown_and_edited(tmp_path: Path) -> None:
    path = str(tmp_path / "maggie")
    run("init", path, "--name", "Margaret Lindqvist", "--born", "1958-04-23")
    d = ("--dossier", path)

    person = run_json("edit", "person", *d, "--data", '{"sex": "female"}')
    assert person["sex"] == "female"
    gp = run_json("add", "contact", *d, "--data", '{"name": "Dr. Thomas Achterberg"}')["id"]
    surgeon = run_json("add", "contact", *d, "--data", '{"name": "Dr. Zoë Martínez"}')["id"]
    case = run_json(
        "add", "case", *d, "--data",
        json.dumps({"title": "Breast cancer", "referred_by_id": gp, "treating_id": surgeon}),
    )  # fmt: skip
    assert (case["referred_by_id"], case["treating_id"]) == (gp, surgeon)

    added = run_json(
        "add", "treatment", *d, "--data",
        json.dumps({
            "case_id": case["id"], "name": "Letrozole 2.5 mg once a day",
            "kind": "hormone therapy", "started_on": "2026-04-01", "contact_id": surgeon,
        }),
    )  # fmt: skip
    assert added["kind"] == "hormone_therapy" and added["ended_on"] is None
    listed = run_json("list", "treatments", *d, "--case", str(case["id"]))
    assert [t["id"] for t in listed] == [added["id"]]
    assert "Letrozole 2.5 mg once a day" in run("list", "treatments", *d).stdout

    edited = run_json(
        "edit", "treatment", str(added["id"]), *d, "--data",
        '{"ended_on": "2026-05-02", "outcome": "Stopped: joint pain."}',
    )  # fmt: skip
    assert (edited["ended_on"], edited["outcome"]) == ("2026-05-02", "Stopped: joint pain.")
    shown = run_json("show", "treatment", str(added["id"]), *d)
    assert shown == edited

    refused = run(
        "add", "treatment", *d, "--json", "--data",
        json.dumps({"case_id": case["id"], "name": "Massage", "kind": "massage"}), check=1,
    )  # fmt: skip
    assert "hormone therapy" in json.loads(refused.stdout)["fields"]["kind"]
    assert len(run_json("list", "treatment", *d)) == 1

    deleted = run_json("delete", "case", str(case["id"]), *d)
    assert {"entity": "treatment", "id": added["id"]} in deleted["with_it"]
    assert run_json("list", "treatments", *d) == []
