"""What packaging/quickstart.py installs so that `test` can build the bundle."""

from __future__ import annotations

import sys
from pathlib import Path

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
