"""The brief's "Medications and allergies": the medicines taken on the day it is printed,
one line each, then the person's other notes on medicines and the allergies."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from ..i18n import ntr, tr
from ..medications import current_medications, medication_line, medication_name
from ..storage import Dossier
from .common import clip_noted, lines
from .dates import DateFormatter
from .model import Block, BulletList, KeyValues, Paragraph

NOTES_CHARS: Final = 600  # the other notes on medicines, at most


def medicines_blocks(
    dossier: Dossier,
    person: dict[str, Any],
    dates: DateFormatter,
    *,
    on: date,
    rows: int,
    reasons: bool = True,
    names_only: bool = False,
) -> tuple[Block, ...]:
    """The medicines taken on ``on`` (at most ``rows`` of them, then how many more the
    dossier lists), one line each or (``names_only``) their names and strengths on one line;
    the other notes on medicines when there are any, and the allergies; "none recorded" for
    what has nothing."""
    taken = current_medications(dossier, on)
    shown = taken[:rows]
    blocks: list[Block] = []
    items: list[tuple[str, str]] = []
    left = len(taken) - len(shown)
    if shown and names_only:
        names = "; ".join(medication_name(m) for m in shown)
        if left:
            names = ntr(
                "{medicines}; and {n} more listed in the dossier",
                "{medicines}; and {n} more listed in the dossier",
                left,
                medicines=names,
            )
        items.append((tr("Medications"), names))
    elif shown:
        blocks.append(
            BulletList(tuple(medication_line(dossier, m, dates, reason=reasons) for m in shown))
        )
    if left and not names_only:
        more = ntr(
            "{n} more medicine is listed in the dossier.",
            "{n} more medicines are listed in the dossier.",
            left,
        )
        blocks.append(Paragraph(more, "small"))
    notes = clip_noted("; ".join(lines(person.get("medications"))), NOTES_CHARS)
    if notes:
        items.append((tr("Other notes on medicines"), notes))
    elif not taken:
        items.append((tr("Medications"), tr("none recorded")))
    allergies = "; ".join(lines(person.get("allergies"))) or tr("none recorded")
    items.append((tr("Allergies"), allergies))
    blocks.append(KeyValues(tuple(items)))
    return tuple(blocks)
