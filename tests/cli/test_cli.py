"""The real command line, run in a subprocess as a user (or a script) would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.core.textpdf import Block, write_pdf
from tests.cli.runner import run, run_json


@pytest.fixture
def dossier_path(tmp_path: Path) -> str:
    path = tmp_path / "anna"
    run("init", str(path), "--name", "Anna Müller", "--born", "1961-04-02")
    return str(path)


def test_init_and_show_person_with_dossier_before_or_after(dossier_path: str) -> None:
    after = run_json("show", "person", "--dossier", dossier_path)
    before = json.loads(run("--dossier", dossier_path, "--json", "show", "person").stdout)
    assert after == before
    assert after["name"] == "Anna Müller"
    assert after["born"] == "1961-04-02"
    assert after["id"] == 1


def test_init_refuses_a_wrong_date_and_writes_nothing(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "x"), "--name", "A", "--born", "1961-02-30", check=1)
    assert "YYYY-MM-DD" in result.stderr
    assert not (tmp_path / "x").exists()


def test_record_life_cycle_with_singular_and_plural_names(dossier_path: str) -> None:
    d = ("--dossier", dossier_path)
    case = run_json("add", "case", *d, "--data", json.dumps({"title": "Knee: operate or not?"}))
    assert case["id"] == 1 and case["status"] == "open"
    opinion = run_json(
        "add", "opinions", *d, "--data", json.dumps({"case_id": case["id"], "treatment": "Surgery"})
    )
    assert opinion["case_id"] == case["id"]
    listed = run_json("list", "opinion", *d, "--case", str(case["id"]))
    assert [o["id"] for o in listed] == [opinion["id"]]
    edited = run_json("edit", "case", str(case["id"]), *d, "--data", '{"status": "decided"}')
    assert edited["status"] == "decided"
    deleted = run_json("delete", "cases", str(case["id"]), *d)
    assert deleted["with_it"] == [{"entity": "opinion", "id": opinion["id"]}]
    assert run_json("list", "opinions", *d) == []
    trash = run_json("trash", *d)
    assert trash[0]["entity"] == "case" and trash[0]["with_it"] == 1
    restored = run_json("restore", "case", str(case["id"]), *d)
    assert restored["title"] == "Knee: operate or not?"
    assert len(run_json("list", "opinions", *d)) == 1
    human = run("list", "cases", *d).stdout
    assert "Knee: operate or not?" in human


def test_every_entity_name_is_accepted(dossier_path: str) -> None:
    for name in ("contacts", "physical-items", "records_requests", "deadlines", "tasks", "notes"):
        assert run_json("list", name, "--dossier", dossier_path) == []


def test_validation_error_exits_1_with_field_messages(dossier_path: str) -> None:
    result = run(
        "add", "appointment", "--dossier", dossier_path, "--json",
        "--data", '{"starts_at": "tomorrow"}', check=1,
    )  # fmt: skip
    error = json.loads(result.stdout)
    assert "starts_at" in error["fields"]
    assert "YYYY-MM-DD HH:MM" in error["fields"]["starts_at"]
    assert run_json("list", "appointments", "--dossier", dossier_path) == []


def test_usage_errors_exit_2(dossier_path: str, tmp_path: Path) -> None:
    assert "no kind of record" in run("list", "bananas", "--dossier", dossier_path, check=2).stderr
    assert "--dossier" in run("list", "cases", check=2).stderr
    assert "not a dossier" in run("list", "cases", "--dossier", str(tmp_path), check=2).stderr
    assert (
        "JSON" in run("add", "case", "--dossier", dossier_path, "--data", "{nope", check=2).stderr
    )
    run("frobnicate", check=2)


def test_missing_record_exits_1(dossier_path: str) -> None:
    assert (
        "no case number 99" in run("show", "case", "99", "--dossier", dossier_path, check=1).stderr
    )


def test_import_reports_each_file_and_search_finds_its_pages(
    dossier_path: str, tmp_path: Path
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    write_pdf(
        folder / "mri_report.pdf",
        [
            Block("MRI of the left knee", "title"),
            Block("No tear."),
            Block("", "pagebreak"),
            Block("Meniscus degeneration, Dr. Weiß."),
        ],
    )
    (folder / "copy.pdf").write_bytes((folder / "mri_report.pdf").read_bytes())
    (folder / "empty.pdf").write_bytes(b"")
    case = run_json("add", "case", "--dossier", dossier_path, "--data", '{"title": "Knee"}')
    result = run(
        "import", str(folder), "--case", str(case["id"]), "--dossier", dossier_path, "--json",
        check=1,
    )  # fmt: skip
    rows = {Path(r["path"]).name: r for r in json.loads(result.stdout)}
    assert rows["empty.pdf"]["status"] == "rejected"
    assert rows["empty.pdf"]["reason"] == "The file is empty."
    statuses = sorted(rows[n]["status"] for n in ("copy.pdf", "mri_report.pdf"))
    assert statuses == ["duplicate", "imported"]
    assert rows["copy.pdf"]["document_id"] == rows["mri_report.pdf"]["document_id"]
    hits = run_json("search", "meniscus", "--dossier", dossier_path)
    assert hits[0]["kind"] == "document"
    assert hits[0]["page"] == 2
    assert set(hits[0]) >= {"kind", "id", "title", "snippet", "page"}
    documents = run_json("list", "documents", "--dossier", dossier_path, "--case", str(case["id"]))
    assert len(documents) == 1 and documents[0]["page_count"] == 2
    human = run("import", str(folder / "copy.pdf"), "--dossier", dossier_path).stdout
    assert human.startswith("duplicate")


def test_import_of_only_good_files_exits_0(dossier_path: str, tmp_path: Path) -> None:
    note = tmp_path / "questions.txt"
    note.write_text("Ask about physiotherapy first.", encoding="utf-8")
    result = run("import", str(note), "--dossier", dossier_path)
    assert "imported" in result.stdout
    assert run_json("search", "physio", "--dossier", dossier_path)[0]["kind"] == "document"


def test_cost_shows_expected_reimbursement(dossier_path: str) -> None:
    d = ("--dossier", dossier_path)
    insurer = run_json(
        "add", "contact", *d, "--data",
        json.dumps({"name": "Health Plan", "role": "insurer", "reimburse_percent": 80,
                    "cap_per_consultation": 350, "consultations_per_year": 3}),
    )  # fmt: skip
    run_json("edit", "person", *d, "--data", json.dumps({"insurer_id": insurer["id"]}))
    cost = run_json(
        "add", "cost", *d, "--data",
        json.dumps({"description": "Second opinion", "amount": "500,00", "is_consultation": True,
                    "incurred_on": "2026-03-01"}),
    )  # fmt: skip
    shown = run_json("show", "cost", str(cost["id"]), *d)
    assert shown["amount"] == 500.0
    assert shown["expected_reimbursement"]["expected"] == 350.0


def test_trash_empty(dossier_path: str) -> None:
    d = ("--dossier", dossier_path)
    note = run_json("add", "note", *d, "--data", '{"text": "call the clinic"}')
    run("delete", "note", str(note["id"]), *d)
    assert run_json("trash", "empty", *d) == {"deleted_for_good": 1}
    assert run_json("trash", *d) == []
    run("restore", "note", str(note["id"]), *d, check=1)
