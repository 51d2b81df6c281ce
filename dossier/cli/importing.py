"""``dossier import``: add files and folders to the dossier."""

from __future__ import annotations

import argparse
import json

from ..core.i18n import tr
from ..core.importer.result import ImportResult
from ..core.storage import Dossier
from .args import path_text, record_id
from .common import OK, REJECTED, AddCommand, Commands, shown
from .imaging import add_import_options, import_disc, is_disc


def add_commands(command: AddCommand) -> None:
    p = command(
        "import",
        tr("add files and folders (PDF, JPEG, PNG, TIFF, text) and imaging discs (DICOM)"),
    )
    p.add_argument("paths", nargs="+", metavar="FILE_OR_DIR", type=path_text)
    p.add_argument(
        "--case", type=record_id, metavar="ID", help=tr("link the documents to this case")
    )
    p.add_argument("--kind", help=tr("document kind, e.g. lab_result or letter"))
    p.add_argument(
        "--no-ocr",
        action="store_true",
        help=tr("do not wait for the text of scanned pages to be read (dossier ocr reads it)"),
    )
    add_import_options(p)


def cmd_import(args: argparse.Namespace, dossier: Dossier) -> int:
    from ..core.importer.pipeline import import_paths

    def report(done: int, total: int, result: ImportResult) -> None:
        if not args.json:
            print(shown(result_line(result)), flush=True)

    discs = [path for path in args.paths if is_disc(path)]
    files = [path for path in args.paths if path not in discs]
    disc_codes, disc_summaries = [], []
    for path in discs:
        code, summary = import_disc(args, dossier, path)
        disc_codes.append(code)
        disc_summaries.append(summary)
    if not files:
        if args.json:
            print(json.dumps(disc_summaries, ensure_ascii=False, indent=2))
        return REJECTED if any(disc_codes) else OK
    results = import_paths(dossier, files, case_id=args.case, kind=args.kind, progress=report)
    if args.json:
        found = [r.as_dict() for r in results] + disc_summaries
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        counts = {
            s: sum(r.status == s for r in results) for s in ("imported", "duplicate", "rejected")
        }
        # Translators: the counts of an import's files, each after its own label.
        print(
            tr("Imported: {imported}. Already there: {duplicate}. Refused: {rejected}.", **counts)
        )
    refused = any(r.status in ("rejected", "cancelled") for r in results) or any(disc_codes)
    if args.no_ocr:
        return REJECTED if refused else OK
    from .reading import recognise_and_report

    read = recognise_and_report(args, dossier)
    return REJECTED if refused or read != OK else OK


def result_line(result: ImportResult) -> str:
    """What became of one file, in a line: "imported (document 4): scan.pdf"."""
    values = {"id": result.document_id, "path": result.path, "reason": result.reason}
    if result.status == "imported":
        if result.document_id:
            return tr("imported (document {id}): {path}", **values)
        return tr("imported: {path}", **values)
    if result.status == "duplicate":
        if result.document_id and result.reason:
            # Translators: the file is already in the dossier, as that document; then why.
            return tr("duplicate (document {id}): {path}: {reason}", **values)
        if result.document_id:
            # Translators: the file is already in the dossier, as that document.
            return tr("duplicate (document {id}): {path}", **values)
        # Translators: the file is already in the dossier.
        return tr("duplicate: {path}", **values)
    if result.status == "cancelled":
        return tr("cancelled: {path}", **values)
    if result.reason:
        return tr("rejected: {path}: {reason}", **values)
    return tr("rejected: {path}", **values)


def _writes(args: argparse.Namespace) -> bool:
    return True


COMMANDS = Commands(add=add_commands, handlers={"import": cmd_import}, writes=_writes)
