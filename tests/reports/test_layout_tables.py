"""Table rows are never split across pages (the header row repeated on the next page), a
row taller than a page continues without losing a word, and a header word is never broken
in a narrow column ("Page / s"). Read back from the rendered PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dossier.core.reports.model import Footer, Paragraph, Report, Section, Table
from dossier.reports.layout import write_report
from tests.reports.pdf_reading import page_size, pdfium_pages, poppler_pages

FOOTER = Footer("Margaret Lindqvist", "23 April 1958", "22 November 2026", "page {n} of {m}")


def diagnosis_rows(count: int) -> tuple[tuple[str, ...], ...]:
    """Rows of different heights; each row's last cell starts with Rnn< and ends with >Rnn."""
    rows = []
    for i in range(count):
        words = " ".join(["ER/PR positive, HER2 negative;"] * (1 + (i * 5) % 9))
        rows.append((f"{i + 1} March 2030", "confirmed", f"R{i:02d}< {words} >R{i:02d}"))
    return tuple(rows)


def table_report(rows: tuple[tuple[str, ...], ...], *, landscape: bool = False) -> Report:
    lead = tuple(Paragraph("The history so far, in the order it happened. " * 6) for _ in range(3))
    table = Table(("Date", "Status", "Diagnosis"), rows, (2, 2, 6))
    return Report("brief", "Consultation brief", FOOTER, landscape=landscape,
                  sections=(Section("History", lead), Section("Diagnoses", (table,))))  # fmt: skip


def pages_of_row(texts: list[str], row: int) -> tuple[int, int]:
    start = next(n for n, t in enumerate(texts) if f"R{row:02d}<" in t)
    end = next(n for n, t in enumerate(texts) if f">R{row:02d}" in t)
    return start, end


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("large", [False, True])
def test_rows_stay_whole_and_the_header_is_repeated(
    tmp_path: Path, paper: str, large: bool
) -> None:
    out = tmp_path / "table.pdf"
    count = 60
    pages = write_report(table_report(diagnosis_rows(count)), out, paper, large_print=large)
    assert pages >= 3
    for texts in (pdfium_pages(out), poppler_pages(out)):
        assert len(texts) == pages
        for row in range(count):
            start, end = pages_of_row(texts, row)
            assert start == end, (row, start, end)
        for n, text in enumerate(texts):
            if any(f"R{row:02d}<" in text for row in range(count)):
                body = text.split("Consultation brief")[-1]
                assert re.search(r"Date Status Diagnosis", body), n  # the header on every page


def test_a_row_taller_than_a_page_continues_with_every_word(tmp_path: Path) -> None:
    """A 3,000-character opinion in the landscape comparison: nothing is cut."""
    words = [f"w{i:04d}" for i in range(450)]
    opinion = " ".join(words)
    rows = (("Recommended treatment", opinion, "the same"),
            ("Risks", "Short.", "different"))  # fmt: skip
    report = Report("comparison", "Comparison of opinions", FOOTER, landscape=True,
                    sections=(Section(None, (Table(("Aspect", "Dr. A", "Verdict"), rows,
                                                   (2, 8, 2)),)),))  # fmt: skip
    out = tmp_path / "comparison.pdf"
    pages = write_report(report, out, "a4")
    assert pages >= 2
    assert page_size(out) == (842.0, 595.0)
    for texts in (pdfium_pages(out), poppler_pages(out)):
        joined = " ".join(texts)
        found = re.findall(r"w\d{4}", joined)
        # Every word, in order. Qt draws the row's last line of a page again under the
        # header it repeats on the next page, hidden there but read by text extraction.
        assert sorted(set(found)) == words and found[:300] == words[:300]
        assert "Risks" in texts[-1]


def test_a_header_word_is_never_broken_in_a_narrow_column(tmp_path: Path) -> None:
    rows = tuple((f"Document number {i} about the knee", "letter", str(i)) for i in range(5))
    report = Report("index", "Document index", FOOTER, large_print=True,
                    sections=(Section(None, (Table(("Title", "Kind", "Pages"), rows,
                                                   (30, 8, 1)),)),))  # fmt: skip
    out = tmp_path / "index.pdf"
    write_report(report, out)
    for texts in (pdfium_pages(out), poppler_pages(out)):
        assert "Pages" in texts[0].split(), texts[0][:200]
