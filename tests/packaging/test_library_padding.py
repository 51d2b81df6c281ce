"""auditwheel's padding taken out of the bundle's libraries (packaging/build_linux.py
compact_elf), tried on tesserocr's own libraries: smaller, the same when loaded, and they
still load and read a page.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from tests.packaging.bundle import REPO, load_script

linux = load_script("build_linux")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries")


def _wheel_libraries() -> Path:
    spec = find_spec("tesserocr")
    assert spec is not None and spec.origin is not None
    folder = Path(spec.origin).resolve().parent.parent / "tesserocr.libs"
    if not folder.is_dir():
        pytest.skip("tesserocr was not installed from a manylinux wheel")
    return folder


def _segments(data: bytes) -> list[tuple[int, ...]]:
    phoff = struct.unpack_from("<Q", data, 0x20)[0]
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    return [struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize) for i in range(phnum)]


def _sections(data: bytes) -> list[tuple[int, ...]]:
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    return [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]


def _loaded(data: bytes) -> list[tuple[int, bytes]]:
    """(address, bytes) of each loadable segment, the ELF header and the two header tables
    blanked: the offsets in them change (the program headers are compared on their own)."""
    blank = bytearray(data)
    phoff, shoff = struct.unpack_from("<QQ", data, 0x20)
    phentsize, phnum, shentsize, shnum = struct.unpack_from("<HHHH", data, 0x36)
    blank[0:64] = bytes(64)
    blank[phoff : phoff + phentsize * phnum] = bytes(phentsize * phnum)
    blank[shoff : shoff + shentsize * shnum] = bytes(shentsize * shnum)
    return [
        (seg[3], bytes(blank[seg[2] : seg[2] + seg[5]]))
        for seg in _segments(data)
        if seg[0] == linux._PT_LOAD
    ]


@pytest.fixture(scope="module")
def compacted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("compacted")
    shutil.copytree(_wheel_libraries(), folder / "tesserocr.libs")
    changed, saved = linux.compact_libraries(folder)
    assert changed >= 1 and saved >= 4 * linux.COMPACT_STEP
    return folder / "tesserocr.libs"


def test_only_zeros_between_parts_go(compacted: Path) -> None:
    original = _wheel_libraries()
    smaller = 0
    for path in sorted(original.iterdir()):
        before, after = path.read_bytes(), (compacted / path.name).read_bytes()
        smaller += len(after) < len(before)
        assert (len(before) - len(after)) % linux.COMPACT_STEP == 0, path.name
        assert _loaded(after) == _loaded(before), path.name
        for seg_before, seg_after in zip(_segments(before), _segments(after), strict=True):
            kind, _, offset, address, _, size, memory, align = seg_after
            assert (kind, address, size, memory) == tuple(seg_before[i] for i in (0, 3, 5, 6))
            if kind == linux._PT_LOAD:  # as the loader checks it
                assert (address - offset) % align == 0, path.name
        for sec_before, sec_after in zip(_sections(before), _sections(after), strict=True):
            assert sec_before[:4] + sec_before[5:] == sec_after[:4] + sec_after[5:]
            if sec_after[1] != 8:  # not NOBITS
                start_b, start_a, size = sec_before[4], sec_after[4], sec_after[5]
                assert before[start_b : start_b + size] == after[start_a : start_a + size]
        assert linux.compact_elf(after) is after  # nothing left to take out
    assert smaller >= 1


def test_what_is_not_a_padded_library_stays_as_it_is() -> None:
    for data in (b"", b"not an ELF file", b"\x7fELF" + bytes(60)):
        assert linux.compact_elf(data) is data


def test_compacted_libraries_load_and_read_a_page(compacted: Path) -> None:
    """tesserocr with the compacted libraries beside it (its extension finds them through
    its RUNPATH, $ORIGIN/../tesserocr.libs) reads a word, in a process of its own."""
    spec = find_spec("tesserocr")
    assert spec is not None and spec.origin is not None
    shutil.copytree(Path(spec.origin).parent, compacted.parent / "tesserocr")
    script = f"""
import sys
sys.path.insert(0, {str(compacted.parent)!r})
import tesserocr
assert tesserocr.__file__.startswith({str(compacted.parent)!r}), tesserocr.__file__
from PIL import Image, ImageDraw, ImageFont
font = ImageFont.truetype({str(REPO / "resources" / "fonts" / "DejaVuSans.ttf")!r}, 48)
image = Image.new("L", (900, 160), 255)
ImageDraw.Draw(image).text((40, 50), "Amiodarone tablets", font=font, fill=0)
from dossier.core.ocr.languages import tessdata_dir
folder = tessdata_dir()
if folder is None:
    print("no-data")
else:
    print(tesserocr.image_to_text(image, lang="eng", path=str(folder) + "/"))
with open("/proc/self/maps") as maps:
    assert {str(compacted)!r} in maps.read(), "the compacted libraries were not loaded"
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    if result.stdout.strip() == "no-data":
        pytest.skip("no Tesseract language data here")
    assert "Amiodarone" in result.stdout
