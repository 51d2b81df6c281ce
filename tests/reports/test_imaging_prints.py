"""The imaging studies printed (issue 17): the brief, the document index and the packet of
a case with a few studies (long Hebrew and Russian descriptions, one study carrying another
patient's name) and of a case with 30, in English, Hebrew and the pseudo-language, read
back from the PDF: every study is on paper, nothing is cut, the brief keeps to its two
pages (the index printed after it lists the many), and the contents page's numbers are the
packet's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from dossier.core import records
from dossier.core.i18n import language_scope
from dossier.core.pseudo import CLOSE, OPEN
from dossier.core.reports.brief import MAX_PAGES
from dossier.core.reports.dates import long_date
from dossier.core.reports.model import Report
from dossier.core.reports.packet_plan import PacketPlan
from dossier.core.reports.print_kinds import PrintChoices, print_content
from dossier.reports.layout import report_direction, write_report
from dossier.reports.packet_pdf import render_packet
from tests.imaging_reports import DAY, MANY, Imaging, build_imaging_dossier
from tests.reports.pdf_reading import pdfium_pages, poppler_pages

LONG_RUSSIAN = (
    "КТ органов грудной клетки с внутривенным контрастированием, низкодозовый протокол "
    "скрининга рака лёгкого, сравнение с исследованием 2023 года"
)
LONG_HEBREW = (
    "אולטרסאונד בטן מלאה עם דופלר של כלי הדם בכבד, השוואה לבדיקה הקודמת מ־2024 ובדיקת הטחול והכליות"
)


@pytest.fixture(scope="module")
def imaging(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Imaging]:
    built = build_imaging_dossier(tmp_path_factory.mktemp("imaging-prints"))
    # Descriptions as long as a person may type them (a disc's are at most 64 characters).
    records.update(built.dossier, "study", built.chest, {"description": LONG_RUSSIAN})
    records.update(built.dossier, "study", built.ultrasound, {"description": LONG_HEBREW})
    yield built
    built.dossier.close()


def printed(imaging: Imaging, kind: str, case_id: int, language: str, out: Path) -> list[str]:
    content = print_content(
        imaging.dossier, kind, PrintChoices(case_id), language=language, printed=DAY
    )
    if isinstance(content, PacketPlan):
        render_packet(content, out, language=language)
    else:
        assert isinstance(content, Report)
        write_report(content, out, language=language)
        if language == "he":
            assert report_direction(content) == Qt.LayoutDirection.RightToLeft
    # Nothing cut: every string of the pseudo-language is printed to its end (poppler reads
    # the brackets around a Hebrew description in an English line as printed; pdfium turns
    # some of them round).
    seen = poppler_pages(out)
    assert sum(p.count(OPEN) for p in seen) == sum(p.count(CLOSE) for p in seen)
    return pdfium_pages(out)


def day(language: str, iso: str) -> str:
    with language_scope(language):
        return long_date(date.fromisoformat(iso))


def numbered(text: str) -> set[int]:
    """The n of each "FOLLOW-UP n" in ``text``, the bidi controls poppler adds taken out."""
    plain = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", " ", text)
    return {int(n) for n in re.findall(r"FOLLOW-UP (\d+)(?!\d)", plain)}


def words(text: str) -> set[str]:
    return set(text.replace("\u2068", "").replace("\u2069", "").split())


@pytest.mark.parametrize("language", ["en", "he", "pseudo"])
def test_a_few_studies_on_paper(imaging: Imaging, tmp_path: Path, language: str) -> None:
    brief = printed(imaging, "brief", imaging.case_id, language, tmp_path / "brief.pdf")
    assert len(brief) <= MAX_PAGES
    index = " ".join(printed(imaging, "index", imaging.case_id, language, tmp_path / "i.pdf"))
    packet = printed(imaging, "packet", imaging.case_id, language, tmp_path / "packet.pdf")
    text = " ".join(brief)
    for iso in ("2025-09-10", "2025-11-04", "2026-01-02", "2026-03-12"):
        for seen in (text, index, packet[1]):  # the contents page follows the brief
            assert words(day(language, iso)) <= words(seen), (iso, language)
    for seen in (text, index, packet[1]):
        assert "SCOUT" in seen and "Jansen" in seen  # the warning
        assert {"Amsterdam", "UMC"} <= words(seen)  # pdfium reads a Hebrew line's words
    assert {"Riverside", "General"} <= words(text)  # where the copy went
    assert "скрининга" in index  # the index has the long description whole
    assert "лёгкого" not in text.replace("\u2068", "")  # the brief shortened it


@pytest.mark.parametrize("language", ["en", "he"])
def test_thirty_studies_on_paper(imaging: Imaging, tmp_path: Path, language: str) -> None:
    brief = printed(imaging, "brief", imaging.many_case, language, tmp_path / "brief.pdf")
    # The brief summarises them on its first page; the index printed after it lists each.
    assert "FOLLOW-UP" not in brief[0]
    assert numbered(" ".join(poppler_pages(tmp_path / "brief.pdf")[1:])) == set(range(1, MANY + 1))
    packet_pdf = tmp_path / "packet.pdf"
    plan = print_content(
        imaging.dossier, "packet", PrintChoices(imaging.many_case), language=language
    )
    assert isinstance(plan, PacketPlan)
    result = render_packet(plan, packet_pdf, language=language)
    pages = pdfium_pages(packet_pdf)
    assert result.pages == len(pages)
    # The contents pages (two, for thirty lines) come after the brief and its index; the
    # page they give the question sheet is where the sheet is, the packet's last.
    (_, contents_first), (sheet_title, sheet_first) = result.bookmarks[-2:]
    assert (contents_first, sheet_first) == (3, 5) and sheet_first + 1 == len(pages)
    contents = " ".join(pages[contents_first:sheet_first]) + " "
    # pdfium reads a Latin run in a Hebrew line word by word from the right ("UP-FOLLOW"
    # for what the page shows as "FOLLOW-UP"); poppler reads it as printed.
    follow_ups = " ".join(poppler_pages(packet_pdf)[contents_first:sheet_first])
    assert numbered(follow_ups) == set(range(1, MANY + 1))
    assert f"{sheet_first + 1} {sheet_title}" in contents
