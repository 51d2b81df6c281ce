"""``dossier import``: add files and folders to the dossier."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..core.i18n import tr
from ..core.storage import Dossier
from .args import path_text, record_id
from .common import OK, REJECTED, AddCommand, Commands, shown


def add_commands(command: AddCommand) -> None:
    p = command("import", tr("add files and folders (PDF, JPEG, PNG, TIFF, text)"))
    p.add_argument("paths", nargs="+", metavar="FILE_OR_DIR", type=path_text)
    p.add_argument(
        "--case", type=record_id, metavar="ID", help=tr("link the documents to this case")
    )
    p.add_argument("--kind", help=tr("document kind, e.g. lab_result or letter"))


def cmd_import(args: argparse.Namespace, dossier: Dossier) -> int:
    from ..core.importer.pipeline import import_paths

    def report(done: int, total: int, result: Any) -> None:
        if not args.json:
            where = f" (document {result.document_id})" if result.document_id else ""
            reason = f": {result.reason}" if result.reason else ""
            print(shown(f"{result.status}{where}: {result.path}{reason}"), flush=True)

    results = import_paths(dossier, args.paths, case_id=args.case, kind=args.kind, progress=report)
    if args.json:
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        counts = {
            s: sum(r.status == s for r in results) for s in ("imported", "duplicate", "rejected")
        }
        print(tr("{imported} imported, {duplicate} duplicates, {rejected} rejected.", **counts))
    return REJECTED if any(r.status in ("rejected", "cancelled") for r in results) else OK


def _writes(args: argparse.Namespace) -> bool:
    return True


COMMANDS = Commands(add=add_commands, handlers={"import": cmd_import}, writes=_writes)
