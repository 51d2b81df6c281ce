"""``dossier ocr``: read the text of scanned pages and photos (and ``import``'s wait for it)."""

from __future__ import annotations

import argparse
import sys

from ..core.i18n import ntr, tr
from ..core.ocr.languages import OCR_LANGUAGES, parse_languages
from ..core.storage import Dossier
from .args import record_id
from .common import OK, REJECTED, AddCommand, Commands, fail, print_json, shown


def add_commands(command: AddCommand) -> None:
    p = command("ocr", tr("read the text of scanned pages and photos"))
    p.add_argument(
        "--document", type=record_id, metavar="ID", help=tr("only this document's pages")
    )
    p.add_argument(
        "--language",
        dest="ocr_languages",  # its own: a --language before the command is the messages'
        type=ocr_languages,
        metavar="CODES",
        help=tr(
            "read in these languages, e.g. nl,en (one or more of: {codes}; default: the document's "
            "language, else the dossier's choice)",
            codes=", ".join(OCR_LANGUAGES),
        ),
    )
    p.add_argument(
        "--redo",
        action="store_true",
        help=tr("read again pages already read (never text corrected by hand)"),
    )


def ocr_languages(text: str) -> tuple[str, ...]:
    """argparse type of ``ocr --language``: codes of the five languages scans are read in."""
    try:
        return parse_languages(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr(
                "'{code}' is not a language scans can be read in; choose one or more of: {codes}.",
                code=text,
                codes=", ".join(OCR_LANGUAGES),
            )
        ) from None


def cmd_ocr(args: argparse.Namespace, dossier: Dossier) -> int:
    from ..core.ocr.queue import queue_again

    queue_again(dossier, document_id=args.document, languages=args.ocr_languages, redo=args.redo)
    return recognise_and_report(args, dossier, document_id=args.document)


def recognise_and_report(
    args: argparse.Namespace, dossier: Dossier, *, document_id: int | None = None
) -> int:
    """Read every waiting page (of one document), saying what became of them."""
    from ..core.ocr.run import recognise_pending

    on_terminal = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int, _document: int | None) -> None:
        if on_terminal:
            line = tr(
                "Reading the text of scanned pages: {done} of {total}", done=done, total=total
            )
            print("\r" + line, end="", file=sys.stderr, flush=True)

    summary = recognise_pending(dossier, document_id=document_id, progress=progress)
    if on_terminal and summary.total:
        print(file=sys.stderr)
    if summary.unavailable:
        return fail(args, summary.unavailable, REJECTED, waiting=summary.waiting)
    if args.json and args.command == "ocr":
        print_json(
            {
                "read": summary.read,
                "poor": summary.poor,
                "refused": [
                    {"document": d, "page": p, "reason": why} for d, p, why in summary.reasons
                ],
                "waiting": summary.waiting,
            }
        )
    elif not args.json:
        for line in summary_lines(summary.read, summary.poor, summary.reasons):
            print(shown(line))
    return REJECTED if summary.refused else OK


def summary_lines(read: int, poor: int, reasons: list[tuple[int, int, str]]) -> list[str]:
    """What a reading did, in plain lines (nothing when there was nothing to read)."""
    lines: list[str] = []
    if read:
        lines.append(ntr("Text read on {n} page.", "Text read on {n} pages.", read))
    if poor:
        lines.append(
            ntr(
                "{n} page was hard to read: its text may hold mistakes.",
                "{n} pages were hard to read: their text may hold mistakes.",
                poor,
            )
        )
    for document, page, why in reasons:
        # Translators: a page whose text could not be read, and why.
        lines.append(
            tr("Not read: document {id}, page {page}: {reason}", id=document, page=page, reason=why)
        )
    return lines


def _writes(args: argparse.Namespace) -> bool:
    return True


COMMANDS = Commands(add=add_commands, handlers={"ocr": cmd_ocr}, writes=_writes)
