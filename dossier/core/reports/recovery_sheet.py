"""The recovery sheet of a protected dossier: the recovery key on paper, with what it is for,
how to use it and where to keep it.

The recovery key is shown on this sheet only: it is never stored (the dossier keeps the
master key wrapped under it, :mod:`..crypto.keyfile`). Its eight groups are printed in two
rows of four, each under its number, so the window can say "group 3 has a typing error"
and the person finds group 3 at once.
"""

from __future__ import annotations

from datetime import date

from .. import records
from ..crypto.recovery import RecoveryKey
from ..i18n import tr
from ..storage import Dossier
from .common import footer_for, one_line
from .dates import DateFormatter, long_date
from .model import BulletList, Paragraph, Report, Section, Sections, Table

ROW = 4  # groups per printed row


def recovery_sheet(
    dossier: Dossier,
    recovery: RecoveryKey,
    *,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report:
    """The sheet for ``recovery``, the recovery key just made for ``dossier``."""
    footer = footer_for(dossier, dates, printed)
    name = one_line(records.get(dossier, "person", 1).get("name"))
    out = Sections()
    out.add(
        None,
        Paragraph(
            tr(
                "This sheet opens the protected dossier of {name} when its passphrase is "
                "forgotten. Whoever holds it can read the dossier: keep it as safely as a "
                "passport.",
                name=name,
            ),
            "lead",
        ),
    )
    groups = recovery.groups
    rows = [groups[i : i + ROW] for i in range(0, len(groups), ROW)]
    out.add(
        tr("Recovery key"),
        *(
            Table(tuple(str(n) for n in range(i * ROW + 1, i * ROW + ROW + 1)), (tuple(row),))
            for i, row in enumerate(rows)
        ),
    )
    out.add(
        tr("How to use it"),
        BulletList(
            (
                tr(
                    "Open the dossier. When it asks for the passphrase, choose “Use the recovery key”."
                ),
                tr(
                    "Type the 48 digits from this sheet. The program says which group has a "
                    "typing error."
                ),
                tr("Choose a new passphrase. This sheet goes on working."),
            ),
            numbered=True,
        ),
    )
    keeping = Paragraph(
        tr(
            "If the passphrase is forgotten and this sheet is lost, nobody can open the "
            "dossier, not even the makers of the program. A new sheet can be printed from "
            "the program at any time; the old one then stops working."
        )
    )
    where = BulletList(
        (
            tr("With your important papers at home, not with the computer or in its bag."),
            tr("Not as a photo or a file on the same computer or phone."),
        )
    )
    first = out.done()

    def sheet(*last: Section, subtitle: str = "", shorter: tuple[Report, ...] = ()) -> Report:
        return Report(
            kind="recovery_sheet",
            title=tr("Recovery sheet"),
            subtitle=subtitle,
            footer=footer,
            sections=(*first, *last),
            large_print=True,  # digits to copy by hand, on one sheet of paper
            max_pages=1,
            max_pages_large=1,
            shorter=shorter,
        )

    # On Letter paper, and in the longer languages, the places to keep it are left out.
    brief = sheet(Section(tr("Where to keep it"), (keeping,)))
    return sheet(
        Section(tr("Where to keep it"), (where, keeping)),
        subtitle=tr("Second Opinion Dossier"),
        shorter=(brief,),
    )


__all__ = ["recovery_sheet"]
