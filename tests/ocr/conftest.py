"""Shared for the tests of reading scans: the scans themselves, made once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core.importer.pool import SandboxPool
from dossier.core.ocr.run import PAGE_TIMEOUT
from tests import scans


@pytest.fixture(scope="session")
def scan_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """For each of the five languages a scanned PDF and a phone photo held sideways."""
    folder = tmp_path_factory.mktemp("scans")
    for language in scans.LANGUAGES:
        scans.scanned_pdf(folder / f"scan-{language}.pdf", language)
        scans.photo_jpeg(folder / f"photo-{language}.jpg", language, exif_orientation=6)
    return folder


@pytest.fixture(scope="module")
def readers() -> Iterator[SandboxPool]:
    """Two reader processes with the program's own limits, kept for the module's tests."""
    with SandboxPool(workers=2, timeout=PAGE_TIMEOUT, reader="recognise") as pool:
        yield pool
