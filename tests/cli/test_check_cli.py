"""``dossier check [--json] [--repair]``, run in a subprocess as a person or a script would."""

from __future__ import annotations

from pathlib import Path

from dossier.core.lock import acquire
from dossier.core.opening import open_dossier
from tests.cli.runner import run, run_json
from tests.integrity_helpers import assert_nothing_deleted, seed_problems, vault_snapshot


def test_a_sound_dossier_passes(demo_copy: Path) -> None:
    out = run_json("check", "--dossier", str(demo_copy))
    assert out["ok"] is True
    assert out["check"]["findings"] == []
    assert out["check"]["documents"] > 0
    assert out["repair"] is None
    text = run("check", "--dossier", str(demo_copy)).stdout
    assert "Everything is in order." in text


def test_problems_found_exit_1_with_what_to_do(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier:
        seeded = seed_problems(dossier)
        seeded.temp.unlink()  # no sign of an interrupted import: opening moves nothing
    out = run_json("check", "--dossier", str(demo_copy), check=1)
    assert out["ok"] is False
    assert out["swept_at_opening"] == []
    findings = {f["code"]: f for f in out["check"]["findings"]}
    assert set(findings) == {
        "file_damaged",
        "file_missing",
        "thumbnail_missing",
        "thumbnail_damaged",
        "unused_files",
        "search_index",
    }
    assert [i["document_id"] for i in findings["file_missing"]["items"]] == [seeded.missing_id]
    assert [i["document_id"] for i in findings["file_damaged"]["items"]] == [seeded.damaged_id]
    assert findings["unused_files"]["repairable"] and not findings["file_damaged"]["repairable"]
    assert seeded.orphan.is_file()  # a check alone moves nothing
    text = run("check", "--dossier", str(demo_copy), check=1).stdout
    assert "One document has lost its file" in text
    assert "What to do:" in text and "dossier check --repair" in text


def test_opening_after_an_interrupted_import_moves_what_it_left(demo_copy: Path) -> None:
    """A leftover temporary file shows an import was interrupted: the start-up sweep runs."""
    with open_dossier(demo_copy) as dossier:
        seeded = seed_problems(dossier)
    out = run_json("check", "--dossier", str(demo_copy), check=1)
    swept = {Path(m["from"]) for m in out["swept_at_opening"]}
    assert swept == {seeded.orphan, seeded.orphan_thumbnail, seeded.temp}
    assert all(Path(m["to"]).is_file() for m in out["swept_at_opening"])
    codes = {f["code"] for f in out["check"]["findings"]}
    assert "unused_files" not in codes and "temporary_files" not in codes


def test_repair_moves_and_rebuilds_and_says_what_is_left(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier:
        seeded = seed_problems(dossier)
    before = vault_snapshot(demo_copy)
    out = run_json("check", "--repair", "--dossier", str(demo_copy), check=1)
    repair = out["repair"]
    moved = {Path(m["from"]) for m in repair["moved_to_quarantine"] + out["swept_at_opening"]}
    assert {seeded.orphan, seeded.orphan_thumbnail, seeded.temp} <= moved
    assert sorted(repair["thumbnails_made"]) == sorted(
        [seeded.thumbnail_missing_id, seeded.thumbnail_damaged_id]
    )
    assert repair["search_index_rebuilt"] is True
    left = {f["code"] for f in repair["after"]["findings"]}
    assert left == {"file_missing", "file_damaged"}  # only a backup brings those back
    assert_nothing_deleted(demo_copy, before)
    # Once the two documents are dealt with, the rest of the dossier is in order.
    out = run_json("check", "--dossier", str(demo_copy), check=1)
    assert {f["code"] for f in out["check"]["findings"]} == left


def test_repair_of_only_repairable_problems_exits_0(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier:
        stray = dossier.vault.path_for("ef" + "0" * 62)
        stray.parent.mkdir(exist_ok=True)
        stray.write_bytes(b"stray")
    result = run("check", "--repair", "--dossier", str(demo_copy))
    assert "Moved one file into the quarantine folder" in result.stdout
    assert "Everything is in order." in result.stdout
    assert not stray.exists()
    run_json("check", "--dossier", str(demo_copy))


def test_repair_is_refused_while_a_window_shows_the_dossier(demo_copy: Path) -> None:
    with open_dossier(demo_copy) as dossier:
        stray = dossier.vault.path_for("ef" + "1" * 62)
        stray.parent.mkdir(exist_ok=True)
        stray.write_bytes(b"stray")
    with acquire(demo_copy, "window"):
        result = run("check", "--repair", "--dossier", str(demo_copy), check=2)
        assert "window" in result.stderr
        assert stray.is_file()
        run("check", "--dossier", str(demo_copy), check=1)  # a check only reads: allowed


def test_no_dossier_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", "--dossier", str(tmp_path / "nowhere"), check=2)
    assert "There is no dossier" in result.stderr
    result = run("check", check=2)
    assert "--dossier" in result.stderr
