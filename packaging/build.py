#!/usr/bin/env python3
"""Builds the application a patient installs: one folder with the `dossier` program in it.

    .venv/bin/python packaging/build.py [--dist DIR] [--work DIR] [--no-archive]

1. Makes the icons from resources/icons/app.svg (packaging/build_icons.py).
2. Runs PyInstaller with packaging/dossier.spec (one folder, slimmed: see bundle_filter.py).
3. On Linux: takes auditwheel's padding (zeros) out of the libraries that came from wheels,
   adds the desktop entry, the AppStream metadata, the icons and install.sh
   (packaging/build_linux.py), then packs DIST/second-opinion-dossier-VERSION-linux-ARCH.tar.gz.

Output: DIST/second-opinion-dossier/ (default DIST: dist/ in the repository; WORK: build/).
Needs the `build` extra: `.venv/bin/pip install -e .[build]` (the `test` extra has it too).

Windows and macOS: the same spec, run on those systems (PyInstaller does not cross-build):

    py -3.11 -m venv .venv && .venv\\Scripts\\pip install -e .[build]
    .venv\\Scripts\\python packaging\\build.py      # dist\\second-opinion-dossier\\dossier.exe
                                                    # and SecondOpinionDossier.exe (no console)

    python3 -m venv .venv && .venv/bin/pip install -e '.[build]'
    .venv/bin/python packaging/build.py            # dist/Second Opinion Dossier.app (.icns icon)

Zip the Windows folder, or wrap it in an installer (Inno Setup, WiX); sign and notarise the
macOS .app before giving it out. Neither is done here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SPEC = HERE / "dossier.spec"
BUNDLE_NAME = "second-opinion-dossier"
sys.path.insert(0, str(HERE))

from build_icons import build_icons  # noqa: E402


@dataclass(frozen=True)
class Built:
    bundle: Path
    archive: Path | None
    seconds: float
    compacted: tuple[int, int] = (0, 0)  # Linux: libraries without their padding, bytes saved

    @property
    def executable(self) -> Path:
        return self.bundle / ("dossier.exe" if os.name == "nt" else "dossier")


def tree_size(folder: Path) -> int:
    """Bytes of the files under ``folder`` (symbolic links not followed)."""
    return sum(
        path.lstat().st_size for path in folder.rglob("*") if path.is_file() or path.is_symlink()
    )


def largest_files(folder: Path, count: int = 12) -> list[tuple[int, str]]:
    sizes = [
        (path.lstat().st_size, str(path.relative_to(folder)))
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    ]
    return sorted(sizes, reverse=True)[:count]


def pyinstaller_command(dist: Path, work: Path, icons: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        f"--distpath={dist}",
        f"--workpath={work / 'pyinstaller'}",
        str(SPEC),
        "--",
        f"--icons={icons}",
    ]


def build(dist: Path, work: Path, *, archive: bool = True) -> Built:
    """Build the bundle into ``dist``; ``work`` holds the intermediate files."""
    started = time.monotonic()
    icons = build_icons(work / "icons")
    subprocess.run(pyinstaller_command(dist, work, icons.ico.parent), check=True, cwd=REPO)
    bundle = dist / BUNDLE_NAME
    tarball: Path | None = None
    compacted = (0, 0)
    if sys.platform.startswith("linux"):
        import build_linux

        compacted = build_linux.compact_libraries(bundle)
        build_linux.add_linux_files(bundle, icons.ico.parent)
        if archive:
            tarball = build_linux.make_tarball(bundle, dist)
    return Built(bundle, tarball, time.monotonic() - started, compacted)


def report(built: Built) -> str:
    mb = 1024 * 1024
    lines = [
        f"bundle:   {built.bundle} ({tree_size(built.bundle) / mb:.1f} MB unpacked)",
        f"program:  {built.executable}",
    ]
    if built.archive is not None:
        lines.append(f"archive:  {built.archive} ({built.archive.stat().st_size / mb:.1f} MB)")
    libraries, saved = built.compacted
    if libraries:
        lines.append(f"padding:  {saved / mb:.1f} MB of zeros taken out of {libraries} libraries")
    lines.append(f"built in {built.seconds:.0f} s; largest files:")
    lines += [f"  {size / mb:6.1f} MB  {name}" for size, name in largest_files(built.bundle)]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="where the bundle goes")
    parser.add_argument("--work", type=Path, default=REPO / "build", help="intermediate files")
    parser.add_argument("--no-archive", action="store_true", help="skip the Linux .tar.gz")
    args = parser.parse_args(argv)
    if shutil.which("strip") is None and sys.platform != "win32":
        print("build: 'strip' was not found (binutils): binaries stay unstripped.", file=sys.stderr)
    built = build(args.dist.resolve(), args.work.resolve(), archive=not args.no_archive)
    print(report(built))
    return 0


if __name__ == "__main__":
    sys.exit(main())
