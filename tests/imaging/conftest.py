"""Imaging discs made once per test session (generating DICOM files takes a moment)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core.importer.pool import SandboxPool
from dossier.core.opening import create_dossier
from dossier.core.storage import Dossier
from tests.dicom_discs import loose_files, standard_disc


@pytest.fixture(scope="session")
def disc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The issue's disc: a DICOMDIR, three series (one JPEG 2000, one of another patient)."""
    return standard_disc(tmp_path_factory.mktemp("disc") / "CDROM")


@pytest.fixture(scope="session")
def loose_disc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A disc without a DICOMDIR, its files named without extensions."""
    return loose_files(tmp_path_factory.mktemp("loose") / "USB")


@pytest.fixture
def margaret(tmp_path: Path) -> Iterator[Dossier]:
    """The dossier of the person the standard disc is for."""
    opened = create_dossier(tmp_path / "dossier", name="Margaret Example", born="1958-02-14")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def readers() -> Iterator[SandboxPool]:
    with SandboxPool(reader="imaging") as pool:
        yield pool
