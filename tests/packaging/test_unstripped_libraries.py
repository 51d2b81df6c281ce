"""Libraries that binutils' strip breaks (packaging/build_linux.py unloadable_segments,
restore_unstripped), tried on numpy's own libraries: what the check calls unloadable is what
the loader refuses, and such a library is put back as it came.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from tests.packaging.bundle import load_script

linux = load_script("build_linux")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries")


def _numpy_libraries() -> list[Path]:
    spec = find_spec("numpy")
    assert spec is not None and spec.origin is not None
    folder = Path(spec.origin).resolve().parent.parent / "numpy.libs"
    if not folder.is_dir():
        pytest.skip("numpy was not installed from a manylinux wheel")
    return sorted(folder.iterdir())


def _loads(path: Path) -> bool:
    """Whether the system's loader takes the library (in a process of its own)."""
    script = f"import ctypes; ctypes.CDLL({str(path)!r})"
    return subprocess.run([sys.executable, "-c", script], capture_output=True).returncode == 0


def _misaligned(data: bytes) -> bytes:
    """``data`` with its last loadable segment's file offset moved by 16 bytes."""
    out = bytearray(data)
    phoff = struct.unpack_from("<Q", data, 0x20)[0]
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    loads = [
        phoff + i * phentsize
        for i in range(phnum)
        if struct.unpack_from("<I", data, phoff + i * phentsize)[0] == linux._PT_LOAD
    ]
    offset = struct.unpack_from("<Q", data, loads[-1] + 8)[0]
    struct.pack_into("<Q", out, loads[-1] + 8, offset + 16)
    return bytes(out)


def test_the_loader_refuses_what_the_check_calls_unloadable(tmp_path: Path) -> None:
    copies = [Path(shutil.copy2(library, tmp_path)) for library in _numpy_libraries()]
    for copy in copies:
        assert linux.unloadable_segments(copy.read_bytes()) == [], copy.name
        assert _loads(copy), copy.name  # beside the libraries it needs
    for copy in copies:
        sound = copy.read_bytes()
        copy.write_bytes(_misaligned(sound))
        assert linux.unloadable_segments(copy.read_bytes()), copy.name
        assert not _loads(copy), copy.name
        copy.write_bytes(sound)
    for data in (b"", b"not an ELF file", b"\x7fELF" + bytes(60)):
        assert linux.unloadable_segments(data) == []


@pytest.mark.skipif(shutil.which("strip") is None, reason="needs strip (binutils)")
def test_what_strip_breaks_is_found_and_put_back(tmp_path: Path) -> None:
    """numpy's libraries stripped as PyInstaller strips them: those the loader then refuses
    (OpenBLAS and libgfortran with binutils 2.40) are found, and restored as they came;
    the others are left stripped."""
    folder = tmp_path / "_internal"
    (folder / "numpy.libs").mkdir(parents=True)
    binaries = []
    for library in _numpy_libraries():
        dest = f"numpy.libs/{library.name}"
        shutil.copy2(library, folder / dest)
        subprocess.run(["strip", str(folder / dest)], check=True)
        binaries.append((dest, str(library), "BINARY"))
    refused = sorted(dest for dest, _, _ in binaries if not _loads(folder / dest))
    found = sorted(
        dest for dest, _, _ in binaries if linux.unloadable_segments((folder / dest).read_bytes())
    )
    assert found == refused
    stripped = {dest: (folder / dest).read_bytes() for dest, _, _ in binaries}

    assert sorted(linux.restore_unstripped(folder, binaries)) == found
    for dest, source, _ in binaries:
        now = (folder / dest).read_bytes()
        assert now == (Path(source).read_bytes() if dest in found else stripped[dest]), dest
        assert _loads(folder / dest), dest
        assert (folder / dest).stat().st_mode & 0o111
    assert linux.restore_unstripped(folder, binaries) == []  # nothing left to put back
