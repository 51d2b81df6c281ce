"""The fixtures of the bundle tests: a dossier made once per module (tests.handover.
bundle_dossier), a fresh copy of it for each test at a pinned day, and a "USB stick" folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core.storage import Dossier
from tests.handover.bundle_dossier import Built, build, copy, opened
from tests.pinned_day import PinDay


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("bundle")
    return build(root / "dossier", root / "sources")


@pytest.fixture
def built(template: Built, tmp_path: Path, today: PinDay) -> Built:
    today("2026-05-12")
    return copy(template, tmp_path / "dossier")


@pytest.fixture
def dossier(built: Built) -> Iterator[Dossier]:
    with opened(built) as opened_dossier:
        yield opened_dossier


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder
