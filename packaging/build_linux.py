"""The Linux parts of the bundle: desktop entry, AppStream metadata, icons, install script,
and the .tar.gz. Name, id and version come from the package (dossier/__init__.py).

Also the padding of libraries taken from wheels made with auditwheel: patchelf, which
auditwheel uses to rename their dependencies, adds a loadable segment each time at the next
2 MB boundary, so a 40 KB library (tesserocr's libjbig, Pillow's libXau) takes 2 MB on disk
and tesserocr's libtiff 6 MB, all of it zeros. ``compact_libraries`` takes those zeros out
(about 20 MB), nothing else: see ``compact_elf``.

And the libraries that binutils' strip breaks: ``restore_unstripped`` puts them back as
their wheel has them (numpy's OpenBLAS and libgfortran; see ``unloadable_segments``).

Checks without external tools (``desktop_entry_problems``, ``metainfo_problems``) complement
desktop-file-validate and appstreamcli, which the tests run when they are installed.
"""

from __future__ import annotations

import os
import shutil
import stat
import struct
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from string import Template

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TEMPLATES = HERE / "linux"
EXECUTABLE = "dossier"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DESKTOP_REQUIRED = ("Type", "Name", "Exec", "Icon", "Categories")

sys.path.insert(0, str(REPO))
from dossier import APP_ID, APP_NAME, __version__  # noqa: E402


def release_date() -> str:
    """Today, or the day of SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = time.gmtime(int(epoch)) if epoch else time.gmtime()
    return time.strftime("%Y-%m-%d", moment)


def _fill(template: str, **extra: str) -> str:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    values = {"APP_ID": APP_ID, "APP_NAME": APP_NAME, "VERSION": __version__, **extra}
    return Template(text).substitute(values)


def desktop_entry(exec_path: str = EXECUTABLE) -> str:
    return _fill("app.desktop.in", EXEC=exec_path)


def metainfo(date: str | None = None) -> str:
    return _fill("app.metainfo.xml.in", DATE=date or release_date())


def parse_desktop_entry(text: str) -> dict[str, str]:
    """The keys of the [Desktop Entry] group (raises ValueError on a malformed line)."""
    group: str | None = None
    keys: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
            continue
        key, sep, value = line.partition("=")
        if not sep or group is None:
            raise ValueError(f"line {number} is neither a group, a key=value nor a comment")
        if group == "Desktop Entry":
            if key.strip() in keys:
                raise ValueError(f"line {number}: {key.strip()} is given twice")
            keys[key.strip()] = value.strip()
    return keys


def desktop_entry_problems(text: str) -> list[str]:
    """What is wrong with a desktop entry, as far as the app's own entry can go wrong."""
    try:
        keys = parse_desktop_entry(text)
    except ValueError as exc:
        return [str(exc)]
    problems = [f"{key} is missing" for key in DESKTOP_REQUIRED if not keys.get(key)]
    if not text.startswith("[Desktop Entry]"):
        problems.append("the first group must be [Desktop Entry]")
    if keys.get("Type") != "Application":
        problems.append("Type must be Application")
    if keys.get("Name") != APP_NAME:
        problems.append(f"Name must be {APP_NAME!r} (from the package)")
    if keys.get("Icon") != APP_ID:
        problems.append(f"Icon must be the app id {APP_ID!r}")
    for key in ("Categories", "Keywords"):
        if keys.get(key) and not keys[key].endswith(";"):
            problems.append(f"{key} must end with ';'")
    if keys.get("Terminal", "false") not in ("true", "false"):
        problems.append("Terminal must be true or false")
    if "$" in text:
        problems.append("a template placeholder was left unfilled")
    return problems


def metainfo_problems(text: str, desktop_file_name: str = f"{APP_ID}.desktop") -> list[str]:
    """What is wrong with the AppStream metadata, as far as the app's own can go wrong."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    problems: list[str] = []
    if root.tag != "component" or root.get("type") != "desktop-application":
        problems.append('the root must be <component type="desktop-application">')
    expected = {
        "id": APP_ID,
        "name": APP_NAME,
        "metadata_license": "CC0-1.0",
        "launchable": desktop_file_name,
    }
    for tag, value in expected.items():
        found = root.findtext(tag)
        if found is None or found.strip() != value:
            problems.append(f"<{tag}> must be {value!r}, not {found!r}")
    for tag in ("summary", "description", "project_license", "content_rating"):
        if root.find(tag) is None:
            problems.append(f"<{tag}> is missing")
    summary = (root.findtext("summary") or "").strip()
    if summary.endswith(".") or len(summary) > 80:
        problems.append("<summary> must be short and not end with a full stop")
    versions = [release.get("version") for release in root.iter("release")]
    if __version__ not in versions:
        problems.append(f"<releases> must list the package's version {__version__}")
    return problems


def add_linux_files(bundle: Path, icons: Path) -> None:
    """share/ (desktop entry, metainfo, hicolor icons) and install.sh, inside ``bundle``."""
    share = bundle / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    (share / "applications" / f"{APP_ID}.desktop").write_text(desktop_entry(), encoding="utf-8")
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(metainfo(), encoding="utf-8")
    for size in HICOLOR_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icons / "png" / f"{size}.png", target)
    scalable = share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "resources" / "icons" / "app.svg", scalable)
    script = bundle / "install.sh"
    shutil.copyfile(TEMPLATES / "install.sh", script)
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def archive_name() -> str:
    machine = os.uname().machine if hasattr(os, "uname") else "unknown"
    return f"second-opinion-dossier-{__version__}-linux-{machine}"


def make_tarball(bundle: Path, out_dir: Path) -> Path:
    """``out_dir/<archive_name>.tar.gz`` holding ``bundle`` as ``second-opinion-dossier-VERSION/``."""
    target = out_dir / f"{archive_name()}.tar.gz"
    partial = target.with_suffix(".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=f"second-opinion-dossier-{__version__}")
    partial.replace(target)
    return target


# --- auditwheel's padding ----------------------------------------------------------------

# Zeros are taken out in multiples of this, so every offset in the file keeps its remainder
# modulo the largest page size Linux uses (64 KB: arm64 and ppc64le kernels may use it).
COMPACT_STEP = 0x10000
_PT_LOAD = 1
_SHT_NOBITS = 8


def compact_elf(data: bytes) -> bytes:
    """``data`` (a 64-bit little-endian ELF file) without the runs of zeros that lie
    between its parts, in multiples of COMPACT_STEP; ``data`` itself when there are none,
    or when it is not such a file.

    A part is what the file's headers point to: the ELF header, the program and section
    header tables, each segment's and each section's bytes. The parts after a run keep
    their order and their offsets' remainder modulo COMPACT_STEP; their segments keep their
    addresses; the offsets in both header tables are moved with them, and a moved loadable
    segment's alignment becomes COMPACT_STEP, which its new offset keeps (the loader
    checks that offset and address agree modulo the alignment). Nothing in a segment
    points to a file offset, so nothing else changes.
    """
    if len(data) < 64 or data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return data
    phoff, shoff = struct.unpack_from("<QQ", data, 0x20)
    phentsize, phnum, shentsize, shnum = struct.unpack_from("<HHHH", data, 0x36)
    if phnum in (0, 0xFFFF) or shnum == 0 or phentsize < 56 or shentsize < 64:
        return data  # extended numbering, or no sections: not what patchelf leaves
    segments = [struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize) for i in range(phnum)]
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)
    ]
    parts = [(0, 64), (phoff, phoff + phentsize * phnum), (shoff, shoff + shentsize * shnum)]
    parts += [(seg[2], seg[2] + seg[5]) for seg in segments if seg[5]]
    parts += [(sec[4], sec[4] + sec[5]) for sec in sections if sec[1] != _SHT_NOBITS and sec[5]]
    if max(end for _, end in parts) > len(data):
        return data
    offsets = [seg[2] for seg in segments]
    cuts: list[tuple[int, int]] = []  # (start, length) of each run taken out
    end = 0
    for start, stop in sorted(parts):
        length = (start - end) // COMPACT_STEP * COMPACT_STEP
        # Taken from the end of the run: zeros only, and not when a segment starts inside it.
        inside = any(end < o < start for o in offsets)
        if length and not inside and data[start - length : start].count(0) == length:
            cuts.append((start - length, length))
        end = max(end, stop)
    if not cuts:
        return data

    def moved(offset: int) -> int:
        return offset - sum(length for at, length in cuts if at + length <= offset)

    out = bytearray()
    kept_from = 0
    for at, length in cuts:
        out += data[kept_from:at]
        kept_from = at + length
    out += data[kept_from:]
    new_phoff, new_shoff = moved(phoff), moved(shoff)
    struct.pack_into("<QQ", out, 0x20, new_phoff, new_shoff)
    for i, (kind, flags, offset, vaddr, paddr, filesz, memsz, align) in enumerate(segments):
        new = moved(offset)
        if kind == _PT_LOAD and new != offset and align > COMPACT_STEP:
            align = COMPACT_STEP
        fields = (kind, flags, new, vaddr, paddr, filesz, memsz, align)
        struct.pack_into("<IIQQQQQQ", out, new_phoff + i * phentsize, *fields)
    for i, section in enumerate(sections):
        fields = (*section[:4], moved(section[4]), *section[5:])
        struct.pack_into("<IIQQQQIIQQ", out, new_shoff + i * shentsize, *fields)
    return bytes(out)


def compact_libraries(bundle: Path) -> tuple[int, int]:
    """Takes auditwheel's padding out of the bundle's shared libraries (``compact_elf``);
    (libraries changed, bytes saved). The program itself is left alone: its archive
    follows its ELF parts."""
    changed = saved = 0
    for path in sorted(bundle.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        compacted = compact_elf(data)
        if compacted is data:
            continue
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(compacted)
        shutil.copymode(path, partial)
        partial.replace(path)
        changed += 1
        saved += len(data) - len(compacted)
    return changed, saved


# --- libraries that strip breaks ---------------------------------------------------------


def unloadable_segments(data: bytes) -> list[int]:
    """Indexes of the loadable segments of ``data`` (a 64-bit little-endian ELF file) whose
    file offset and address disagree modulo their alignment: the loader refuses the whole
    library ("ELF load command address/offset not page-aligned"). Empty for a sound file or
    one that is not such an ELF file.

    binutils' strip (2.40, Debian 12) leaves such segments in libraries to which patchelf
    gave extra loadable segments: it empties the segments that hold no section any more
    (patchelf's old copies of the dynamic symbol table) and gives them an offset that no
    longer matches their address. numpy's OpenBLAS and libgfortran are such libraries:
    stripped, ``import numpy`` fails.
    """
    if len(data) < 64 or data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    phoff = struct.unpack_from("<Q", data, 0x20)[0]
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    if phentsize < 56 or phoff + phentsize * phnum > len(data):
        return []
    bad: list[int] = []
    for index in range(phnum):
        kind, _, offset, vaddr, _, _, _, align = struct.unpack_from(
            "<IIQQQQQQ", data, phoff + index * phentsize
        )
        if kind == _PT_LOAD and align > 1 and (vaddr - offset) % align:
            bad.append(index)
    return bad


def restore_unstripped(folder: Path, binaries: Iterable[tuple[str, str, str]]) -> list[str]:
    """After PyInstaller has stripped the libraries collected into ``folder`` (the bundle's
    _internal/), each one that strip left unloadable (``unloadable_segments``) is copied
    again from where it was collected, as it was: unstripped, but sound. ``binaries``:
    PyInstaller's TOC entries (dest, source, kind). Returns the dest of each one restored."""
    restored: list[str] = []
    for dest, source, kind in binaries:
        target = folder / dest
        if kind not in ("BINARY", "EXTENSION") or target.is_symlink() or not target.is_file():
            continue
        with target.open("rb") as file:
            if not unloadable_segments(file.read()):
                continue
        original = Path(source).read_bytes()
        if unloadable_segments(original):
            raise ValueError(f"{source} cannot be loaded even as it was collected")
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(original)
        shutil.copymode(target, partial)
        partial.replace(target)
        restored.append(dest)
    return restored
