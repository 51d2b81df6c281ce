"""Prose for the search tests: letters of similar words, and paragraphs cut from them."""

from __future__ import annotations

import random

SYLLABLES = "ba ce di fo gu ha ke li mo nu pa re si to vu la me ni ro su ta ve".split()  # noqa: SIM905


def vocabulary(rng: random.Random, size: int = 900) -> list[str]:
    """A few common English words, then made-up ones, most frequent first."""
    words: dict[str, None] = {}
    while len(words) < size:
        words["".join(rng.choices(SYLLABLES, k=rng.randint(2, 5)))] = None
    return ["the", "of", "and", "a", "in", "to", "was", "with", *words]


def page_text(rng: random.Random, words: list[str], chars: int = 3600) -> str:
    """Prose of Zipf-distributed words: a few on every page, most on a handful."""
    weights = [1 / (rank + 1) for rank in range(len(words))]
    out: list[str] = []
    length = 0
    while length < chars:
        sentence = rng.choices(words, weights, k=rng.randint(6, 16))
        text = sentence[0].capitalize() + " " + " ".join(sentence[1:]) + ". "
        out.append(text)
        length += len(text)
    return "".join(out).strip()


def letters(seed: int, documents: int, pages: int) -> list[list[str]]:
    """``documents`` letters of ``pages`` pages each, made of the same vocabulary."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    return [[page_text(rng, words) for _ in range(pages)] for _ in range(documents)]


def paragraph(text: str, start: int, chars: int = 3000) -> str:
    """About ``chars`` characters of ``text`` from ``start``, cut at spaces."""
    begin = text.rfind(" ", 0, start) + 1 if start else 0
    end = text.rfind(" ", 0, begin + chars)
    return text[begin:end]
