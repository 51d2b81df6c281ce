"""What packaging/quickstart.py installs so that `test` can build the bundle."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from tests.packaging.bundle import load_script

qs = load_script("quickstart")


def test_test_command_installs_the_packaging_tools() -> None:
    names = {names[0] for names in qs.wanted_packages(need_venv_package=False)}
    assert {"binutils", "desktop-file-utils", "appstream"} <= names


def test_libpython_is_wanted_only_when_missing() -> None:
    library = f"libpython{sys.version_info[0]}.{sys.version_info[1]}"
    without = qs.wanted_packages(need_venv_package=False)
    wanted = qs.wanted_packages(need_venv_package=False, need_libpython=True)
    assert (library,) in wanted and (library,) not in without


def test_shared_libpython_missing(tmp_path: Path) -> None:
    name = "libpython3.11.so.1.0"
    config = {"INSTSONAME": name, "LIBDIR": str(tmp_path)}
    if sys.platform.startswith("linux"):
        assert qs.shared_libpython_missing(config)
        (tmp_path / name).write_bytes(b"")
    assert not qs.shared_libpython_missing(config)
    assert not qs.shared_libpython_missing({"INSTSONAME": None, "LIBDIR": None})


# What every Debian system has, minbase too: the C library, and the C++ runtime and zlib
# that apt itself needs (libc6, libstdc++6, libgcc-s1, zlib1g).
MINBASE_LIBRARIES = re.compile(
    r"^(libc|libm|libpthread|libdl|librt|ld-linux-x86-64|libstdc\+\+|libgcc_s|libz)\.so\.\d+$"
)


@pytest.mark.skipif(shutil.which("readelf") is None, reason="needs readelf (binutils)")
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries")
def test_imaging_wheels_need_no_system_package() -> None:
    """numpy and the pixel data decoders come as manylinux wheels: what their libraries link
    that the wheels do not carry is on every Debian system, so the Quick start installs no
    package for them (pydicom and pylibjpeg are pure Python)."""
    folders = []
    for module in ("numpy", "libjpeg", "openjpeg", "rle"):
        spec = find_spec(module)
        assert spec is not None and spec.origin is not None, module
        folders.append(Path(spec.origin).resolve().parent)
    site = folders[0].parent
    libraries = [p for folder in folders for p in folder.rglob("*.so*")]
    carried = list((site / "numpy.libs").glob("*.so*"))  # OpenBLAS, libgfortran, libquadmath
    libraries += [*carried, *site.glob("_libjpeg.*.so"), *site.glob("_openjpeg.*.so")]
    needed: set[str] = set()
    for library in libraries:
        dynamic = subprocess.run(["readelf", "-dW", str(library)], capture_output=True, text=True)
        needed |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic.stdout))
    assert len(libraries) > 10
    assert {"libstdc++.so.6", "libz.so.1"} <= needed
    left = needed - {p.name for p in carried}
    assert not sorted(name for name in left if not MINBASE_LIBRARIES.match(name))
