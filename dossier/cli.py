"""The command line: every dossier operation without a window.

Exit status: 0 success; 1 some input was rejected or a check failed; 2 a usage
error or a dossier that cannot be used. ``--dossier PATH`` and ``--json`` may
stand before or after the subcommand. Whatever is given, the command ends with one
line in plain words on stderr when it cannot do what was asked, never a traceback:
the arguments are checked by :mod:`dossier.cli_args`, and :func:`main` turns an
unexpected operating-system error into such a line too (exit 2).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, NoReturn

from . import __version__, cli_archive, cli_backup, cli_check
from .cli_args import (
    UsageError,
    count,
    fail,
    id_list,
    json_object,
    path_text,
    record_id,
    shorten,
    shown,
    width,
)
from .cli_compare import COMPARE_HANDLERS
from .cli_print import add_print_command, cmd_print
from .core import records
from .core.entities import Entity, entity
from .core.errors import (
    DossierError,
    DossierOpenError,
    NotFoundError,
    ReadOnlyDossier,
    ValidationError,
)
from .core.i18n import tr
from .core.lock import acquire
from .core.storage import Dossier

__all__ = ["UsageError", "build_parser", "main", "shown"]

OK, REJECTED, USAGE = 0, 1, 2
SEARCH_LIMIT = 10_000


class _Parser(argparse.ArgumentParser):
    """argparse's parser, saying what is wrong in one line (then exit 2), without the usage
    (``--help`` shows it), and a wrong choice shortened to fit that line."""

    def error(self, message: str) -> NoReturn:
        hint = tr("Try '{prog} --help'.", prog=self.prog)
        self.exit(USAGE, shown(f"{self.prog}: {message.rstrip('.')}. {hint}") + "\n")

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            raise argparse.ArgumentError(
                action,
                tr(
                    "'{value}' is not one of {choices}",
                    value=shorten(str(value)),
                    choices=", ".join(map(str, action.choices)),
                ),
            )


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--dossier",
        metavar="PATH",
        type=path_text,
        default=default,
        help="the dossier folder to work on",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="print machine-readable JSON",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dossier",
        description="Second Opinion Dossier. Without a command, opens the window.",
    )
    _common(parser, top=True)
    parser.add_argument("--demo", action="store_true", help="open the example dossier")
    parser.add_argument(
        "--demo-if-none",
        action="store_true",
        help="open the last dossier, or the example dossier when there is none yet",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _common(p, top=False)
        return p

    p = command("init", "make a new, empty dossier")
    p.add_argument("path", metavar="PATH", type=path_text)
    p.add_argument("--name", required=True, help="the name of the person the dossier is about")
    p.add_argument("--born", metavar="YYYY-MM-DD", help="their date of birth")
    p = command("demo", "make the example dossier (entirely fictional) in PATH")
    p.add_argument("path", metavar="PATH", type=path_text)
    p = command("import", "add files and folders (PDF, JPEG, PNG, TIFF, text)")
    p.add_argument("paths", nargs="+", metavar="FILE_OR_DIR", type=path_text)
    p.add_argument("--case", type=record_id, metavar="ID", help="link the documents to this case")
    p.add_argument("--kind", help="document kind, e.g. lab_result or letter")
    p = command("search", "search the whole dossier")
    p.add_argument("query", nargs="+")
    p.add_argument(
        "--limit",
        type=count(SEARCH_LIMIT, tr("a number of results")),
        default=50,
        help=f"show at most this many results (up to {SEARCH_LIMIT:,})",
    )
    p = command("list", "list the records of one kind")
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("--case", type=record_id, metavar="ID", help="only those of this case")
    p = command("show", "show one record (or: show person)")
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("id", type=record_id, nargs="?")
    p = command("add", "add a record from JSON")
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("--data", required=True, metavar="JSON", type=json_object)
    p = command("edit", "change fields of a record from JSON")
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("id", type=record_id, nargs="?")
    p.add_argument("--data", required=True, metavar="JSON", type=json_object)
    p = command("delete", "move a record to the trash")
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("id", type=record_id)
    p = command("restore", "bring a record back from the trash, or the dossier from a backup")
    p.add_argument("entity", metavar="ENTITY|BACKUP", help="a kind of record, or a backup")
    p.add_argument("id", type=record_id, nargs="?", help="the record's number (not with a backup)")
    p.add_argument("--yes", action="store_true", help="restore the backup (without: describe it)")
    p = command("trash", "list the trash, or empty it for good")
    p.add_argument("action", nargs="?", choices=("list", "empty"), default="list")
    _compare_commands(command)
    add_print_command(command)
    for extension in _EXTENSIONS:
        extension.add_commands(command)
    return parser


def _compare_commands(command: Any) -> None:
    """The comparison of opinions (issue 4): see :mod:`dossier.cli_compare`."""
    from .core.entities import ASPECTS, VERDICTS

    p = command("compare", "lay a case's opinions side by side, aspect by aspect")
    p.add_argument("case", type=record_id, metavar="CASE_ID")
    p.add_argument(
        "--opinions",
        type=id_list,
        metavar="A,B",
        help="two to four opinion numbers, in the order to show them",
    )
    p.add_argument("--start", action="store_true", help="store the comparison (if not stored yet)")
    p.add_argument("--width", type=width, default=0, help="wrap text at this width")
    p = command("verdict", "set your verdict (and note) on one aspect of a comparison")
    p.add_argument("comparison", type=record_id, metavar="COMPARISON_ID")
    p.add_argument("aspect", choices=ASPECTS, metavar="ASPECT")
    p.add_argument(
        "verdict",
        choices=(*VERDICTS, "proposed"),
        metavar="VERDICT",
        help=", ".join((*VERDICTS, "proposed")) + ' ("proposed" clears yours)',
    )
    p.add_argument("--note", help="your note on this aspect")
    p = command("ask", "turn an aspect of a comparison into a question")
    p.add_argument("comparison", type=record_id, metavar="COMPARISON_ID")
    p.add_argument("aspect", choices=ASPECTS, metavar="ASPECT")
    p.add_argument("--text", help="the question (default: one made from the aspect)")
    p.add_argument("--appointment", type=record_id, metavar="ID", help="ask it at this appointment")
    p = command("next-step", "turn an aspect of a comparison into a next step with a due date")
    p.add_argument("comparison", type=record_id, metavar="COMPARISON_ID")
    p.add_argument("aspect", choices=ASPECTS, metavar="ASPECT")
    p.add_argument("--due", required=True, metavar="YYYY-MM-DD", help="when it is due")
    p.add_argument("--title", help="what to do (default: one made from the aspect)")
    p = command("cite", "cite a document (and page) as the source of an opinion's aspect")
    p.add_argument("opinion", type=record_id, metavar="OPINION_ID")
    p.add_argument("aspect", choices=ASPECTS, metavar="ASPECT")
    p.add_argument("document", type=record_id, nargs="*", metavar="DOCUMENT_ID")
    p.add_argument(
        "--page",
        type=count(100_000, tr("a page number")),
        metavar="N",
        help="the page (with one document)",
    )
    p = command("decide", "write down the decision taken after a comparison")
    p.add_argument("comparison", type=record_id, metavar="COMPARISON_ID")
    p.add_argument("--decision", required=True, metavar="TEXT", help="what was decided")
    p.add_argument("--reason", metavar="TEXT", help="why")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="when (default: today)")
    p.add_argument("--participants", metavar='"A, B"', help="who took part in the decision")


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 never crashes us
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    if args.command is None:
        from .app import run_app

        return run_app(
            Path(args.dossier) if args.dossier else None,
            demo=args.demo,
            demo_if_none=args.demo_if_none,
        )
    try:
        return _run(args)
    except BrokenPipeError:  # the reader went away (dossier list … | head): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return REJECTED
    except UsageError as exc:
        return fail(args, str(exc), USAGE)
    except DossierOpenError as exc:
        return fail(args, exc.message, USAGE)
    except ValidationError as exc:
        return fail(args, exc.message, REJECTED, fields=exc.errors)
    except NotFoundError as exc:
        return fail(args, exc.message, REJECTED)
    except DossierError as exc:
        return fail(args, exc.message, USAGE if _is_usage(exc) else REJECTED)
    except (OSError, ValueError) as exc:  # the last resort: one plain line, not a traceback
        return fail(args, unexpected(exc), USAGE)


def unexpected(exc: OSError | ValueError) -> str:
    """An error no check of the command foresaw, in one line. The hostile-argument tests
    make sure no argument they try ends here: each has its own check and message."""
    if isinstance(exc, OSError) and exc.strerror:
        what = exc.strerror + (f": {exc.filename}" if exc.filename else "")
    else:
        what = (str(exc).splitlines() or [exc.__class__.__name__])[0]
    return tr("The command stopped unexpectedly ({what}).", what=shorten(what, 200))


def _is_usage(exc: DossierError) -> bool:
    return exc.message.startswith("There is no kind of record")


def _open(args: argparse.Namespace) -> Dossier:
    if not args.dossier:
        raise UsageError(tr("Say which dossier to use with --dossier PATH."))
    return Dossier.open(Path(args.dossier))


# Commands that change a dossier hold its lock while they run (dossier.core.lock), so they
# are refused while a window shows it; those that only read also run beside a window.
# An extension module may list its own writing commands in ``WRITES``.
_WRITES = frozenset(
    ("import", "add", "edit", "delete", "restore", "verdict", "ask", "next-step", "cite", "decide")
)


def _writes(args: argparse.Namespace) -> bool:
    command = args.command
    return (
        command in _WRITES
        or (command == "trash" and args.action == "empty")
        or (command == "compare" and args.start)
        or any(command in getattr(extension, "WRITES", ()) for extension in _EXTENSIONS)
    )


def _lock(args: argparse.Namespace) -> AbstractContextManager[object]:
    if not _writes(args):
        return contextlib.nullcontext()
    if not args.dossier:
        raise UsageError(tr("Say which dossier to use with --dossier PATH."))
    return acquire(Path(args.dossier), "command")


def _run(args: argparse.Namespace) -> int:
    command = args.command
    if command == "init":
        with Dossier.create(Path(args.path), name=args.name, born=args.born) as created:
            _print(args, {"path": str(created.path), "person": records.get(created, "person", 1)})
        return OK
    if command == "demo":
        from .core.demo import build_demo

        with build_demo(Path(args.path)) as built:
            counts = {
                name: len(records.list_records(built, name))
                for name in ("case", "opinion", "document", "contact", "appointment", "question")
            }
            _print(args, {"path": str(built.path), "records": counts})
        return OK
    if command == "restore" and args.id is None:  # restore BACKUP: see cli_backup
        return cli_backup.restore_from_backup(args)
    for extension in _EXTENSIONS:
        if command in extension.STANDALONE:
            standalone: Callable[[argparse.Namespace], int] = extension.STANDALONE[command]
            return standalone(args)
    with _lock(args), _open(args) as dossier:
        if dossier.read_only is not None and _writes(args):  # the reason, before anything else
            raise ReadOnlyDossier(dossier.read_only.refusal)
        handler = _HANDLERS[command]
        return handler(args, dossier)


def _entity(args: argparse.Namespace) -> Entity:
    try:
        return entity(args.entity)
    except DossierError as exc:
        raise UsageError(exc.message) from None


def _record_id(args: argparse.Namespace, spec: Entity) -> int:
    if spec.name == "person":
        return 1
    if args.id is None:
        raise UsageError(tr("Say which {entity}: give its number.", entity=spec.label))
    return int(args.id)


def _cmd_import(args: argparse.Namespace, dossier: Dossier) -> int:
    from .core.importer.pipeline import import_paths

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


def _cmd_search(args: argparse.Namespace, dossier: Dossier) -> int:
    """Any text, however long, is searched in bounded time; when the search was not simply
    the words given (a long text: its rarest words), a line says what it searched for: first
    on the screen, on stderr with ``--json`` (whose output stays the list of hits)."""
    from .core.search import find

    found = find(dossier, " ".join(args.query), limit=args.limit)
    hits = found.hits
    if found.explanation:
        print(found.explanation, file=sys.stderr if args.json else sys.stdout)
    if args.json:
        _print(args, [h.as_dict() for h in hits])
    else:
        for hit in hits:
            page = f", page {hit.page}" if hit.page else ""
            print(f"{hit.kind} {hit.id}{page}: {hit.title}\n    {hit.marked_snippet()}")
        if not hits and found.query.terms:
            print(tr("Nothing found."))
    return OK


def _cmd_list(args: argparse.Namespace, dossier: Dossier) -> int:
    spec = _entity(args)
    rows = records.list_records(dossier, spec.name, case_id=args.case)
    if args.json:
        _print(args, rows)
    else:
        for row in rows:
            print(f"{row['id']:>5}  {records.label_of(spec, row)}")
    return OK


def _cmd_show(args: argparse.Namespace, dossier: Dossier) -> int:
    spec = _entity(args)
    record = records.get(dossier, spec.name, _record_id(args, spec))
    if spec.name == "cost":
        from .core.reimbursement import expected_for

        record["expected_reimbursement"] = expected_for(dossier, record["id"]).as_dict()
    _print(args, record)
    return OK


def _cmd_add(args: argparse.Namespace, dossier: Dossier) -> int:
    spec = _entity(args)
    change = records.create(dossier, spec.name, args.data)
    _print(args, change.after)
    return OK


def _cmd_edit(args: argparse.Namespace, dossier: Dossier) -> int:
    spec = _entity(args)
    change = records.update(dossier, spec.name, _record_id(args, spec), args.data)
    _print(args, change.after)
    return OK


def _cmd_delete(args: argparse.Namespace, dossier: Dossier) -> int:
    spec = _entity(args)
    change = records.delete(dossier, spec.name, args.id)
    also = [{"entity": e, "id": i} for e, i in change.also]
    if args.json:
        _print(args, {"entity": spec.name, "id": args.id, "status": "in_trash", "with_it": also})
    else:
        extra = tr(" with {n} of its records", n=len(also)) if also else ""
        print(
            tr(
                "Moved {entity} {id}{extra} to the trash.",
                entity=spec.label,
                id=args.id,
                extra=extra,
            )
        )
    return OK


def _cmd_restore(args: argparse.Namespace, dossier: Dossier) -> int:
    spec = _entity(args)
    change = records.restore(dossier, spec.name, args.id)
    _print(args, change.after)
    return OK


def _cmd_trash(args: argparse.Namespace, dossier: Dossier) -> int:
    from .core.trash import empty_trash, list_trash

    if args.action == "empty":
        count = empty_trash(dossier)
        _print(args, {"deleted_for_good": count})
        return OK
    entries = list_trash(dossier)
    if args.json:
        _print(args, [e.as_dict() for e in entries])
    else:
        for e in entries:
            extra = f" (+{e.with_it})" if e.with_it else ""
            print(f"{e.deleted_at}  {e.entity} {e.record_id}: {e.label}{extra}")
        if not entries:
            print(tr("The trash is empty."))
    return OK


_HANDLERS = {
    "import": _cmd_import,
    "search": _cmd_search,
    "list": _cmd_list,
    "show": _cmd_show,
    "add": _cmd_add,
    "edit": _cmd_edit,
    "delete": _cmd_delete,
    "restore": _cmd_restore,
    "trash": _cmd_trash,
    **COMPARE_HANDLERS,
    "print": cmd_print,
}
# Commands of the safety features (issue 6), each in its own module.
_EXTENSIONS = (cli_backup, cli_archive, cli_check)
for _extension in _EXTENSIONS:
    _HANDLERS.update(_extension.HANDLERS)


def _print(args: argparse.Namespace, value: Any) -> None:
    if args.json:
        print(json.dumps(value, ensure_ascii=False, indent=2))
    elif isinstance(value, dict):
        width = max((len(k) for k in value), default=0)
        for key, item in value.items():
            if item is None or item == [] or item == {}:
                continue
            text = (
                json.dumps(item, ensure_ascii=False) if isinstance(item, dict | list) else str(item)
            )
            print(f"{key:<{width}}  {text}")
    else:
        print(value)


if __name__ == "__main__":
    sys.exit(main())
