"""The program's entry point: the window, or a command of :mod:`dossier.cli`.

Starting the window is what a person does most, so it is decided here, before the
command line's modules are imported (with every command's dependencies they cost about
a tenth of a second): without a command, only the window's own options are read.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

# What ``dossier [options]`` without a command accepts; the rest goes to dossier.cli.
_WINDOW_FLAGS = ("--demo", "--demo-if-none")
_WINDOW_VALUES = ("--dossier", "--language")


def window_options(argv: Sequence[str]) -> SimpleNamespace | None:
    """The options of a window start, or None when ``argv`` asks for a command (or help)."""
    options = SimpleNamespace(dossier=None, demo=False, demo_if_none=False, language=None)
    args = list(argv)
    while args:
        arg = args.pop(0)
        name, has_value, value = arg.partition("=")
        if arg in _WINDOW_FLAGS:
            setattr(options, arg[2:].replace("-", "_"), True)
        elif arg in _WINDOW_VALUES and args:
            setattr(options, arg[2:], args.pop(0))
        elif has_value and name in _WINDOW_VALUES:
            setattr(options, name[2:], value)
        else:
            return None
    return options


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # a worker process of the bundle starts here too
        import multiprocessing

        multiprocessing.freeze_support()
    arguments = list(sys.argv[1:] if argv is None else argv)
    options = window_options(arguments)
    if options is None:
        from .cli import main as cli_main

        return cli_main(arguments)
    from .app import run_app

    return run_app(
        Path(options.dossier) if options.dossier else None,
        demo=options.demo,
        demo_if_none=options.demo_if_none,
        language=options.language,
    )


__all__ = ["main", "window_options"]
