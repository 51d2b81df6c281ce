"""``python -m dossier.ui.screens OUTDIR [--size NAME]... [--language CODE]... [--only SCREEN]...``:
the screen catalogue.

The Overview, the comparison and appointment mode in every language, at one size::

    python -m dossier.ui.screens OUTDIR --size 1366x768 --language all \\
        --only overview --only cases-comparison --only appointment-mode
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ...core.i18n import LANGUAGES, PSEUDO
from .runner import SIZES, Size, describe, run_catalogue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dossier.ui.screens",
        description="Save a picture of every screen of the window, and what looks wrong "
        "on each (OUTDIR/findings.json).",
    )
    parser.add_argument("outdir", type=Path, help="the folder for the pictures")
    parser.add_argument(
        "--size",
        action="append",
        choices=[s.name for s in SIZES],
        help="only this size (may be given more than once; default: all)",
    )
    parser.add_argument(
        "--language",
        action="append",
        choices=[*LANGUAGES, PSEUDO, "all"],
        help="the window's language (default: en; may be given more than once; 'all': "
        f"{', '.join(LANGUAGES)}); in 'pseudo', English left on a screen is reported as "
        "'untranslated'",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="SCREEN",
        help="only this screen, such as overview (may be given more than once)",
    )
    args = parser.parse_args(argv)
    _quiet_offscreen()
    sizes = [s for s in SIZES if args.size is None or s.name in args.size]
    only = _only(set(args.only)) if args.only else None
    languages = args.language or ["en"]
    if "all" in languages:
        languages = [*LANGUAGES, *(code for code in languages if code == PSEUDO)]
    found: list[dict[str, str]] = []
    for language in dict.fromkeys(languages):
        found += run_catalogue(args.outdir, sizes, only=only, language=language)
    if found:
        print(f"\n{len(found)} finding(s):\n{describe(found)}")
    else:
        print("\nNo findings.")
    return 1 if found else 0


def _only(names: set[str]) -> Callable[[Size, str], bool]:
    return lambda _size, screen: screen in names


# What the offscreen platform always says (it has no window manager); nothing to act on.
OFFSCREEN_NOISE = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
)


def _quiet_offscreen() -> None:
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if message not in OFFSCREEN_NOISE:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


if __name__ == "__main__":
    sys.exit(main())
