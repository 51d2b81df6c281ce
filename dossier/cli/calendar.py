"""``dossier calendar``: the person's own calendar, as a file for their calendar program.

``--out FILE.ics [--case ID]`` writes the appointments, decision deadlines and tasks due,
with their reminders, as an iCalendar file once. ``--keep-in FOLDER`` keeps such a file up
to date in a folder (for a calendar program to subscribe to): it is written at once and
again after every change this program makes to the dossier, from the window or from a
command (:func:`refresh_after_change`); ``--stop-keeping`` ends that. Without any of these
it says where the file is kept, if anywhere.

The folder is this computer's setting (dossier.core.ical.feed), not the dossier's. The
command changes nothing in the dossier, so it runs beside a window showing it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core import records
from ..core.errors import DossierError
from ..core.i18n import tr
from ..core.storage import Dossier
from .args import output_file, path_text, record_id
from .common import OK, AddCommand, Commands, UsageError, print_value, shown


def add_commands(command: AddCommand) -> None:
    p = command(
        "calendar",
        tr("write the appointments, deadlines and tasks due as a calendar file (.ics)"),
    )
    p.add_argument(
        "--out",
        type=path_text,
        metavar="FILE.ics",
        help=tr("the calendar file to write, for a calendar program to import"),
    )
    p.add_argument("--case", type=record_id, metavar="ID", help=tr("only this case's (with --out)"))
    p.add_argument(
        "--keep-in",
        type=path_text,
        metavar="FOLDER",
        help=tr(
            "keep a calendar file up to date in this folder, rewritten after every change, "
            "for a calendar program to subscribe to (a setting of this computer)"
        ),
    )
    p.add_argument(
        "--stop-keeping",
        action="store_true",
        help=tr("stop keeping the calendar file up to date (the file is left where it is)"),
    )


def cmd_calendar(args: argparse.Namespace, dossier: Dossier) -> int:
    from ..core.ical import feed

    # Every check first: a refused command changes nothing.
    if args.keep_in is not None and args.stop_keeping:
        raise UsageError(tr("Choose --keep-in or --stop-keeping, not both."))
    if args.case is not None and args.out is None:
        raise UsageError(tr("--case goes with --out: the case whose calendar file to write."))
    out = output_file(args.out, dossier=dossier.path) if args.out is not None else None
    if args.case is not None:
        records.get(dossier, "case", args.case)  # a plain message for an unknown case
    folder = Path(args.keep_in).absolute() if args.keep_in is not None else None
    if folder is not None:
        feed.check_folder(folder, dossier.path)
    said: dict[str, Any] = {}
    lines: list[str] = []
    if out is not None:
        from ..core.ical.export import write_calendar

        said["out"] = str(write_calendar(dossier, out, args.case))
        lines.append(
            tr(
                "Wrote {path}: a calendar program can import it (in most, File → Import).",
                path=said["out"],
            )
        )
    if folder is not None:
        said["kept_in"] = str(feed.set_feed(dossier, folder))
        lines.append(
            tr(
                "The calendar file {path} is kept up to date: it is written again after every "
                "change to the dossier. Subscribe to it in your calendar program.",
                path=said["kept_in"],
            )
        )
    elif args.stop_keeping:
        stopped = feed.clear_feed(dossier.path)
        said["stopped"] = str(stopped.path) if stopped else None
        lines.append(
            tr(
                "The calendar file {path} is no longer kept up to date; it is left where it "
                "is (delete it, or remove it from your calendar program, when you no longer "
                "want it).",
                path=stopped.path,
            )
            if stopped
            else tr("No calendar file was kept up to date for this dossier.")
        )
    warning = feed.unprotected_warning(dossier) if out or folder else None
    if warning:  # a file written for a protected dossier: it is not
        said["warning"] = warning
        lines.append(warning)
    if not said:
        kept = feed.get_feed(dossier.path)
        said["kept_in"] = str(kept.path) if kept else None
        lines.append(
            tr("The calendar file {path} is kept up to date.", path=kept.path)
            if kept
            else tr(
                "No calendar file is kept up to date for this dossier. Write one with "
                "--out FILE.ics, or keep one up to date with --keep-in FOLDER."
            )
        )
    if args.json:
        print_value(args, said)
    else:
        print("\n".join(lines))
    return OK


def refresh_after_change(dossier: Dossier) -> None:
    """After a command changed ``dossier``: rewrite its calendar file if one is kept up to
    date. A failure is said on stderr in one line; the command's own outcome stands."""
    from ..core.ical.feed import get_feed, refresh_feed

    try:
        if get_feed(dossier.path) is not None:
            refresh_feed(dossier)
    except DossierError as exc:
        print(f"dossier: {shown(exc.message)}", file=sys.stderr)
    except OSError as exc:
        reason = shown(str(exc.strerror or exc))
        print(
            "dossier: " + tr("The calendar file could not be updated: {reason}", reason=reason),
            file=sys.stderr,
        )


COMMANDS = Commands(add=add_commands, handlers={"calendar": cmd_calendar})

__all__ = ["COMMANDS", "refresh_after_change"]
