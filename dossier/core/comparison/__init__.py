"""Opinions side by side, aspect by aspect (issue 4). Qt-free.

- :mod:`.text`: the proposed verdict and word differences (pure functions);
- :mod:`.table`: the read model, :class:`ComparisonTable` (:func:`load`, :func:`for_case`);
- :mod:`.ops`: what a person does (start, verdicts, notes, citations, questions,
  next steps, the decision), each one undoable step;
- :mod:`.summary`: counts, what the sources advise, suggested next steps;
- :mod:`.key_terms`: the procedures, drugs, stages and diagnoses an opinion names;
- :mod:`.wording`: the plain words of verdicts, generated questions and steps.
"""

from .ops import (
    KEEP,
    aspect_to_next_step,
    aspect_to_question,
    decision_within_deadline,
    record_decision,
    set_citations,
    set_note,
    set_verdict,
    start,
)
from .summary import SuggestedStep, Summary, add_suggested_steps, summary, summary_of
from .table import (
    Cell,
    Citation,
    Column,
    ComparisonTable,
    Decision,
    Origin,
    Row,
    aspect_label,
    find,
    for_case,
    load,
    ordinal_label,
    origin_of,
    within_deadline,
)
from .text import Segment, propose_verdict, similarity, word_diff
from .wording import (
    VERDICT_SIGNS,
    because_of,
    question_text,
    step_title,
    verdict_marker,
    verdict_name,
    verdict_words,
    why_suggested,
)

__all__ = [
    "KEEP",
    "VERDICT_SIGNS",
    "Cell",
    "Citation",
    "Column",
    "ComparisonTable",
    "Decision",
    "Origin",
    "Row",
    "Segment",
    "SuggestedStep",
    "Summary",
    "add_suggested_steps",
    "aspect_label",
    "aspect_to_next_step",
    "aspect_to_question",
    "because_of",
    "decision_within_deadline",
    "find",
    "for_case",
    "load",
    "ordinal_label",
    "origin_of",
    "propose_verdict",
    "question_text",
    "record_decision",
    "set_citations",
    "set_note",
    "set_verdict",
    "similarity",
    "start",
    "step_title",
    "summary",
    "summary_of",
    "verdict_marker",
    "verdict_name",
    "verdict_words",
    "why_suggested",
    "within_deadline",
    "word_diff",
]
