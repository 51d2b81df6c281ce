"""``dossier search``: search the whole dossier."""

from __future__ import annotations

import argparse
import sys

from ..core.i18n import tr
from ..core.locale_format import number
from ..core.storage import Dossier
from .args import count
from .common import OK, AddCommand, Commands, print_value

SEARCH_LIMIT = 10_000


def add_commands(command: AddCommand) -> None:
    p = command("search", tr("search the whole dossier"))
    p.add_argument("query", nargs="+")
    p.add_argument(
        "--limit",
        type=count(SEARCH_LIMIT, tr("a number of results")),
        default=50,
        help=tr("show at most this many results (up to {n})", n=number(SEARCH_LIMIT)),
    )


def cmd_search(args: argparse.Namespace, dossier: Dossier) -> int:
    """Any text, however long, is searched in bounded time; when the search was not simply
    the words given (a long text: its rarest words), a line says what it searched for: first
    on the screen, on stderr with ``--json`` (whose output stays the list of hits)."""
    from ..core.search import find

    found = find(dossier, " ".join(args.query), limit=args.limit)
    hits = found.hits
    if found.explanation:
        print(found.explanation, file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print_value(args, [h.as_dict() for h in hits])
    else:
        for hit in hits:
            where = (
                tr(
                    "{kind} {id}, page {page}: {title}",
                    kind=hit.kind,
                    id=hit.id,
                    page=hit.page,
                    title=hit.title,
                )
                if hit.page
                else tr("{kind} {id}: {title}", kind=hit.kind, id=hit.id, title=hit.title)
            )
            print(f"{where}\n    {hit.marked_snippet()}")
        if not hits and found.query.terms:
            print(tr("Nothing found."))
    return OK


COMMANDS = Commands(add=add_commands, handlers={"search": cmd_search})
