"""``dossier invitation FILE.ics``: the appointment a calendar invitation proposes.

Without ``--yes`` it shows what it would add (when, where, what for, from whom, what was
left out and why) and adds nothing; with ``--yes`` it adds it, in one step, and says the
new appointments' numbers. A cancellation is said as one and adds nothing.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..core import records
from ..core.history import ChangeGroup
from ..core.i18n import ntr, tr
from ..core.ical.invitation import (
    Invitation,
    Proposal,
    add_invitation,
    already_there,
    cancellation_text,
    read_invitation,
    when,
)
from ..core.storage import Dossier
from .args import path_text, record_id
from .common import OK, AddCommand, Commands, print_json, shown


def add_commands(command: AddCommand) -> None:
    p = command(
        "invitation",
        tr("add the appointment of a calendar invitation (.ics), after showing what it adds"),
    )
    p.add_argument("file", metavar="FILE.ics", type=path_text)
    p.add_argument(
        "--case", type=record_id, metavar="ID", help=tr("the case the appointment is for")
    )
    p.add_argument(
        "--contact", type=record_id, metavar="ID", help=tr("the doctor (a contact) it is with")
    )
    p.add_argument(
        "--yes",
        action="store_true",
        help=tr("add it (without --yes, only show what would be added)"),
    )


def cmd_invitation(args: argparse.Namespace, dossier: Dossier) -> int:
    invitation = read_invitation(args.file)
    for name, number in (("case", args.case), ("contact", args.contact)):
        if number is not None:
            records.get(dossier, name, number)  # NotFoundError in plain words
    there = already_there(dossier, invitation)
    added: list[int] = []
    if args.yes:
        change = add_invitation(dossier, invitation, args.case, args.contact)
        parts = change.parts if isinstance(change, ChangeGroup) else [change]
        added = [part.id for part in parts]
    if args.json:
        print_json(_as_dict(args, dossier, invitation, there, added))
        return OK
    for line in _preview(dossier, invitation, there):
        print(shown(line) if line else "")
    if added:
        print(
            ntr(
                "Added appointment {numbers}.",
                "Added appointments {numbers}.",
                len(added),
                numbers=", ".join(str(n) for n in added),
            )
        )
    elif not invitation.cancellation:
        if len(there) == len(invitation.proposals):
            print(tr("Nothing to add: the dossier holds this already."))
        else:
            print(tr("Nothing was added yet. To add it, give the same command with --yes."))
    return OK


def _preview(dossier: Dossier, invitation: Invitation, there: dict[int, int]) -> list[str]:
    if invitation.cancellation:
        return [cancellation_text(dossier, invitation), *_left_out(invitation)]
    lines: list[str] = []
    for index, proposal in enumerate(invitation.proposals):
        lines += _proposal_lines(proposal, there.get(index))
        lines.append("")
    return lines + _left_out(invitation)


def _proposal_lines(proposal: Proposal, existing: int | None) -> list[str]:
    moment = when(proposal)
    if proposal.written_as:
        # Translators: the time here, then the time as the invitation wrote it in its zone.
        moment = tr(
            "{when} (in the invitation: {written})", when=moment, written=proposal.written_as
        )
    lines = [tr("Appointment: {when}", when=moment)]
    facts = ((tr("Where"), proposal.location), (tr("Purpose"), proposal.purpose()))
    lines += [f"  {label}: {value}" for label, value in facts if value]
    details = proposal.details()  # with the sender, the end and the invitation's own text
    if details:
        heading = tr("Preparation:")
        lines.append(f"  {heading}")
        lines += [f"    {line}" if line else "" for line in details.splitlines()]
    if existing is not None:
        lines.append(
            "  "
            + tr(
                "Already in the dossier as appointment {id}: it is not added again.",
                id=existing,
            )
        )
    return lines


def _left_out(invitation: Invitation) -> list[str]:
    notes = invitation.notes()
    if not notes:
        return []
    return [tr("Left out:"), *[f"  - {note}" for note in notes]]


def _as_dict(
    args: argparse.Namespace,
    dossier: Dossier,
    invitation: Invitation,
    there: dict[int, int],
    added: list[int],
) -> dict[str, Any]:
    return {
        "file": args.file,
        "cancellation": invitation.cancellation,
        "message": cancellation_text(dossier, invitation) if invitation.cancellation else None,
        "appointments": [
            {
                "starts_at": p.starts_at,
                "whole_day": p.whole_day,
                "ends_at": p.ends_at,
                "written_as": p.written_as,
                "location": p.location,
                "purpose": p.purpose(),
                "preparation": p.details(),
                "organiser": p.organiser,
                "already_there": there.get(index),
            }
            for index, p in enumerate(invitation.proposals)
        ],
        "left_out": invitation.notes(),
        "added": added,
    }


def _writes(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "yes", False))


COMMANDS = Commands(add=add_commands, handlers={"invitation": cmd_invitation}, writes=_writes)
