"""``dossier export`` and ``dossier import-archive``, run in a subprocess as a user would."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dossier.core.sql_driver import sqlite3
from tests.cli.runner import run, run_json


def test_export_then_import_archive_gives_the_same_dossier(demo_copy: Path, tmp_path: Path) -> None:
    archive = tmp_path / "maggie.zip"
    exported = run_json("export", str(archive), "--dossier", str(demo_copy))
    assert exported["archive"] == str(archive)
    assert exported["files"] == 21 and exported["size"] == archive.stat().st_size

    human = run("--dossier", str(demo_copy), "export", str(archive), check=1)
    assert "There is already a file" in human.stderr and "--overwrite" in human.stderr
    again = run("export", str(archive), "--overwrite", "--dossier", str(demo_copy))
    assert "Saved the whole dossier to" in again.stdout and "21 files" in again.stdout

    target = tmp_path / "rebuilt"
    rebuilt = run_json("import-archive", str(archive), str(target))
    assert rebuilt["path"] == str(target)
    assert rebuilt["person"] == "Margaret (Maggie) Lindqvist"
    assert rebuilt["documents"] == 21 and rebuilt["unreadable"] == []
    for entity in ("case", "opinion", "document", "question", "comparison"):
        old = run_json("list", entity, "--dossier", str(demo_copy))
        new = run_json("list", entity, "--dossier", str(target))
        assert new == old, entity
    old_hits = run_json("search", "mammography", "--dossier", str(demo_copy))
    new_hits = run_json("search", "mammography", "--dossier", str(target))
    assert {(h["kind"], h["id"], h["page"]) for h in new_hits} == {
        (h["kind"], h["id"], h["page"]) for h in old_hits
    }

    refused = run("import-archive", str(archive), str(target), check=1)
    assert "is not empty" in refused.stderr


def test_a_damaged_archive_is_refused_with_its_reason(demo_copy: Path, tmp_path: Path) -> None:
    archive = tmp_path / "a.zip"
    run("export", str(archive), "--dossier", str(demo_copy))
    cut = tmp_path / "cut.zip"
    cut.write_bytes(archive.read_bytes()[:40_000])
    result = run("import-archive", str(cut), str(tmp_path / "new"), check=1)
    assert "This archive cannot be used" in result.stderr
    assert "damaged or incomplete" in result.stderr
    assert "Nothing was changed" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.zip", "cut.zip", "demo"]
    failure = run_json("import-archive", str(cut), str(tmp_path / "new"), check=1)
    assert "damaged or incomplete" in failure["error"]


def test_export_needs_a_dossier_and_a_place(tmp_path: Path) -> None:
    usage = run("export", str(tmp_path / "a.zip"), check=2)
    assert "--dossier" in usage.stderr
    missing = run("export", str(tmp_path / "a.zip"), "--dossier", str(tmp_path / "none"), check=2)
    assert "There is no dossier" in missing.stderr
    assert not (tmp_path / "a.zip").exists()
    helped = run("import-archive", "--help")
    assert "NEW_DOSSIER_PATH" in helped.stdout


# Values a crafted archive may carry (issue 11) ----------------------------------------------
def _crafted(archive: Path, out: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """``archive`` with its manifest changed by ``change``, the rest as it was."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(out, "w") as target:
        manifest = json.loads(source.read("manifest.json"))
        change(manifest)
        for info in source.infolist():
            if info.filename == "manifest.json":
                target.writestr(info, json.dumps(manifest))
            else:
                target.writestr(info, source.read(info))
    return out


def _bogus_verdict(m: dict[str, Any]) -> None:
    m["tables"]["comparison_aspect"]["rows"][0]["verdict"] = "bogus"


def _unknown_trash_kind(m: dict[str, Any]) -> None:
    stamp = "2026-01-01T10:00:00"
    row = {"id": 1, "entity": "nosuch", "record_id": 1, "label": "x", "deleted_at": stamp}
    m["tables"]["trash"]["rows"].append({**row, "batch": "0" * 32})


def _deep_metadata(m: dict[str, Any]) -> None:
    m["tables"]["document"]["rows"][0]["metadata"] = "[" * 50_000 + "]" * 50_000


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (_bogus_verdict, "The verdict 'bogus' is not one this program knows"),
        (_unknown_trash_kind, "its trash entry 1 is not valid: The kind of record 'nosuch'"),
        (_deep_metadata, "The metadata cannot be read"),
    ],
    ids=["verdict", "trash", "metadata"],
)
def test_a_crafted_value_is_refused_by_import_archive(
    demo_copy: Path, tmp_path: Path, change: Callable[[dict[str, Any]], None], words: str
) -> None:
    """Before, the verdict and the trash entry were taken (and then made compare, print
    comparison and restore fail with KeyError), and the metadata gave a RecursionError."""
    archive = tmp_path / "a.zip"
    run("export", str(archive), "--dossier", str(demo_copy))
    crafted = _crafted(archive, tmp_path / "crafted.zip", change)
    result = run("import-archive", str(crafted), str(tmp_path / "new"), check=1)
    assert "This archive cannot be used" in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.zip", "crafted.zip", "demo"]


# The same values put into a database by hand: the readers show them as unknown, never fail.
def _edit(dossier: Path, *statements: tuple[str, list[Any]]) -> None:
    conn = sqlite3.connect(dossier / "dossier.sqlite")
    with conn:
        for sql, values in statements:
            conn.execute(sql, values)
    conn.close()


def _compared_case(dossier: Path) -> int:
    comparisons = run_json("list", "comparison", "--dossier", str(dossier))
    return int(comparisons[0]["case_id"])


def test_compare_shows_a_verdict_it_does_not_know_as_none(demo_copy: Path) -> None:
    case = _compared_case(demo_copy)
    _edit(demo_copy, ("UPDATE comparison_aspect SET verdict = 'bogus'", []))
    result = run("compare", str(case), "--dossier", str(demo_copy))
    assert "Traceback" not in result.stderr and "bogus" not in result.stdout
    table = run_json("compare", str(case), "--dossier", str(demo_copy))
    assert table["aspects"] and all(row["stored"] is None for row in table["aspects"])


def test_print_comparison_shows_a_verdict_it_does_not_know_as_none(
    demo_copy: Path, tmp_path: Path
) -> None:
    case = _compared_case(demo_copy)
    _edit(demo_copy, ("UPDATE comparison_aspect SET verdict = 'bogus'", []))
    out = tmp_path / "comparison.pdf"
    args = ("print", "comparison", "--case", str(case), "--out", str(out))
    result = run(*args, "--dossier", str(demo_copy))
    assert "Traceback" not in result.stderr and out.read_bytes().startswith(b"%PDF")


def test_restore_leaves_out_a_trash_entry_of_a_kind_it_does_not_know(demo_copy: Path) -> None:
    run("delete", "note", "1", "--dossier", str(demo_copy))
    _edit(
        demo_copy,
        (
            "INSERT INTO trash (entity, record_id, label, deleted_at, batch) "
            "SELECT 'nosuch', 1, 'x', deleted_at, batch FROM trash WHERE entity = 'note'",
            [],
        ),
    )
    listed = run("trash", "--dossier", str(demo_copy))
    assert "note 1:" in listed.stdout and "(+1)" in listed.stdout
    result = run("restore", "note", "1", "--dossier", str(demo_copy))
    assert "Traceback" not in result.stderr
    assert run_json("show", "note", "1", "--dossier", str(demo_copy))["id"] == 1
    assert "The trash is empty." in run("trash", "--dossier", str(demo_copy)).stdout
    refused = run("restore", "nosuch", "1", "--dossier", str(demo_copy), check=2)
    assert "There is no kind of record called 'nosuch'" in refused.stderr


def test_show_document_with_metadata_nested_50000_deep(demo_copy: Path) -> None:
    _edit(demo_copy, ("UPDATE document SET metadata = ?", ["[" * 50_000 + "]" * 50_000]))
    shown = run_json("show", "document", "1", "--dossier", str(demo_copy))
    assert shown["metadata"] == {}


# Documents whose file cannot be read (issue 11) ---------------------------------------------
def test_export_names_unreadable_files_and_goes_on_without_them_when_asked(
    demo_copy: Path, tmp_path: Path
) -> None:
    documents = run_json("list", "document", "--dossier", str(demo_copy))
    gone = documents[0]
    vault_file = demo_copy / "vault" / gone["sha256"][:2] / gone["sha256"]
    original = tmp_path / "original"
    original.write_bytes(vault_file.read_bytes())
    vault_file.unlink()
    archive = tmp_path / "a.zip"

    blocked = run("export", str(archive), "--dossier", str(demo_copy), check=1)
    assert "The archive was not saved" in blocked.stderr
    assert f"\u201c{gone['title']}\u201d (document {gone['id']})" in blocked.stderr
    assert "its file is missing from the dossier" in blocked.stderr
    assert "add --skip-unreadable" in blocked.stderr and "Traceback" not in blocked.stderr
    assert len(blocked.stderr.splitlines()) == 1 and "\\x0a" not in blocked.stderr  # one line
    assert not archive.exists()

    saved = run("export", str(archive), "--skip-unreadable", "--dossier", str(demo_copy))
    assert "Left out, because they could not be read, the files of these documents" in saved.stdout
    assert f"- \u201c{gone['title']}\u201d (document {gone['id']})" in saved.stdout
    assert archive.is_file()
    listed = run_json(
        "export", str(archive), "--skip-unreadable", "--overwrite", "--dossier", str(demo_copy)
    )
    assert [f["document_id"] for f in listed["left_out"]] == [gone["id"]]
    assert listed["left_out"][0]["reason"] == "missing"

    target = tmp_path / "rebuilt"
    rebuilt = run("import-archive", str(archive), str(target))
    assert (
        f"Document {gone['id']} \u201c{gone['title']}\u201d came without its file" in rebuilt.stdout
    )
    check = run("check", "--dossier", str(target), check=1)
    assert "lost their file" in check.stdout or "lost its file" in check.stdout
    assert gone["title"] in check.stdout
    run("import", str(original), "--dossier", str(target))
    assert "Everything is in order." in run("check", "--dossier", str(target)).stdout


# Imaging studies (issue 17) ------------------------------------------------------------------
def test_an_image_that_cannot_be_read_is_named_on_export_and_rebuild(tmp_path: Path) -> None:
    from dossier.core.opening import create_dossier
    from tests.dicom_discs import add_study

    folder = tmp_path / "dossier"
    with create_dossier(folder, name="Margaret Example", born="1958-02-14") as made:
        study = add_study(made, tmp_path / "disc")
        image_id, sha = made.db.execute(
            "SELECT id, sha256 FROM imaging_file ORDER BY id LIMIT 1"
        ).fetchone()
    (folder / "vault" / sha[:2] / sha).unlink()
    archive = tmp_path / "a.zip"

    blocked = run("export", str(archive), "--dossier", str(folder), check=1)
    assert f"\u201cCT ABDOMEN\u201d (imaging study {study}), series 1, image 1" in blocked.stderr
    assert "its file is missing from the dossier" in blocked.stderr
    assert not archive.exists()
    listed = run_json("export", str(archive), "--skip-unreadable", "--dossier", str(folder))
    assert [f["image_id"] for f in listed["left_out"]] == [image_id]
    assert (listed["files"], listed["images"]) == (2, 2)

    rebuilt = run("import-archive", str(archive), str(tmp_path / "rebuilt"))
    assert (
        f"Imaging study {study} \u201cCT ABDOMEN\u201d came without the file of 1 image"
        in rebuilt.stdout
    )
    shown = run_json("show", "study", str(study), "--dossier", str(tmp_path / "rebuilt"))
    assert shown["image_count"] == 3
    refused = run(
        "export-disc",
        "--study",
        str(study),
        "--out",
        str(tmp_path / "copy"),
        "--dossier",
        str(tmp_path / "rebuilt"),
        check=1,
    )
    assert "not kept" in refused.stderr
