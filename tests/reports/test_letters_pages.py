"""The three letters printed and read back with pdfium: one page each, for a typical case
and for a hard one (a 2,000-character question, a 3,000-character reason, long names in
three scripts), on A4 and Letter; the patient named in every page's footer; the
signature line; the cover letter's question whole; nothing cut without saying the full
text can be had; the hand-over letter followed by its enclosure's pages (a stand-in page
for a file that is gone), and no contents page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.reports.packet_plan import PacketPlan
from dossier.core.reports.print_kinds import PrintChoices, print_content
from dossier.reports.layout import write_report
from dossier.reports.packet_pdf import render_packet
from tests.hard_dossier import FIRST_NAME, LAST_NAME, QUESTION_TAIL
from tests.letters_dossier import (
    HARD_ENDS,
    REPORT_PAGE_ONE,
    REPORT_PAGE_TWO,
    TYPICAL_QUESTION,
    Letters,
    build_letters,
)
from tests.pdf_reading import PageText, pdfium_pages

DAY = date(2026, 5, 12)
KINDS = ("cover-letter", "tell-first-doctor", "handover")
NOTED = "(full text on request)"


@pytest.fixture(scope="module")
def typical(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Letters]:
    built = build_letters(tmp_path_factory.mktemp("typical") / "dossier", hard=False)
    yield built
    built.dossier.close()


@pytest.fixture(scope="module")
def hard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Letters]:
    built = build_letters(tmp_path_factory.mktemp("hard") / "dossier", hard=True)
    yield built
    built.dossier.close()


def printed(
    letters: Letters, kind: str, out: Path, *, paper: str = "a4", language: str = "en",
    large: bool = False,
) -> tuple[list[PageText], int]:  # fmt: skip
    """The letter's pages read back, and how many of them are the letter's own."""
    choices = PrintChoices(letters.case, large_print=large)
    content = print_content(letters.dossier, kind, choices, language=language, printed=DAY)
    if isinstance(content, PacketPlan):
        result = render_packet(content, out, paper, language=language)
        own = result.bookmarks[1][1] if len(result.bookmarks) > 1 else result.pages
    else:
        own = write_report(content, out, paper, large_print=large, language=language)
    return pdfium_pages(out), own


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u2068", "").replace("\u2069", ""))


def footer_problems(pages: list[PageText], name: tuple[str, ...]) -> list[str]:
    problems = []
    for n, page in enumerate(pages, start=1):
        foot = page.footer
        wanted = (*name, "born 2 April 1961", "printed 12 May 2026", f"page {n} of {len(pages)}")
        missing = [w for w in wanted if w not in foot]
        if missing:
            problems.append(f"page {n}: no {missing} in {foot!r}")
    return problems


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_typical_letter_is_one_page(
    typical: Letters, tmp_path: Path, kind: str, paper: str
) -> None:
    pages, own = printed(typical, kind, tmp_path / "letter.pdf", paper=paper)
    assert own == 1, f"{kind} takes {own} pages"
    assert not footer_problems(pages, ("Sarah Levi-Cohen",))
    body = " ".join(p.body for p in pages[:own])
    assert NOTED not in body  # nothing of a typical case is shortened
    assert "Yours sincerely," in body and body.rstrip().endswith("Sarah Levi-Cohen")
    assert squeezed(TYPICAL_QUESTION) in squeezed(body)


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_hard_letter_is_one_page_and_says_what_it_shortened(
    hard: Letters, tmp_path: Path, kind: str, paper: str
) -> None:
    pages, own = printed(hard, kind, tmp_path / "letter.pdf", paper=paper)
    assert own == 1, f"{kind} takes {own} pages"
    assert not footer_problems(pages, (FIRST_NAME, LAST_NAME))
    body = " ".join(p.body for p in pages[:own])
    assert "Yours sincerely," in body and LAST_NAME in body[-200:]  # the signature line
    if kind == "cover-letter":
        assert squeezed(QUESTION_TAIL) in squeezed(body)  # the question whole, always
    ends = {"cover-letter": ("motive",),
            "handover": ("decision", "reason", "next", "first advice", "second advice")}  # fmt: skip
    for what in ends.get(kind, ()):
        end = HARD_ENDS[what]
        assert end in body or NOTED in body, f"{what}: cut without saying so"


@pytest.mark.parametrize("kind", KINDS)
def test_a_hard_letter_in_large_print_takes_at_most_two_pages(
    hard: Letters, tmp_path: Path, kind: str
) -> None:
    pages, own = printed(hard, kind, tmp_path / "letter.pdf", large=True)
    assert own <= 2
    assert not footer_problems(pages, (FIRST_NAME, LAST_NAME))


@pytest.mark.parametrize("kind", KINDS)
def test_a_hard_letter_in_hebrew_is_one_page(hard: Letters, tmp_path: Path, kind: str) -> None:
    pages, own = printed(hard, kind, tmp_path / "letter.pdf", language="he")
    assert own == 1
    assert all("1961" in p.footer for p in pages)


def test_the_handover_letter_is_followed_by_the_report(typical: Letters, tmp_path: Path) -> None:
    pages, own = printed(typical, "handover", tmp_path / "handover.pdf")
    assert own == 1 and len(pages) == 3
    assert "Enclosed: the written report of Dr. Ingrid Halvorsen" in pages[0].body
    assert REPORT_PAGE_ONE in pages[1].body and REPORT_PAGE_TWO in pages[2].body
    assert not any("Contents" in p.body for p in pages)
    assert not footer_problems(pages, ("Sarah Levi-Cohen",))


def test_an_enclosure_whose_file_is_gone_gets_a_page_saying_so(
    typical: Letters, tmp_path: Path
) -> None:
    d = typical.dossier
    stored = d.vault.path_for(str(records.get(d, "document", typical.report)["sha256"]))
    kept = stored.read_bytes()
    stored.unlink()
    try:
        pages, own = printed(typical, "handover", tmp_path / "handover.pdf")
    finally:
        stored.write_bytes(kept)
    assert own == 1 and len(pages) == 2
    assert "could not be included" in pages[1].body
    assert not footer_problems(pages, ("Sarah Levi-Cohen",))
