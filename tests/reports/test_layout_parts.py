"""A report's appendix prints after it in the same PDF, each from a new page with its own
title and orientation, the page numbers running on; a report with ``max_pages`` prints the
first of its shorter versions that fits, else the last."""

from __future__ import annotations

from pathlib import Path

from dossier.core.reports.model import Footer, Paragraph, Report, Section, Table
from dossier.reports.layout import write_report
from tests.reports.pdf_reading import page_count, page_size, pdfium_pages, poppler_pages

FOOTER = Footer("Margaret Lindqvist", "23 April 1958", "22 November 2026", "page {n} of {m}")
TEXT = "What the doctors found, and what they advise, in plain words. " * 10


def long_report(title: str, pages: int, **fields: object) -> Report:
    paragraphs = tuple(Paragraph(TEXT) for _ in range(8 * pages))
    return Report("brief", title, FOOTER, sections=(Section("History", paragraphs),),
                  **fields)  # type: ignore[arg-type]  # fmt: skip


def index(title: str, *, landscape: bool = False) -> Report:
    rows = tuple((f"{i} May 2030", f"Letter {i}", "2") for i in range(1, 6))
    return Report("index", title, FOOTER, landscape=landscape,
                  sections=(Section(None, (Table(("Date", "Title", "Pages"), rows),)),))  # fmt: skip


def test_the_appendix_follows_with_page_numbers_running_on(tmp_path: Path) -> None:
    report = long_report("Consultation brief", 2, appendix=(
        index("Document index"), index("Comparison of opinions", landscape=True)))  # fmt: skip
    out = tmp_path / "brief.pdf"
    pages = write_report(report, out)
    assert pages == page_count(out) >= 4
    for texts in (pdfium_pages(out), poppler_pages(out)):
        for n, text in enumerate(texts, start=1):
            assert f"page {n} of {pages}" in text and "born 23 April 1958" in text
        assert texts[-2].startswith("Document index") and "Consultation brief" not in texts[-2]
        assert texts[-1].startswith("Comparison of opinions")
    assert page_size(out, 0) == (595.0, 842.0)
    assert page_size(out, pages - 2) == (595.0, 842.0)
    assert page_size(out, pages - 1) == (842.0, 595.0)  # its own orientation


def pages_of(report: Report, tmp_path: Path) -> int:
    return write_report(report, tmp_path / "alone.pdf")


def test_the_first_shorter_version_that_fits_is_printed(tmp_path: Path) -> None:
    two, one = long_report("Brief, shorter", 2), long_report("Brief, shortest", 1)
    limit = pages_of(two, tmp_path)
    assert pages_of(one, tmp_path) < limit < pages_of(long_report("Brief, whole", 4), tmp_path)
    report = long_report("Brief, whole", 4, max_pages=limit, shorter=(two, one),
                         appendix=(index("Document index"),))  # fmt: skip
    out = tmp_path / "brief.pdf"
    pages = write_report(report, out)
    texts = pdfium_pages(out)
    assert texts[0].startswith("Brief, shorter") and pages == limit + 1
    assert texts[-1].startswith("Document index") and f"page {pages} of {pages}" in texts[-1]


def test_the_last_shorter_version_when_none_fits(tmp_path: Path) -> None:
    last = long_report("Brief, last", 2)
    report = long_report("Brief, whole", 4, max_pages=1,
                         shorter=(long_report("Brief, shorter", 3), last))  # fmt: skip
    out = tmp_path / "brief.pdf"
    assert write_report(report, out) == pages_of(last, tmp_path) > 1
    assert pdfium_pages(out)[0].startswith("Brief, last")


def test_a_report_that_fits_is_printed_as_it_is(tmp_path: Path) -> None:
    whole = long_report("Brief, whole", 1)
    limit = pages_of(whole, tmp_path)
    report = long_report("Brief, whole", 1, max_pages=limit, shorter=(long_report("Short", 1),))
    out = tmp_path / "brief.pdf"
    write_report(report, out)
    assert pdfium_pages(out)[0].startswith("Brief, whole")
    # Large print: the type is half as large again, and the same report may take up to
    # twice its pages rather than say less.
    assert write_report(report, out, large_print=True) <= 2 * limit
    assert pdfium_pages(out)[0].startswith("Brief, whole")
