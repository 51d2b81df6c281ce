"""A document's file in the vault replaced by a link to a private file elsewhere (or by a
pipe, a folder, a linked folder, other content of the same size), through the real
command line: ``print packet``, ``export``, ``backup`` and ``check`` never copy what it
points to anywhere, say plainly what is wrong, and ``check --repair`` moves the link itself
(never what it points to, never a document's own file). A hard link to the right content
is an ordinary file and is used.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests import vault_link_helpers as links
from tests.cli.runner import run, run_json
from tests.vault_link_helpers import (
    ALLOWED,
    NOTE,
    REPLACED,
    SECRET_WORD,
    Built,
    pdf_text,
    replace_file,
    secret_in_files,
)

CASES = sorted(REPLACED)

template, built = links.template, links.built


def _link_path(built: Built, how: str) -> str:
    """What stands in the document's way, as the check names it."""
    relative = built.vault_file.relative_to(built.folder)
    return relative.parent.as_posix() if how == "linked-folder" else relative.as_posix()


@pytest.mark.parametrize("how", CASES)
def test_print_packet_gives_the_stand_in_page_never_the_secret(
    built: Built, how: str, tmp_path: Path
) -> None:
    secret = replace_file(built, how, tmp_path / "outside")
    before = secret.read_bytes()
    out = tmp_path / "printed" / "packet.pdf"
    out.parent.mkdir()
    done = run_json("print", "packet", "--case", str(built.case), "--out", str(out),
                    "--dossier", str(built.folder))  # fmt: skip
    [left_out] = done["not_included"]
    expected = "damaged" if REPLACED[how] == "file_damaged" else "replaced by a link"
    assert expected in left_out["reason"]
    assert SECRET_WORD.encode() not in out.read_bytes()
    text = pdf_text(out)
    assert SECRET_WORD not in text
    assert "could not be included" in text  # the stand-in page, in the note's place
    assert secret_in_files(tmp_path / "printed") == []
    assert secret.read_bytes() == before


@pytest.mark.parametrize("how", CASES)
def test_export_never_copies_the_secret_and_says_why(
    built: Built, how: str, tmp_path: Path
) -> None:
    replace_file(built, how, tmp_path / "outside")
    saved = tmp_path / "saved"
    saved.mkdir()
    archive = saved / "anna.zip"
    result = run("export", str(archive), "--dossier", str(built.folder), check=None)
    said = result.stdout + result.stderr
    assert "Traceback" not in said
    expected = "damaged" if REPLACED[how] == "file_damaged" else "replaced by a link"
    assert expected in said
    assert result.returncode == 1 and not archive.exists()
    assert secret_in_files(saved) == []
    assert os.listdir(saved) == []  # no half-written archive either


@pytest.mark.parametrize("how", CASES)
def test_backup_names_the_file_not_included_and_never_copies_the_secret(
    built: Built, how: str, tmp_path: Path
) -> None:
    replace_file(built, how, tmp_path / "outside")
    drive = tmp_path / "usb"
    drive.mkdir()
    result = run("backup", "--dossier", str(built.folder), "--to", str(drive))
    name = _link_path(built, how).removeprefix("vault/")
    assert f"Not included: vault/{name}" in result.stdout
    assert secret_in_files(drive) == []


@pytest.mark.parametrize("how", CASES)
def test_check_reports_one_finding_for_the_file(built: Built, how: str, tmp_path: Path) -> None:
    replace_file(built, how, tmp_path / "outside")
    out = run_json("check", "--dossier", str(built.folder), check=1)
    [finding] = out["check"]["findings"]
    assert finding["code"] == REPLACED[how]
    [item] = finding["items"]
    assert item["document_id"] == built.note_id
    if REPLACED[how] == "file_replaced":
        assert item["path"] == _link_path(built, how)
        assert finding["repairable"] and "link" in finding["message"]
        assert "quarantine" in finding["advice"]
    text = run("check", "--dossier", str(built.folder), check=1).stdout
    assert "belong to no record" not in text and "belongs to no record" not in text


@pytest.mark.parametrize("how", CASES)
def test_repair_moves_the_link_itself_and_never_a_documents_file(
    built: Built, how: str, tmp_path: Path
) -> None:
    secret = replace_file(built, how, tmp_path / "outside")
    before = secret.read_bytes()
    pdf_file = _stored_file(built, built.pdf_id)
    pdf_bytes = pdf_file.read_bytes()
    out = run_json("check", "--repair", "--dossier", str(built.folder), check=1)
    if REPLACED[how] == "file_damaged":  # a regular file: nothing to repair, left in place
        assert out["repair"] is None
        assert built.vault_file.is_file() and not built.vault_file.is_symlink()
        assert [f["code"] for f in out["check"]["findings"]] == ["file_damaged"]
        assert not (built.folder / "quarantine").exists()
    else:
        [entry] = out["repair"]["moved_to_quarantine"]
        after = {f["code"] for f in out["repair"]["after"]["findings"]}
        assert entry["from"] == str(built.folder / _link_path(built, how))
        target = Path(entry["to"])
        assert target.is_relative_to(built.folder / "quarantine")
        if how in ("symlink", "linked-folder"):
            assert target.is_symlink()  # the link itself, not what it points to
        assert after == {"file_missing"}
        again = run_json("check", "--dossier", str(built.folder), check=1)
        assert [f["code"] for f in again["check"]["findings"]] == ["file_missing"]
    assert secret.read_bytes() == before  # what the link pointed to is untouched
    assert pdf_file.read_bytes() == pdf_bytes  # the other document's file is where it was
    if how in ("symlink", "linked-folder", "fifo"):  # nothing was read through the link
        assert secret_in_files(built.folder) == []


def test_a_hard_link_to_the_right_content_is_an_ordinary_file(built: Built, tmp_path: Path) -> None:
    replace_file(built, ALLOWED, tmp_path / "outside")
    d = ("--dossier", str(built.folder))
    out = tmp_path / "packet.pdf"
    done = run_json("print", "packet", "--case", str(built.case), "--out", str(out), *d)
    assert done["not_included"] == []
    assert "haemoglobin normal" in pdf_text(out)
    run("export", str(tmp_path / "anna.zip"), *d)
    backup = run("backup", "--to", str(tmp_path / "usb"), *d).stdout
    assert "Not included" not in backup
    assert run_json("check", *d)["ok"] is True


def _stored_file(built: Built, document_id: int) -> Path:
    shown = json.loads(
        run("show", "document", str(document_id), "--json", "--dossier", str(built.folder)).stdout
    )
    sha = str(shown["sha256"])
    return built.folder / "vault" / sha[:2] / sha


def test_the_note_is_what_it_should_be(template: Built) -> None:
    """The dossier the tests above spoil is sound to begin with."""
    assert template.vault_file.read_text(encoding="utf-8") == NOTE
    assert run_json("check", "--dossier", str(template.folder))["ok"] is True


def test_a_linked_thumbnail_is_never_read_backed_up_or_followed(
    built: Built, tmp_path: Path
) -> None:
    """A small picture replaced by a link: the backup leaves it out (it is not hashed and
    copied as if it were ours), the check reports it once, repair moves the link and makes
    the picture again."""
    thumb = _stored_file(built, built.pdf_id).with_suffix(".thumb.png")
    assert thumb.is_file()
    secret = tmp_path / "outside" / "private.png"
    secret.parent.mkdir()
    secret.write_bytes(SECRET_WORD.encode() * 100)
    thumb.unlink()
    thumb.symlink_to(secret)
    d = ("--dossier", str(built.folder))
    backup = run("backup", "--to", str(tmp_path / "usb"), *d).stdout
    assert f"Not included: vault/{thumb.parent.name}/{thumb.name}" in backup
    assert secret_in_files(tmp_path / "usb") == []
    out = run_json("check", *d, check=1)
    [finding] = out["check"]["findings"]
    assert finding["code"] == "thumbnail_damaged"
    assert [i["document_id"] for i in finding["items"]] == [built.pdf_id]
    repaired = run_json("check", "--repair", *d)
    [moved] = repaired["repair"]["moved_to_quarantine"]
    assert moved["from"] == str(thumb) and Path(moved["to"]).is_symlink()
    assert repaired["repair"]["thumbnails_made"] == [built.pdf_id]
    assert thumb.is_file() and not thumb.is_symlink()
    assert secret.read_bytes() == SECRET_WORD.encode() * 100
