"""Fixtures of the benchmarks: a cache folder for generated input, and the large indexed dossier.

``tests/benchmarks`` is put on ``sys.path`` so the benchmarks (and the worker processes that
make their input, started with 'spawn') can ``import builders``.

Generated input lives in a temporary folder for the run, or, when the environment variable
``DOSSIER_BENCH_CACHE`` names a folder, there, reused by later runs with the same parameters.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import builders

# The indexed dossier of the search and open benchmarks: 5,000 documents x 10 pages.
INDEXED = {"documents": 5000, "pages_per_document": 10, "words_per_page": 250, "seed": 3}
# The family-archive scale of the search benchmark: 25,000 documents x 10 pages.
INDEXED_LARGE = {**INDEXED, "documents": 25_000}


@pytest.fixture(scope="session")
def bench_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    configured = os.environ.get("DOSSIER_BENCH_CACHE")
    if configured:
        folder = Path(configured).expanduser().resolve()
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("bench-cache")


@pytest.fixture(scope="session")
def indexed_dossier(bench_cache: Path) -> tuple[Path, builders.BuildInfo]:
    """(folder, build info) of the 5,000-document dossier, built once per session (or cache)."""
    return builders.cached_indexed_dossier(bench_cache, **INDEXED)


@pytest.fixture(scope="session")
def large_indexed_dossier(bench_cache: Path) -> tuple[Path, builders.BuildInfo]:
    """(folder, build info) of the 25,000-document dossier (250,000 pages), built once per
    session (or cache): a few minutes."""
    return builders.cached_indexed_dossier(bench_cache, **INDEXED_LARGE)
