"""The frozen program protects a dossier with a passphrase (issue 18): SQLCipher, AES-GCM
and Argon2id are in the bundle and work there, the recovery sheet is printed, and a
document imported into the protected dossier is found by its word and stored encrypted."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from dossier.core.textpdf import write_pdf
from tests.packaging.bundle import Bundle

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
    pytest.mark.xdist_group("bundle"),  # one process builds the bundle for them all
]

WORD = "Pterodactylomancy"
ENV = {"DOSSIER_PASSPHRASE": "bundled and protected", "QT_QPA_PLATFORM": "offscreen"}


def test_a_protected_dossier_in_the_bundle(bundle: Bundle, tmp_path: Path) -> None:
    folder = tmp_path / "protected"
    sheet = tmp_path / "sheet.pdf"
    made = bundle.run(
        "init", str(folder), "--name", "Frozen Example", "--protect",
        "--recovery-sheet", str(sheet), "--json", env=ENV,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["protected"] is True and sheet.stat().st_size > 1000
    letter = tmp_path / "letter.pdf"
    write_pdf(letter, [f"Findings: {WORD}."], title="Frozen letter")
    imported = bundle.run("import", str(letter), "--dossier", str(folder), env=ENV)
    assert imported.returncode == 0, imported.stderr
    found = bundle.run("search", WORD, "--dossier", str(folder), "--json", env=ENV)
    assert found.returncode == 0, found.stderr
    assert [hit["title"] for hit in json.loads(found.stdout)] == ["Frozen letter"]
    locked = bundle.run("list", "cases", "--dossier", str(folder))
    assert locked.returncode == 2 and "DOSSIER_PASSPHRASE" in locked.stderr
    for path in folder.rglob("*"):
        if path.is_file():
            assert WORD.encode() not in path.read_bytes(), path
