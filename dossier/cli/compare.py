"""The comparison subcommands of the command line (issue 4).

``compare`` shows a case's comparison (writing nothing unless ``--start``);
``verdict``, ``ask``, ``next-step``, ``cite`` and ``decide`` are the comparison's
operations. Errors are raised as core errors; :mod:`.run` turns them into exit codes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import textwrap
from typing import Any

from ..core import comparison as cmp
from ..core.entities import ASPECTS, ENTITIES, VERDICTS
from ..core.errors import DossierError
from ..core.i18n import ntr, tr
from ..core.storage import Dossier
from .args import count, id_list, record_id
from .args import width as text_width
from .common import OK, AddCommand, Commands


def add_commands(command: AddCommand) -> None:
    p = command("compare", tr("lay a case's opinions side by side, aspect by aspect"))
    p.add_argument("case", type=record_id, metavar="CASE_ID")
    p.add_argument(
        "--opinions",
        type=id_list,
        metavar="A,B",
        help=tr("two to four opinion numbers, in the order to show them"),
    )
    p.add_argument(
        "--start", action="store_true", help=tr("store the comparison (if not stored yet)")
    )
    p.add_argument("--width", type=text_width, default=0, help=tr("wrap text at this width"))
    p = command("verdict", tr("set your verdict (and note) on one aspect of a comparison"))
    p.add_argument("comparison", type=record_id, metavar="COMPARISON_ID")
    p.add_argument("aspect", choices=ASPECTS, metavar="ASPECT")
    p.add_argument(
        "verdict",
        choices=(*VERDICTS, "proposed"),
        metavar="VERDICT",
        help=tr(
            '{verdicts} ("proposed" clears yours)', verdicts=", ".join((*VERDICTS, "proposed"))
        ),
    )
    p.add_argument("--note", help=tr("your note on this aspect"))
    p = command("ask", tr("turn an aspect of a comparison into a question"))
    p.add_argument("comparison", type=record_id, metavar="COMPARISON_ID")
    p.add_argument("aspect", choices=ASPECTS, metavar="ASPECT")
    p.add_argument("--text", help=tr("the question (default: one made from the aspect)"))
    p.add_argument(
        "--appointment", type=record_id, metavar="ID", help=tr("ask it at this appointment")
    )
    p = command("next-step", tr("turn an aspect of a comparison into a next step with a due date"))
    p.add_argument("comparison", type=record_id, metavar="COMPARISON_ID")
    p.add_argument("aspect", choices=ASPECTS, metavar="ASPECT")
    p.add_argument("--due", required=True, metavar="YYYY-MM-DD", help=tr("when it is due"))
    p.add_argument("--title", help=tr("what to do (default: one made from the aspect)"))
    p = command("cite", tr("cite a document (and page) as the source of an opinion's aspect"))
    p.add_argument("opinion", type=record_id, metavar="OPINION_ID")
    p.add_argument("aspect", choices=ASPECTS, metavar="ASPECT")
    p.add_argument("document", type=record_id, nargs="*", metavar="DOCUMENT_ID")
    p.add_argument(
        "--page",
        type=count(100_000, tr("a page number")),
        metavar="N",
        help=tr("the page (with one document)"),
    )
    p = command("decide", tr("write down the decision taken after a comparison"))
    p.add_argument("comparison", type=record_id, metavar="COMPARISON_ID")
    p.add_argument("--decision", required=True, metavar="TEXT", help=tr("what was decided"))
    p.add_argument("--reason", metavar="TEXT", help=tr("why"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=tr("when (default: today)"))
    p.add_argument("--participants", metavar='"A, B"', help=tr("who took part in the decision"))


def _emit(args: argparse.Namespace, value: Any, text: str) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2) if args.json else text)


def _width(args: argparse.Namespace) -> int:
    if args.width and args.width > 20:
        return int(args.width)
    return max(40, min(100, shutil.get_terminal_size((100, 24)).columns))


def _cmd_compare(args: argparse.Namespace, dossier: Dossier) -> int:
    if args.start and cmp.find(dossier, args.case, args.opinions) is None:
        if args.opinions is None:
            table = cmp.for_case(dossier, args.case)  # the case's first opinions
            cmp.start(dossier, args.case, [c.opinion_id for c in table.columns])
        else:
            cmp.start(dossier, args.case, args.opinions)
    table = cmp.for_case(dossier, args.case, args.opinions)
    summary = (
        cmp.summary_of(dossier, table.comparison_id)
        if table.comparison_id is not None
        else cmp.summary(table)
    )
    if args.json:
        _emit(args, {**table.as_dict(), "overview": summary.as_dict()}, "")
        return OK
    print(render(table, summary, _width(args)))
    return OK


def _source(c: cmp.Citation) -> str:
    """ "source: document 4 “Scan report”, page 2 (in the trash)": a sentence each."""
    values = {"id": c.document_id, "title": c.title, "page": c.page}
    if c.page and c.available:
        return tr("source: document {id} “{title}”, page {page}", **values)
    if c.page:
        return tr("source: document {id} “{title}”, page {page} (in the trash)", **values)
    if c.available:
        return tr("source: document {id} “{title}”", **values)
    return tr("source: document {id} “{title}” (in the trash)", **values)


def render(table: cmp.ComparisonTable, summary: cmp.Summary, width: int) -> str:
    """The comparison as plain text for a terminal, long texts wrapped to ``width``."""
    lines: list[str] = []
    wrap = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="    ")
    hang = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="        ")
    stored = (
        tr("comparison {id}", id=table.comparison_id)
        if table.stored
        else tr("not stored: verdicts are proposals (store it with --start)")
    )
    lines += [*textwrap.wrap(f"{table.case_title} ({stored})", width=width), "=" * min(width, 60)]
    for number, column in enumerate(table.columns, 1):
        details = ", ".join(x for x in (column.doctor, column.institution, column.given_on) if x)
        lines += textwrap.wrap(
            tr(
                "[{number}] {ordinal} (opinion {id})",
                number=number,
                ordinal=column.ordinal_label,
                id=column.opinion_id,
            )
            + (f": {details}" if details else ""),
            width=width,
            subsequent_indent="    ",
        )
    for row in table.rows:
        source = tr("your verdict") if row.verdict_source == "stored" else tr("proposed")
        heading = tr(
            "{aspect}: {verdict} ({source})",
            aspect=row.label.upper(),
            verdict=cmp.verdict_words(row.verdict),
            source=source,
        )
        lines += ["", *textwrap.wrap(heading, width=width)]
        if row.note:
            lines += wrap.wrap(tr("Note: {note}", note=row.note))
        for number, cell in enumerate(row.cells, 1):
            text = cell.text if cell.text is not None else tr("(not addressed)")
            for paragraph in text.splitlines() or [""]:
                lines += hang.wrap(f"[{number}] {paragraph}") or ["    "]
            for c in cell.citations:
                lines += wrap.wrap(_source(c))
        for origin in row.origins:
            lines += wrap.wrap(
                tr(
                    "→ {entity} {id}: {label}",
                    entity=tr(ENTITIES[origin.entity].label),
                    id=origin.record_id,
                    label=origin.label,
                )
            )
    plain = textwrap.TextWrapper(width=width)
    lines += ["", *plain.wrap(summary.text)]
    if summary.advice:
        lines += ["", *plain.wrap(summary.advice)]
        for step in summary.suggested:
            suggested = (
                tr("Suggested: {title} (added)", title=step.title)
                if step.added
                else tr("Suggested: {title}", title=step.title)
            )
            lines += wrap.wrap(suggested)
    if table.decision.made:
        d = table.decision
        lines += ["", *plain.wrap(tr("Decision: {what}", what=d.text))]
        for label, value in (
            (tr("Reasons"), d.reason),
            (tr("Date"), d.decided_on),
            (tr("Who took part"), d.participants),
        ):
            if value:
                lines += wrap.wrap(f"{label}: {value}")
        if d.within_deadline is not None:
            lines += wrap.wrap(
                tr("Within the decision deadline ({deadline}).", deadline=d.deadline)
                if d.within_deadline
                else tr("After the decision deadline ({deadline}).", deadline=d.deadline)
            )
    lines += ["", *plain.wrap(summary.disclaimer)]
    return "\n".join(lines)


def _cmd_verdict(args: argparse.Namespace, dossier: Dossier) -> int:
    verdict = None if args.verdict == "proposed" else args.verdict
    if args.note is None:
        cmp.set_verdict(dossier, args.comparison, args.aspect, verdict)
    else:
        cmp.set_verdict(dossier, args.comparison, args.aspect, verdict, args.note or None)
    row = cmp.load(dossier, args.comparison).row(args.aspect)
    _emit(
        args,
        row.as_dict(),
        tr(
            "{aspect}: {verdict} ({source}).",
            aspect=row.label,
            verdict=cmp.verdict_words(row.verdict),
            source=tr("your verdict") if row.stored else tr("proposed"),
        ),
    )
    return OK


def _cmd_ask(args: argparse.Namespace, dossier: Dossier) -> int:
    change = cmp.aspect_to_question(
        dossier, args.comparison, args.aspect, text=args.text, appointment_id=args.appointment
    )
    assert change.after is not None
    _emit(
        args,
        change.after,
        tr("Question {id}: {question}", id=change.id, question=change.after["text"]),
    )
    return OK


def _cmd_next_step(args: argparse.Namespace, dossier: Dossier) -> int:
    change = cmp.aspect_to_next_step(
        dossier, args.comparison, args.aspect, due_on=args.due, title=args.title
    )
    assert change.after is not None
    _emit(
        args,
        change.after,
        tr(
            "Next step {id}, due {due}: {title}",
            id=change.id,
            due=args.due,
            title=change.after["title"],
        ),
    )
    return OK


def _cmd_cite(args: argparse.Namespace, dossier: Dossier) -> int:
    if args.page is not None and len(args.document) != 1:
        raise DossierError(tr("--page goes with exactly one document."))
    citations = [{"document_id": d, "page": args.page} for d in args.document]
    change = cmp.set_citations(dossier, args.opinion, args.aspect, citations)
    assert change.after is not None
    cited = change.after["citations"].get(args.aspect, [])
    _emit(
        args,
        cited,
        ntr(
            "{n} source cited for {aspect}.",
            "{n} sources cited for {aspect}.",
            len(cited),
            aspect=cmp.aspect_label(args.aspect),
        ),
    )
    return OK


def _cmd_decide(args: argparse.Namespace, dossier: Dossier) -> int:
    participants = (
        [p for p in args.participants.split(",") if p.strip()] if args.participants else None
    )
    cmp.record_decision(
        dossier,
        args.comparison,
        decision=args.decision,
        reason=args.reason,
        decided_on=args.date,
        participants=participants,
    )
    decision = cmp.load(dossier, args.comparison).decision
    deadline = {
        True: tr(" (within the decision deadline)"),
        False: tr(" (after the decision deadline)"),
        None: "",
    }[decision.within_deadline]
    _emit(
        args,
        decision.as_dict(),
        tr("Decision written down: {what}{deadline}.", what=decision.text, deadline=deadline),
    )
    return OK


def _writes(args: argparse.Namespace) -> bool:
    """Every command but ``compare`` changes the dossier; ``compare --start`` too."""
    return args.command != "compare" or bool(args.start)


COMMANDS = Commands(
    add=add_commands,
    handlers={
        "compare": _cmd_compare,
        "verdict": _cmd_verdict,
        "ask": _cmd_ask,
        "next-step": _cmd_next_step,
        "cite": _cmd_cite,
        "decide": _cmd_decide,
    },
    writes=_writes,
)

__all__ = ["COMMANDS", "render"]
