"""``dossier``'s archive commands (issue 6).

``dossier export ARCHIVE`` only reads the dossier, so it takes no lock and runs beside a
window showing it. ``dossier import-archive ARCHIVE NEW_DOSSIER_PATH`` makes a new dossier.
Both exit 1, with the reason, when the archive cannot be written or used.

When document files cannot be read, ``export`` exits 1 naming them and suggesting
``--skip-unreadable``; with it, the archive is saved without them and the command exits
0, naming what was left out: the person asked for exactly that, and a script that wants
to know finds them in ``--json``'s ``left_out``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.archive import ArchiveError, UnreadableFiles, export_archive, import_archive
from ..core.archive.sealed import ArchivePassphraseNeeded
from ..core.i18n import ntr, tr
from ..core.sizes import human_size
from ..core.storage import Dossier
from .args import output_file, path_text
from .common import OK, AddCommand, Commands, UsageError, clean_up_interrupted, print_json
from .passphrase import given_passphrase

ARCHIVE_ENV = "DOSSIER_ARCHIVE_PASSPHRASE"


def add_commands(command: AddCommand) -> None:
    p = command(
        "export",
        tr("save the whole dossier (every record and document) to one archive file (.zip)"),
    )
    p.add_argument(
        "archive",
        metavar="ARCHIVE",
        type=path_text,
        help=tr("the archive file to write, e.g. anna.zip"),
    )
    p.add_argument(
        "--overwrite", action="store_true", help=tr("replace ARCHIVE if there is one already")
    )
    p.add_argument(
        "--skip-unreadable",
        action="store_true",
        help=tr(
            "save the archive without the document files that cannot be read (missing or "
            "damaged), naming them in it"
        ),
    )
    p.add_argument(
        "--protect",
        action="store_true",
        help=tr(
            "protect the archive with a passphrase of its own (from --archive-passphrase-file, "
            "{env}, or asked twice)",
            env=ARCHIVE_ENV,
        ),
    )
    p.add_argument(
        "--unprotected",
        action="store_true",
        help=tr("save the archive of a protected dossier readable by anyone who gets the file"),
    )
    _archive_passphrase_option(p)
    p = command("import-archive", tr("make a new dossier from an archive file"))
    _archive_passphrase_option(p)
    p.add_argument(
        "archive", metavar="ARCHIVE", type=path_text, help=tr("an archive made by dossier export")
    )
    p.add_argument(
        "target",
        metavar="NEW_DOSSIER_PATH",
        type=path_text,
        help=tr("a new (or empty) folder for the dossier"),
    )


def _archive_passphrase_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--archive-passphrase-file",
        metavar="FILE",
        type=path_text,
        help=tr(
            "read the archive's own passphrase from the first line of FILE (else from {env}, "
            "else it is asked)",
            env=ARCHIVE_ENV,
        ),
    )


def _archive_passphrase(args: argparse.Namespace, *, new: bool) -> str:
    return given_passphrase(args, new=new, option="archive_passphrase_file", env=ARCHIVE_ENV)


def cmd_export(args: argparse.Namespace, dossier: Dossier) -> int:
    clean_up_interrupted("export")
    if args.protect and args.unprotected:
        raise UsageError(tr("Choose --protect or --unprotected, not both."))
    if dossier.key is not None and not (args.protect or args.unprotected):
        raise UsageError(
            tr(
                "This dossier is protected with a passphrase, but an archive of it would be "
                "readable by anyone who gets the file. Add --protect to give the archive a "
                "passphrase of its own, or --unprotected to save it readable by anyone."
            )
        )
    target = output_file(args.archive, dossier=dossier.path)
    if target.is_file() and not args.overwrite:
        raise ArchiveError(
            tr(
                "There is already a file at {path}. Choose another name, or add --overwrite "
                "to replace it.",
                path=target,
            )
        )
    try:
        result = export_archive(
            dossier,
            target,
            overwrite=args.overwrite,
            skip_unreadable=args.skip_unreadable,
            passphrase=_archive_passphrase(args, new=True) if args.protect else None,
        )
    except UnreadableFiles as exc:  # in one line, as every refusal of a command
        raise ArchiveError(
            tr(
                "The archive was not saved, because the files of these documents cannot be "
                "read: {files}. Your dossier was not changed. To save the archive without "
                "them, add --skip-unreadable.",
                files="; ".join(file.named() for file in exc.files),
            )
        ) from None
    if args.json:
        print_json(result.as_dict())
        return OK
    if not result.left_out:
        print(
            tr(
                "Saved the whole dossier to {path}: {records} records and {files} files, {size}.",
                path=result.path,
                records=result.records,
                files=result.files,
                size=human_size(result.size),
            )
        )
        return OK
    print(
        tr(
            "Saved the dossier to {path}: {records} records and {files} files, {size}. "
            "Left out, because they could not be read, the files of these documents:",
            path=result.path,
            records=result.records,
            files=result.files,
            size=human_size(result.size),
        )
    )
    for file in result.left_out:
        print(f"- {file.named()}")
    print(tr("The archive's README.txt names them too."))
    return OK


def cmd_import_archive(args: argparse.Namespace) -> int:
    clean_up_interrupted("import-archive")
    archive = Path(args.archive)
    try:
        result = import_archive(archive, Path(args.target))
    except ArchivePassphraseNeeded:
        given = _archive_passphrase(args, new=False)
        result = import_archive(archive, Path(args.target), passphrase=given)
    if args.json:
        print_json(result.as_dict())
        return OK
    print(
        tr(
            "Made the dossier of {person} in {path}: {records} records and {documents} documents.",
            person=result.person,
            path=result.path,
            records=result.records,
            documents=result.documents,
        )
    )
    for document_id, title in result.missing:
        print(
            tr(
                "Document {id} \u201c{title}\u201d came without its file (it could not be read "
                "when the archive was made); dossier check lists it. If you still have the "
                "original file, add it again: the dossier puts it back in its place.",
                id=document_id,
                title=title,
            )
        )
    for study_id, title, images in result.missing_images:
        print(
            ntr(
                "Imaging study {id} \u201c{title}\u201d came without the file of {n} image "
                "(it could not be read when the archive was made, or the archive is from an "
                "older version): that image is marked as not kept; the disc itself still holds it.",
                "Imaging study {id} \u201c{title}\u201d came without the files of {n} images "
                "(they could not be read when the archive was made, or the archive is from an "
                "older version): those images are marked as not kept; the disc itself still "
                "holds them.",
                images,
                id=study_id,
                title=title,
            )
        )
    for document_id, reason in result.unreadable:
        print(
            tr(
                "The text of document {id} could not be read again, so search will not "
                "find words inside it ({reason}). The file itself is kept.",
                id=document_id,
                reason=reason,
            )
        )
    return OK


COMMANDS = Commands(
    add=add_commands,
    handlers={"export": cmd_export},
    standalone={"import-archive": cmd_import_archive},
)
