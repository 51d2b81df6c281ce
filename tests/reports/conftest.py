"""The hard dossier (tests/hard_dossier.py) and its printouts, built and rendered once for
the report tests that read them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hard_dossier import Hard, build_hard_dossier
from tests.hard_prints import Prints


@pytest.fixture(scope="session")
def hard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hard]:
    with pytest.MonkeyPatch.context() as patch:  # built before any test's own profile
        patch.setenv("DOSSIER_HOME", str(tmp_path_factory.mktemp("hard-home")))
        built = build_hard_dossier(tmp_path_factory.mktemp("hard") / "dossier")
    yield built
    built.dossier.close()


@pytest.fixture(scope="session")
def prints(hard: Hard, tmp_path_factory: pytest.TempPathFactory) -> Prints:
    """Each report rendered on first use, then kept."""
    return Prints(hard, tmp_path_factory.mktemp("hard-prints"))
