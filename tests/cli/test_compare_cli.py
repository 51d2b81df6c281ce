"""The comparison on the command line, in a subprocess, on the demo dossier."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.cli.runner import run, run_json


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("demo") / "maggie"
    run("demo", str(path))
    return str(path)


@pytest.fixture
def demo_copy(demo: str, tmp_path: Path) -> str:
    import shutil

    target = tmp_path / "copy"
    shutil.copytree(demo, target)
    return str(target)


def aspects(table: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["aspect"]: row for row in table["aspects"]}


def test_compare_the_demo_treatment_case(demo: str) -> None:
    table = run_json("compare", "1", "--dossier", demo)
    rows = aspects(table)
    assert table["stored"] is True and len(table["opinions"]) == 2
    assert rows["diagnosis"]["verdict"] == "same"
    assert rows["treatment"]["verdict"] == "different"
    assert rows["treatment"]["verdict_source"] == "stored"
    assert rows["treatment"]["note"]
    assert all(cell["text"] for cell in rows["treatment"]["cells"])
    assert all(cell["citations"][0]["page"] == 1 for cell in rows["treatment"]["cells"])
    assert table["overview"]["key_differences"] == ["treatment"]
    assert "third opinion" in table["overview"]["advice"]
    assert [o["ordinal_label"] for o in table["opinions"]] == ["original opinion", "second opinion"]


def test_compare_the_knee_case_shows_what_is_not_addressed(demo: str) -> None:
    rows = aspects(run_json("--dossier", demo, "compare", "2"))
    assert rows["tests"]["verdict"] == "not_addressed"
    assert rows["tests"]["verdict_source"] == "proposed"
    assert rows["tests"]["cells"][1]["text"] is None


def test_human_output_is_wrapped_and_readable(demo: str) -> None:
    out = run("compare", "1", "--dossier", demo, "--width", "70").stdout
    assert "RECOMMENDED TREATMENT: different (your verdict)" in out
    assert max(len(line) for line in out.splitlines()) <= 70
    assert "gives no medical advice" in " ".join(out.split())


def test_plain_compare_writes_nothing_and_start_stores(demo_copy: str) -> None:
    run("delete", "comparison", "1", "--dossier", demo_copy)
    before = run_json("list", "comparisons", "--dossier", demo_copy)
    table = run_json("compare", "1", "--opinions", "2,1", "--dossier", demo_copy)
    assert table["stored"] is False and table["comparison_id"] is None
    assert aspects(table)["treatment"]["verdict_source"] == "proposed"
    assert run_json("list", "comparisons", "--dossier", demo_copy) == before
    started = run_json("compare", "1", "--opinions", "2,1", "--start", "--dossier", demo_copy)
    assert started["stored"] is True
    assert [o["opinion_id"] for o in started["opinions"]] == [2, 1]


def test_verdict_ask_next_step_cite_and_decide(demo_copy: str) -> None:
    d = ("--dossier", demo_copy)
    row = run_json("verdict", "2", "alternatives", "partly", "--note", "Each names the other", *d)
    assert (row["verdict"], row["note"]) == ("partly", "Each names the other")
    row = run_json("verdict", "2", "alternatives", "proposed", *d)
    assert row["verdict_source"] == "proposed" and row["note"] == "Each names the other"
    question = run_json("ask", "2", "tests", *d)
    assert question["comparison_id"] == 2 and question["aspect"] == "tests"
    assert "did not say anything" in question["text"]
    task = run_json("next-step", "2", "treatment", "--due", "2030-01-31", *d)
    assert task["due_on"] == "2030-01-31" and task["aspect"] == "treatment"
    opinion = run_json("show", "opinion", "3", *d)
    cited = run_json(
        "cite", "3", "treatment", str(opinion["report_document_id"]), "--page", "1", *d
    )
    assert cited == [{"document_id": opinion["report_document_id"], "page": 1}]
    table = run_json("compare", "2", *d)
    citation = aspects(table)["treatment"]["cells"][0]["citations"][0]
    assert citation["page"] == 1 and citation["title"]
    decision = run_json(
        "decide", "2", "--decision", "Exercise first", "--reason", "Wants to wait",
        "--participants", "Maggie, Anna", *d,
    )  # fmt: skip
    assert decision["made"] and decision["within_deadline"] is True
    assert decision["participants"] == "Maggie, Anna"
    assert run_json("show", "case", "2", *d)["status"] == "decided"


def test_exit_codes(demo: str) -> None:
    d = ("--dossier", demo)
    assert "There is no case number 99" in run("compare", "99", *d, check=1).stderr
    run("compare", "one", *d, check=2)
    run("compare", "1", "--opinions", "1", *d, check=2)
    run("compare", "1", "--opinions", "a,b", *d, check=2)
    run("verdict", "1", "mood", "same", *d, check=2)
    run("verdict", "1", "treatment", "maybe", *d, check=2)
    run("compare", "1", check=2)  # no dossier given
    assert run_json("compare", "1", "--opinions", "1,3", *d, check=1)["error"]
    run("cite", "1", "treatment", "999", "--page", "1", *d, check=1)
