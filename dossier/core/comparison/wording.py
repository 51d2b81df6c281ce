"""Plain words made from a comparison row: questions, next steps, "asked because of".

The words only ever report what the opinions say and ask the doctors about it;
they never weigh the options or recommend one (no medical advice of our own).
"""

from __future__ import annotations

from ..i18n import tr
from .table import Column, ComparisonTable, Row, aspect_label

QUOTE_LIMIT = 90  # characters of an opinion quoted in a question

# A sign for each verdict, so the verdict is read without relying on colour.
VERDICT_SIGNS = {"same": "=", "partly": "≈", "different": "≠", "not_addressed": "—"}


def verdict_words(verdict: str) -> str:
    """What a verdict is called within a sentence: "partly the same"."""
    return {
        "same": tr("the same"),
        "partly": tr("partly the same"),
        "different": tr("different"),
        "not_addressed": tr("not addressed"),
    }.get(verdict, verdict.replace("_", " "))


def verdict_name(verdict: str) -> str:
    """What a verdict is called on its own, as a label: "Partly the same"."""
    words = verdict_words(verdict)
    return words[:1].upper() + words[1:]


def verdict_marker(verdict: str) -> str:
    """ "≠ Different": a sign and a word."""
    return f"{VERDICT_SIGNS.get(verdict, '?')} {verdict_name(verdict)}"


def because_of(aspect: str, verdict: str) -> str:
    """ "recommended treatment differs": why a question or a next step was made."""
    label = aspect_label(aspect)
    if verdict == "different":
        return tr("{aspect} differs", aspect=label)
    if verdict == "partly":
        return tr("{aspect} partly differs", aspect=label)
    if verdict == "not_addressed":
        return tr("{aspect} not addressed by every opinion", aspect=label)
    return tr("{aspect} is the same", aspect=label)


def why_suggested(row: Row) -> str:
    """Why the suggested verdict is what it is, for the person to check it."""
    if row.differing_terms:
        return tr(
            "Suggested as different: the opinions name different treatments, drugs, stages "
            "or diagnoses ({terms}). Check it and pick your own verdict.",
            terms=", ".join(row.differing_terms),
        )
    return tr("Suggested from the words alone: check it and pick your own verdict.")


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    flat = " ".join(text.split()).rstrip(".;: ")
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "…"


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return tr("{first} and {last}", first=", ".join(names[:-1]), last=names[-1])


def silent_and_speaking(table: ComparisonTable, row: Row) -> tuple[list[Column], list[Column]]:
    """The opinions that leave the aspect empty, and those that say something on it."""
    silent = [col for col, cell in zip(table.columns, row.cells, strict=True) if cell.text is None]
    speaking = [col for col in table.columns if col not in silent]
    return silent, speaking


def question_text(table: ComparisonTable, row: Row) -> str:
    """A neutral question for the next appointment, made from one aspect.

    When some opinions leave the aspect empty: "Dr. B did not say anything about
    the risks and side effects. What is your view on them?"; when they differ:
    "On the recommended treatment, Dr. A advises “surgery” and Dr. B “exercise
    first”. What makes you advise this, and what would change your view?"
    """
    silent, speaking = silent_and_speaking(table, row)
    if silent and speaking:
        return tr(
            "{who} did not say anything about the {aspect}. What is your view on this, "
            "and does it matter for the decision?",
            who=join_names([c.who for c in silent]),
            aspect=row.label,
        )
    if not speaking:
        return tr(
            "None of the opinions says anything about the {aspect}. What should I know "
            "about it before deciding?",
            aspect=row.label,
        )
    said = [
        tr("{who}: “{words}”", who=col.who, words=quote(cell.text or ""))
        for col, cell in zip(table.columns, row.cells, strict=True)
    ]
    return tr(
        "On the {aspect} the opinions differ ({said}). What makes you advise this, and "
        "what would change your view?",
        aspect=row.label,
        said="; ".join(said),
    )


def step_title(table: ComparisonTable, row: Row) -> str:
    """A next step made from one aspect, e.g. "Ask Dr. A and Dr. B about the difference
    in recommended treatment"."""
    silent, speaking = silent_and_speaking(table, row)
    if silent and speaking:
        return tr(
            "Ask {who} about the {aspect}",
            who=join_names([c.who for c in silent]),
            aspect=row.label,
        )
    return tr(
        "Ask {who} about the difference in {aspect}",
        who=join_names([c.who for c in table.columns]),
        aspect=row.label,
    )


__all__ = [
    "VERDICT_SIGNS",
    "because_of",
    "join_names",
    "question_text",
    "quote",
    "silent_and_speaking",
    "step_title",
    "verdict_marker",
    "verdict_name",
    "verdict_words",
]
