"""What interrupted operations left concerning the dossier: copies the program made
(a restore's ``.<name>.restoring-…``, an archive's ``.<name>.importing-…``, an export's
``.part`` file), and hidden folders beside the dossier named like them but without the
program's mark. See :mod:`...unfinished`.

The check only reports them, with their size: the program removes its own copies at its
next start or at the next run of the same operation, and never removes the others.
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import ntr, tr
from ..sizes import human_size
from ..unfinished import Leftover, leftovers_about, work_words
from .findings import Finding, Item


def unfinished_findings(dossier_path: Path) -> list[Finding]:
    """A finding for the program's own leftovers, and one for the look-alikes."""
    leftovers = leftovers_about(dossier_path)
    ours = [x for x in leftovers if x.ours]
    others = [x for x in leftovers if not x.ours]
    found: list[Finding] = []
    if ours:
        found.append(
            Finding(
                "unfinished_work",
                ntr(
                    "A copy of this dossier's records was left by an interrupted operation.",
                    "{n} copies of this dossier's records were left by interrupted operations.",
                    len(ours),
                ),
                tr(
                    "They are copies the program made, not your dossier, and it removes them "
                    "the next time it starts or runs the same operation again. You may also "
                    "delete them yourself."
                ),
                _items(ours),
            )
        )
    if others:
        found.append(
            Finding(
                "unknown_leftovers",
                ntr(
                    "A hidden folder beside the dossier is named like the program's own "
                    "temporary copies, but does not carry the program's mark.",
                    "{n} hidden folders beside the dossier are named like the program's "
                    "own temporary copies, but do not carry the program's mark.",
                    len(others),
                ),
                tr(
                    "The program leaves them alone, as it cannot be sure it made them. They "
                    "may hold copies of medical records: look inside, and once you are sure "
                    "you do not need them, delete them yourself."
                ),
                _items(others),
            )
        )
    return found


def _items(leftovers: list[Leftover]) -> tuple[Item, ...]:
    return tuple(
        Item(
            tr(
                "left by {work}, {size}",
                work=work_words(leftover.kind),
                size=human_size(leftover.size),
            ),
            None,
            str(leftover.path),
        )
        for leftover in leftovers
    )
