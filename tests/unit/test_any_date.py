"""The tests that reckon with dates pass on any date, not only on the pinned one.

Every test lives on one pinned date (tests/conftest.py). Those marked ``dates`` (they
build the example dossier or other dated data, or reckon with the clock) run again here,
in a pytest of their own, at dates where calendars go wrong: the last day of a year,
29 February of a leap year, and a date years ahead. A test that hard-codes what the
calendar said on the day it was written, or code that breaks at a year's turn, fails here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATES = ("2026-12-31", "2028-02-29", "2039-07-01")
_SUMMARY = re.compile(r"(\d+) passed")

pytestmark = pytest.mark.skipif(
    "DOSSIER_TEST_TODAY" in os.environ, reason="already running at another date"
)


@pytest.mark.parametrize("day", DATES)
def test_the_date_sensitive_tests_pass_at(day: str, tmp_path: Path) -> None:
    env = {**os.environ, "DOSSIER_TEST_TODAY": day, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DOSSIER_TODAY", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "dates and not packaging and not benchmark and not slow",
            f"--basetemp={tmp_path / 'basetemp'}",  # never the outer run's temporary folders
            f"--ignore={Path(__file__).relative_to(REPO)}",
            "tests",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    tail = "\n".join(result.stdout.splitlines()[-40:])
    assert result.returncode == 0, f"at {day}:\n{tail}\n{result.stderr[-2000:]}"
    passed = _SUMMARY.search(result.stdout.splitlines()[-1])
    assert passed and int(passed.group(1)) >= 200, tail  # exit 0 with nothing run is no pass
