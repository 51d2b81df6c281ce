"""What every command of the command line shares: exit codes, the one-line refusal, output.

A command group (one module per group: :mod:`.records`, :mod:`.backup`, …) describes its
commands with a :class:`Commands`; :mod:`.registry` lists the groups in the order
``dossier --help`` shows them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.i18n import tr
from ..core.storage import Dossier
from ..core.unfinished import Kind, clean_up, removed_words

# Exit status: 0 success; 1 some input was rejected or a check failed; 2 a usage error or
# a dossier that cannot be used.
OK, REJECTED, USAGE = 0, 1, 2

# ``command(name, help) -> parser``: adds one subcommand (with --dossier and --json).
AddCommand = Callable[[str, str], argparse.ArgumentParser]
Handler = Callable[[argparse.Namespace, Dossier], int]
Standalone = Callable[[argparse.Namespace], int]


def _never(args: argparse.Namespace) -> bool:
    return False


@dataclass(frozen=True)
class Commands:
    """One group of commands.

    ``handlers`` run on the dossier of ``--dossier``, opened for them; ``standalone`` ones
    take only the arguments and open what they need themselves (or nothing). ``writes``
    says whether a handler's command changes the dossier: those hold its lock while they
    run (:mod:`dossier.core.lock`), so they are refused while a window shows it, and are
    refused on a dossier open for reading only; the others run beside a window.
    """

    add: Callable[[AddCommand], None]
    handlers: Mapping[str, Handler] = field(default_factory=dict)
    standalone: Mapping[str, Standalone] = field(default_factory=dict)
    writes: Callable[[argparse.Namespace], bool] = _never


class UsageError(Exception):
    """Something given on the command line that cannot be used (exit status 2)."""


def fail(args: argparse.Namespace, message: str, code: int, **extra: Any) -> int:
    """Say on stderr, in one line, why the command could not do what was asked (and in
    JSON on stdout with ``--json``); return the exit status ``code``."""
    print(f"dossier: {shown(message)}", file=sys.stderr)
    if getattr(args, "json", False):
        print(json.dumps({"error": message, **extra}, ensure_ascii=False, indent=2))
    return code


def shown(text: str) -> str:
    """``text`` (which may hold file names) fit for a terminal: control characters and
    bidirectional overrides written as escapes, bytes that are not UTF-8 as ``\\xNN``."""
    return os.fsencode(text).decode("utf-8", "backslashreplace").translate(_ESCAPES)


_ESCAPES = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
_ESCAPES.update({0x2028: "\\u2028", 0x2029: "\\u2029"})


def shorten(text: str, limit: int = 60) -> str:
    """``text`` as it is shown in a message: one line, at most ``limit`` characters."""
    one_line = repr(text)[1:-1]
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


def dossier_argument(args: argparse.Namespace) -> str:
    """The ``--dossier`` given; a UsageError saying so when there is none."""
    if not args.dossier:
        raise UsageError(tr("Say which dossier to use with --dossier PATH."))
    return str(args.dossier)


def clean_up_interrupted(kind: Kind) -> None:
    """Remove what an interrupted run of the same operation left (a copy the program had
    made, proven its own), saying so on stderr: the next run of an operation cleans up."""
    for leftover in clean_up(kind):
        print(f"dossier: {removed_words(leftover)}", file=sys.stderr)


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def print_value(args: argparse.Namespace, value: Any) -> None:
    """``value`` as JSON with ``--json``; else a dict as aligned ``key  value`` lines (empty
    values left out), anything else as it prints."""
    if args.json:
        print_json(value)
    elif isinstance(value, dict):
        width = max((len(k) for k in value), default=0)
        for key, item in value.items():
            if item is None or item == [] or item == {}:
                continue
            text = (
                json.dumps(item, ensure_ascii=False) if isinstance(item, dict | list) else str(item)
            )
            print(f"{key:<{width}}  {text}")
    else:
        print(value)


__all__ = [
    "OK",
    "REJECTED",
    "USAGE",
    "AddCommand",
    "Commands",
    "Handler",
    "Standalone",
    "UsageError",
    "clean_up_interrupted",
    "dossier_argument",
    "fail",
    "print_json",
    "print_value",
    "shorten",
    "shown",
]
