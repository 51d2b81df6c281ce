"""``dossier told``: who has been told about the decision on a case.

``dossier told --case ID`` lists each doctor and institution of the case with the day they
were told (or "not yet"); ``--contact ID`` ticks one (told today, or on ``--on DATE``,
``--how`` a letter, a phone call…), and with ``--undo`` unticks it (to the trash, where
``dossier restore`` brings it back).
"""

from __future__ import annotations

import argparse

from ..core import records
from ..core.handover.told import ToldRow, is_decided, tell, told_checklist, untell
from ..core.i18n import tr
from ..core.storage import Dossier
from .args import record_id
from .common import OK, AddCommand, Commands, UsageError, print_json, shown


def add_commands(command: AddCommand) -> None:
    p = command(
        "told",
        tr("who has been told about the decision on a case; tick or untick one of them"),
    )
    p.add_argument("--case", type=record_id, required=True, metavar="ID", help=tr("the case"))
    p.add_argument(
        "--contact",
        type=record_id,
        metavar="ID",
        help=tr("mark this doctor or institution (a contact) as told of the decision"),
    )
    p.add_argument("--on", metavar="YYYY-MM-DD", help=tr("the day they were told (default: today)"))
    p.add_argument("--how", metavar="TEXT", help=tr("how: a letter, a phone call, at a visit…"))
    p.add_argument(
        "--undo", action="store_true", help=tr("with --contact: mark them as not told after all")
    )


def _writes(args: argparse.Namespace) -> bool:
    return args.contact is not None


def cmd_told(args: argparse.Namespace, dossier: Dossier) -> int:
    if args.contact is None:
        if args.undo or args.on is not None or args.how is not None:
            raise UsageError(tr("--on, --how and --undo need --contact: whom they are about."))
        return _list(args, dossier)
    if args.undo and (args.on is not None or args.how is not None):
        raise UsageError(tr("--on and --how go with marking someone as told, not with --undo."))
    if args.undo:
        untell(dossier, args.case, args.contact)
    else:
        tell(dossier, args.case, args.contact, on=args.on, how=args.how)
    row = next(r for r in told_checklist(dossier, args.case) if r.contact_id == args.contact)
    if args.json:
        print_json(row.as_dict())
    elif row.told_on is not None:
        print(shown(tr("Marked as told: {line}", line=_line(row))))
    else:
        print(shown(tr("Marked as not told: {line}", line=_line(row))))
    return OK


def _list(args: argparse.Namespace, dossier: Dossier) -> int:
    rows = told_checklist(dossier, args.case)  # NotFoundError for a case not there
    case = records.get(dossier, "case", args.case)
    decided = is_decided(dossier, args.case)
    if args.json:
        print_json(
            {
                "case_id": args.case,
                "title": case["title"],
                "decided": decided,
                "checklist": [row.as_dict() for row in rows],
            }
        )
        return OK
    print(shown(tr("Who has been told about the decision on “{case}”:", case=case["title"])))
    if not rows:
        print(
            tr(
                "The case names no doctor or institution yet: add its treating doctor, or the "
                "doctor of an opinion."
            )
        )
    for row in rows:
        mark = "[x]" if row.told else "[ ]"
        print(shown(f"  {mark} {_line(row)}"))
    if not decided:
        print(tr("The case is not decided yet: tell them once it is."))
    elif all(row.told for row in rows):
        print(tr("Everyone has been told."))
    return OK


def _line(row: ToldRow) -> str:
    """ "3 Dr. A. Achterberg (General practice, Elm Street): told on 2026-05-01 (letter)"."""
    about = ", ".join(
        str(part) for part in (row.contact.get("specialty"), row.contact.get("institution")) if part
    )
    who = tr("{id} {name}", id=row.contact_id, name=row.name)
    if about:
        who = tr("{who} ({about})", who=who, about=about)
    if row.told_on is None:
        return tr("{who}: not yet", who=who)
    if row.how:
        return tr("{who}: told on {day} ({how})", who=who, day=row.told_on, how=row.how)
    return tr("{who}: told on {day}", who=who, day=row.told_on)


COMMANDS = Commands(add=add_commands, handlers={"told": cmd_told}, writes=_writes)
