"""What a typed or pasted text is searched for: a few words, each safe for FTS5.

A person types a word or three while the results follow; someone else pastes a
paragraph of a letter, or a megabyte by mistake. Each must be searched within a
few milliseconds, and must say what was searched for when that is not simply what
was typed. So:

* only the first :data:`MAX_CHARS` characters are read, and only letters and
  digits make words: nothing of FTS5's syntax (quotes, NEAR, AND/OR/NOT, column
  filters, ``*``, ``^``, parentheses) survives, and punctuation, NUL and control
  characters separate words as spaces do;
* each distinct word is one term; a word longer than :data:`MAX_WORD` letters is
  matched by its start;
* a short query (up to :data:`MAX_TERMS` distinct words) keeps every word, and
  its last word matches as a prefix while it is being typed; one-letter words
  count only beside a longer one, and never as a prefix (one letter would find
  nearly every page); a word is a prefix from :data:`MIN_PREFIX` letters on (two
  letters begin most words of a large dossier, and have no index of their own);
* a long text is searched for its :data:`MAX_TERMS` rarest words in the dossier:
  the frequency of its :data:`PROBED` longest words is looked up (a tenth of a
  millisecond each), words the dossier does not hold are left out, and the
  document that holds the paragraph comes first;
* very common words (on :data:`COMMON` rows or more) cost the most to rank, so at
  most :data:`MAX_COMMON` of them are kept, the longest.

:func:`read` finds the words; :func:`choose` decides, given a frequency function;
:class:`Query` carries the decision, its FTS5 text and the words to say about it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from .i18n import tr
from .searchindex import fold

MAX_CHARS = 4000  # characters of a query read: a typed query is far shorter, a page longer
MAX_TERMS = 10  # distinct words searched for at most
MAX_WORD = 40  # letters of a word; a longer one is matched by its first MAX_WORD
MIN_PREFIX = 3  # letters of a typed word for it to match longer ones (schema_search)
PROBED = 20  # words of a long text whose frequency is looked up (the longest)
COMMON = 2000  # rows a word is on to count as very common (as search.CANDIDATES)
MAX_COMMON = 2  # very common words searched for at most
ANY_ROWS = 500  # rows ranked at most when no row has every word of a long text

_WORD = re.compile(r"[^\W_]+")  # letters and digits: what the unicode61 tokenizer keeps


@dataclass(frozen=True)
class Term:
    """One word searched for, as typed (after NFKC), at most :data:`MAX_WORD` letters."""

    word: str
    prefix: bool = False  # also matches longer words: the word being typed, or a cut one

    @property
    def key(self) -> str:
        """The word as the index compares it: no case, no accents, ß as ss."""
        return _key(self.word)

    def fts(self) -> str:
        """The term in FTS5 syntax: a quoted string (a word holds no quote), or two."""
        star = "*" if self.prefix else ""
        plain = fold(self.word)
        # "Weiß" is indexed as typed and, in the alt column, as "weiss": look for both.
        if plain != self.word:
            return f'("{self.word}"{star} OR "{plain}"{star})'
        return f'"{self.word}"{star}'


@dataclass(frozen=True)
class Words:
    """The distinct words of a text, in order, and whether the text had more than these."""

    terms: tuple[Term, ...]
    cut: bool  # the text was longer than MAX_CHARS

    @property
    def long(self) -> bool:
        return self.cut or len(self.terms) > MAX_TERMS


@dataclass(frozen=True)
class Query:
    """What one search looked for, and how to say it when it is not what was typed."""

    terms: tuple[Term, ...]  # in the order of the text
    shortened: bool = False  # a long text: only its rarest words were searched for
    left_out: tuple[str, ...] = ()  # very common words not searched for
    any_term: bool = False  # no row had every term: rows with the most of them first
    looked_up: int = 0  # words of a long text whose frequency was looked up (the longest)

    def fts(self) -> str:
        """The FTS5 query: every term (or, with :attr:`any_term`, any of them)."""
        return (" OR " if self.any_term else " AND ").join(t.fts() for t in self.terms)

    def words(self) -> list[str]:
        return [t.word + ("…" if t.prefix else "") for t in self.terms]

    def shown(self) -> str:
        """The words searched for, for a message ("Nothing found for …")."""
        return " ".join(t.word for t in self.terms)

    def explanation(self) -> str:
        """Plain sentences when the search is not simply what was typed; else ""."""
        if not self.terms:
            if self.shortened and self.looked_up:
                return tr("The text is long, and the dossier has none of its longest words.")
            return tr("Nothing to search for: type a word of two letters or more.")
        lines = []
        words = ", ".join(self.words())
        if self.shortened:
            lines.append(
                tr(
                    "The text is long: searched for {count} of its words, the rarest in the "
                    "dossier: {words}.",
                    count=len(self.terms),
                    words=words,
                )
            )
        if self.left_out:
            lines.append(
                tr(
                    "Searched for {words}; very common words left out: {left_out}.",
                    words=words,
                    left_out=", ".join(self.left_out),
                )
            )
        if self.any_term:
            lines.append(tr("No page has all of them: those with the most come first."))
        return " ".join(lines)

    def as_dict(self) -> dict[str, object]:
        return {
            "terms": [t.word for t in self.terms],
            "prefix": [t.word for t in self.terms if t.prefix],
            "shortened": self.shortened,
            "left_out": list(self.left_out),
            "any_term": self.any_term,
            "explanation": self.explanation(),
        }


def short_start(text: str) -> str | None:
    """The word being typed at the end of ``text`` when it is too short to be matched as
    the start of longer words (two letters: see :data:`MIN_PREFIX`), else None. Used to
    say so when nothing was found: "ra" finds the word "ra", "rad" finds "radiology"."""
    head = unicodedata.normalize("NFKC", text[:MAX_CHARS])
    if len(text) > MAX_CHARS or head[-1:].isspace():
        return None
    found: list[str] = _WORD.findall(head)
    if found and 1 < len(found[-1]) < MIN_PREFIX and head.endswith(found[-1]):
        return found[-1]
    return None


def read(text: str, *, prefix: bool = True) -> Words:
    """The distinct words of ``text`` (of its first :data:`MAX_CHARS` characters), in order.

    The last word, of :data:`MIN_PREFIX` letters or more, is a prefix when ``prefix`` is
    set and the text does not end in a space (the person is still typing it), or when the
    text was cut inside it.
    """
    cut = len(text) > MAX_CHARS
    head = unicodedata.normalize("NFKC", text[:MAX_CHARS])
    found = _WORD.findall(head)
    if cut:
        open_end = _WORD.fullmatch(text[MAX_CHARS - 1 : MAX_CHARS + 1]) is not None
    else:
        open_end = prefix and not head[-1:].isspace()
    terms: dict[str, Term] = {}
    last = len(found) - 1
    for word in dict.fromkeys(found[:last]):  # each spelling once
        term = Term(word[:MAX_WORD], prefix=len(word) > MAX_WORD)
        terms.setdefault(term.key, term)
    if found:
        word = found[last]
        term = Term(
            word[:MAX_WORD], prefix=len(word) > MAX_WORD or (open_end and len(word) >= MIN_PREFIX)
        )
        terms.setdefault(term.key, term)
    return Words(tuple(terms.values()), cut)


def choose(words: Words, frequency: Callable[[Term], int]) -> Query:
    """What to search for: see the module's docstring.

    ``frequency(term)`` is the number of rows the term is on, counted up to
    :data:`COMMON` (anything from :data:`COMMON` on is "very common"); it is asked
    only about a query of more than :data:`MAX_COMMON` words.
    """
    if words.long:
        return _rarest(words, frequency)
    terms = words.terms
    if not any(len(t.key) >= 2 for t in terms):
        return Query(())  # one-letter words alone would find nearly everything
    if len(terms) <= MAX_COMMON:
        return Query(terms)
    common = [t for t in terms if frequency(t) >= COMMON]
    if len(common) <= MAX_COMMON:
        return Query(terms)
    kept = sorted(common, key=lambda t: -len(t.key))[:MAX_COMMON]
    dropped = [t for t in common if t not in kept]
    return Query(
        tuple(t for t in terms if t not in dropped), left_out=tuple(t.word for t in dropped)
    )


def _rarest(words: Words, frequency: Callable[[Term], int]) -> Query:
    """The :data:`MAX_TERMS` rarest words of a long text, of those the dossier holds at all."""
    useful = [t for t in words.terms if len(t.key) >= 2]
    order = {t: i for i, t in enumerate(useful)}
    probed = sorted(useful, key=lambda t: (-len(t.key), order[t]))[:PROBED]
    counts = {t: frequency(t) for t in probed}
    present = sorted(
        (t for t in probed if counts[t] > 0), key=lambda t: (counts[t], -len(t.key), order[t])
    )
    rare = [t for t in present if counts[t] < COMMON][:MAX_TERMS]
    room = min(MAX_COMMON, MAX_TERMS - len(rare))
    chosen = set(rare + [t for t in present if counts[t] >= COMMON][:room])
    return Query(tuple(t for t in useful if t in chosen), shortened=True, looked_up=len(probed))


def any_of(query: Query, frequency: Callable[[Term], int]) -> Query:
    """The fallback of a long text when no row has all its words (a paragraph across a
    page break, a word spelled otherwise): rows with any of its rarest words, as many as
    are together on fewer than :data:`ANY_ROWS` rows, those with the most first."""
    kept: list[Term] = []
    total = 0
    for term in sorted(query.terms, key=frequency):
        total += frequency(term)
        if kept and total >= ANY_ROWS:
            break
        kept.append(term)
    return replace(query, terms=tuple(t for t in query.terms if t in kept), any_term=True)


def _key(word: str) -> str:
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", fold(word).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
