"""Running the real ``dossier`` command in a subprocess, as a person or a script would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

# Every command prints UTF-8; the comparison's columns and the printing need these too.
ENV = {
    "PYTHONIOENCODING": "utf-8",
    "COLUMNS": "80",
    "QT_QPA_PLATFORM": "offscreen",
    "LANGUAGE": "en",  # messages in English, whatever language the machine speaks
}


def run(
    *args: str, check: int | None = 0, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``dossier ARGS…`` (in the folder ``cwd``); with ``check``, the exit status it must have."""
    result = subprocess.run(
        [sys.executable, "-m", "dossier", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **ENV},
        cwd=cwd,
        timeout=180,
    )
    if check is not None:
        assert result.returncode == check, (result.stdout, result.stderr)
    return result


def run_json(*args: str, check: int = 0) -> Any:
    """``dossier ARGS… --json``, its output read as JSON."""
    return json.loads(run(*args, "--json", check=check).stdout)
