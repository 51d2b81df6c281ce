"""The pure helpers of packaging/quickstart.py (a script, not a package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "quickstart.py"


def _load_quickstart() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quickstart", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


qs = _load_quickstart()


def test_missing_packages_accepts_either_alternative_name() -> None:
    wanted = [qs.alternatives("libglib2.0-0"), qs.alternatives("libgl1"), ("poppler-utils",)]
    installed = {"libglib2.0-0t64", "poppler-utils"}

    missing = qs.missing_packages(wanted, lambda name: name in installed)

    assert missing == [("libgl1", "libgl1t64")]


def test_nothing_missing_when_everything_installed() -> None:
    wanted = qs.wanted_packages(need_venv_package=False)
    assert qs.missing_packages(wanted, lambda name: True) == []


def test_both_commands_want_qt_fonts_poppler_and_the_window_libraries() -> None:
    # `test` builds the bundle, which must carry the xcb helpers Qt's window plugin needs:
    # a clean machine has none of them (issue 11: libxcb-icccm4 and libxcb-keysyms1).
    names = {names[0] for names in qs.wanted_packages(need_venv_package=False)}

    assert {"poppler-utils", "libegl1", "fonts-dejavu-core"} <= names
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"} <= names


def test_venv_package_is_only_wanted_when_venv_is_unusable() -> None:
    version = f"python{sys.version_info[0]}.{sys.version_info[1]}-venv"
    with_venv = qs.wanted_packages(need_venv_package=True)
    without = qs.wanted_packages(need_venv_package=False)

    assert (version, "python3-venv") in with_venv
    assert all("python3-venv" not in names for names in without)


def test_parse_dpkg_query_keeps_only_installed_packages() -> None:
    output = (
        "libgl1 install ok installed\n"
        "libegl1:amd64 install ok installed\n"
        "poppler-utils deinstall ok config-files\n"
        "libdbus-1-3 unknown ok not-installed\n"
    )
    assert qs.parse_dpkg_query(output) == {"libgl1", "libegl1"}


def test_install_names_prefer_what_apt_can_install() -> None:
    policy = (
        "libglib2.0-0:\n"
        "  Installed: (none)\n"
        "  Candidate: (none)\n"
        "  Version table:\n"
        "libglib2.0-0t64:\n"
        "  Installed: (none)\n"
        "  Candidate: 2.80.0-6ubuntu1\n"
        "poppler-utils:\n"
        "  Installed: (none)\n"
        "  Candidate: 22.12.0-2+b1\n"
    )
    candidates = qs.parse_apt_policy(policy)
    missing = [("libglib2.0-0", "libglib2.0-0t64"), ("poppler-utils",), ("libfoo", "libfoot64")]

    names = qs.install_names(missing, lambda name: candidates.get(name, False))

    assert candidates == {"libglib2.0-0": False, "libglib2.0-0t64": True, "poppler-utils": True}
    # Nothing installable: keep the plain name so apt-get reports it.
    assert names == ["libglib2.0-0t64", "poppler-utils", "libfoo"]


def test_apt_command_for_a_normal_user_uses_sudo() -> None:
    command = qs.apt_install_command(["libgl1", "poppler-utils"], sudo=True)
    assert command[:4] == ["sudo", "apt-get", "install", "-y"]
    assert command[-2:] == ["libgl1", "poppler-utils"]
    assert qs.apt_install_command(["libgl1"], sudo=False)[0] == "apt-get"


@pytest.mark.parametrize(("code", "expected"), [(0, 0), (1, 1), (2, 2), (5, 1)])
def test_pytest_collecting_nothing_is_a_failure(code: int, expected: int) -> None:
    assert qs.pytest_exit_code(code) == expected


def test_stamp_is_current_only_for_the_same_pyproject(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    stamp = tmp_path / ".venv" / qs.STAMP_NAME
    stamp.parent.mkdir()
    pyproject.write_text('[project]\nname = "x"\n', encoding="utf-8")
    digest = qs.file_sha256(pyproject)

    assert not qs.stamp_is_current(stamp, digest)  # no stamp yet
    qs.write_stamp(stamp, digest)
    assert qs.stamp_is_current(stamp, digest)

    pyproject.write_text('[project]\nname = "y"\n', encoding="utf-8")
    assert not qs.stamp_is_current(stamp, qs.file_sha256(pyproject))


def test_tests_run_offscreen_without_a_display() -> None:
    env = qs.child_environment("test", {"PATH": "/usr/bin"})
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    assert env["PATH"] == "/usr/bin"


def test_display_and_explicit_platform_are_respected() -> None:
    assert "QT_QPA_PLATFORM" not in qs.child_environment("test", {"DISPLAY": ":0"})
    assert "QT_QPA_PLATFORM" not in qs.child_environment("test", {"WAYLAND_DISPLAY": "w-0"})
    explicit = qs.child_environment("test", {"QT_QPA_PLATFORM": "minimal"})
    assert explicit["QT_QPA_PLATFORM"] == "minimal"


def test_app_without_a_screen_stops_on_linux_only() -> None:
    assert qs.screen_missing("app", {}, "linux")
    assert not qs.screen_missing("app", {"DISPLAY": ":1"}, "linux")
    assert not qs.screen_missing("app", {}, "darwin")
    assert not qs.screen_missing("test", {}, "linux")
    # On CI the app runs offscreen instead.
    assert not qs.screen_missing("app", {"CI": "true"}, "linux")
    assert qs.child_environment("app", {"CI": "true"})["QT_QPA_PLATFORM"] == "offscreen"


def test_test_steps_run_in_order_and_pass_pytest_args(tmp_path: Path) -> None:
    steps = qs.test_steps(tmp_path, ["-q", "-k", "stamp"], cpus=2)

    assert [title for title, _ in steps] == [
        "ruff check .",
        "ruff format --check .",
        "mypy",
        "python -m pytest -n 2 --dist loadgroup -q -k stamp",
    ]
    assert steps[-1][1][-8:] == ["pytest", "-n", "2", "--dist", "loadgroup", "-q", "-k", "stamp"]


@pytest.mark.parametrize(
    ("args", "cpus", "added"),
    [
        ([], 1, ["-n", "1", "--dist", "loadgroup"]),
        ([], 2, ["-n", "2", "--dist", "loadgroup"]),
        ([], 64, ["-n", "4", "--dist", "loadgroup"]),
        ([], None, ["-n", "1", "--dist", "loadgroup"]),
        (["-n", "3"], 2, []),
        (["-n3"], 2, []),
        (["--numprocesses=3"], 2, []),
        (["-p", "no:xdist"], 2, []),
        (["-m", "benchmark", "-s"], 2, []),
        (["tests/benchmarks/test_search_bench.py"], 2, []),
    ],
)
def test_the_tests_run_on_every_core_unless_asked_otherwise(
    args: list[str], cpus: int | None, added: list[str]
) -> None:
    assert qs.parallel_arguments(args, cpus) == added


def test_python_version_check() -> None:
    assert qs.python_too_old((3, 10))
    assert not qs.python_too_old((3, 11))
    assert not qs.python_too_old((3, 13))


def test_app_without_arguments_opens_the_example_the_first_time() -> None:
    assert qs.app_arguments([]) == ["--demo-if-none"]
    assert qs.app_arguments(["--dossier", "x"]) == ["--dossier", "x"]
