"""Helpers of the tests where a document's file in the vault is replaced by a link, a pipe,
a folder or other content: a small dossier made with the real command line, the ways of
replacing the file, and where to look for the secret. Not a test module.

The secret is a private file *outside* the dossier, the same size as the document's file
(so only the refusal to follow a link, or the SHA-256, can keep it out), with a word in it
that must never appear in anything the program makes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from tests.cli.runner import run, run_json
from tests.corpus import make_pdf

SECRET_WORD = "ZEBRAFINCH-SECRET-4471"
NOTE = "Blood test of 3 March: haemoglobin normal, ferritin a little low.\n" * 3

# How the document's file is replaced, and what the check must call it.
REPLACED = {
    "symlink": "file_replaced",  # a symbolic link to the secret
    "fifo": "file_replaced",  # a named pipe: reading it would wait for ever
    "folder": "file_replaced",  # a folder, with the secret inside
    "linked-folder": "file_replaced",  # vault/ab/ itself a link to a folder holding the secret
    "other-content": "file_damaged",  # a regular file of the same size: the secret
    "hardlink-other": "file_damaged",  # a hard link to the secret (a regular file)
}
ALLOWED = "hardlink-same"  # a hard link to a file with the right content: nothing wrong


@dataclass(frozen=True)
class Built:
    folder: Path  # the dossier
    case: int
    sha256: str  # of the note, the document whose file is replaced
    note_id: int
    pdf_id: int

    @property
    def vault_file(self) -> Path:
        return self.folder / "vault" / self.sha256[:2] / self.sha256


def build(folder: Path, sources: Path) -> Built:
    """A dossier with a case and two documents to bring: a text note and a PDF."""
    run("init", str(folder), "--name", "Anna Müller", "--born", "1961-04-02")
    case = run_json("add", "case", "--dossier", str(folder), "--data", '{"title": "Knee"}')
    sources.mkdir(parents=True, exist_ok=True)
    note = sources / "blood-test.txt"
    note.write_text(NOTE, encoding="utf-8")
    pdf = make_pdf(sources / "letter.pdf", 2, seed=11)
    imported = run_json("import", str(note), str(pdf), "--case", str(case["id"]),
                        "--dossier", str(folder))  # fmt: skip
    ids = [r["document_id"] for r in imported]
    for document_id in ids:
        run("edit", "document", str(document_id), "--data", '{"bring": true}',
            "--dossier", str(folder))  # fmt: skip
    sha = hashlib.sha256(note.read_bytes()).hexdigest()
    return Built(folder, int(case["id"]), sha, ids[0], ids[1])


def copy_of(template: Built, folder: Path) -> Built:
    shutil.copytree(template.folder, folder, symlinks=True)
    return Built(folder, template.case, template.sha256, template.note_id, template.pdf_id)


# Fixtures, for the test modules to take in (``template = links.template`` and so on).
@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The dossier, made once per module; each test spoils a copy of it."""
    root = tmp_path_factory.mktemp("links")
    return build(root / "dossier", root / "sources")


@pytest.fixture
def built(template: Built, tmp_path: Path) -> Built:
    return copy_of(template, tmp_path / "dossier")


@pytest.fixture
def opened(built: Built) -> Iterator[Dossier]:
    with open_dossier(built.folder) as dossier:
        yield dossier


def secret_like(original: Path, outside: Path) -> Path:
    """A private file outside the dossier, as long as ``original``, holding the secret."""
    size = original.stat().st_size
    text = (SECRET_WORD + " ") * (size // (len(SECRET_WORD) + 1) + 1)
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "private-letter.txt"
    secret.write_bytes(text.encode("ascii")[: size - 1] + b"\n")
    assert secret.stat().st_size == size
    return secret


def replace_file(built: Built, how: str, outside: Path) -> Path:
    """Replace the note's file in the vault as ``how`` says; the secret file outside."""
    target = built.vault_file
    secret = secret_like(target, outside)
    original = target.read_bytes()
    target.unlink()
    if how == "symlink":
        target.symlink_to(secret)
    elif how == "fifo":
        os.mkfifo(target)
    elif how == "folder":
        target.mkdir()
        shutil.copy(secret, target / "inside.txt")
    elif how == "linked-folder":
        real = outside / "ab-elsewhere"
        shutil.copytree(target.parent, real)
        shutil.copy(secret, real / target.name)
        shutil.rmtree(target.parent)
        target.parent.symlink_to(real, target_is_directory=True)
    elif how == "other-content":
        shutil.copy(secret, target)
    elif how == "hardlink-other":
        os.link(secret, target)
    elif how == ALLOWED:
        same = outside / "same-content.txt"
        same.write_bytes(original)
        os.link(same, target)
    else:
        raise ValueError(how)
    return secret


def secret_in_files(folder: Path) -> list[Path]:
    """Every regular file below ``folder`` (links not followed) holding the secret word,
    inside a zip archive's entries too."""
    found = []
    word = SECRET_WORD.encode()
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root, name)
            if path.is_symlink() or not path.is_file():
                continue
            data = path.read_bytes()
            if word in data or (zipfile.is_zipfile(path) and _in_zip(path, word)):
                found.append(path)
    return found


def _in_zip(path: Path, word: bytes) -> bool:
    with zipfile.ZipFile(path) as archive:
        return any(word in archive.read(name) for name in archive.namelist())


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
