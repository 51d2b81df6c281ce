"""The desktop entry, the AppStream metadata and install.sh of the Linux bundle.

The pure-Python checks always run; desktop-file-validate (desktop-file-utils) and
appstreamcli (appstream) validate the same files where they are installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from dossier import APP_ID, APP_NAME, __version__
from tests.packaging.bundle import load_script, make_icons

linux = load_script("build_linux")


@pytest.fixture(scope="module")
def share_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bundle folder holding only what build_linux adds (no program)."""
    folder = tmp_path_factory.mktemp("linux-files") / "bundle"
    made = make_icons(folder.parent / "icons")
    assert made.returncode == 0, made.stderr
    linux.add_linux_files(folder, folder.parent / "icons")
    return folder


def test_desktop_entry_and_metainfo_come_from_the_package() -> None:
    entry = linux.parse_desktop_entry(linux.desktop_entry())
    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "dossier"
    assert linux.desktop_entry_problems(linux.desktop_entry()) == []
    metainfo = linux.metainfo("2026-01-31")
    assert f'<release version="{__version__}" date="2026-01-31"/>' in metainfo
    assert linux.metainfo_problems(metainfo) == []


def test_the_checks_find_mistakes() -> None:
    entry = linux.desktop_entry()
    assert "Name must be" in " ".join(
        linux.desktop_entry_problems(entry.replace(f"Name={APP_NAME}", "Name=Other"))
    )
    assert "Categories must end with ';'" in linux.desktop_entry_problems(
        entry.replace("Categories=Office;", "Categories=Office")
    )
    assert "Icon is missing" in linux.desktop_entry_problems(entry.replace(f"Icon={APP_ID}\n", ""))
    assert linux.desktop_entry_problems("Name=x\n") == [
        "line 1 is neither a group, a key=value nor a comment"
    ]
    metainfo = linux.metainfo("2026-01-31")
    wrong_version = metainfo.replace(f'version="{__version__}"', 'version="0.0.1"')
    assert any("version" in problem for problem in linux.metainfo_problems(wrong_version))
    assert linux.metainfo_problems("<component>")[0].startswith("not well-formed XML")
    wrong_launchable = metainfo.replace(f"{APP_ID}.desktop", "other.desktop")
    assert any("launchable" in problem for problem in linux.metainfo_problems(wrong_launchable))


def test_files_written_into_the_bundle(share_tree: Path) -> None:
    desktop = share_tree / "share" / "applications" / f"{APP_ID}.desktop"
    metainfo = share_tree / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert linux.desktop_entry_problems(desktop.read_text(encoding="utf-8")) == []
    assert linux.metainfo_problems(metainfo.read_text(encoding="utf-8")) == []
    hicolor = share_tree / "share" / "icons" / "hicolor"
    sizes = sorted(int(p.name.split("x")[0]) for p in hicolor.iterdir() if "x" in p.name)
    assert sizes == list(linux.HICOLOR_SIZES)
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").is_file()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_validate(share_tree: Path) -> None:
    desktop = share_tree / "share" / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream")
def test_appstreamcli_validate(share_tree: Path) -> None:
    metainfo = share_tree / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_install_script_adds_and_removes_the_menu_entry(share_tree: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "Programs & more" / "second opinion"  # spaces and & in the path
    shutil.copytree(share_tree, bundle)
    (bundle / "dossier").write_text("#!/bin/sh\n", encoding="utf-8")
    data = tmp_path / "data"
    env = {**os.environ, "XDG_DATA_HOME": str(data)}

    subprocess.run(["sh", str(bundle / "install.sh")], check=True, env=env, capture_output=True)

    installed = data / "applications" / f"{APP_ID}.desktop"
    entry = linux.parse_desktop_entry(installed.read_text(encoding="utf-8"))
    assert entry["Exec"] == f'"{bundle / "dossier"}"'
    assert entry["TryExec"] == str(bundle / "dossier")
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True)
        assert result.returncode == 0, result.stdout

    subprocess.run(
        ["sh", str(bundle / "install.sh"), "--uninstall"], check=True, env=env, capture_output=True
    )
    assert not installed.exists()
    assert not [p for p in (data / "icons").rglob("*") if p.is_file()]
