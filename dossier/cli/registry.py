"""The command groups, in the order ``dossier --help`` lists their commands.

A new command goes into the group it belongs to (or a new module with its own
:class:`.common.Commands`, listed here): the parser, the dispatch, the dossier's lock for
commands that change it, and the hostile-argument tests all take it from here.
"""

from __future__ import annotations

import argparse

from . import (
    archive,
    backup,
    bundle,
    calendar,
    check,
    compare,
    dossiers,
    handover,
    imaging,
    importing,
    invitation,
    plan,
    printing,
    protection,
    reading,
    records,
    search,
)
from .common import Commands, Handler, Standalone

GROUPS: tuple[Commands, ...] = (
    dossiers.COMMANDS,  # init, demo
    protection.COMMANDS,  # passphrase, recovery-sheet
    importing.COMMANDS,  # import
    reading.COMMANDS,  # ocr
    imaging.COMMANDS,  # export-disc
    search.COMMANDS,  # search
    records.COMMANDS,  # list, show, add, edit, delete, restore, trash
    compare.COMMANDS,  # compare, verdict, ask, next-step, cite, decide
    handover.COMMANDS,  # told
    plan.COMMANDS,  # plan
    calendar.COMMANDS,  # calendar
    invitation.COMMANDS,  # invitation
    printing.COMMANDS,  # print
    bundle.COMMANDS,  # bundle
    backup.COMMANDS,  # backup, backups, backup-folder, delete-backup (and restore BACKUP)
    archive.COMMANDS,  # export, import-archive
    check.COMMANDS,  # check
)

HANDLERS: dict[str, Handler] = {
    name: handler for group in GROUPS for name, handler in group.handlers.items()
}
STANDALONE: dict[str, Standalone] = {
    name: handler for group in GROUPS for name, handler in group.standalone.items()
}
_GROUP_OF = {name: group for group in GROUPS for name in group.handlers}


def writes(args: argparse.Namespace) -> bool:
    """Whether the command in ``args`` changes the dossier (it then takes its lock)."""
    group = _GROUP_OF.get(args.command)
    return group is not None and group.writes(args)


__all__ = ["GROUPS", "HANDLERS", "STANDALONE", "writes"]
