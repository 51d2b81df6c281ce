"""A dossier protected with a passphrase on the command line, run for real (issue 18):
``init --protect``, every command given the passphrase by file or by the environment,
``passphrase`` (also after a forgotten one, with the recovery key) and ``recovery-sheet``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from dossier.core.textpdf import write_pdf
from tests.cli.runner import ENV
from tests.reports.pdf_reading import poppler_pages

PASSPHRASE = "Sturm und Drang 1958"
WORD = "Quarkelwindigo"
NAME = "Ілля Rosenthal-כהן"


def dossier_cmd(
    *args: str, env: dict[str, str] | None = None, check: int | None = 0
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "dossier", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **ENV, **(env or {})},
        stdin=subprocess.DEVNULL,  # no terminal: the passphrase is never asked
        timeout=180,
    )
    if check is not None:
        assert result.returncode == check, (result.stdout, result.stderr)
    return result


def secret_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


def key_from_sheet(sheet: Path) -> str:
    text = " ".join(poppler_pages(sheet))
    groups = re.findall(r"\b\d{6}\b", text)
    assert len(groups) == 8, text
    return "-".join(groups)


def test_a_protected_dossier_from_init_to_a_new_passphrase(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    pass_file = secret_file(tmp_path, "pass.txt", PASSPHRASE)
    sheet = tmp_path / "sheet.pdf"
    made = json.loads(
        dossier_cmd(
            "init", str(folder), "--name", NAME, "--protect",
            "--passphrase-file", str(pass_file), "--recovery-sheet", str(sheet), "--json",
        ).stdout
    )  # fmt: skip
    assert made["protected"] is True and made["person"]["name"] == NAME
    assert key_from_sheet(sheet) == made["recovery_key"]
    # Without the passphrase: said plainly, exit 2, nothing asked (there is no terminal).
    refused = dossier_cmd("list", "cases", "--dossier", str(folder), check=2)
    assert "--passphrase-file" in refused.stderr and "DOSSIER_PASSPHRASE" in refused.stderr
    wrong = dossier_cmd(
        "list", "cases", "--dossier", str(folder), env={"DOSSIER_PASSPHRASE": "nope"}, check=2
    )
    assert "Wrong passphrase" in wrong.stderr
    # With it, from the environment: adding, importing and searching work as ever.
    env = {"DOSSIER_PASSPHRASE": PASSPHRASE}
    dossier_cmd(
        "add",
        "case",
        "--dossier",
        str(folder),
        "--data",
        json.dumps({"title": "Second look"}),
        env=env,
    )
    letter = tmp_path / "letter.pdf"
    write_pdf(letter, [f"The scan shows {WORD} changes."], title="Scan report")
    dossier_cmd("import", str(letter), "--dossier", str(folder), env=env)
    found = json.loads(
        dossier_cmd("search", WORD, "--dossier", str(folder), "--json", env=env).stdout
    )
    assert [hit["title"] for hit in found] == ["Scan report"]
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert WORD.encode() not in data and b"Rosenthal" not in data, path
    # A new passphrase: the old one no longer opens it, the new one does.
    new_file = secret_file(tmp_path, "new.txt", "a brand new passphrase")
    dossier_cmd(
        "passphrase", "--dossier", str(folder), "--passphrase-file", str(pass_file),
        "--new-passphrase-file", str(new_file),
    )  # fmt: skip
    dossier_cmd("list", "cases", "--dossier", str(folder), env=env, check=2)
    listed = dossier_cmd(
        "list", "cases", "--dossier", str(folder), "--passphrase-file", str(new_file), "--json"
    )
    assert "Second look" in listed.stdout
    # Forgotten: the recovery key from the sheet sets another one.
    key_file = secret_file(tmp_path, "key.txt", made["recovery_key"].replace("-", " "))
    dossier_cmd(
        "passphrase", "--dossier", str(folder), "--recovery-key-file", str(key_file),
        env={"DOSSIER_NEW_PASSPHRASE": "remembered at last"},
    )  # fmt: skip
    dossier_cmd(
        "list", "cases", "--dossier", str(folder), env={"DOSSIER_PASSPHRASE": "remembered at last"}
    )


def test_a_new_recovery_sheet_replaces_the_old_key(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    env = {"DOSSIER_PASSPHRASE": PASSPHRASE}
    made = json.loads(
        dossier_cmd("init", str(folder), "--name", NAME, "--protect", "--json", env=env).stdout
    )
    sheet = tmp_path / "new-sheet.pdf"
    dossier_cmd("recovery-sheet", "--dossier", str(folder), "--out", str(sheet), env=env)
    new_key = key_from_sheet(sheet)
    assert new_key != made["recovery_key"]
    pages = poppler_pages(sheet)
    assert len(pages) == 1  # one sheet of paper, in large print
    assert NAME.split()[0] in pages[0] and "Where to keep it" in pages[0]
    old = secret_file(tmp_path, "old.txt", made["recovery_key"])
    refused = dossier_cmd(
        "passphrase", "--dossier", str(folder), "--recovery-key-file", str(old),
        env={"DOSSIER_NEW_PASSPHRASE": "whatever it is"}, check=2,
    )  # fmt: skip
    assert "does not open this dossier" in refused.stderr
    typo = secret_file(tmp_path, "typo.txt", new_key[:3] + str(9 - int(new_key[3])) + new_key[4:])
    slipped = dossier_cmd(
        "passphrase", "--dossier", str(folder), "--recovery-key-file", str(typo),
        env={"DOSSIER_NEW_PASSPHRASE": "whatever it is"}, check=1,
    )  # fmt: skip
    assert "Group 1" in slipped.stderr


def test_protection_options_refused_plainly(tmp_path: Path) -> None:
    short = dossier_cmd(
        "init", str(tmp_path / "a"), "--name", "A B", "--protect",
        env={"DOSSIER_PASSPHRASE": "short"}, check=2,
    )  # fmt: skip
    assert "at least 8 characters" in short.stderr
    assert not (tmp_path / "a").exists()
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"x" * 100_000)
    too_long = dossier_cmd(
        "init", str(tmp_path / "b"), "--name", "A B", "--protect",
        "--passphrase-file", str(huge), check=2,
    )  # fmt: skip
    assert "too long" in too_long.stderr
    plain = tmp_path / "plain"
    dossier_cmd("init", str(plain), "--name", "A B")
    not_protected = dossier_cmd("passphrase", "--dossier", str(plain), check=2)
    assert "is not protected" in not_protected.stderr
    sheet_alone = dossier_cmd(
        "init", str(tmp_path / "c"), "--name", "A B", "--recovery-sheet", str(tmp_path / "s.pdf"),
        check=2,
    )  # fmt: skip
    assert "--protect" in sheet_alone.stderr


def test_an_existing_dossier_protected_and_unprotected(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    dossier_cmd("init", str(folder), "--name", NAME)
    letter = tmp_path / "letter.pdf"
    write_pdf(letter, [f"The scan shows {WORD} changes."], title="Scan report")
    dossier_cmd("import", str(letter), "--dossier", str(folder))
    assert any(WORD.encode() in p.read_bytes() for p in folder.rglob("*") if p.is_file())
    env = {"DOSSIER_PASSPHRASE": PASSPHRASE}
    sheet = tmp_path / "sheet.pdf"
    done = json.loads(
        dossier_cmd(
            "protect", "--dossier", str(folder), "--recovery-sheet", str(sheet), "--json",
            env=env,
        ).stdout
    )  # fmt: skip
    assert key_from_sheet(sheet) == done["recovery_key"]
    assert not any(WORD.encode() in p.read_bytes() for p in folder.rglob("*") if p.is_file())
    again = dossier_cmd("protect", "--dossier", str(folder), env=env, check=2)
    assert "already" in again.stderr
    dossier_cmd("search", WORD, "--dossier", str(folder), check=2)  # no passphrase: refused
    hits = dossier_cmd("search", WORD, "--dossier", str(folder), "--json", env=env).stdout
    assert [hit["title"] for hit in json.loads(hits)] == ["Scan report"]
    dossier_cmd("unprotect", "--dossier", str(folder), env={"DOSSIER_PASSPHRASE": "nope"}, check=2)
    dossier_cmd("unprotect", "--dossier", str(folder), env=env)
    plain = dossier_cmd("search", WORD, "--dossier", str(folder), "--json").stdout
    assert [hit["title"] for hit in json.loads(plain)] == ["Scan report"]
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock")) == [
        "dossier.sqlite",
        "vault",
    ]


def test_an_archive_of_a_protected_dossier_is_protected_or_plainly_not(tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    env = {"DOSSIER_PASSPHRASE": PASSPHRASE}
    dossier_cmd("init", str(folder), "--name", NAME, "--protect", env=env)
    letter = tmp_path / "letter.pdf"
    write_pdf(letter, [f"The scan shows {WORD} changes."], title="Scan report")
    dossier_cmd("import", str(letter), "--dossier", str(folder), env=env)
    archive = tmp_path / "for-the-doctor.sodz"
    asked = dossier_cmd("export", str(archive), "--dossier", str(folder), env=env, check=2)
    assert "readable by anyone" in asked.stderr and not archive.exists()
    both = dossier_cmd(
        "export", str(archive), "--dossier", str(folder), "--protect", "--unprotected",
        env=env, check=2,
    )  # fmt: skip
    assert "not both" in both.stderr
    sealed_env = {**env, "DOSSIER_ARCHIVE_PASSPHRASE": "for the doctor only"}
    dossier_cmd("export", str(archive), "--dossier", str(folder), "--protect", env=sealed_env)
    assert WORD.encode() not in archive.read_bytes()
    refused = dossier_cmd("import-archive", str(archive), str(tmp_path / "a"), check=2)
    assert "DOSSIER_ARCHIVE_PASSPHRASE" in refused.stderr
    dossier_cmd(
        "import-archive", str(archive), str(tmp_path / "rebuilt"),
        env={"DOSSIER_ARCHIVE_PASSPHRASE": "for the doctor only"},
    )  # fmt: skip
    hits = dossier_cmd("search", WORD, "--dossier", str(tmp_path / "rebuilt"), "--json").stdout
    assert [hit["title"] for hit in json.loads(hits)] == ["Scan report"]
    plain = tmp_path / "plain.zip"
    dossier_cmd("export", str(plain), "--dossier", str(folder), "--unprotected", env=env)
    assert plain.read_bytes().startswith(b"PK")
