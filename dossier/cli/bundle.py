"""``dossier bundle``: everything for the second doctor in one folder or zip file.

``dossier bundle --case ID --out PATH [--language CODE] [--to CONTACT_ID] [--zip]`` writes
the case's bundle (:mod:`dossier.core.handover.bundle`) to PATH, a new folder, or a new zip
file when PATH ends in .zip or --zip is given; PATH must not exist yet (nothing is ever
overwritten) and must be outside the dossier's folder. It prints what was written, what
was left out and why, and what is not yet translated; exit 1, with the reason, when no
bundle was made (and then nothing was left at PATH). With --to, the hand-over to that
doctor is recorded, so the command then changes the dossier and takes its lock.
Qt (through :mod:`dossier.reports`) is imported only when the papers are printed.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..core import records
from ..core.bidi import without_isolates
from ..core.document_language import language_name
from ..core.i18n import current_language, ntr, tr
from ..core.language_guess import DOCUMENT_LANGUAGES
from ..core.sizes import human_size
from ..core.storage import Dossier
from .args import path_text, record_id
from .common import OK, AddCommand, Commands, clean_up_interrupted, print_json, shorten, shown


def document_language(text: str) -> str:
    """argparse type of ``--language``: a language a document can be written in."""
    code = text.strip().lower()
    if code not in DOCUMENT_LANGUAGES:
        raise argparse.ArgumentTypeError(
            tr(
                "'{code}' is not a language a document can be written in. Give one of: {codes}.",
                code=shorten(text),
                codes=", ".join(DOCUMENT_LANGUAGES),
            )
        )
    return code


def add_commands(command: AddCommand) -> None:
    p = command(
        "bundle",
        tr(
            "write everything for the second doctor (letters, documents, translations, "
            "imaging discs, a list of contents) to a new folder or zip file"
        ),
    )
    p.add_argument("--case", type=record_id, required=True, metavar="ID", help=tr("the case"))
    p.add_argument(
        "--out",
        type=path_text,
        required=True,
        metavar="PATH",
        help=tr("the new folder, or zip file (.zip), to write; it must not exist yet"),
    )
    p.add_argument(
        "--language",
        # its own name: a --language before the command is the command line's language
        dest="doctor_language",
        type=document_language,
        metavar="CODE",
        help=tr(
            "the doctor's language: the letters are printed in it when the program speaks "
            "it (else in English) and the translations into it are included: {codes} "
            "(default: the command line's language)",
            codes=", ".join(DOCUMENT_LANGUAGES),
        ),
    )
    p.add_argument(
        "--to",
        type=record_id,
        metavar="CONTACT_ID",
        help=tr("the doctor the bundle is for (a contact); the hand-over is recorded"),
    )
    p.add_argument("--zip", action="store_true", help=tr("write one zip file instead of a folder"))


def cmd_bundle(args: argparse.Namespace, dossier: Dossier) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window is ever shown
    from ..core.handover.bundle import make_bundle
    from ..reports.bundle_render import pdf_renderer

    clean_up_interrupted("bundle")
    records.get(dossier, "case", args.case)  # a plain message for an unknown case
    if args.to is not None:
        records.get(dossier, "contact", args.to)
    out = Path(args.out)
    as_zip = bool(args.zip) or out.suffix.lower() == ".zip"
    if as_zip and out.suffix.lower() != ".zip":
        out = out.with_name(out.name + ".zip")
    language = args.doctor_language or current_language()
    result = make_bundle(
        dossier,
        args.case,
        out,
        language=language,
        render=pdf_renderer(),
        to_id=args.to,
        as_zip=as_zip,
    )
    if args.json:
        print_json(result.as_dict())
        return OK
    plan, done = result.plan, result.outcome
    where = tr("zip file") if result.as_zip else tr("folder")
    print(
        shown(
            tr(
                "Wrote the bundle to the {kind} {path}: {what} ({size}).",
                kind=where,
                path=result.path,
                what=result.summary(),
                size=human_size(result.size),
            )
        )
    )
    if plan.in_english_instead:
        print(
            tr(
                "The letters and the list of contents are in English: the program does not "
                "write {language}.",
                language=language_name(plan.language),
            )
        )
    for item in done.left_out:
        print(shown(tr("Left out: {title}: {reason}", title=item.title, reason=item.reason)))
    for study in plan.contents.not_kept:
        print(
            shown(
                tr(
                    "Not in it: the imaging study {title}: only listed in the dossier; send "
                    "its disc itself.",
                    title=str(study.get("description") or study["id"]),
                )
            )
        )
    for line in plan.contents.separately:
        print(shown(tr("Sent separately: {item}", item=without_isolates(line))))
    for untranslated in plan.contents.untranslated:
        print(
            shown(
                tr(
                    "Not yet translated into {into}: {title} ({language})",
                    into=language_name(plan.language),
                    title=untranslated.title,
                    language=untranslated.language,
                )
            )
        )
    if result.hand_over_id is not None:
        print(
            shown(
                tr(
                    "Recorded as sent to {doctor} (hand-over {id}).",
                    doctor=plan.doctor,
                    id=result.hand_over_id,
                )
            )
        )
    elif result.hand_over_problem:
        print(shown(tr("Not recorded as sent: {reason}", reason=result.hand_over_problem)))
    print(ntr("CONTENTS.txt lists {n} file.", "CONTENTS.txt lists {n} files.", result.files))
    return OK


def _writes(args: argparse.Namespace) -> bool:
    return getattr(args, "to", None) is not None


COMMANDS = Commands(add=add_commands, handlers={"bundle": cmd_bundle}, writes=_writes)
