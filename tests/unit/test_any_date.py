"""The tests that reckon with dates pass on any date, not only on the pinned one.

Every test lives on one pinned date (tests/conftest.py). Those marked ``dates`` (they
build the example dossier or other dated data, or reckon with the clock) run again here,
in a pytest of their own, at dates where calendars go wrong: the last day of a year,
29 February of a leap year, and a date years ahead. Each date takes a fixed third of them
(DOSSIER_TEST_SHARD, by a hash of the test's name), so the three runs together cost one run
of the date-sensitive tests and fit CI's half hour; every such test lives on two days. A test that hard-codes what the
calendar said on the day it was written, or code that breaks at a year's turn, fails here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DATES = ("2026-12-31", "2028-02-29", "2039-07-01")
_SUMMARY = re.compile(r"(\d+) passed.* in [\d.]+s")

pytestmark = pytest.mark.skipif(
    "DOSSIER_TEST_TODAY" in os.environ, reason="already running at another date"
)


def _start(day: str, folder: Path) -> tuple[subprocess.Popen[bytes], Path]:
    """A pytest of ``day``'s share of the date-sensitive tests, its output into a file."""
    shard = f"{DATES.index(day)}/{len(DATES)}"
    env = {
        **os.environ,
        "DOSSIER_TEST_TODAY": day,
        "DOSSIER_TEST_SHARD": shard,
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("DOSSIER_TODAY", None)
    output = folder / "output.txt"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-m",
                "dates and not packaging and not benchmark and not slow",
                f"--basetemp={folder / 'basetemp'}",  # never the outer run's temporary folders
                f"--ignore={Path(__file__).relative_to(REPO)}",
                "tests",
            ],
            cwd=REPO,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    return process, output


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Any, Path]]]:
    """The three runs, started together: they take turns on the cores, and the whole
    check takes about as long as the two longest instead of the three one after another."""
    started = {day: _start(day, tmp_path_factory.mktemp(f"at-{day}")) for day in DATES}
    yield started
    for process, _ in started.values():
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize("day", DATES)
def test_the_date_sensitive_tests_pass_at(day: str, runs: dict[str, tuple[Any, Path]]) -> None:
    process, output = runs[day]
    try:
        code = process.wait(timeout=1500)
    except subprocess.TimeoutExpired:
        process.kill()
        code = process.wait()
    lines = output.read_text(encoding="utf-8", errors="replace").splitlines()
    tail = "\n".join(lines[-40:])
    assert code == 0, f"at {day}:\n{tail}"
    passed = next(filter(None, (_SUMMARY.search(line) for line in reversed(lines[-5:]))), None)
    assert passed and int(passed.group(1)) >= 120, tail  # exit 0 with nothing run is no pass
