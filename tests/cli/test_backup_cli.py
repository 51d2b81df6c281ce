"""The backup commands, run for real in a subprocess: backup, backups, backup-folder and
restore BACKUP (describe, then --yes)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.cli.runner import run, run_json
from tests.pinned_day import PinDay
from tests.unit.test_backup import db_rows, tree, vault_files


@pytest.fixture
def anna(tmp_path: Path) -> Path:
    path = tmp_path / "anna"
    run("init", str(path), "--name", "Anna Müller", "--born", "1961-04-02")
    run("add", "case", "--dossier", str(path), "--data", '{"title": "Knee: operate or not?"}')
    return path


def test_backup_says_where_and_backups_lists_it(anna: Path) -> None:
    out = run("backup", "--dossier", str(anna)).stdout
    assert "Backup made: " in out and "1 case, 0 documents" in out
    listed = run_json("backups", "--dossier", str(anna))
    assert len(listed) == 1
    made = listed[0]
    assert made["person"] == "Anna Müller" and made["good"]
    assert made["counts"]["cases"] == 1
    assert out.split("Backup made: ")[1].splitlines()[0] == made["path"]
    human = run("backups", "--dossier", str(anna)).stdout
    assert "1 case, 0 documents" in human and "made by hand" in human
    everyone = run_json("backups")  # without --dossier: every dossier known here
    assert [b["path"] for b in everyone] == [made["path"]]


def test_a_backup_folder_on_another_drive(
    anna: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    usb = tmp_path_factory.mktemp("usb") / "Backups"
    first = run_json("backup", "--dossier", str(anna))
    out = run("backup", "--dossier", str(anna), "--to", str(usb)).stdout
    assert f"From now on, backups of this dossier go to {usb}" in out
    shown = run_json("backup-folder", "--dossier", str(anna))
    assert shown["backup_folder"] == str(usb) and not shown["standard"]
    listed = run_json("backups", "--dossier", str(anna))
    assert Path(listed[0]["path"]).parent.parent == usb
    assert listed[1]["path"] == first["path"]  # the earlier one is still there
    back = run_json("backup-folder", "--dossier", str(anna), "--standard")
    assert back["standard"]
    refused = run("backup-folder", str(anna / "inside"), "--dossier", str(anna), check=1)
    assert "outside the dossier" in refused.stderr


def test_restore_describes_first_and_restores_with_yes(anna: Path) -> None:
    made = run_json("backup", "--dossier", str(anna))
    rows = db_rows(anna)
    run("add", "note", "--dossier", str(anna), "--data", '{"text": "After the backup"}')
    before = tree(anna)

    described = run("restore", made["path"], "--dossier", str(anna)).stdout
    assert "Backup of the dossier of Anna Müller, made on " in described
    assert "It holds 1 case, 0 documents" in described
    assert "Nothing was changed. To restore it, run the same command with --yes." in described
    assert tree(anna) == before

    result = run_json("restore", made["name"], "--dossier", str(anna), "--yes")
    assert result["restored"] and result["path"] == str(anna)
    assert db_rows(anna) == rows
    assert run_json("list", "notes", "--dossier", str(anna)) == []
    aside = Path(result["kept_aside"])
    assert aside.name.startswith("anna.before-restore-")
    assert [n["text"] for n in run_json("list", "notes", "--dossier", str(aside))] == [
        "After the backup"
    ]


def test_a_damaged_dossier_is_restored_from_the_command_line(demo_copy: Path) -> None:
    run("backup", "--dossier", str(demo_copy))
    rows, files = db_rows(demo_copy), vault_files(demo_copy)
    db = demo_copy / "dossier.sqlite"
    db.write_bytes(db.read_bytes()[:4096])  # truncated
    broken = run("list", "cases", "--dossier", str(demo_copy), check=2)
    assert "damaged" in broken.stderr
    failed = run("backup", "--dossier", str(demo_copy), check=1)
    assert "damaged, so no backup was made" in failed.stderr
    listed = run_json("backups", "--dossier", str(demo_copy))
    assert len(listed) == 1 and listed[0]["good"]
    run("restore", "latest", "--dossier", str(demo_copy), "--yes")
    assert db_rows(demo_copy) == rows and vault_files(demo_copy) == files
    assert len(run_json("list", "cases", "--dossier", str(demo_copy))) == 4


def test_restore_says_what_is_wrong(anna: Path, tmp_path: Path) -> None:
    missing = run("restore", str(tmp_path / "nowhere"), "--dossier", str(anna), check=2)
    assert "There is no backup at" in missing.stderr
    no_id = run("restore", "case", "--dossier", str(anna), check=2)
    assert "Say which case: give its number." in no_id.stderr
    none_yet = run("restore", "latest", "--dossier", str(anna), check=2)
    assert "There is no usable backup of this dossier." in none_yet.stderr
    assert json.loads(run("backups", "--dossier", str(anna), "--json").stdout) == []
    assert "no backups of this dossier yet" in run("backups", "--dossier", str(anna)).stdout
    need = run("backup", check=2)
    assert "--dossier PATH" in need.stderr


def test_restore_is_refused_while_a_window_shows_the_dossier(anna: Path) -> None:
    made = run_json("backup", "--dossier", str(anna))
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from dossier.core.lock import acquire
                lock = acquire({str(anna)!r}, "window")
                print("held", flush=True)
                sys.stdin.read()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = tree(anna)
        refused = run("restore", made["path"], "--dossier", str(anna), "--yes", check=2)
        assert "open in a Second Opinion Dossier window" in refused.stderr
        assert tree(anna) == before
        assert not list(anna.parent.glob("*.before-restore-*"))
        assert not list(anna.parent.glob(".anna.restoring-*"))
    finally:
        holder.communicate("")


def test_backups_verify_reads_every_file(demo_copy: Path) -> None:
    made = run_json("backup", "--dossier", str(demo_copy))
    files = json.loads((Path(made["path"]) / "files.json").read_text(encoding="utf-8"))["files"]
    sha = files[0]["sha256"]
    store_file = Path(made["path"]).parent / "files" / sha[:2] / sha
    store_file.write_bytes(b"\0" * files[0]["size"])  # the backup drive's bit rot
    assert run_json("backups", "--dossier", str(demo_copy))[0]["good"]  # the quick look
    checked = run("backups", "--verify", "--dossier", str(demo_copy), check=1).stdout
    assert (
        "cannot be restored" in checked
        and "Some of its files are missing or damaged (1)" in checked
    )


def test_a_file_the_backup_lacks_is_named_and_everything_else_restored(demo_copy: Path) -> None:
    """The backup lost one document's file (and one small picture), and the dossier no
    longer has them: the restore goes ahead and names that document."""
    made = run_json("backup", "--dossier", str(demo_copy))
    listed = json.loads((Path(made["path"]) / "files.json").read_text(encoding="utf-8"))["files"]
    lost = next(f for f in listed if not f["path"].endswith(".thumb.png"))
    picture = next(f for f in listed if f["path"].endswith(".thumb.png"))
    store = Path(made["path"]).parent / "files"
    for gone in (lost, picture):
        (store / gone["sha256"][:2] / gone["sha256"]).unlink()
        (demo_copy / "vault" / gone["path"]).unlink()
    document = next(
        d
        for d in run_json("list", "documents", "--dossier", str(demo_copy))
        if lost["path"].endswith(d["sha256"])
    )
    rows = db_rows(demo_copy)

    out = run("restore", made["path"], "--yes").stdout
    assert "Restored the backup made on" in out
    assert "neither in the backup nor in the dossier" in out
    assert f"  “{document['title']}” ({document['original_name']})" in out
    assert "Small pictures missing: 1. 'dossier check --repair' makes them again." in out
    assert db_rows(demo_copy) == rows  # every record is back
    assert len(vault_files(demo_copy)) == len(listed) - 2  # and every other file

    result = run_json("restore", made["name"], "--dossier", str(demo_copy), "--yes")
    assert result["missing_files"] == [
        {
            "document_id": document["id"],
            "title": document["title"],
            "file_name": document["original_name"],
            "path": f"vault/{lost['path']}",
            "in_trash": False,
        }
    ]
    assert result["pictures_missing"] == 1
    checked = run_json("check", "--dossier", str(demo_copy), check=1)
    findings = {f["code"]: f for f in checked["check"]["findings"]}
    assert [i["document_id"] for i in findings["file_missing"]["items"]] == [document["id"]]
    assert "thumbnail_missing" in findings


def test_delete_backup_says_what_first_and_keeps_the_newest_unless_asked(
    anna: Path, today: PinDay
) -> None:
    today("2026-06-14")
    older = run_json("backup", "--dossier", str(anna))
    run("add", "note", "--dossier", str(anna), "--data", '{"text": "After the first backup"}')
    today("2026-06-15")
    newer = run_json("backup", "--dossier", str(anna))
    store = Path(newer["path"]).parent
    before = tree(store)

    said = run("delete-backup", older["path"]).stdout
    assert "Backup of the dossier of Anna Müller, made on 2026-06-14" in said
    assert "the other backups keep their files" in said
    assert "Nothing was changed. To delete it, run the same command with --yes." in said
    assert tree(store) == before

    newest = run("delete-backup", "latest", "--dossier", str(anna)).stdout
    assert "It is the newest good backup of this dossier" in newest
    assert "--even-newest" in newest and "the one made on 2026-06-14" in newest
    refused = run("delete-backup", newer["name"], "--dossier", str(anna), "--yes", check=1)
    assert "newest good backup of this dossier" in refused.stderr
    assert "To delete it all the same, add --even-newest." in refused.stderr
    assert tree(store) == before

    deleted = run_json("delete-backup", older["path"], "--yes")
    assert deleted["deleted"] and not deleted["newest"]
    assert not Path(older["path"]).exists()
    assert [b["path"] for b in run_json("backups", "--dossier", str(anna))] == [newer["path"]]
    out = run(
        "delete-backup", newer["name"], "--dossier", str(anna), "--yes", "--even-newest"
    ).stdout
    assert "Deleted the backup made on 2026-06-15" in out
    assert "No good backup of this dossier would be left" in out
    assert run_json("backups", "--dossier", str(anna)) == []


def test_delete_backup_refuses_what_is_not_a_backup(anna: Path, tmp_path: Path) -> None:
    made = run_json("backup", "--dossier", str(anna))
    photos = tmp_path / "2024-01-01_120000"
    photos.mkdir()
    (photos / "holiday.jpg").write_bytes(b"jpeg")
    refused = run("delete-backup", str(photos), "--yes", check=1)
    assert "holds something a backup does not (holiday.jpg)" in refused.stderr
    assert (photos / "holiday.jpg").is_file()
    link = tmp_path / "2024-01-02_120000"
    link.symlink_to(made["path"])
    linked = run("delete-backup", str(link), "--yes", "--even-newest", check=1)
    assert "is a link to another place, not a backup" in linked.stderr
    assert Path(made["path"], "manifest.json").is_file()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux allows any bytes in names")
def test_a_dossier_whose_folder_name_is_not_valid_utf8_is_backed_up(tmp_path: Path) -> None:
    """A folder named with the byte 0xff (Linux allows it): backups, the backup folder
    chosen, listing and restoring all work, and the registry keeps the exact bytes."""
    folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/Ana \xff dossier"))
    usb = Path(os.fsdecode(os.fsencode(tmp_path) + b"/usb \xfe"))
    run("init", str(folder), "--name", "Ana Lima")
    made = run("backup", "--dossier", str(folder))
    assert "Backup made: " in made.stdout and "Traceback" not in made.stderr
    moved = run("backup", "--dossier", str(folder), "--to", str(usb)).stdout
    assert "From now on, backups of this dossier go to" in moved
    listed = run_json("backups", "--dossier", str(folder))
    assert len(listed) == 2 and all(b["good"] for b in listed)
    assert Path(listed[0]["path"]).parent.parent == usb
    assert {b["dossier_path"] for b in listed} == {str(folder)}
    assert len(run_json("backups")) == 2  # found through this computer's registry too
    registry = json.loads(
        (Path(os.environ["DOSSIER_HOME"]) / "config" / "backups.json").read_text()
    )
    (entry,) = registry["dossiers"].values()
    assert os.fsdecode(base64.b64decode(entry["path_bytes"])) == str(folder)
    run("add", "note", "--dossier", str(folder), "--data", '{"text": "After the backups"}')
    run("restore", "latest", "--dossier", str(folder), "--yes")
    assert run_json("list", "notes", "--dossier", str(folder)) == []


# Links in the dossier and in the backup folder are never written or read through -----------------
def test_a_backup_json_that_links_to_another_dossier_s_is_not_followed(
    anna: Path, tmp_path: Path
) -> None:
    """backup.json of this dossier is a link to the backup.json of another dossier (one this
    computer does not know, from a USB stick): its identity is not taken over, so this
    dossier's backups never mix with (nor rotate away) the other's."""
    other = tmp_path / "stick" / "ben"
    run("init", str(other), "--name", "Ben Okafor")
    run("backup", "--dossier", str(other))
    theirs = json.loads((other / "backup.json").read_text(encoding="utf-8"))
    registry = Path(os.environ["DOSSIER_HOME"]) / "config" / "backups.json"
    registry.unlink()  # the stick came from another computer
    (anna / "backup.json").symlink_to(other / "backup.json")

    made = run_json("backup", "--dossier", str(anna))
    assert made["dossier_id"] != theirs["dossier_id"]
    assert Path(made["path"]).parent.name == made["dossier_id"]
    assert json.loads((other / "backup.json").read_text(encoding="utf-8")) == theirs
    assert not (anna / "backup.json").is_symlink()  # replaced by a file of its own
    assert (
        json.loads((anna / "backup.json").read_text(encoding="utf-8"))["dossier_id"]
        == (made["dossier_id"])
    )
    assert len(run_json("backups", "--dossier", str(other))) == 1


def test_links_in_the_backup_folder_are_not_written_through(anna: Path, tmp_path: Path) -> None:
    first = run_json("backup", "--dossier", str(anna))
    store = Path(first["path"]).parent
    outside = tmp_path / "outside"
    outside.mkdir()
    precious = outside / "precious.txt"
    precious.write_text("mine", encoding="utf-8")
    (store / "ABOUT.txt").unlink()
    (store / "ABOUT.txt").symlink_to(precious)
    run("add", "note", "--dossier", str(anna), "--data", '{"text": "A second backup"}')
    run("backup", "--dossier", str(anna))
    assert precious.read_text(encoding="utf-8") == "mine"
    assert not (store / "ABOUT.txt").is_symlink()

    shutil.rmtree(store / "files", ignore_errors=True)  # anna had no documents yet
    (store / "files").symlink_to(outside)  # files/ leads elsewhere
    run("import", str(_text_file(tmp_path)), "--dossier", str(anna))
    refused = run("backup", "--dossier", str(anna), check=1)
    assert "is a link to another place" in refused.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]
    assert not list(store.glob(".incomplete-*"))


def _text_file(folder: Path) -> Path:
    path = folder / "letter.txt"
    path.write_text("Dear Ms Müller, the results are normal.\n", encoding="utf-8")
    return path
