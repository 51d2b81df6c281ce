"""``dossier bundle`` in a real subprocess, on a copy of the example dossier: a folder and a
zip file, what it prints, the hand-over recorded with --to, and its refusals in one line,
changing nothing."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.opening import open_dossier
from dossier.core.vault_read import read_stored
from tests.cli.runner import run, run_json
from tests.pinned_day import PinDay


@pytest.fixture
def place(demo_copy: Path, tmp_path: Path, today: PinDay) -> tuple[Path, Path]:
    today("2026-05-12")
    stick = tmp_path / "stick"
    stick.mkdir()
    return demo_copy, stick


def hand_overs(folder: Path) -> list[dict[str, object]]:
    with open_dossier(folder) as dossier:
        return records.list_records(dossier, "hand_over")


def test_a_folder_with_the_hand_over_recorded(place: tuple[Path, Path]) -> None:
    dossier, stick = place
    before = len(hand_overs(dossier))
    done = run(
        "bundle", "--dossier", str(dossier), "--case", "1", "--out", str(stick / "For Dr Müller"),
        "--to", "4",
    )  # fmt: skip
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"Wrote the bundle to the folder {stick / 'For Dr Müller'}: ")
    assert ": cover letter, brief, packet, 10 documents (" in lines[0]
    assert any(line.startswith("Sent separately: Core biopsy slides") for line in lines)
    assert any(line.startswith("Recorded as sent to Dr. Helena Müller") for line in lines)
    assert done.stderr == ""
    after = hand_overs(dossier)
    assert len(after) == before + 1
    row = after[-1] if after[-1]["kind"] == "sent" else max(after, key=lambda r: int(r["id"]))
    assert (row["contact_id"], row["how"], row["done_on"]) == (
        4,
        "as a folder, For Dr Müller",
        "2026-05-12",
    )
    target = stick / "For Dr Müller"
    with open_dossier(dossier) as opened:
        for document in records.list_records(opened, "document", case_id=1):
            if document.get("translation_of_id") is None:
                data = read_stored(opened.vault, document["sha256"], document["size"])
                assert any(p.read_bytes() == data for p in (target / "Documents").iterdir()), (
                    document["title"]
                )
    assert (target / "CONTENTS.txt").read_bytes().startswith(b"\xef\xbb\xbfRecords for")


def test_a_zip_in_json(place: tuple[Path, Path]) -> None:
    dossier, stick = place
    before = hand_overs(dossier)
    result = run_json(
        "bundle", "--dossier", str(dossier), "--case", "2", "--out", str(stick / "knee"),
        "--zip", "--language", "de",
    )  # fmt: skip
    assert result["path"] == str(stick / "knee.zip") and result["zip"] is True
    assert result["language"] == "de" and result["printed_in"] == "en"
    assert result["in_english_instead"] is True
    assert result["hand_over_id"] is None and hand_overs(dossier) == before
    assert {t["language"] for t in result["not_translated"]} == {"English"}
    with zipfile.ZipFile(stick / "knee.zip") as archive:
        names = archive.namelist()
        assert "CONTENTS.txt" in names and "CONTENTS.pdf" in names
        assert len([n for n in names if n.startswith("Documents/")]) == len(result["documents"])
        text = archive.read("CONTENTS.txt").decode("utf-8-sig")
    assert "the program does not write German" in text
    assert os.listdir(stick) == ["knee.zip"]


def test_printed_in_the_doctors_language(place: tuple[Path, Path]) -> None:
    dossier, stick = place
    done = run(
        "bundle", "--dossier", str(dossier), "--case", "1", "--out", str(stick / "b.zip"),
        "--language", "en",
    )  # fmt: skip
    assert "Wrote the bundle to the zip file" in done.stdout
    assert "Not yet translated" not in done.stdout  # every document is in English


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--case", "99"], 1, "There is no case number 99."),
        (["--case", "1", "--to", "999"], 1, "There is no contact number 999."),
        (["--case", "0"], 2, "numbers start at 1"),
        (["--case", "1", "--language", "xx"], 2, "'xx' is not a language a document can be"),
    ],
)
def test_bad_ids_and_languages(
    place: tuple[Path, Path], args: list[str], code: int, words: str
) -> None:
    dossier, stick = place
    done = run("bundle", "--dossier", str(dossier), "--out", str(stick / "b"), *args, check=code)
    assert words in done.stderr and len(done.stderr.splitlines()) == 1
    assert os.listdir(stick) == []


def test_refused_places(place: tuple[Path, Path]) -> None:
    dossier, stick = place
    (stick / "there").mkdir()
    (stick / "there" / "a letter.txt").write_text("mine")
    (stick / "old.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (stick / "link").symlink_to(stick / "there")
    before = hand_overs(dossier)
    for out, words in (
        (stick / "there", "There is already something called"),
        (stick / "old.zip", "There is already something called"),
        (stick / "link", "There is already something called"),
        (stick / "missing" / "b", "There is no folder"),
        (dossier / "vault" / "b", "outside the dossier's folder"),
        (dossier / "b.zip", "outside the dossier's folder"),
    ):
        done = run(
            "bundle", "--dossier", str(dossier), "--case", "1", "--out", str(out), "--to", "4",
            check=1,
        )  # fmt: skip
        assert words in done.stderr, (out, done.stderr)
        assert done.stdout == "" and len(done.stderr.splitlines()) == 1
    assert (stick / "there" / "a letter.txt").read_text() == "mine"
    assert (stick / "old.zip").read_bytes() == b"PK\x05\x06" + bytes(18)
    assert sorted(os.listdir(stick)) == ["link", "old.zip", "there"]
    assert not (dossier / "b.zip").exists() and not (dossier / "vault" / "b").exists()
    assert hand_overs(dossier) == before
    args = ["--dossier", str(dossier), "--case", "1", "--out", str(stick / "there")]
    refused = json.loads(run("bundle", *args, "--json", check=1).stdout)
    assert "already something called" in refused["error"]
