"""``dossier export`` and ``dossier import-archive``, run in a subprocess as a user would."""

from __future__ import annotations

from pathlib import Path

from tests.cli.runner import run, run_json


def test_export_then_import_archive_gives_the_same_dossier(demo_copy: Path, tmp_path: Path) -> None:
    archive = tmp_path / "maggie.zip"
    exported = run_json("export", str(archive), "--dossier", str(demo_copy))
    assert exported["archive"] == str(archive)
    assert exported["files"] == 20 and exported["size"] == archive.stat().st_size

    human = run("--dossier", str(demo_copy), "export", str(archive), check=1)
    assert "There is already a file" in human.stderr and "--overwrite" in human.stderr
    again = run("export", str(archive), "--overwrite", "--dossier", str(demo_copy))
    assert "Saved the whole dossier to" in again.stdout and "20 files" in again.stdout

    target = tmp_path / "rebuilt"
    rebuilt = run_json("import-archive", str(archive), str(target))
    assert rebuilt["path"] == str(target)
    assert rebuilt["person"] == "Margaret (Maggie) Lindqvist"
    assert rebuilt["documents"] == 20 and rebuilt["unreadable"] == []
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
