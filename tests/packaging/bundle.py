"""Builds the frozen bundle the way a release is built, and runs the program in it.

Not a test module: used by tests/packaging and tests/benchmarks/test_frozen_start_bench.py.
``build_bundle`` runs packaging/build.py into a temporary folder (never the repository's
dist/), then unpacks the .tar.gz it made, so the tests run what a person downloads.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
MB = 1024 * 1024
FROZEN_PYTHON = Path(__file__).resolve().parent / "frozen_python.py"


def load_script(name: str) -> ModuleType:
    """A module of packaging/ (scripts, not a package: "packaging" is a PyPI name)."""
    module_name = f"packaging_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = spec_from_file_location(module_name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def make_icons(out: Path, svg: Path | None = None) -> subprocess.CompletedProcess[str]:
    """packaging/build_icons.py in its own process: its Qt application stays there."""
    args = [str(out), *([str(svg)] if svg else [])]
    return subprocess.run(
        [sys.executable, str(PACKAGING / "build_icons.py"), *args], capture_output=True, text=True
    )


@dataclass(frozen=True)
class Bundle:
    folder: Path  # the unpacked bundle: dossier, _internal/, share/, install.sh
    archive: Path
    build_seconds: float

    @property
    def executable(self) -> Path:
        return self.folder / ("dossier.exe" if os.name == "nt" else "dossier")

    @property
    def internal(self) -> Path:
        return self.folder / "_internal"

    def size(self) -> int:
        return sum(p.lstat().st_size for p in self.folder.rglob("*") if not p.is_dir())

    def summary(self) -> str:
        return (
            f"packaging: bundle built in {self.build_seconds:.0f} s, "
            f"{self.size() / MB:.1f} MB unpacked, {self.archive.name} "
            f"{self.archive.stat().st_size / MB:.1f} MB"
        )

    def run(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.executable), *args],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
            timeout=timeout,
        )

    def run_python(self, code: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Run ``code`` in the bundle's own interpreter, started as the program starts its
        reader processes (see frozen_python.py): it imports only what the bundle carries."""
        with tempfile.TemporaryDirectory() as folder:
            script = Path(folder) / "code.py"
            script.write_text(code, encoding="utf-8")
            return subprocess.run(
                [sys.executable, str(FROZEN_PYTHON), str(self.executable), str(script)],
                capture_output=True,
                text=True,
                env={**os.environ, "PYTHONIOENCODING": "utf-8"},
                timeout=timeout,
            )


def build_bundle(work: Path) -> Bundle:
    """Build with packaging/build.py into ``work``, unpack the archive, return the bundle."""
    started = time.monotonic()
    dist = work / "dist"
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), "--dist", str(dist), "--work", str(work)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"packaging/build.py failed ({result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-8000:]}"
        )
    seconds = time.monotonic() - started
    archives = sorted(dist.glob("second-opinion-dossier-*.tar.gz"))
    assert len(archives) == 1, archives
    unpacked = work / "unpacked"
    with tarfile.open(archives[0]) as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(unpacked, filter="data")
        else:  # Python before 3.11.4 (Debian 12's 3.11.2): our own archive, just made
            archive.extractall(unpacked)
    (folder,) = unpacked.iterdir()
    # Only the archive and what it unpacks to are used: the rest is a few hundred MB.
    shutil.rmtree(work / "pyinstaller", ignore_errors=True)
    shutil.rmtree(dist / "second-opinion-dossier", ignore_errors=True)
    return Bundle(folder, archives[0], seconds)
