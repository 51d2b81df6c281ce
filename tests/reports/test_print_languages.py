"""Every print kind in every language, on the example dossier, read back with pdfium.

In every language: the footer on every page says who and which page in that language
(the name, the date of birth written the language's way, "page N of M" as its catalogue
says it), nothing raises, and no text is cut. In the pseudo-language every heading and
label of the report is in pseudo form (it passed the catalogue). In Hebrew the report is
laid out right to left, its dates are written the Hebrew way and a Latin name stays whole.
Dutch, Ukrainian and Russian are being translated in parallel: only what holds without
their translations is asserted for them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt

from dossier.core import records
from dossier.core.i18n import current_language, is_right_to_left, language_scope, tr
from dossier.core.opening import open_dossier
from dossier.core.pseudo import CLOSE, OPEN
from dossier.core.reports.dates import long_date
from dossier.core.reports.handover_letter import decision
from dossier.core.reports.model import KeyValues, Report, Table
from dossier.core.reports.packet_plan import PacketPlan, ReportPart
from dossier.core.reports.print_kinds import KINDS, PrintChoices, print_content
from dossier.core.storage import Dossier
from dossier.reports.layout import report_direction, write_report
from dossier.reports.packet_pdf import render_packet
from dossier.reports.page_geometry import MARGIN_MM
from tests.reports.pdf_reading import chars, pdfium_pages

LANGUAGES = ("en", "he", "pseudo", "nl", "uk", "ru")
BORN = date(1958, 4, 23)  # the example person's date of birth
MM_POINTS = 72 / 25.4


@pytest.fixture(scope="module")
def comparison_case(demo: Dossier) -> int:
    """The example's case with opinions to compare."""
    return next(
        c["id"]
        for c in records.list_records(demo, "case")
        if len(records.list_records(demo, "opinion", case_id=c["id"])) >= 2
    )


@pytest.fixture(scope="module")
def decided(
    demo: Dossier, demo_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Dossier, int]]:
    """A case with a decision, for the hand-over letter: the example's own, else one
    decided in a copy of the example (the case with opinions compared)."""
    for case in records.list_records(demo, "case"):
        if decision(demo, case["id"]) is not None:
            yield demo, case["id"]
            return
    copy = tmp_path_factory.mktemp("decided") / "dossier"
    shutil.copytree(demo_template, copy)
    opened = open_dossier(copy)
    comparison = records.list_records(opened, "comparison")[0]
    records.update(
        opened,
        "comparison",
        comparison["id"],
        {"decision": "The operation the second doctor advised.", "decided_on": "2026-05-10",
         "decision_reason": "Both doctors agreed it is safe."},
    )  # fmt: skip
    yield opened, comparison["case_id"]
    opened.close()


def printed(
    dossier: Dossier, kind: str, case_id: int, language: str, out: Path
) -> Report | PacketPlan:
    content = print_content(dossier, kind, PrintChoices(case_id), language=language)
    if isinstance(content, PacketPlan):
        render_packet(content, out, language=language)
    else:
        write_report(content, out, language=language)
    return content


def as_seen(out: Path, page: int) -> str:
    """The footer of page ``page`` as it is seen, its letters from left to right (spaces
    left out)."""
    footer = [c for c in chars(out, page) if c.bottom < 45 and c.text.strip()]
    return "".join(c.text for c in sorted(footer, key=lambda c: c.left))


def seen_pages(out: Path) -> list[str]:
    """Each page's text as it is seen. A paragraph that runs on from the page before is
    drawn whole on the new page and clipped at its top margin: pdfium reads the clipped
    lines too, which are not on the paper (and are counted on the page before)."""
    pdf = pdfium.PdfDocument(str(out))
    try:
        tops = [page.get_height() - MARGIN_MM[1] * MM_POINTS for page in pdf]
    finally:
        pdf.close()
    return ["".join(c.text for c in chars(out, n) if c.bottom < top) for n, top in enumerate(tops)]


def words(text: str) -> set[str]:
    return set(text.replace("\u2068", "").replace("\u2069", "").split())


def labels(report: Report) -> list[str]:
    """The report's own words: its title, headings, table headers and key labels."""
    out = [report.title, *(s.heading for s in report.sections)]
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Table):  # not an opinion's column: doctor, place, date
                out.extend(h for h in block.headers if "\n" not in h)
            elif isinstance(block, KeyValues):
                out.extend(key for key, _ in block.items)
    return [label for label in out if label]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_in_every_language(
    demo: Dossier,
    comparison_case: int,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    kind: str,
    language: str,
) -> None:
    case_id = comparison_case if kind == "comparison" else 1
    dossier = demo
    if kind == "handover":  # a letter of a case with a decision
        dossier, case_id = request.getfixturevalue("decided")
    out = tmp_path / f"{kind}.pdf"
    content = printed(dossier, kind, case_id, language, out)
    assert content.language == language
    pages = pdfium_pages(out)
    with language_scope(language):
        born = long_date(BORN)
    name = records.get(demo, "person", 1)["name"]
    for number, text in enumerate(pages, start=1):
        # The footer: who, born when (in the language), which page of how many.
        if is_right_to_left(language):  # pdfium reads a right-to-left line in its own order
            seen = as_seen(out, number - 1)
            assert name.replace(" ", "") in seen, (number, seen)  # a Latin name stays whole
        else:
            assert name in text, (number, text[-200:])
        assert words(born) <= words(text), (number, born)
        with language_scope(language):
            label = tr("page {n} of {m}", n=number, m=len(pages))
        if is_right_to_left(language):
            assert words(label) <= words(text), (number, label)
        else:
            assert label in text, (number, label, text[-200:])
    # Nothing cut: every string of the pseudo-language is printed to its end.
    visible = seen_pages(out)
    assert sum(t.count(OPEN) for t in visible) == sum(t.count(CLOSE) for t in visible)
    assert current_language() == "en"  # the language was the print's only
    if language == "pseudo":
        reports = (
            [p.report for p in content.parts if isinstance(p, ReportPart)]
            if isinstance(content, PacketPlan)
            else [content]
        )
        for report in reports:
            for label in labels(report):
                assert label.startswith(OPEN), (report.kind, label)
            assert report.footer.page_label.startswith(OPEN)
        assert all(OPEN in text for text in pages)
    if language == "he":
        assert "באפריל" in pages[0]  # 23 April 1958, the Hebrew way
        first = content.parts[0].report if isinstance(content, PacketPlan) else content
        assert isinstance(first, Report)
        assert report_direction(first) == Qt.LayoutDirection.RightToLeft
        _title_at_the_right(out)


def _title_at_the_right(out: Path) -> None:
    """The title (the largest type on the first page) ends at the right margin."""
    found = [c for c in chars(out, 0) if c.text.strip()]
    largest = max(c.size for c in found)
    line = [c for c in found if c.size > largest - 0.5]
    pdf = pdfium.PdfDocument(str(out))
    width = pdf[0].get_width()
    pdf.close()
    right_margin = width - MARGIN_MM[2] * MM_POINTS
    assert abs(max(c.left for c in line) - right_margin) < 20, [c.text for c in line]


def test_a_hebrew_date_in_march() -> None:
    with language_scope("he"):
        assert "במרץ" in long_date(date(2026, 3, 14))
