#!/usr/bin/env python3
"""Quick start for Second Opinion Dossier: one command to run the app, one to test it.

    python3 packaging/quickstart.py app [args...]    # open the app
    python3 packaging/quickstart.py test [args...]   # lint, type checks, then pytest [args...]

Both commands first make sure the system packages Qt needs are installed (Debian and
Ubuntu only), then create `.venv` next to `packaging/` and install the project into it.
This file uses the standard library only, so it runs with a bare system `python3`.
Keep its syntax readable by old interpreters so they reach the version check in main().
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

MIN_PYTHON = (3, 11)
REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv"
STAMP_NAME = ".quickstart-stamp"
PYTEST_NO_TESTS = 5
NO_SCREEN_EXIT = 2
USAGE = """\
usage: python3 packaging/quickstart.py app [args...]
       python3 packaging/quickstart.py test [pytest args...]

  app   install what is needed, then open Second Opinion Dossier
  test  install what is needed, then run ruff, mypy and the test suite
"""

# Qt running offscreen (the test suite) plus poppler-utils (tests render PDFs to PNG);
# binutils (objdump, strip) for PyInstaller, which the packaging test runs, and the
# validators of the Linux desktop entry and AppStream metadata (tests/packaging).
TEST_PACKAGES = (
    "libglib2.0-0",
    "libgl1",
    "libegl1",
    "libfontconfig1",
    "libxkbcommon0",
    "libdbus-1-3",
    "fonts-dejavu-core",
    "poppler-utils",
    "binutils",
    "desktop-file-utils",
    "appstream",
    # Reading scans: Tesseract's language data for the five languages and its orientation
    # and script detection (the engine itself comes with the tesserocr wheel); the command
    # for the OCR benchmark's bare baseline.
    "tesseract-ocr",
    "tesseract-ocr-eng",
    "tesseract-ocr-nld",
    "tesseract-ocr-heb",
    "tesseract-ocr-ukr",
    "tesseract-ocr-rus",
    "tesseract-ocr-osd",
)
# What Qt's xcb platform plugin needs to open a real window. `test` installs them too: the
# packaging test builds the bundle, which carries these small libraries, and checks that
# every library the bundle needs is found (a clean machine has none of them).
XCB_PACKAGES = (
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxkbcommon-x11-0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-image0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
)


def say(message: str) -> None:
    print(f"quickstart: {message}", flush=True)


def header(title: str) -> None:
    print(f"\n==> {title}", flush=True)


# --- Python version -----------------------------------------------------------------


def python_too_old(version: Sequence[int]) -> bool:
    return tuple(version[:2]) < MIN_PYTHON


def newer_python_on_path() -> str | None:
    for name in ("python3.14", "python3.13", "python3.12", "python3.11"):
        if shutil.which(name):
            return name
    return None


def explain_old_python() -> int:
    found = sys.version.split()[0]
    print(
        f"Second Opinion Dossier needs Python 3.11 or newer; this is Python {found} "
        f"({sys.executable}).",
        file=sys.stderr,
    )
    better = newer_python_on_path()
    if better:
        print(f"Run it again with: {better} {' '.join(sys.argv)}", file=sys.stderr)
    else:
        print(
            "Install Python 3.11 or newer (on Debian/Ubuntu: the python3.11 package "
            "or newer) and run this script with it.",
            file=sys.stderr,
        )
    return 1


# --- System packages (Debian and Ubuntu) ----------------------------------------------


def alternatives(name: str) -> tuple[str, ...]:
    """Names a package may have: newer Ubuntu renamed many libraries with a `t64` suffix."""
    if name.startswith("lib") and not name.endswith("t64"):
        return (name, name + "t64")
    return (name,)


def venv_alternatives(version: Sequence[int]) -> tuple[str, ...]:
    return (f"python{version[0]}.{version[1]}-venv", "python3-venv")


def libpython_package(version: Sequence[int]) -> str:
    return f"libpython{version[0]}.{version[1]}"


def wanted_packages(need_venv_package: bool, need_libpython: bool = False) -> list[tuple[str, ...]]:
    """The same for `app` and `test`: the test suite builds and runs the bundle too."""
    names = [*TEST_PACKAGES, *XCB_PACKAGES]
    wanted = [alternatives(name) for name in names]
    if need_venv_package:
        wanted.append(venv_alternatives(sys.version_info[:2]))
    if need_libpython:
        wanted.append((libpython_package(sys.version_info[:2]),))
    return wanted


def parse_dpkg_query(output: str) -> set[str]:
    """Installed package names from `dpkg-query -W -f='${Package} ${Status}\\n' ...`."""
    installed: set[str] = set()
    for line in output.splitlines():
        name, _, status = line.strip().partition(" ")
        if name and status.endswith("ok installed") and status.startswith("install"):
            installed.add(name.split(":")[0])
    return installed


def missing_packages(
    wanted: Sequence[tuple[str, ...]], is_installed: Callable[[str], bool]
) -> list[tuple[str, ...]]:
    """The requirements of which no alternative name is installed."""
    return [names for names in wanted if not any(is_installed(name) for name in names)]


def parse_apt_policy(output: str) -> dict[str, bool]:
    """Package name -> whether apt has an install candidate, from `apt-cache policy ...`."""
    candidates: dict[str, bool] = {}
    current: str | None = None
    for line in output.splitlines():
        if line and not line[0].isspace() and line.rstrip().endswith(":"):
            current = line.split(":")[0]
            candidates[current] = False
        elif current and line.strip().startswith("Candidate:"):
            value = line.split(":", 1)[1].strip()
            candidates[current] = value not in ("", "(none)")
    return candidates


def install_names(
    missing: Sequence[tuple[str, ...]], has_candidate: Callable[[str], bool]
) -> list[str]:
    """For each requirement the first name apt can install, or its first name if none can."""
    chosen: list[str] = []
    for names in missing:
        available = [name for name in names if has_candidate(name)]
        chosen.append(available[0] if available else names[0])
    return chosen


def apt_install_command(names: Sequence[str], sudo: bool) -> list[str]:
    command = ["apt-get", "install", "-y", "--no-install-recommends", *names]
    return ["sudo", *command] if sudo else command


def is_debian() -> bool:
    return Path("/etc/debian_version").exists() or shutil.which("dpkg-query") is not None


def installed_packages(names: Sequence[str]) -> set[str]:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${Status}\\n", *names],
        capture_output=True,
        text=True,
        check=False,
    )
    return parse_dpkg_query(result.stdout)


def apt_candidates(names: Sequence[str]) -> dict[str, bool]:
    result = subprocess.run(
        ["apt-cache", "policy", *names], capture_output=True, text=True, check=False
    )
    return parse_apt_policy(result.stdout)


def run_apt_as_root(missing: Sequence[tuple[str, ...]]) -> int:
    header("Installing system packages with apt-get")
    code = subprocess.call(["apt-get", "update"])
    if code != 0:
        say(f"'apt-get update' failed (exit code {code}).")
        return code
    candidates = apt_candidates([name for names in missing for name in names])
    names = install_names(missing, lambda name: candidates.get(name, False))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    code = subprocess.call(apt_install_command(names, sudo=False), env=env)
    if code != 0:
        say(f"installing system packages failed (exit code {code}).")
    return code


def explain_apt_for_user(missing: Sequence[tuple[str, ...]]) -> int:
    candidates = apt_candidates([name for names in missing for name in names])
    names = install_names(missing, lambda name: candidates.get(name, False))
    print("Some system packages are missing. Install them with:\n", file=sys.stderr)
    print("    " + " ".join(apt_install_command(names, sudo=True)) + "\n", file=sys.stderr)
    print(
        "(If apt-get cannot find a package, run 'sudo apt-get update' first.) "
        "Then run this command again.",
        file=sys.stderr,
    )
    return 1


def ensure_system_packages(command: str, need_venv_package: bool) -> int:
    if not is_debian() or shutil.which("dpkg-query") is None:
        say("not a Debian/Ubuntu system: skipping the system package check.")
        return 0
    need_libpython = command == "test" and shared_libpython_missing()
    wanted = wanted_packages(need_venv_package, need_libpython)
    installed = installed_packages([name for names in wanted for name in names])
    missing = missing_packages(wanted, lambda name: name in installed)
    if not missing:
        return 0
    if os.geteuid() == 0:
        return run_apt_as_root(missing)
    return explain_apt_for_user(missing)


def shared_libpython_missing(config: Mapping[str, str | None] | None = None) -> bool:
    """PyInstaller (the packaging test) bundles Python's shared library. Debian's python3
    is linked statically and ships that library apart, in the libpythonX.Y package."""
    if config is None:
        import sysconfig

        config = {name: sysconfig.get_config_var(name) for name in ("INSTSONAME", "LIBDIR")}
    name, libdir = config.get("INSTSONAME"), config.get("LIBDIR")
    if not sys.platform.startswith("linux") or not name or not libdir:
        return False
    return not Path(libdir, name).exists()


def venv_module_usable() -> bool:
    """Debian's python3 ships `venv` without `ensurepip` until python3-venv is installed."""
    try:
        import ensurepip  # noqa: F401
        import venv  # noqa: F401
    except ImportError:
        return False
    return True


# --- Virtual environment ---------------------------------------------------------------


def venv_executable(venv: Path, name: str) -> Path:
    if os.name == "nt":
        return venv / "Scripts" / f"{name}.exe"
    return venv / "bin" / name


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stamp_is_current(stamp: Path, digest: str) -> bool:
    try:
        return stamp.read_text(encoding="utf-8").strip() == digest
    except OSError:
        return False


def write_stamp(stamp: Path, digest: str) -> None:
    stamp.write_text(digest + "\n", encoding="utf-8")


def pip_environment() -> dict[str, str]:
    return dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")


def create_venv(venv: Path) -> int:
    header(f"Creating the virtual environment {venv}")
    code = subprocess.call([sys.executable, "-m", "venv", str(venv)])
    if code != 0:
        say(f"creating {venv} failed (exit code {code}).")
        return code
    python = str(venv_executable(venv, "python"))
    code = subprocess.call(
        [python, "-m", "pip", "install", "--upgrade", "pip"], env=pip_environment()
    )
    if code != 0:
        say(f"upgrading pip in {venv} failed (exit code {code}).")
    return code


def install_project(venv: Path, repo: Path) -> int:
    header("Installing Second Opinion Dossier and its test tools into .venv")
    say("the first run downloads about 350 MB of Python packages.")
    python = str(venv_executable(venv, "python"))
    code = subprocess.call(
        [python, "-m", "pip", "install", "-e", ".[test]"], cwd=repo, env=pip_environment()
    )
    if code != 0:
        say(f"installing the Python packages failed (exit code {code}).")
        say(f"if {venv} is broken, delete it and run this command again.")
    return code


def ensure_venv(venv: Path, repo: Path) -> int:
    if not venv_executable(venv, "python").exists():
        code = create_venv(venv)
        if code != 0:
            return code
    stamp = venv / STAMP_NAME
    digest = file_sha256(repo / "pyproject.toml")
    if stamp_is_current(stamp, digest) and venv_executable(venv, "dossier").exists():
        return 0
    code = install_project(venv, repo)
    if code == 0:
        write_stamp(stamp, digest)
    return code


# --- Environment for the child process -------------------------------------------------


def has_display(env: Mapping[str, str]) -> bool:
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def needs_offscreen(command: str, env: Mapping[str, str]) -> bool:
    return not has_display(env) and (command == "test" or bool(env.get("CI")))


def child_environment(command: str, env: Mapping[str, str]) -> dict[str, str]:
    child = dict(env)
    if needs_offscreen(command, env) and not env.get("QT_QPA_PLATFORM"):
        child["QT_QPA_PLATFORM"] = "offscreen"
    return child


def screen_missing(command: str, env: Mapping[str, str], platform: str) -> bool:
    """True when `app` would have no screen to open its window on."""
    return (
        command == "app"
        and platform.startswith("linux")
        and not has_display(env)
        and not env.get("QT_QPA_PLATFORM")
        and not needs_offscreen(command, env)
    )


def explain_no_screen() -> int:
    print(
        "No screen was found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
        "Second Opinion Dossier is a desktop app: run this command from a terminal "
        "inside your desktop session.\n"
        "To check the installation without a screen, run: "
        "python3 packaging/quickstart.py test",
        file=sys.stderr,
    )
    return NO_SCREEN_EXIT


# --- Commands --------------------------------------------------------------------------


def pytest_exit_code(code: int) -> int:
    """pytest's "no tests collected" (5) counts as a failure."""
    return 1 if code == PYTEST_NO_TESTS else code


MAX_TEST_WORKERS = 4


def parallel_arguments(pytest_args: Sequence[str], cpus: int | None) -> list[str]:
    """The tests run in one process per core (pytest-xdist, at most four; the bundle's
    tests together, see tests/packaging), unless the
    arguments choose otherwise (``-n``, ``-p no:xdist``) or ask for the benchmarks, whose
    timings need the machine to themselves."""
    chosen = any(
        arg in ("-n", "--numprocesses", "no:xdist")
        or arg.startswith(("-n", "--numprocesses="))
        or "benchmark" in arg
        for arg in pytest_args
    )
    if chosen:
        return []
    # loadgroup: the tests of the frozen bundle share one process, which builds it once.
    return ["-n", str(max(1, min(MAX_TEST_WORKERS, cpus or 1))), "--dist", "loadgroup"]


def test_steps(
    venv: Path, pytest_args: Sequence[str], cpus: int | None = None
) -> list[tuple[str, list[str]]]:
    ruff = str(venv_executable(venv, "ruff"))
    python = str(venv_executable(venv, "python"))
    pytest_args = [*parallel_arguments(pytest_args, cpus or os.cpu_count()), *pytest_args]
    return [
        ("ruff check .", [ruff, "check", "."]),
        ("ruff format --check .", [ruff, "format", "--check", "."]),
        ("mypy", [str(venv_executable(venv, "mypy"))]),
        (
            " ".join(["python -m pytest", *pytest_args]),
            [python, "-m", "pytest", *pytest_args],
        ),
    ]


def run_tests(venv: Path, repo: Path, pytest_args: Sequence[str], env: dict[str, str]) -> int:
    steps = test_steps(venv, pytest_args)
    for number, (title, command) in enumerate(steps, start=1):
        header(f"[{number}/{len(steps)}] {title}")
        code = subprocess.call(command, cwd=repo, env=env)
        is_pytest = number == len(steps)
        if is_pytest and code == PYTEST_NO_TESTS:
            say("pytest collected no tests: treating as a failure")
        if is_pytest:
            code = pytest_exit_code(code)
        if code != 0:
            say(f"step '{title}' failed (exit code {code}).")
            return code
    header("All checks passed.")
    return 0


def app_arguments(app_args: Sequence[str]) -> list[str]:
    """With no arguments: the last dossier, or the example dossier the first time."""
    return list(app_args) or ["--demo-if-none"]


def run_app(venv: Path, repo: Path, app_args: Sequence[str], env: dict[str, str]) -> int:
    dossier = str(venv_executable(venv, "dossier"))
    app_args = app_arguments(app_args)
    if os.name == "nt":
        return subprocess.call([dossier, *app_args], cwd=repo, env=env)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(dossier, [dossier, *app_args], env)  # replaces this process


def prepare(command: str) -> int:
    need_venv_package = not venv_executable(VENV, "python").exists() and not venv_module_usable()
    code = ensure_system_packages(command, need_venv_package)
    if code != 0:
        return code
    return ensure_venv(VENV, REPO)


def main(argv: Sequence[str] | None = None) -> int:
    if python_too_old(sys.version_info[:2]):
        return explain_old_python()
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(USAGE, end="")
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command not in ("app", "test"):
        print(f"unknown command: {command}\n\n{USAGE}", end="", file=sys.stderr)
        return 2
    if screen_missing(command, os.environ, sys.platform):
        return explain_no_screen()
    try:
        code = prepare(command)
        if code != 0:
            return code
        env = child_environment(command, os.environ)
        if command == "test":
            return run_tests(VENV, REPO, rest, env)
        return run_app(VENV, REPO, rest, env)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
