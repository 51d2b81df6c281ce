"""The entry point tells a window start from a command without loading the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dossier.entry import window_options


@pytest.mark.parametrize(
    ("argv", "dossier", "demo", "demo_if_none"),
    [
        ([], None, False, False),
        (["--dossier", "/d"], "/d", False, False),
        (["--dossier=/d"], "/d", False, False),
        (["--demo"], None, True, False),
        (["--demo-if-none", "--dossier", "x"], "x", False, True),
    ],
)
def test_window_starts(
    argv: list[str], dossier: str | None, demo: bool, demo_if_none: bool
) -> None:
    options = window_options(argv)
    assert options is not None
    assert (options.dossier, options.demo, options.demo_if_none) == (dossier, demo, demo_if_none)


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "case"],
        ["--dossier", "/d", "search", "x"],
        ["--help"],
        ["--version"],
        ["--dossier"],  # no value: the command line explains
        ["--json"],
        ["--language", "nl", "print", "brief"],  # a command in a language
    ],
)
def test_commands_and_help_go_to_the_command_line(argv: list[str]) -> None:
    assert window_options(argv) is None


@pytest.mark.parametrize("argv", [["--language", "he"], ["--language=he", "--demo"]])
def test_the_window_starts_in_a_language(argv: list[str]) -> None:
    options = window_options(argv)
    assert options is not None and options.language == "he"


def test_the_program_still_answers_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dossier", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("dossier ")


def test_a_window_start_does_not_load_the_command_line() -> None:
    script = (
        "import sys, dossier.entry, dossier.app\n"
        "dossier.app.run_app = lambda *a, **k: 0\n"
        "dossier.entry.main(['--dossier', 'nowhere'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('dossier.cli')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
