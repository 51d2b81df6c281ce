"""Every rule prints clearly: the answer lines of a question sheet, the signature line of a
letter and the footer's rule are solid black lines of at least 0.5 pt, the same on every
page; none is a hairline fill that prints light grey. Read from the PDF's drawing."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.core.reports.model import (
    Footer,
    Paragraph,
    Question,
    Report,
    Section,
    SignatureLine,
)
from dossier.reports.layout import write_report
from tests.reports.pdf_reading import page_count, strokes

FOOTER = Footer("Margaret Lindqvist", "23 April 1958", "22 November 2026", "page {n} of {m}")


def sheet(questions: int = 24) -> Report:
    asked = tuple(
        Question(i, f"Question {i}: what happens if we wait another three months?", "treatment")
        for i in range(1, questions + 1)
    )
    other = Question(None, "Other notes", answer_lines=6)
    return Report("questions", "Questions for the consultation", FOOTER,
                  sections=(Section("Treatment", (*asked, other)),))  # fmt: skip


def letter() -> Report:
    body = tuple(Paragraph("I ask for a complete copy of my records. " * 8) for _ in range(3))
    return Report("request_letter", "", FOOTER,
                  sections=(Section(None, (*body, SignatureLine("Margaret Lindqvist"))),))  # fmt: skip


@pytest.mark.parametrize("large", [False, True])
def test_answer_lines_are_black_and_the_same_on_every_page(tmp_path: Path, large: bool) -> None:
    out = tmp_path / "questions.pdf"
    write_report(sheet(), out, large_print=large)
    pages = page_count(out)
    assert pages >= 3
    lines_per_page = []
    widths = set()
    for page in range(pages):
        stroked, filled = strokes(out, page)
        assert not [f for f in filled if f.top - f.bottom < 0.5 and f.right - f.left > 50]
        rules = [s for s in stroked if s.right - s.left > 300]  # across the body
        assert rules and all(s.black for s in rules)
        widths |= {round(s.width, 2) for s in rules}
        lines_per_page.append(len(rules))
    assert min(widths) >= 0.5 and len(widths) == 1, widths
    assert sum(lines_per_page) == 24 * 4 + 6 + pages  # the answer lines, one per footer


def test_the_signature_line_is_black(tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    write_report(letter(), out)
    stroked, filled = strokes(out, page_count(out) - 1)
    assert not [f for f in filled if f.top - f.bottom < 0.5 and f.right - f.left > 50]
    signature = [s for s in stroked if 150 < s.right - s.left < 300]  # 45% of the body
    assert len(signature) == 1
    assert signature[0].black and signature[0].width >= 0.5
