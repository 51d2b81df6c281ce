"""The records of a dossier from the command line: ``list``, ``show``, ``add``, ``edit``,
``delete``, ``restore`` (from the trash) and ``trash``.

``dossier restore BACKUP`` shares its name with ``restore ENTITY ID``: without a record
number, :mod:`.run` hands it to :mod:`.backup`.
"""

from __future__ import annotations

import argparse

from ..core import records
from ..core.entities import Entity, entity
from ..core.errors import DossierError
from ..core.i18n import ntr, tr
from ..core.storage import Dossier
from .args import json_object, record_id
from .common import OK, AddCommand, Commands, UsageError, print_value


def add_commands(command: AddCommand) -> None:
    p = command("list", tr("list the records of one kind"))
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("--case", type=record_id, metavar="ID", help=tr("only those of this case"))
    p = command("show", tr("show one record (or: show person)"))
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("id", type=record_id, nargs="?")
    p = command("add", tr("add a record from JSON"))
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("--data", required=True, metavar="JSON", type=json_object)
    p = command("edit", tr("change fields of a record from JSON"))
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("id", type=record_id, nargs="?")
    p.add_argument("--data", required=True, metavar="JSON", type=json_object)
    p = command("delete", tr("move a record to the trash"))
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("id", type=record_id)
    p = command("restore", tr("bring a record back from the trash, or the dossier from a backup"))
    p.add_argument("entity", metavar="ENTITY|BACKUP", help=tr("a kind of record, or a backup"))
    p.add_argument(
        "id", type=record_id, nargs="?", help=tr("the record's number (not with a backup)")
    )
    p.add_argument(
        "--yes", action="store_true", help=tr("restore the backup (without: describe it)")
    )
    p = command("trash", tr("list the trash, or empty it for good"))
    p.add_argument("action", nargs="?", choices=("list", "empty"), default="list")


def _entity(args: argparse.Namespace) -> Entity:
    try:
        return entity(args.entity)
    except DossierError as exc:
        raise UsageError(exc.message) from None


def _record_id(args: argparse.Namespace, spec: Entity) -> int:
    if spec.name == "person":
        return 1
    if args.id is None:
        raise UsageError(tr("Say which {entity}: give its number.", entity=tr(spec.label)))
    return int(args.id)


def cmd_list(args: argparse.Namespace, dossier: Dossier) -> int:
    spec = _entity(args)
    rows = records.list_records(dossier, spec.name, case_id=args.case)
    if args.json:
        print_value(args, rows)
    else:
        for row in rows:
            print(f"{row['id']:>5}  {records.label_of(spec, row)}")
    return OK


def cmd_show(args: argparse.Namespace, dossier: Dossier) -> int:
    spec = _entity(args)
    record = records.get(dossier, spec.name, _record_id(args, spec))
    if spec.name == "cost":
        from ..core.reimbursement import expected_for

        record["expected_reimbursement"] = expected_for(dossier, record["id"]).as_dict()
    print_value(args, record)
    return OK


def cmd_add(args: argparse.Namespace, dossier: Dossier) -> int:
    spec = _entity(args)
    change = records.create(dossier, spec.name, args.data)
    print_value(args, change.after)
    return OK


def cmd_edit(args: argparse.Namespace, dossier: Dossier) -> int:
    spec = _entity(args)
    change = records.update(dossier, spec.name, _record_id(args, spec), args.data)
    print_value(args, change.after)
    return OK


def cmd_delete(args: argparse.Namespace, dossier: Dossier) -> int:
    spec = _entity(args)
    change = records.delete(dossier, spec.name, args.id)
    also = [{"entity": e, "id": i} for e, i in change.also]
    if args.json:
        print_value(
            args, {"entity": spec.name, "id": args.id, "status": "in_trash", "with_it": also}
        )
    else:
        values = {"entity": tr(spec.label), "id": args.id}
        print(
            ntr(
                "Moved {entity} {id} with {n} of its records to the trash.",
                "Moved {entity} {id} with {n} of its records to the trash.",
                len(also),
                **values,
            )
            if also
            else tr("Moved {entity} {id} to the trash.", **values)
        )
    return OK


def cmd_restore(args: argparse.Namespace, dossier: Dossier) -> int:
    spec = _entity(args)
    change = records.restore(dossier, spec.name, args.id)
    print_value(args, change.after)
    return OK


def cmd_trash(args: argparse.Namespace, dossier: Dossier) -> int:
    from ..core.trash import empty_trash, list_trash

    if args.action == "empty":
        count = empty_trash(dossier)
        print_value(args, {"deleted_for_good": count})
        return OK
    entries = list_trash(dossier)
    if args.json:
        print_value(args, [e.as_dict() for e in entries])
    else:
        for e in entries:
            extra = f" (+{e.with_it})" if e.with_it else ""
            print(f"{e.deleted_at}  {e.entity} {e.record_id}: {e.label}{extra}")
        if not entries:
            print(tr("The trash is empty."))
    return OK


def _writes(args: argparse.Namespace) -> bool:
    """Adding, editing, deleting, restoring and emptying the trash change the dossier."""
    command = args.command
    return command in ("add", "edit", "delete", "restore") or (
        command == "trash" and args.action == "empty"
    )


COMMANDS = Commands(
    add=add_commands,
    handlers={
        "list": cmd_list,
        "show": cmd_show,
        "add": cmd_add,
        "edit": cmd_edit,
        "delete": cmd_delete,
        "restore": cmd_restore,
        "trash": cmd_trash,
    },
    writes=_writes,
)
