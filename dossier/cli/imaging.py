"""Imaging discs on the command line: ``dossier import`` of a disc folder or its ``.zip``
(the options below), and ``dossier export-disc``. ``dossier list studies`` and ``dossier
show study ID`` are the records' own commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..core.errors import DossierError
from ..core.i18n import ntr, tr
from ..core.storage import Dossier
from .args import path_text, record_id
from .common import OK, REJECTED, AddCommand, Commands, fail, shown


def add_import_options(p: argparse.ArgumentParser) -> None:
    """The options of ``dossier import`` for imaging discs."""
    p.add_argument(
        "--catalogue-only",
        action="store_true",
        help=tr("for an imaging disc: list its studies without keeping a copy of its files"),
    )
    p.add_argument(
        "--disc-location",
        metavar="TEXT",
        help=tr("for an imaging disc: where the disc itself is kept"),
    )
    p.add_argument(
        "--other-patient",
        action="store_true",
        help=tr("add an imaging disc even though its files name another person"),
    )


def is_disc(path: str) -> bool:
    """Whether ``path`` is an imaging disc: a folder holding DICOM files, or a .zip."""
    from ..core.imaging.disc import holds_dicom
    from ..core.imaging.zipped import is_zip

    where = Path(path)
    if where.is_dir():
        return holds_dicom(where)
    return where.suffix.lower() == ".zip" and is_zip(where)


def import_disc(args: argparse.Namespace, dossier: Dossier, path: str) -> tuple[int, Any]:
    """Add the disc at ``path``; (exit status, its JSON summary)."""
    from ..core.imaging.adding import add_disc
    from ..core.imaging.scan import opened_disc, scan_disc

    try:
        with opened_disc(Path(path)) as folder:
            scan = scan_disc(dossier, folder, source=Path(path))
            summary: dict[str, Any] = {"path": path, "kind": "disc", "studies": []}
            for found in scan.studies:
                summary["studies"].append(
                    {
                        "study_uid": found.uid,
                        "description": found.description,
                        "date": found.date,
                        "series": len(found.series),
                        "images": found.image_count,
                        "patient_check": found.check.result,
                        "patient_message": found.check.message,
                    }
                )
            summary["refused"] = [{"path": p, "reason": r} for p, r in scan.refused]
            summary["ignored"] = scan.files.ignored
            mismatched = [s for s in scan.studies if s.check.mismatch]
            if not args.json:
                _describe(scan)
            if mismatched and not args.other_patient:
                message = (
                    mismatched[0].check.message
                    + " "
                    + tr("Nothing was added. Add it anyway with --other-patient.")
                )
                summary["status"] = "rejected"
                summary["reason"] = message
                if not args.json:
                    print(f"dossier: {shown(message)}")
                return REJECTED, summary
            added = add_disc(
                dossier,
                scan,
                keep=not args.catalogue_only,
                case_id=args.case,
                location=args.disc_location,
                other_patient=args.other_patient,
            )
    except DossierError as exc:
        if not args.json:
            print(f"dossier: {shown(path)}: {shown(exc.message)}")
        return REJECTED, {"path": path, "kind": "disc", "status": "rejected", "reason": exc.message}
    summary.update(
        status="imported",
        study_ids=added.study_ids,
        images_added=added.images_added,
        images_known=added.images_known,
        disc_item_id=added.disc_item_id,
    )
    if not args.json:
        studies = ", ".join(tr("study {id}", id=i) for i in added.study_ids)
        print(
            tr(
                "Imaging disc {path}: {studies} added; {new} new images, {known} already in "
                "the dossier.",
                path=shown(path),
                studies=studies,
                new=added.images_added,
                known=added.images_known,
            )
        )
    return (REJECTED if scan.refused else OK), summary


def _describe(scan: Any) -> None:
    for found in scan.studies:
        what = " · ".join(x for x in (found.description, found.date, found.modality) if x)
        print(
            shown(what or found.uid)
            + ": "
            + ntr("{n} series", "{n} series", len(found.series))
            + ", "
            + ntr("{n} image", "{n} images", found.image_count)
        )
        print("  " + shown(found.check.message))
    for path, reason in scan.refused:
        print(shown(tr("refused: {path}: {reason}", path=path, reason=reason)))


def add_commands(command: AddCommand) -> None:
    p = command(
        "export-disc",
        tr("copy an imaging study's files, with a DICOMDIR, for the next doctor"),
    )
    p.add_argument("--study", type=record_id, metavar="ID", action="append", required=True)
    p.add_argument("--out", type=path_text, metavar="FOLDER", required=True)
    p.add_argument(
        "--sent-to",
        type=record_id,
        metavar="CONTACT",
        help=tr("the contact the copy is for (recorded with the copy)"),
    )


def cmd_export_disc(args: argparse.Namespace, dossier: Dossier) -> int:
    from ..core.imaging.export import export_disc

    try:
        done = export_disc(dossier, args.study, Path(args.out), sent_to_id=args.sent_to)
    except DossierError as exc:
        return fail(args, exc.message, REJECTED)
    if args.json:
        print(
            json.dumps(
                {"folder": str(done.folder), "images": done.images, "item_id": done.item_id},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(
            tr(
                "Copied {n} images with a DICOMDIR to {folder} (recorded as physical item {item}).",
                n=done.images,
                folder=shown(str(done.folder)),
                item=done.item_id,
            )
        )
    return OK


def _writes(args: argparse.Namespace) -> bool:
    return True


COMMANDS = Commands(add=add_commands, handlers={"export-disc": cmd_export_disc}, writes=_writes)
