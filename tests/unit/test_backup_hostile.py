"""Restoring a crafted backup is refused with the reason, and does no harm.

A backup may come from another computer's drive, so it is untrusted input, as an archive
is. Every backup here is a real one made by the program and then changed by the test,
one trick at a time. Each refusal names what is wrong, writes nothing outside (the file a
crafted name points at does not appear), leaves no ``.restoring-*`` folder and leaves the
dossier exactly as it was. The tricks with names that lead elsewhere are tried through
the real command line (``dossier restore BACKUP --yes``), as a person would meet them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dossier.core.backup import BackupError, list_backups, make_backup, restore_backup
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier
from tests.cli.runner import run
from tests.corpus import make_pdf
from tests.unit.test_backup import tree

DAY = date(2025, 3, 10)
Change = Callable[[dict[str, Any]], None]


@dataclass
class Made:
    dossier: Path
    backup: Path
    place: Path  # the folder the dossier is in (a crafted name would write here)

    @property
    def store(self) -> Path:
        return self.backup.parent

    def json(self, name: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.backup / name).read_text(encoding="utf-8"))
        return data

    def change(self, name: str, change: Change) -> None:
        data = self.json(name)
        change(data)
        (self.backup / name).write_text(json.dumps(data), encoding="utf-8")

    def first_file(self) -> dict[str, Any]:
        """The first document file (not a small picture) the backup lists."""
        files = self.json("files.json")["files"]
        return next(f for f in files if not f["path"].endswith(".thumb.png"))


@pytest.fixture
def made(tmp_path: Path) -> Made:
    """A dossier with a letter (a PDF, with its small picture) and a note, backed up."""
    place = tmp_path / "place"
    folder = place / "anna"
    with create_dossier(folder, name="Anna Müller", born="1961-04-02") as created:
        note = tmp_path / "note.txt"
        note.write_text("Questions for Dr Okafor.\n", encoding="utf-8")
        pdf = make_pdf(tmp_path / "letter.pdf", pages=1, title="Letter")
        import_paths(created, [pdf, note])
    backup = make_backup(folder, today=DAY).backup
    return Made(folder, backup.path, place)


def escaped(made: Made, *where: Path) -> list[Path]:
    """Files named like the crafted targets that appeared outside the dossier."""
    found = [p for p in made.place.parent.rglob("escaped*")]
    found += [p for p in where if p.exists()]
    return found


def refused(made: Made, words: str, *, cli: bool = False, outside: tuple[Path, ...] = ()) -> str:
    """Restore the backup (in-process, or with the real command): it must be refused with
    ``words``, leaving the dossier as it was and nothing behind or outside."""
    before = tree(made.dossier)
    if cli:
        result = run("restore", str(made.backup), "--yes", check=None)
        assert result.returncode == 1, (result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        message = result.stderr
    else:
        with pytest.raises(BackupError) as caught:
            restore_backup(made.backup)
        message = caught.value.message
    assert words in message, message
    assert "Nothing was changed" in message, message
    assert tree(made.dossier) == before
    assert not list(made.place.glob(".anna.restoring-*"))
    assert not list(made.place.glob("anna.before-restore-*"))
    assert escaped(made, *outside) == []
    return message


def test_the_untouched_backup_restores(made: Made) -> None:
    """The baseline the tricks below change one thing of."""
    result = restore_backup(made.backup)
    assert result.missing == () and result.kept_aside is not None


# Names that lead elsewhere (through the real command line) --------------------------------
@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../../escaped.txt", "leads outside the backup (../../escaped.txt)"),
        ("../../../escaped.txt", "leads outside the backup"),
        ("ab/../../../escaped.txt", "leads outside the backup"),
        ("..\\..\\escaped.txt", "backslashes"),
        ("C:/escaped.txt", "fixed place on a computer"),
        ("ab/escaped\n.txt", "unusable name"),
    ],
)
def test_names_leading_outside_are_refused(made: Made, name: str, words: str) -> None:
    made.change("files.json", lambda d: d["files"][0].update(path=name))
    refused(made, words, cli=True)


def test_an_absolute_name_is_refused(made: Made, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "escaped-absolute.txt"
    target.parent.mkdir()
    made.change("files.json", lambda d: d["files"][0].update(path=str(target)))
    refused(made, "fixed place on a computer", cli=True, outside=(target,))


def test_a_name_left_out_when_the_backup_was_made_must_be_safe_too(made: Made) -> None:
    made.change(
        "manifest.json",
        lambda d: d.update(not_included=[{"path": "../../escaped.txt", "reason": "missing"}]),
    )
    refused(made, "leads outside the backup", cli=True)


# Names that are not a vault's -------------------------------------------------------------
def test_a_name_that_is_no_file_of_a_dossier_is_refused(made: Made) -> None:
    made.change("files.json", lambda d: d["files"][0].update(path="ab/notes.txt"))
    refused(made, "not one of a dossier's documents (ab/notes.txt)")


def test_a_file_in_the_wrong_folder_is_refused(made: Made) -> None:
    sha = made.first_file()["sha256"]
    other = "00" if not sha.startswith("00") else "ff"
    made.change("files.json", lambda d: _entry(d, sha).update(path=f"{other}/{sha}"))
    refused(made, "not one of a dossier's documents")


def test_a_file_not_named_after_its_content_is_refused(made: Made) -> None:
    sha = made.first_file()["sha256"]
    wrong = sha[:2] + ("0" if sha[2] != "0" else "1") + sha[3:]
    made.change("files.json", lambda d: _entry(d, sha).update(path=f"{sha[:2]}/{wrong}"))
    refused(made, "is not named after its content")


# Fields of the wrong kind -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("sha256", "ABC", '"files[0].sha256" must be 64 hexadecimal digits'),
        ("sha256", "0" * 64 + "\n", '"files[0].sha256" must be 64 hexadecimal digits'),
        ("sha256", 12, '"files[0].sha256" must be text'),
        ("size", "12", '"files[0].size" must be a whole number'),
        ("size", -1, '"files[0].size" must not be negative'),
        ("size", True, '"files[0].size" must be a whole number'),
        ("size", 1.5, '"files[0].size" must be a whole number'),
        ("size", 5 << 30, "larger than 4.3 GB"),
        ("path", None, '"files[0].path" must be text'),
        ("mtime_ns", "now", '"files[0].mtime_ns" must be a whole number'),
    ],
)
def test_a_file_field_of_the_wrong_kind_is_refused(
    made: Made, field: str, value: Any, words: str
) -> None:
    made.change("files.json", lambda d: d["files"][0].update({field: value}))
    refused(made, words)


def test_a_file_listed_twice_is_refused(made: Made) -> None:
    made.change("files.json", lambda d: d["files"].append(dict(d["files"][0])))
    refused(made, "twice")


def test_a_list_of_files_that_is_not_a_list_is_refused(made: Made) -> None:
    made.change("files.json", lambda d: d.update(files={"a": 1}))
    refused(made, '"files" must be a list')


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["counts"].update(files=d["counts"]["files"] + 1), "does not match"),
        (lambda d: d["counts"].update(bytes=d["counts"]["bytes"] - 1), "does not match"),
        (lambda d: d["counts"].update(files="2"), '"counts.files" must be a whole number'),
        (lambda d: d["counts"].update(cases=-3), '"counts.cases" must not be negative'),
        (lambda d: d["database"].update(name="../../dossier.sqlite"), '"database.name" must be'),
        (lambda d: d["database"].update(name="other.sqlite"), '"database.name" must be'),
        (lambda d: d["database"].update(size="1"), '"database.size" must be a whole number'),
        (lambda d: d["database"].update(sha256="x"), '"database.sha256" must be 64'),
        (lambda d: d.update(dossier_id="../../x"), '"dossier_id" must be 32 hexadecimal'),
        (lambda d: d.update(dossier_path="relative/place"), '"dossier_path" must be the full'),
        (lambda d: d.update(dossier_path=7), '"dossier_path" must be the full'),
        (lambda d: d.update(made_at="yesterday"), '"made_at" must be a date and time'),
        (lambda d: d.update(format="1"), '"format" must be a whole number'),
        (lambda d: d.update(format=0), '"format" must be 1 or more'),
        (lambda d: d.update(person=["Anna"]), '"person" must be text'),
        (lambda d: d.update(automatic="yes"), '"automatic" must be true or false'),
        (lambda d: d.update(migrations="0001"), '"migrations" must be a list'),
        (lambda d: d.pop("counts"), '"counts" is missing'),
        (
            lambda d: d.update(not_included=[{"path": "aa/" + "a" * 64, "reason": "x\nfake"}]),
            '"not_included.reason" must be one of',
        ),
    ],
)
def test_a_manifest_field_of_the_wrong_kind_is_refused(
    made: Made, change: Change, words: str
) -> None:
    made.change("manifest.json", change)
    refused(made, words)


# JSON bounded before it is parsed -----------------------------------------------------------
def test_a_list_of_files_with_millions_of_values_is_refused_before_parsing(made: Made) -> None:
    body = b'{"format": 1, "files": [' + b"{}," * 1_700_000 + b"{}]}"
    (made.backup / "files.json").write_bytes(body)
    refused(made, "more than this program reads")


def test_a_list_of_files_nested_deeply_is_refused(made: Made) -> None:
    body = b'{"format": 1, "files": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    (made.backup / "files.json").write_bytes(body)
    refused(made, "nested more than 32 levels deep")


def test_a_manifest_larger_than_the_program_reads_is_refused(made: Made) -> None:
    data = json.dumps({**made.json("manifest.json"), "padding": " " * (65 << 20)})
    (made.backup / "manifest.json").write_text(data, encoding="utf-8")
    refused(made, "is larger than 67 MB, more than this program reads")


def test_a_name_given_twice_in_one_object_is_refused(made: Made) -> None:
    text = (made.backup / "files.json").read_text(encoding="utf-8")
    (made.backup / "files.json").write_text(
        text.replace('"size":', '"size": 1, "size":', 1), encoding="utf-8"
    )
    refused(made, "appears twice in one object")


# Links inside the backup are never followed -----------------------------------------------
@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("dossier.sqlite", "The copy of the database in this backup is missing or incomplete"),
        ("manifest.json", "This is not a backup"),
        ("files.json", "The list of files in this backup is missing or damaged"),
    ],
)
def test_a_file_of_the_backup_that_is_a_link_is_refused(
    made: Made, tmp_path: Path, name: str, words: str
) -> None:
    """The same content, elsewhere, behind a link: never followed."""
    other = tmp_path / f"elsewhere-{name}"
    shutil.copyfile(made.backup / name, other)
    (made.backup / name).unlink()
    (made.backup / name).symlink_to(other)
    refused(made, words)


@pytest.mark.parametrize("link", ["file", "folder"])
def test_a_stored_file_behind_a_link_is_not_read(made: Made, tmp_path: Path, link: str) -> None:
    """files/ab/<sha> (or files/ab/) is a link to a copy elsewhere, with the right content:
    it is not followed, so the document is restored without its file, and named."""
    entry = made.first_file()
    sha = entry["sha256"]
    stored = made.store / "files" / sha[:2] / sha
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.move(stored, elsewhere / sha)
    if link == "file":
        stored.symlink_to(elsewhere / sha)
    else:
        for other in stored.parent.iterdir():
            shutil.move(other, elsewhere / other.name)
        stored.parent.rmdir()
        stored.parent.symlink_to(elsewhere)
    (made.dossier / "vault" / entry["path"]).unlink()  # the dossier no longer has it
    result = restore_backup(made.backup)
    assert [m.path for m in result.missing] == [entry["path"]]
    assert not (made.dossier / "vault" / entry["path"]).exists()
    assert hashlib.sha256((elsewhere / sha).read_bytes()).hexdigest() == sha  # untouched


def test_a_backup_folder_that_is_a_link_is_not_listed(made: Made, tmp_path: Path) -> None:
    elsewhere = tmp_path / "2025-03-11_090000"
    shutil.copytree(made.backup, elsewhere)
    (made.store / elsewhere.name).symlink_to(elsewhere)
    assert [b.path for b in list_backups(made.dossier)] == [made.backup]


# The backup's identity is not trusted -------------------------------------------------------
def test_a_backup_away_from_its_store_gives_the_restored_dossier_an_identity_of_its_own(
    made: Made, tmp_path: Path
) -> None:
    """A backup copied out of the folder named after its dossier (or crafted with another
    dossier's id) does not make the restored dossier share that dossier's backups."""
    from dossier.core.backup import read_identity

    original = read_identity(made.dossier)
    assert original is not None
    loose = tmp_path / "stick" / made.backup.name
    shutil.copytree(made.backup, loose)
    result = restore_backup(loose, tmp_path / "restored")
    restored = read_identity(result.path)
    assert restored is not None and restored.dossier_id != original.dossier_id
    assert {m.path for m in result.missing} == {
        f["path"] for f in made.json("files.json")["files"] if not f["path"].endswith(".png")
    }  # its files are in the store it was taken from


def test_the_backup_folder_a_backup_names_is_not_taken_over(made: Made, tmp_path: Path) -> None:
    from dossier.core.backup import read_identity

    planted = tmp_path / "planted"
    made.change("manifest.json", lambda d: d.update(backup_folder=str(planted)))
    shutil.rmtree(made.dossier)  # restored into a new place, where no setting exists
    result = restore_backup(made.backup, tmp_path / "new place")
    identity = read_identity(result.path)
    assert identity is not None and identity.backup_folder != planted


def _entry(data: dict[str, Any], sha: str) -> dict[str, Any]:
    found: dict[str, Any] = next(f for f in data["files"] if f["sha256"] == sha)
    return found


def test_nothing_is_left_when_the_crafted_name_is_a_folder_of_the_stage(made: Made) -> None:
    """Even a name that stays inside the restore's own folder but outside vault/ is refused."""
    made.change("files.json", lambda d: d["files"][0].update(path="../dossier.sqlite"))
    refused(made, "leads outside the backup")
    assert os.listdir(made.place) == ["anna"]
