"""The hard dossier's printouts, read as the consulting specialist would read them.

Every report kind (brief, question sheet, comparison, request letter, document index,
packet), on A4 and Letter, in plain and large print: the patient identified on every page
(as pdfium and as poppler read the footer), the brief within two pages, the question
whole, no short table row split across pages, no text cut without saying where the rest
is. The contents checks (physical items, locked files, diagnoses' status, the letter, large
print, the command line) are in test_hard_contents.py.
"""

from __future__ import annotations

import re

import pytest

from tests.hard_dossier import QUESTION, QUESTION_TAIL, Hard
from tests.hard_prints import (
    VARIANTS,
    Prints,
    body,
    every,
    footer_problems,
    has_word,
    own_pages,
    squeezed,
)
from tests.pdf_reading import ENGINES, PageText

# "…" (or "...") is allowed when, close after it or just before it, the reader is told
# where the rest is.
POINTER = re.compile(
    r"full text|in full|document index|see (the )?index|in the index|see page|on page \d|"
    r"continued|continues|listed in",
    re.I,
)
AFTER, BEFORE = 250, 120  # characters searched for a pointer around a "…"


@pytest.mark.parametrize(("kind", "paper", "print_"), every())
@pytest.mark.parametrize("engine", ENGINES)
def test_every_page_names_the_patient_in_its_footer(
    prints: Prints, kind: str, paper: str, print_: str, engine: str
) -> None:
    pages = prints.get(kind, paper, print_).pages(engine)
    problems = footer_problems(pages)
    assert not problems, f"{len(problems)} of {len(pages)} pages: " + "; ".join(problems[:3])


@pytest.mark.parametrize(("paper", "print_"), VARIANTS)
def test_the_brief_is_at_most_two_pages(prints: Prints, paper: str, print_: str) -> None:
    """Two pages; in large print (type half as large again) the same brief in up to four."""
    pages = prints.get("brief", paper, print_).pages()
    own = own_pages(pages)
    most = 4 if print_ == "large" else 2
    assert len(own) <= most, f"the brief takes {len(own)} pages (with its appendix {len(pages)})"


@pytest.mark.parametrize(("kind", "paper", "print_"), every("brief", "comparison"))
def test_the_question_prints_whole(prints: Prints, kind: str, paper: str, print_: str) -> None:
    text = body(prints.get(kind, paper, print_).pages())
    assert squeezed(QUESTION_TAIL) in squeezed(text), "the question's last words are missing"
    assert squeezed(QUESTION) in squeezed(text), "the question is not printed whole"


@pytest.mark.parametrize(("kind", "paper", "print_"), every("questions", "packet"))
def test_every_question_prints_whole(
    prints: Prints, hard: Hard, kind: str, paper: str, print_: str
) -> None:
    # Their last words: a right-to-left sentence inside comes out of the PDF reordered.
    text = squeezed(body(prints.get(kind, paper, print_).report_pages()))
    cut = [n for n in range(1, 41) if squeezed(hard.tails[f"question {n}"]) not in text]
    assert not cut, f"questions {cut} are not printed whole"


@pytest.mark.parametrize(("paper", "print_"), VARIANTS)
def test_each_opinion_prints_whole_in_the_comparison(
    prints: Prints, hard: Hard, paper: str, print_: str
) -> None:
    text = squeezed(body(prints.get("comparison", paper, print_).pages()))
    lost = [what for what, end in hard.tails.items() if what.startswith("opinion")]
    lost = [what for what in lost if squeezed(hard.tails[what]) not in text]
    assert not lost, f"cut before their last words: {lost}"


def _split_rows(pages: list[PageText], rows: list[tuple[str, str]]) -> list[str]:
    split = []
    for first, last in rows:
        firsts = {i for i, p in enumerate(pages) if has_word(p.body, first)}
        lasts = {i for i, p in enumerate(pages) if has_word(p.body, last)}
        if firsts and lasts and not firsts & lasts:
            split.append(f"{first} … {last} (pages {sorted(firsts)} and {sorted(lasts)})")
    return split


@pytest.mark.parametrize(("kind", "paper", "print_"), every("index", "brief"))
def test_no_table_row_is_split_across_pages(
    prints: Prints, hard: Hard, kind: str, paper: str, print_: str
) -> None:
    pages = prints.get(kind, paper, print_).pages()
    rows = hard.index_rows + (hard.brief_rows if kind == "brief" else [])
    text = body(pages)
    if kind == "index":
        missing = [
            r for r in hard.index_rows if not (has_word(text, r[0]) and has_word(text, r[1]))
        ]
        assert not missing, f"rows missing from the index (or words broken): {missing}"
    else:
        missing = [r for r in hard.brief_rows if not has_word(text, r[0])]
        assert not missing, f"diagnoses missing from the brief: {missing}"
    split = _split_rows(pages, rows)
    assert not split, f"{len(split)} rows split across pages: " + "; ".join(split[:4])


def _cuts(pages: list[PageText]) -> list[str]:
    """Each "…" (or "...") in a page's body with no pointer to the rest near it."""
    found = []
    for n, page in enumerate(pages, start=1):
        text = page.body.replace("…", "...")
        for match in re.finditer(r"\.\.\.", text):
            near = text[max(0, match.start() - BEFORE) : match.end() + AFTER]
            if not POINTER.search(near):
                found.append(f"page {n}: {text[max(0, match.start() - 40) : match.end()]!r}")
    return found


@pytest.mark.parametrize(("kind", "paper", "print_"), every())
def test_no_text_is_cut_without_saying_where_the_rest_is(
    prints: Prints, kind: str, paper: str, print_: str
) -> None:
    cuts = _cuts(prints.get(kind, paper, print_).pages())
    assert not cuts, f"{len(cuts)} texts cut with no pointer: " + "; ".join(cuts[:4])
