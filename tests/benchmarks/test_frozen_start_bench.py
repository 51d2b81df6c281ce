"""Start time of the frozen program (the PyInstaller bundle) as a ratio to starting from source.

Two starts, each timed from launch, alternating frozen and source, median of RUNS:

* window: `dossier --dossier EXAMPLE` offscreen, until Qt logs the first flush of the main
  window to the screen (QT_LOGGING_RULES=qt.widgets.painting=true), then SIGTERM;
* command: `dossier --version` to its exit (the interpreter and the command-line imports).

Source is `.venv/bin/python -m dossier`. The bundle is built into a temporary folder, or taken
from DOSSIER_BUNDLE (an unpacked bundle folder, e.g. dist/second-opinion-dossier).
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.packaging.bundle import build_bundle

RUNS = 7


def _first_paint(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    assert process.stderr is not None
    elapsed = float("nan")
    for line in process.stderr:
        if "Flushing" in line and 'name="mainWindow"' in line:
            elapsed = time.perf_counter() - started
            break
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)
    assert elapsed == elapsed, "the window never painted"
    return elapsed


def _to_exit(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


@pytest.mark.benchmark
def test_frozen_start_ratio(tmp_path_factory: pytest.TempPathFactory) -> None:
    configured = os.environ.get("DOSSIER_BUNDLE")
    if configured:
        frozen = Path(configured).resolve() / "dossier"
    else:
        frozen = build_bundle(tmp_path_factory.mktemp("bundle")).executable
    source = [sys.executable, "-m", "dossier"]
    example = tmp_path_factory.mktemp("start") / "example"
    subprocess.run([str(frozen), "demo", str(example)], check=True, capture_output=True)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_LOGGING_RULES": "qt.widgets.painting=true",
    }
    window = ["--dossier", str(example)]
    for _ in range(2):  # warm the disk cache for both
        _first_paint([str(frozen), *window], env)
        _first_paint([*source, *window], env)

    times: dict[str, list[float]] = {key: [] for key in ("fw", "sw", "fc", "sc")}
    for _ in range(RUNS):
        times["fw"].append(_first_paint([str(frozen), *window], env))
        times["sw"].append(_first_paint([*source, *window], env))
        times["fc"].append(_to_exit([str(frozen), "--version"], env))
        times["sc"].append(_to_exit([*source, "--version"], env))
    median = {key: statistics.median(values) for key, values in times.items()}

    print()
    print(f"Frozen vs source start, median of {RUNS} ({os.cpu_count()} cores)")
    print("| start | frozen | source | frozen / source |")
    print("| --- | --- | --- | --- |")
    for label, frozen_key, source_key in (
        ("window to first paint (example dossier)", "fw", "sw"),
        ("`dossier --version` to exit", "fc", "sc"),
    ):
        f, s = median[frozen_key], median[source_key]
        print(f"| {label} | {f * 1000:.0f} ms | {s * 1000:.0f} ms | {f / s:.2f} |")
    # Sanity only: a frozen start several times slower than source means a broken bundle.
    assert median["fw"] < 5 * median["sw"]
