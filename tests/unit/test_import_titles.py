"""Imported documents are named by their own title only when it is a real one: a PDF's
Title field left by a program ("Binder1.pdf", "Model", "Microsoft Word - ...") gives way
to the file's name, cleaned (dossier.core.importer.titles, through the real importer)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.importer.pipeline import import_paths
from dossier.core.importer.pool import SandboxPool
from dossier.core.importer.titles import document_title, is_real_title
from dossier.core.storage import Dossier
from dossier.core.textpdf import Block, write_pdf


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    with SandboxPool(workers=1) as sandbox:
        yield sandbox


JUNK = [
    "Binder1.pdf",
    "Model",
    "model 2",
    "untitled",
    "Untitled document",
    "Document1",
    "Microsoft Word - Brief aan huisarts.docx",
    "Microsoft Word - \ufffd\ufffd\ufffd\ufffd",
    "Microsoft Word - □□□□",
    "C:\\Users\\anna\\Scans\\scan0004.tif",
    "/home/mark/letter.odt",
    "12345",
    "   ",
    "Scan 12",
    "PowerPoint Presentation",
    "x1",
]
REAL = [
    "Pathology report: core biopsy, left breast",
    "Verslag MRI mamma 14-03-2026",
    "Заключение онколога",
    "סיכום ביקור במרפאה",
    "CT thorax",
    "Report of the tumour board, 12 March",
    "Brief van Dr. de Vries (kopie)",
]


@pytest.mark.parametrize("title", JUNK)
def test_a_program_s_leftover_is_not_a_title(title: str) -> None:
    assert not is_real_title(title)


@pytest.mark.parametrize("title", REAL)
def test_a_real_title_is_kept(title: str) -> None:
    assert is_real_title(title)
    assert document_title(title, Path("scan_0001.pdf")) == title


def test_the_file_name_is_cleaned_when_the_title_is_junk() -> None:
    assert document_title("Binder1.pdf", Path("MRI_verslag-2026_03.pdf")) == "MRI verslag 2026 03"
    assert document_title(None, Path("bloed-uitslag.pdf")) == "Bloed uitslag"


def test_a_long_title_is_cut_to_200_characters() -> None:
    title = "Заключение онколога, Dr. Levi-Cohen הרופא " * 20
    assert len(document_title(title, Path("a.pdf"))) == 200


def test_imported_pdfs_get_the_names_a_user_would_expect(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    cases = {
        "Brief_huisarts_2026-03.pdf": (
            "Microsoft Word - \ufffd\ufffd\ufffd",
            "Brief huisarts 2026 03",
        ),
        "pathology.pdf": ("Model", "Pathology"),
        "mri_report.pdf": ("Model", "Mri report"),
        "binder.pdf": ("Binder1.pdf", "Binder"),
        "consult.pdf": ("Second opinion, Dr. Cohen", "Second opinion, Dr. Cohen"),
    }
    for number, (name, (file_title, _)) in enumerate(cases.items()):
        write_pdf(folder / name, [Block(f"Letter number {number}")], title=file_title)

    results = import_paths(dossier, [folder], pool=pool)

    assert {r.status for r in results} == {"imported"}
    titles = {
        Path(r.path).name: records.get(dossier, "documents", r.document_id)["title"]
        for r in results
        if r.document_id is not None
    }
    assert titles == {name: expected for name, (_, expected) in cases.items()}
