"""resources/ is found the same way from a source checkout, an installed wheel and the frozen
bundle (tests/packaging/test_frozen.py checks the bundle's copy):
``dossier.core.resources.resources_dir`` looks inside the package first, then beside it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dossier.core.resources import resource_path, resources_dir
from tests.packaging.bundle import REPO


def test_source_checkout_finds_the_folder_beside_the_package() -> None:
    assert resources_dir() == REPO / "resources"
    assert resource_path("icons/app.svg").is_file()


def test_inside_the_package_comes_first(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "dossier"
    (package / "resources").mkdir(parents=True)
    (tmp_path / "site-packages" / "resources").mkdir()  # some other project's folder
    assert resources_dir(package) == package / "resources"
    (package / "resources").rmdir()
    assert resources_dir(package) == tmp_path / "site-packages" / "resources"


CHECK = """
import json
from PySide6.QtWidgets import QApplication
import dossier, dossier.core.paths
from dossier.ui.icons import icon
app = QApplication([])
print(json.dumps({
    "package": dossier.__file__,
    "icon_file": str(dossier.core.resources.resource_path("icons/app.svg")),
    "icon_loads": not icon("app").isNull() and not icon("calendar").isNull(),
}))
"""


@pytest.mark.packaging
def test_installed_wheel_carries_and_finds_its_resources(tmp_path: Path) -> None:
    source = tmp_path / "source"  # setuptools builds in the tree: not in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(REPO / name, source / name)
    for name in ("dossier", "resources"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("second_opinion_dossier-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "dossier/resources/" + p.relative_to(REPO / "resources").as_posix()
        for p in (REPO / "resources").rglob("*")
        if p.is_file()
    }
    assert expected <= names
    assert not [name for name in names if name.startswith("resources/")]  # no top-level folder

    site = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), wheel],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr
    # The installed copy, not this checkout (run away from it; PYTHONPATH comes before the
    # editable install of the development environment).
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert Path(found["package"]).parent == site / "dossier"
    assert Path(found["icon_file"]) == site / "dossier" / "resources" / "icons" / "app.svg"
    assert found["icon_loads"]
