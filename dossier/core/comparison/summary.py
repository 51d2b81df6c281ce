"""A comparison summed up: how many aspects agree and differ, and what the sources advise.

When the diagnosis or the recommended treatment differ (verdict "different" or
"partly"), the summary says, in plain words, what the sources on second opinions
advise: talk the difference over with both doctors (ask them to talk to each
other), and consider a third opinion. It offers those as next steps
(:class:`SuggestedStep`) that are added only when the person asks
(:func:`add_suggested_steps`). It never weighs the options itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .. import records
from ..entities import VERDICTS
from ..history import ChangeGroup
from ..i18n import tr
from ..storage import Dossier
from .table import ComparisonTable, load
from .wording import join_names

KEY_ASPECTS = ("diagnosis", "treatment")  # a difference here calls for talking and a third look
DIFFER = ("different", "partly")


@dataclass(frozen=True)
class SuggestedStep:
    """A next step the summary offers to add with one click."""

    key: str  # "discuss" or "third_opinion"
    title: str
    aspect: str  # the aspect it comes from (diagnosis or treatment)
    kind: str  # task kind
    added: bool  # already added to this comparison's case

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]  # every verdict -> how many aspects have it (in force)
    agree: int  # aspects that are the same
    differ: int  # aspects that differ, wholly or partly
    not_addressed: int
    key_differences: tuple[str, ...]  # diagnosis and/or treatment, when they differ
    text: str  # the summary in plain words
    advice: str  # what the sources advise when key aspects differ, else ""
    suggested: tuple[SuggestedStep, ...]
    disclaimer: str

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["key_differences"] = list(self.key_differences)
        data["suggested"] = [s.as_dict() for s in self.suggested]
        return data


def summary(table: ComparisonTable, *, existing_titles: Sequence[str] = ()) -> Summary:
    """Sum up ``table``. ``existing_titles``: titles of tasks already linked to it
    (so a suggestion already added says so); :func:`summary_of` fills them in."""
    counts = {v: 0 for v in VERDICTS}
    for row in table.rows:
        if not row.empty or row.stored:
            counts[row.verdict] += 1
    differ = counts["different"] + counts["partly"]
    text = tr(
        "The same: {same}. Different or partly different: {differ}. Not addressed by "
        "every opinion: {missing}.",
        same=counts["same"],
        differ=differ,
        missing=counts["not_addressed"],
    )
    keys = tuple(a for a in KEY_ASPECTS if table.row(a).verdict in DIFFER)
    advice = ""
    suggested: tuple[SuggestedStep, ...] = ()
    if keys:
        what = join_names([table.row(a).label for a in keys])
        names = join_names([c.who for c in table.columns])
        advice = tr(
            "The opinions differ on the {what}. Guides on second opinions advise talking "
            "the difference over with both doctors, and asking them to discuss it with each "
            "other. A third opinion may be worth considering. Which option is right is for "
            "you and your doctors to decide.",
            what=what,
        )
        discuss = tr("Talk the difference in {what} over with {names}", what=what, names=names)
        third = tr("Consider asking for a third opinion on the {what}", what=what)
        suggested = (
            SuggestedStep("discuss", discuss, keys[0], "follow_up", discuss in existing_titles),
            SuggestedStep("third_opinion", third, keys[0], "other", third in existing_titles),
        )
    return Summary(
        counts,
        counts["same"],
        differ,
        counts["not_addressed"],
        keys,
        text,
        advice,
        suggested,
        tr(
            "This comparison sets the doctors' words side by side; it gives no medical "
            "advice of its own."
        ),
    )


def summary_of(dossier: Dossier, comparison_id: int) -> Summary:
    """The summary of a stored comparison, knowing which suggestions were added already."""
    table = load(dossier, comparison_id)
    return summary(table, existing_titles=_linked_titles(dossier, comparison_id))


def add_suggested_steps(
    dossier: Dossier,
    comparison_id: int,
    keys: Sequence[str] | None = None,
    *,
    due_on: str | date | None = None,
) -> ChangeGroup:
    """Add the summary's suggested next steps (``keys``; all when None) as tasks.

    Suggestions already added are skipped, so a second click adds nothing. The
    tasks are linked back to the comparison and its aspect; one undoable step.
    """
    with dossier.db.atomic():
        table = load(dossier, comparison_id)
        existing = _linked_titles(dossier, comparison_id)
        wanted = summary(table, existing_titles=existing).suggested
        parts = [
            records.create(
                dossier,
                "task",
                {
                    "case_id": table.case_id,
                    "title": step.title,
                    "kind": step.kind,
                    "due_on": due_on.isoformat() if isinstance(due_on, date) else due_on,
                    "comparison_id": comparison_id,
                    "aspect": step.aspect,
                },
            )
            for step in wanted
            if not step.added and (keys is None or step.key in keys)
        ]
    return ChangeGroup.of(parts, entity="task", summary=tr("adding the suggested next steps"))


def _linked_titles(dossier: Dossier, comparison_id: int) -> list[str]:
    return [
        str(r[0])
        for r in dossier.db.execute(
            "SELECT title FROM task WHERE comparison_id = ? AND deleted_at IS NULL",
            [comparison_id],
        )
    ]


__all__ = [
    "KEY_ASPECTS",
    "SuggestedStep",
    "Summary",
    "add_suggested_steps",
    "summary",
    "summary_of",
]
