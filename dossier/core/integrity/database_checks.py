"""The database file itself: SQLite's own check of its pages, and the links between records."""

from __future__ import annotations

import re

from ..i18n import ntr, tr
from ..sql_driver import sqlite3
from ..storage import Dossier
from .findings import Finding, Item

MAX_ITEMS = 50
_PAGE = re.compile(r"page (\d+)")


def restore_advice() -> str:
    return tr(
        "Restore the dossier from your newest backup made before this happened (from the "
        "Dossier menu, or with dossier restore). Until then, keep a copy of the whole "
        "dossier folder as it is now, so nothing more can be lost."
    )


def check_database(dossier: Dossier) -> list[Finding]:
    """``PRAGMA quick_check`` and ``PRAGMA foreign_key_check``; for a protected dossier
    first SQLCipher's check of every page's authentication code, which names the pages
    that were altered."""
    found: list[Finding] = []
    messages = altered_pages(dossier) if dossier.key is not None else []
    if not messages:
        try:
            messages = [str(row[0]) for row in dossier.db.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as exc:
            messages = [str(exc)]
    if messages != ["ok"]:
        found.append(
            Finding(
                "database_damaged",
                tr("The database file of the dossier (dossier.sqlite) is damaged."),
                restore_advice(),
                tuple(Item(m) for m in messages[:MAX_ITEMS]),
            )
        )
        return found  # with damaged pages the other answers cannot be trusted either
    try:
        broken = dossier.db.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        broken = [(str(exc), None, "", None)]
    if broken:
        items = tuple(
            Item(
                tr(
                    "{table} number {id} refers to a {parent} that is not there",
                    table=row[0],
                    id=row[1],
                    parent=row[2],
                )
            )
            for row in broken[:MAX_ITEMS]
        )
        found.append(
            Finding(
                "broken_links",
                ntr(
                    "One record refers to another record that is no longer in the dossier.",
                    "{n} records refer to other records that are no longer in the dossier.",
                    len(broken),
                ),
                tr(
                    "The records themselves are still there and can be used. A backup made "
                    "before this happened has the missing records: restoring it brings them "
                    "back."
                ),
                items,
            )
        )
    return found


def altered_pages(dossier: Dossier) -> list[str]:
    """What SQLCipher's ``cipher_integrity_check`` finds, one plain line per page: "page 6
    of the database was altered or damaged" (empty when every page is whole)."""
    try:
        rows = [str(row[0]) for row in dossier.db.execute("PRAGMA cipher_integrity_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    lines = []
    for row in rows:
        page = _PAGE.search(row)
        if page is None:
            lines.append(row)
        else:
            # Translators: one finding of the check of a protected dossier's database.
            lines.append(tr("page {page} of the database was altered or damaged", page=page[1]))
    return lines
