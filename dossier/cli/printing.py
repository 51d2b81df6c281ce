"""``dossier print``: the printed reports as PDF files, from the command line.

Qt (through :mod:`dossier.reports`) is imported only when something is printed.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Any

from ..core import records
from ..core.i18n import LANGUAGE_NAMES, LANGUAGES, current_language, normal_language, ntr, tr
from ..core.language_guess import DOCUMENT_LANGUAGES
from ..core.storage import Dossier
from .args import id_list, output_file, path_text, record_id, written_whole
from .common import OK, AddCommand, Commands, UsageError, shorten

REPORTS = (
    "brief",
    "questions",
    "comparison",
    "request-letter",
    "index",
    "packet",
    "plan",
    "cover-letter",
    "tell-first-doctor",
    "handover",
)
TO_LETTERS = ("cover-letter", "tell-first-doctor", "handover")  # the letters --to is for


def language_code(text: str) -> str:
    """A language to print in: one of the codes the program speaks ("nl", "he"…; a region
    such as "nl_BE" is taken as its language); anything else is refused with the list."""
    code = normal_language(text)
    if code is None:
        codes = ", ".join(f"{c} ({LANGUAGE_NAMES[c]})" for c in LANGUAGES)
        raise argparse.ArgumentTypeError(
            tr(
                "'{code}' is not a language reports can be printed in. Give one of: {codes}.",
                code=shorten(text),
                codes=codes,
            )
        )
    return code


def translation_language(text: str) -> str:
    """A language whose translations a packet takes: a code a document's language can be
    ("nl", "de"…); "" for the packet's own language."""
    code = text.strip().lower()
    if code and code not in DOCUMENT_LANGUAGES:
        raise argparse.ArgumentTypeError(
            tr(
                "'{code}' is not a language a document can be marked as written in. "
                "Give one of: {codes}.",
                code=shorten(text),
                codes=", ".join(DOCUMENT_LANGUAGES),
            )
        )
    return code


def add_commands(command: AddCommand) -> None:
    p = command("print", "write a printed report of a case to a PDF file")
    p.add_argument("report", choices=REPORTS, metavar="REPORT", help=" | ".join(REPORTS))
    p.add_argument("--case", type=record_id, required=True, metavar="ID", help=tr("the case"))
    p.add_argument(
        "--out", type=path_text, required=True, metavar="FILE.pdf", help=tr("the PDF file to write")
    )
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help=tr("paper size"))
    p.add_argument(
        "--large-print",
        action="store_true",
        help=tr("larger type for everything printed, footer included (any report)"),
    )
    p.add_argument(
        "--appointment",
        type=record_id,
        metavar="ID",
        help=tr("the appointment whose questions to print"),
    )
    p.add_argument(
        "--opinions",
        type=id_list,
        metavar="A,B",
        help=tr("the opinions to compare (comparison; default: the case's latest comparison)"),
    )
    p.add_argument(
        "--language",
        # its own name: a --language before the command (the command line's language)
        # is not overwritten by this one's default
        dest="print_language",
        type=language_code,
        metavar="CODE",
        help=tr(
            "the language of the report: {codes} (default: the command line's language)",
            codes=", ".join(LANGUAGES),
        ),
    )
    p.add_argument(
        "--to",
        type=record_id,
        metavar="CONTACT_ID",
        help=tr(
            "the contact a letter goes to: cover-letter, tell-first-doctor, handover "
            "(default: the doctor each letter suggests)"
        ),
    )
    p.add_argument(
        "--translations",
        nargs="?",
        const="",
        type=translation_language,
        metavar="CODE",
        help=tr(
            "packet: print the translated copy of a document in place of its original "
            "where there is one in this language (default: the packet's language), and "
            "list the documents still to be translated"
        ),
    )


def cmd_print(args: argparse.Namespace, dossier: Dossier) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window is ever shown
    from ..core.reports.packet_plan import PacketPlan
    from ..core.reports.print_kinds import PrintChoices, print_content
    from ..reports.layout import write_report
    from ..reports.packet_pdf import render_packet

    records.get(dossier, "case", args.case)  # a plain message for an unknown case
    if args.to is not None:
        if args.report not in TO_LETTERS:
            raise UsageError(
                tr(
                    "--to is for the letters {letters}, not for {report}.",
                    letters=", ".join(TO_LETTERS),
                    report=args.report,
                )
            )
        records.get(dossier, "contact", args.to)  # a plain message for an unknown contact
    out = output_file(args.out, dossier=dossier.path)
    language = args.print_language or current_language()
    result: dict[str, Any] = {
        "report": args.report,
        "out": str(out),
        "paper": args.paper,
        "language": language,
    }
    choices = PrintChoices(
        args.case,
        appointment_id=args.appointment,
        opinion_ids=args.opinions,
        large_print=args.large_print,
        translations=((args.translations or language) if args.translations is not None else None),
        to_id=args.to,
    )
    content = print_content(dossier, args.report, choices, language=language)
    if isinstance(content, PacketPlan):
        with written_whole(out) as temp:
            done = render_packet(content, temp, args.paper, language=language)
        result |= {
            "pages": done.pages,
            "parts": [{"title": t, "first_page": p + 1} for t, p in done.bookmarks],
            "not_included": [{"title": t, "reason": r} for t, r in done.not_included],
        }
        if content.translations is not None:
            result["translations"] = content.translations
            result["to_translate"] = [
                {"title": u.title, "language": u.language} for u in content.untranslated
            ]
    else:
        with written_whole(out) as temp:
            result["pages"] = write_report(
                content, temp, args.paper, large_print=args.large_print, language=language
            )
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(ntr("Wrote {out} ({n} page).", "Wrote {out} ({n} pages).", result["pages"], out=out))
        for item in result.get("not_included", []):
            print(tr("Not included: {title}: {reason}", **item))
        for item in result.get("to_translate", []):
            print(tr("Still to be translated: {title} ({language})", **item))
    return OK


COMMANDS = Commands(add=add_commands, handlers={"print": cmd_print})
