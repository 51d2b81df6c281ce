"""Every block and table cell is laid out in the report's direction (left to right for now),
not in the direction of its first letter: Hebrew inside English and English inside Hebrew
keep their places in a paragraph, a table cell and the footer. Positions of the words are
read from the PDF with pdfium."""

from __future__ import annotations

from pathlib import Path

from dossier.core.reports.model import Footer, KeyValues, Paragraph, Report, Section, Table
from dossier.reports.layout import write_report
from tests.reports.pdf_reading import Char, chars, where

FOOTER = Footer("מרים לוי-שטרן Levy-Stern", "23 April 1958", "22 November 2026",
                "page {n} of {m}")  # fmt: skip
# A paragraph that starts with a Hebrew name: laid out right to left, "recommends" would
# come first on the left.
HEBREW_FIRST = "מרים לוי-שטרן (Dr. Miriam Levy-Stern) recommends surgery."
# English inside a Hebrew sentence: in a left-to-right block the first Hebrew word (with
# ב) is left of the English, the last (with ע) right of it.
ENGLISH_INSIDE = "בוקר Miriam Levy עונה"
SHORT = "מרים לוי (Dr. Levy) agrees."  # fits a table cell on one line
LEFT_MARGIN = 18 * 72 / 25.4


def report() -> Report:
    rows = ((SHORT, ENGLISH_INSIDE),)
    return Report("brief", "", FOOTER, sections=(
        Section(None, (Paragraph(HEBREW_FIRST), Paragraph(ENGLISH_INSIDE))),
        Section(None, (Table(("Doctor", "Said"), rows),)),
        Section(None, (KeyValues((("Doctor", HEBREW_FIRST),)),)),
    ))  # fmt: skip


def letter(found: list[Char], letter: str, *, nth: int) -> Char:
    return [c for c in found if c.text == letter][nth]


def test_hebrew_first_and_english_inside_stay_left_to_right(tmp_path: Path) -> None:
    out = tmp_path / "brief.pdf"
    write_report(report(), out)
    found = chars(out, 0)
    for nth, last in enumerate(["recommends", "agrees", "recommends"]):
        # the paragraph, the table cell, the key-value cell
        mem = letter(found, "מ", nth=nth)  # the Hebrew name, first in its text
        doctor = where(found, "Dr.", nth=nth)
        after = where(found, last, nth=1 if nth == 2 else 0)
        assert abs(mem.bottom - doctor.bottom) < 2 and abs(doctor.bottom - after.bottom) < 2
        assert mem.left < doctor.left < after.left, nth
    for nth in range(2):  # the paragraph, the table cell
        bet, ayin = letter(found, "ב", nth=nth), letter(found, "ע", nth=nth)
        miriam = where(found, "Miriam Levy ", nth=nth)
        assert bet.left < miriam.left < ayin.left, nth
    first = letter(found, "מ", nth=0)
    line = [c for c in found if c.text.strip() and abs(c.bottom - first.bottom) < 3]
    assert abs(min(c.left for c in line) - LEFT_MARGIN) < 3  # at the left margin


def test_the_footer_stays_left_to_right(tmp_path: Path) -> None:
    out = tmp_path / "brief.pdf"
    write_report(report(), out)
    found = chars(out, 0)
    footer = [c for c in found if c.bottom < 40]
    hebrew = [c for c in footer if "\u05d0" <= c.text <= "\u05ea"]
    levy, born = where(footer, "Levy-Stern"), where(footer, "born")
    printed, page = where(footer, "printed"), where(footer, "page 1")
    # The name, isolated, is set in its own direction (it starts in Hebrew) on the left.
    assert max(c.left for c in hebrew) < born.left and levy.left < born.left
    assert born.left < printed.left < page.left
    assert abs(min(c.left for c in footer) - LEFT_MARGIN) < 3
