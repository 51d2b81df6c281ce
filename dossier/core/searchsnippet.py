"""The few words around a match, made from the stored text itself.

The full-text index keeps no copy of the text it indexes (``search_fts`` is contentless:
a page's text is stored once, in ``document_page``), so FTS5's own ``snippet()`` has
nothing to cut from. This module does what it did: the words of a text are what the
``unicode61`` tokenizer reads (letters and digits), compared without case or accents
(ß as ss), the last typed word as a prefix; the snippet is the window of
:data:`TOKENS` words with the most of the searched words, and each match is wrapped in
the two private-use marks :mod:`dossier.core.search` reads.

Only the rows shown get a snippet (at most ``search.MAX_HITS``), and a text is read up
to :data:`MAX_TEXT` characters: a page is bounded at import, a record's field by
validation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from .searchindex import fold
from .searchquery import Term

OPEN, CLOSE = "\ue000", "\ue001"
TOKENS = 16  # words of a snippet, as FTS5's snippet(…, 16) gave
MAX_TEXT = 200_000  # characters of a text read for its snippet
MAX_HITS = 32  # matches of one text weighed for its window
_TOKEN = re.compile(r"[^\W_]+")


def unmarked(text: str) -> str:
    """``text`` without the two marks (PDF text can carry them as unmapped glyphs)."""
    return text.replace(OPEN, "").replace(CLOSE, "")


@lru_cache(maxsize=65_536)
def key(word: str) -> str:
    """A word as the index compares it: no case, no accents, ß as ss."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", fold(word).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def snippet(text: str, terms: Sequence[Term] | Matcher) -> str:
    """About :data:`TOKENS` words of ``text`` around its best matches of ``terms``, each
    match between :data:`OPEN` and :data:`CLOSE`; "…" where the text goes on. With no
    match, its first words.

    Fast for a page shown among fifty: the matches are found by one regular expression
    (lenient about case and accents, each then compared as the index does), and the words
    are read one by one only in the window shown. For many texts, pass one
    :class:`Matcher` of the terms.
    """
    matcher = terms if isinstance(terms, Matcher) else Matcher(tuple(terms))
    text = unmarked(text[:MAX_TEXT])
    hits = matcher.hits(text)
    start, first = _window(text, hits)
    out: list[str] = ["…"] if start else []
    last = start
    marked = iter(hits)
    hit = next(marked, None)
    end = start
    for count, match in enumerate(_TOKEN.finditer(text, first)):
        if count == TOKENS:
            out += [text[last:end], "…"]
            return "".join(out)
        begin, end = match.span()
        while hit is not None and hit[0] < begin:
            hit = next(marked, None)
        if hit is not None and hit[0] == begin:
            out += [text[last:begin], OPEN, text[begin:end], CLOSE]
            last = end
    out.append(text[last:])  # to the text's end
    return "".join(out)


class Matcher:
    """Finds the words of a text that match one of ``terms``, as the index compares them."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.exact: dict[str, int] = {}
        self.prefixes: list[tuple[str, int]] = []
        keys = []
        for number, term in enumerate(terms):
            folded = term.key
            keys.append(folded)
            self.exact.setdefault(folded, number)
            if term.prefix:
                self.prefixes.append((folded, number))
        self.pattern = _candidates(tuple(keys))

    def hits(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, index of the term) of each matching word of ``text``, in order, at
        most :data:`MAX_HITS`."""
        found: list[tuple[int, int, int]] = []
        exact, prefixes = self.exact, self.prefixes
        for match in self.pattern.finditer(text):
            folded = key(match.group())
            number = exact.get(folded)
            if number is None:
                number = next((n for k, n in prefixes if folded.startswith(k)), None)
            if number is not None:
                found.append((match.start(), match.end(), number))
                if len(found) == MAX_HITS:
                    break
        return found


def _window(text: str, hits: list[tuple[int, int, int]]) -> tuple[int, int]:
    """(where the snippet's text starts, where its first word starts): the window of
    :data:`TOKENS` words with the most different terms, then the most matches, the
    earliest; the matches it holds centred in it."""
    if not hits:
        return 0, 0
    # The number of each matching word among the text's words (counted by C code).
    numbers, counted, at = [], 0, 0
    for begin, end, _ in hits:
        counted += len(_TOKEN.findall(text, at, begin))
        numbers.append(counted)
        counted += 1
        at = end
    best: tuple[int, int, int] | None = None
    best_place, spread = 0, 1
    inside: dict[int, int] = {}  # term: its matches in the window, which slides
    stop = 0
    for place, first in enumerate(numbers):
        while stop < len(numbers) and numbers[stop] < first + TOKENS:
            inside[hits[stop][2]] = inside.get(hits[stop][2], 0) + 1
            stop += 1
        score = (len(inside), stop - place, -first)
        if best is None or score > best:
            best, best_place = score, place
            spread = numbers[stop - 1] - first + 1
        term = hits[place][2]
        inside[term] -= 1
        if not inside[term]:
            del inside[term]
    back = (TOKENS - spread) // 2
    anchor = hits[best_place][0]
    before = _words_before(text, anchor, back)
    start = before[0] if before else anchor
    return (0, start) if _at_start(text, start) else (start, start)


def _words_before(text: str, anchor: int, count: int) -> list[int]:
    """Where each of the ``count`` words before ``anchor`` start (fewer at the text's start)."""
    if count <= 0:
        return []
    width = 32 * count
    while True:
        begin = max(0, anchor - width)
        starts = [m.start() for m in _TOKEN.finditer(text, begin, anchor)]
        if begin > 0 and starts and starts[0] == begin and _wordy(text[begin - 1]):
            starts = starts[1:]  # a word cut by the slice
        if len(starts) >= count or begin == 0:
            return starts[-count:]
        width *= 4


def _at_start(text: str, start: int) -> bool:
    """Whether no word comes before ``start``: the snippet then shows the text from its start."""
    return _TOKEN.search(text, 0, start) is None


def _wordy(char: str) -> bool:
    return _TOKEN.fullmatch(char) is not None


@lru_cache(maxsize=256)
def _candidates(keys: tuple[str, ...]) -> re.Pattern[str]:
    """Words that may match one of ``keys``: their start written in any case, with or
    without accents (ß for ss…); each is then compared exactly (:func:`key`)."""
    classes, pairs = _letters()
    alternatives = []
    for word in dict.fromkeys(k for k in keys if k):
        parts, index = [], 0
        while index < len(word):
            char, two = word[index], word[index : index + 2]
            one = "[" + "".join(re.escape(c) for c in sorted(classes.get(char, {char}))) + "]"
            if len(two) == 2 and two in pairs:
                other = "".join(re.escape(c) for c in sorted(classes.get(two[1], {two[1]})))
                joined = "".join(re.escape(c) for c in sorted(pairs[two]))
                parts.append(f"(?:{one}[{other}]|[{joined}])")
                index += 2
            else:
                parts.append(one)
                index += 1
        alternatives.append("".join(parts))
    if not alternatives:
        return re.compile(r"(?!)")
    return re.compile(r"(?<![^\W_])(?=" + "|".join(alternatives) + r")[^\W_]+")


@lru_cache(maxsize=1)
def _letters() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """{letter as compared: every letter compared as it} and {two letters: one letter
    compared as both (ß: ss)}, for Latin, Greek and Cyrillic and the Latin ligatures."""
    classes: dict[str, set[str]] = {}
    pairs: dict[str, set[str]] = {}
    codes = [*range(0x30, 0x0530), *range(0x1E00, 0x2000), *range(0xFB00, 0xFB07)]
    for code in codes:
        char = chr(code)
        if not char.isalnum():
            continue
        folded = key(char)
        if len(folded) == 1:
            classes.setdefault(folded, {folded}).add(char)
        elif len(folded) == 2:
            pairs.setdefault(folded, set()).add(char)
    return classes, pairs
