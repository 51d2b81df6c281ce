"""Comparing the words of two or more opinions: a proposed verdict and word differences.

Nothing here touches the dossier; every function is pure, so it is easy to test.

**Normalising.** Before texts are compared they are case-folded and split into words
(runs of letters and digits, any script); whitespace and punctuation are dropped.

**Similarity** of two texts is the ``difflib.SequenceMatcher`` ratio of their word
lists (``2 * matching words / all words``, 1.0 for equal lists), averaged over both
orders so that it does not depend on which opinion comes first.

**Proposal** (:func:`propose_verdict`), for two or more texts:

* any text empty (None, or nothing but whitespace and punctuation) → ``not_addressed``;
* the texts name different main terms, a procedure, drug, stage or diagnosis one names
  and another does not (:mod:`.key_terms`: "mastectomy" against "lumpectomy") →
  ``different``, however many other words they share;
* every pair *near-identical* → ``same``. Near-identical means: the same words after
  normalising, or a similarity of at least :data:`SAME_AT` (0.9) where the words in
  which the two differ contain no number and no negation ("not", "no", "without"…):
  "within 6 weeks" and "within 8 weeks", or "surgery" and "no surgery", are never
  proposed as the same;
* otherwise, every pair with a similarity of at least :data:`PARTLY_AT` (0.5) →
  ``partly``; if any pair falls below it → ``different``.

It is only a proposal: the verdict a person stores always wins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from .key_terms import differing_terms

SAME_AT = 0.9
PARTLY_AT = 0.5

# Words that turn a statement around; a difference in one of them is never "the same".
NEGATIONS = frozenset(
    [
        "no",
        "not",
        "never",
        "none",
        "nor",
        "without",
        "neither",
        "cannot",
        "isn't",
        "don't",
        "doesn't",
        "won't",
        "shouldn't",
        "nicht",
        "kein",
        "keine",
        "keinen",
        "ohne",
        "nie",
        "niet",
        "geen",
        "zonder",
        "nooit",
        "не",
        "ні",
        "без",
        "ніколи",
        "לא",
        "אין",
        "ללא",
    ]
)

_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Tokens for faithful re-rendering: words, runs of whitespace, single other characters.
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    """A piece of an opinion's text; ``changed`` when it differs from the other text."""

    text: str
    changed: bool

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "changed": self.changed}


def words(text: str | None) -> list[str]:
    """The normalised words of ``text``: case-folded, without whitespace or punctuation."""
    return [w.casefold().replace("’", "'") for w in _WORD.findall(text or "")]


def is_empty(text: str | None) -> bool:
    """True when ``text`` says nothing: None, or only whitespace and punctuation."""
    return not words(text)


def similarity(a: str | None, b: str | None) -> float:
    """How alike two texts are, from 0.0 to 1.0 (see the module text); symmetric."""
    return _similarity(words(a), words(b))


def _similarity(a: list[str], b: list[str]) -> float:
    if a == b:
        return 1.0
    forward = SequenceMatcher(None, a, b, autojunk=False).ratio()
    backward = SequenceMatcher(None, b, a, autojunk=False).ratio()
    return (forward + backward) / 2


def _near_identical(a: list[str], b: list[str]) -> bool:
    if a == b:
        return True
    if _similarity(a, b) < SAME_AT:
        return False
    differing = (Counter(a) - Counter(b)) + (Counter(b) - Counter(a))
    return not any(w in NEGATIONS or any(c.isdigit() for c in w) for w in differing)


def propose_verdict(texts: Sequence[str | None]) -> str:
    """The verdict core proposes for one aspect, from each opinion's text on it.

    Returns one of ``same``, ``partly``, ``different``, ``not_addressed`` (the
    rules are in the module text). One text alone is ``same`` (nothing to differ
    from) unless it is empty; no text at all is a ValueError.
    """
    if not texts:
        raise ValueError("propose_verdict needs at least one text")
    lists = [words(t) for t in texts]
    if any(not w for w in lists):
        return "not_addressed"
    if differing_terms(texts):
        return "different"
    pairs = list(combinations(lists, 2))
    if all(_near_identical(a, b) for a, b in pairs):
        return "same"
    if all(_similarity(a, b) >= PARTLY_AT for a, b in pairs):
        return "partly"
    return "different"


def tokens(text: str) -> list[str]:
    """``text`` cut into words, whitespace runs and single other characters.

    ``"".join(tokens(text)) == text`` always holds.
    """
    return _TOKEN.findall(text)


def _key(token: str) -> str:
    if token.isspace():
        return " "
    return token.casefold()


def changed_flags(a: str, b: str) -> tuple[list[str], list[bool], list[str], list[bool]]:
    """The tokens of ``a`` and ``b`` and, per token, whether it differs from the other.

    Tokens are compared case-insensitively, and any whitespace equals any other; a
    whitespace token is flagged exactly when the tokens on both sides of it are, so a
    change reads as one stretch.
    """
    ta, tb = tokens(a), tokens(b)
    flags_a, flags_b = [False] * len(ta), [False] * len(tb)
    matcher = SequenceMatcher(None, [_key(t) for t in ta], [_key(t) for t in tb], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            flags_a[i1:i2] = [True] * (i2 - i1)
            flags_b[j1:j2] = [True] * (j2 - j1)
    return ta, _tidy(ta, flags_a), tb, _tidy(tb, flags_b)


def _tidy(toks: list[str], flags: list[bool]) -> list[bool]:
    """Whitespace is changed exactly when the tokens on both sides of it are changed, and
    a punctuation mark at the edge of a changed stretch of words is not part of it.

    So "Operate now" reads as one changed stretch, a change never starts or ends with a
    space, and in "the left knee, with" against "the right hip, with" the comma is not
    marked; a mark that alone differs ("3.5" against "3,5") still is.
    """
    out = list(flags)
    for i, token in enumerate(toks):
        punctuation = not token.isspace() and not _WORD.fullmatch(token)
        if out[i] and punctuation and _beside(toks, flags, i, -1) != _beside(toks, flags, i, 1):
            out[i] = False
    marked = list(out)
    for i, token in enumerate(toks):
        if token.isspace():
            out[i] = 0 < i < len(toks) - 1 and marked[i - 1] and marked[i + 1]
    return out


def _beside(toks: list[str], flags: list[bool], i: int, step: int) -> bool:
    """Whether the nearest token from ``i`` in direction ``step`` that is not whitespace
    is changed (False at either end)."""
    j = i + step
    while 0 <= j < len(toks) and toks[j].isspace():
        j += step
    return 0 <= j < len(toks) and flags[j]


def segments(toks: Sequence[str], flags: Sequence[bool]) -> list[Segment]:
    """Tokens joined into segments of the same flag (adjacent segments always differ)."""
    out: list[Segment] = []
    for token, flag in zip(toks, flags, strict=True):
        if out and out[-1].changed == flag:
            out[-1] = Segment(out[-1].text + token, flag)
        else:
            out.append(Segment(token, flag))
    return out


def word_diff(a: str, b: str) -> tuple[list[Segment], list[Segment]]:
    """Word-level differences of ``a`` against ``b``, as segments of each.

    Joining the texts of either list gives back its string exactly, so a view can
    render the original text and mark (bold, underline) the changed segments.
    Differences of case alone, or of the kind or amount of whitespace, are not changes.
    """
    ta, fa, tb, fb = changed_flags(a, b)
    return segments(ta, fa), segments(tb, fb)


__all__ = [
    "NEGATIONS",
    "PARTLY_AT",
    "SAME_AT",
    "Segment",
    "changed_flags",
    "is_empty",
    "propose_verdict",
    "segments",
    "similarity",
    "tokens",
    "word_diff",
    "words",
]
