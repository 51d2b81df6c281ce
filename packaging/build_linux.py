"""The Linux parts of the bundle: desktop entry, AppStream metadata, icons, install script,
and the .tar.gz. Name, id and version come from the package (dossier/__init__.py).

Checks without external tools (``desktop_entry_problems``, ``metainfo_problems``) complement
desktop-file-validate and appstreamcli, which the tests run when they are installed.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
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
