"""Running one command: the dossier it needs, its lock, and its exit status.

Exit status: 0 success; 1 some input was rejected or a check failed; 2 a usage
error or a dossier that cannot be used. Whatever is given, the command ends with one
line in plain words on stderr when it cannot do what was asked, never a traceback:
the arguments are checked by :mod:`.args`, and :func:`main` turns an unexpected
operating-system error into such a line too (exit 2).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path

from ..core.errors import (
    DossierError,
    DossierOpenError,
    NotFoundError,
    ReadOnlyDossier,
    ValidationError,
)
from ..core.i18n import current_language, set_language, tr
from ..core.lock import acquire
from ..core.storage import Dossier
from .backup_restore import restore_from_backup
from .calendar import refresh_after_change
from .common import REJECTED, USAGE, UsageError, dossier_argument, fail, shorten
from .language import choose_language, speak_argparse
from .parser import build_parser
from .passphrase import open_unlocked
from .registry import HANDLERS, STANDALONE, writes


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 never crashes us
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    arguments = list(sys.argv[1:] if argv is None else argv)
    before = current_language()
    choose_language(arguments)
    speak_argparse()
    try:
        return _main(arguments)
    finally:
        set_language(before)  # a caller in the same process (a test) keeps its language


def _main(arguments: list[str]) -> int:
    args = build_parser().parse_args(arguments)
    if args.command is None:
        from ..app import run_app

        return run_app(
            Path(args.dossier) if args.dossier else None,
            demo=args.demo,
            demo_if_none=args.demo_if_none,
        )
    try:
        return _run(args)
    except BrokenPipeError:  # the reader went away (dossier list … | head): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return REJECTED
    except UsageError as exc:
        return fail(args, str(exc), USAGE)
    except DossierOpenError as exc:
        return fail(args, exc.message, USAGE)
    except ValidationError as exc:
        return fail(args, exc.message, REJECTED, fields=exc.errors)
    except NotFoundError as exc:
        return fail(args, exc.message, REJECTED)
    except DossierError as exc:
        return fail(args, exc.message, USAGE if _is_usage(exc) else REJECTED)
    except (OSError, ValueError) as exc:  # the last resort: one plain line, not a traceback
        return fail(args, unexpected(exc), USAGE)


def unexpected(exc: OSError | ValueError) -> str:
    """An error no check of the command foresaw, in one line. The hostile-argument tests
    make sure no argument they try ends here: each has its own check and message."""
    if isinstance(exc, OSError) and exc.strerror:
        what = exc.strerror + (f": {exc.filename}" if exc.filename else "")
    else:
        what = (str(exc).splitlines() or [exc.__class__.__name__])[0]
    return tr("The command stopped unexpectedly ({what}).", what=shorten(what, 200))


def _is_usage(exc: DossierError) -> bool:
    return exc.message.startswith("There is no kind of record")


def _open(args: argparse.Namespace) -> Dossier:
    return open_unlocked(args, Path(dossier_argument(args)))


def _lock(args: argparse.Namespace) -> AbstractContextManager[object]:
    """Commands that change a dossier hold its lock while they run (dossier.core.lock), so
    they are refused while a window shows it; those that only read run beside a window."""
    if not writes(args):
        return contextlib.nullcontext()
    return acquire(Path(dossier_argument(args)), "command")


def _run(args: argparse.Namespace) -> int:
    command = args.command
    if command == "restore" and args.id is None:  # restore BACKUP: see .backup
        return restore_from_backup(args)
    standalone = STANDALONE.get(command)
    if standalone is not None:
        return standalone(args)
    with _lock(args), _open(args) as dossier:
        if dossier.read_only is not None and writes(args):  # the reason, before anything else
            raise ReadOnlyDossier(dossier.read_only.refusal)
        code = HANDLERS[command](args, dossier)
        if writes(args):  # the calendar file kept up to date, if there is one
            refresh_after_change(dossier)
        return code


__all__ = ["main", "unexpected"]
