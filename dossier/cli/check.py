"""``dossier check [--json] [--repair]``: the integrity check (issue 6).

It opens the dossier itself (a standalone command, see :class:`.common.Commands`): with
``--repair`` it also opens one whose journal was lost.

Exit status: 0 when all is well (after the repair, with ``--repair``), 1 when problems
remain. ``--repair`` takes the dossier's lock (it changes the dossier), so it is refused
while a window shows the dossier: use Check the dossier… in that window instead.
"""

from __future__ import annotations

import argparse
import json
import sys

from ..core.i18n import ntr, tr
from ..core.integrity.check import check_dossier
from ..core.integrity.findings import CheckReport
from ..core.integrity.repair import RepairResult, repair
from ..core.lock import acquire
from ..core.opening import set_aside_lost_journal
from ..core.storage import Dossier, DossierJournalLostError
from .common import OK, REJECTED, AddCommand, Commands, dossier_argument
from .passphrase import open_unlocked


def add_commands(command: AddCommand) -> None:
    p = command(
        "check",
        tr(
            "check the dossier: database, every file and its SHA-256, thumbnails, "
            "unused files, search index"
        ),
    )
    p.add_argument(
        "--repair",
        action="store_true",
        help=tr(
            "move unused and temporary files to quarantine/, make thumbnails and the "
            "search index again (never deletes a record or a file)"
        ),
    )


def cmd_check(args: argparse.Namespace, dossier: Dossier) -> int:
    swept = dossier.swept.moved if dossier.swept else []
    report = check_dossier(dossier)
    result: RepairResult | None = None
    if args.repair and report.repairable:
        with acquire(dossier.path, "command"):
            result = repair(dossier, report)
    final = result.after if result is not None else report
    if args.json:
        print(
            json.dumps(
                {
                    "ok": final.ok,
                    "swept_at_opening": [
                        {"from": str(m.source), "to": str(m.target), "reason": m.reason}
                        for m in swept
                    ],
                    "check": report.as_dict(),
                    "repair": result.as_dict() if result is not None else None,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        _print_text(swept_count=len(swept), report=report, result=result, repair=args.repair)
    return OK if final.ok else REJECTED


def _print_text(
    *, swept_count: int, report: CheckReport, result: RepairResult | None, repair: bool
) -> None:
    if swept_count:
        print(
            ntr(
                "When the dossier was opened, {n} file left by an interrupted import was "
                "moved to its quarantine folder.",
                "When the dossier was opened, {n} files left by an interrupted import were "
                "moved to its quarantine folder.",
                swept_count,
            )
        )
    print(
        ntr(
            "Checked {n} document and its file.",
            "Checked {n} documents and their files.",
            report.documents,
        )
    )
    _print_findings(report)
    if result is not None:
        print()
        print(tr("Repair:"))
        for line in result.summary():
            print(f"  - {line}")
        print()
        print(tr("After the repair:"))
        _print_findings(result.after)
    elif report.repairable and not repair:
        print()
        print(tr("Run dossier check --repair to repair what can be repaired."))


def _print_findings(report: CheckReport) -> None:
    if report.ok and not report.findings:
        print(tr("Everything is in order."))
        return
    for finding in report.findings:
        print(f"- {finding.message}")
        for item in finding.items:
            where = f" ({item.path})" if item.path and item.document_id is None else ""
            print(f"    {item.label}{where}")
        print("  " + tr("What to do: {advice}", advice=finding.advice))


def cmd_check_opening(args: argparse.Namespace) -> int:
    """``check`` opens the dossier itself: with ``--repair`` it also opens, as it is, a
    dossier whose journal was lost (after the person chose not to restore a backup)."""
    path = dossier_argument(args)
    try:
        dossier = open_unlocked(args, path)
    except DossierJournalLostError as exc:
        if not args.repair:
            print(
                tr(
                    "To restore the newest backup: dossier restore latest --dossier {path} --yes\n"
                    "To open it as it is: dossier check --repair --dossier {path}",
                    path=exc.path,
                ),
                file=sys.stderr,
            )
            raise
        moved = set_aside_lost_journal(exc.path)
        if moved is not None and not args.json:
            print(
                tr(
                    "Opened as it is: the changes in the missing journal are lost. The "
                    "journal's left-over index was moved to {path}.",
                    path=moved,
                )
            )
        dossier = open_unlocked(args, path)
    with dossier:
        return cmd_check(args, dossier)


COMMANDS = Commands(add=add_commands, standalone={"check": cmd_check_opening})
