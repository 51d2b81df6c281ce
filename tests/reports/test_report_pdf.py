"""Reports rendered to PDF and read back: text, page counts and sizes, the footer on every
page, the packet's bookmarks, and the stand-in page for files that cannot be included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
from pypdf import PdfReader

from dossier.core import records
from dossier.core.reports.brief import consultation_brief
from dossier.core.reports.comparison import comparison_report
from dossier.core.reports.document_index import document_index
from dossier.core.reports.packet_plan import packet_plan
from dossier.core.reports.question_sheet import question_sheet
from dossier.core.reports.request_letter import request_letter
from dossier.core.storage import Dossier
from dossier.reports.layout import write_report
from dossier.reports.packet_pdf import render_packet
from tests.report_dossiers import HEBREW_NAME

PRINTED = date(2026, 11, 22)
A4 = (595.0, 842.0)
LETTER = (612.0, 792.0)


def pages_text(path: Path) -> list[str]:
    """Each page's text, whitespace normalised."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in pdf]
    finally:
        pdf.close()


def sizes(path: Path) -> set[tuple[float, float]]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return {tuple(round(v, 1) for v in page.get_size()) for page in pdf}  # type: ignore[misc]
    finally:
        pdf.close()


def words(text: str) -> set[str]:
    """Words, without their order: text extraction gives right-to-left runs in visual order."""
    return set(text.replace("-", " ").split())


def assert_footers(texts: list[str], name: str) -> None:
    total = len(texts)
    for n, text in enumerate(texts, start=1):
        assert words(name) <= words(text), (n, text[-200:])
        assert f"page {n} of {total}" in text, (n, text[-200:])


def _breast(demo: Dossier) -> int:
    return next(c["id"] for c in records.list_records(demo, "case") if c["kind"] == "treatment")


def test_brief_is_one_or_two_pages_with_footers(demo: Dossier, tmp_path: Path) -> None:
    out = tmp_path / "brief.pdf"
    pages = write_report(consultation_brief(demo, _breast(demo), printed=PRINTED), out)
    texts = pages_text(out)
    assert 1 <= pages == len(texts) <= 2
    assert_footers(texts, "Margaret (Maggie) Lindqvist")
    assert "born 23 April 1958" in texts[0] and "printed 22 November 2026" in texts[0]
    joined = " ".join(texts)
    # (The medicines are those taken on the printed day: tests/unit/test_brief_medicines.py,
    # at pinned days; the example's are dated from the clock, which test_any_date moves.)
    for words in ("Consultation brief", "Which operation", "Treatment proposed"):
        assert words in joined
    assert sizes(out) == {A4}


def test_letter_paper_and_every_report(demo: Dossier, tmp_path: Path) -> None:
    case = _breast(demo)
    reports = {
        "questions": question_sheet(demo, case_id=case, printed=PRINTED),
        "large": question_sheet(demo, case_id=case, large_print=True, printed=PRINTED),
        "letter": request_letter(demo, case, printed=PRINTED),
        "index": document_index(demo, case, printed=PRINTED),
    }
    counts = {}
    for name, report in reports.items():
        out = tmp_path / f"{name}.pdf"
        counts[name] = write_report(report, out, "letter")
        assert sizes(out) == {LETTER}
        assert_footers(pages_text(out), "Margaret (Maggie) Lindqvist")
    assert counts["large"] > counts["questions"]
    assert "Dear Sir or Madam" in pages_text(tmp_path / "letter.pdf")[0]
    assert "Second pathology review" in " ".join(pages_text(tmp_path / "index.pdf"))


def test_long_hebrew_dossier_renders_every_page_with_the_name(
    long_dossier: tuple[Dossier, int], tmp_path: Path
) -> None:
    dossier, case = long_dossier
    out = tmp_path / "brief.pdf"
    write_report(consultation_brief(dossier, case, printed=PRINTED), out)
    texts = pages_text(out)
    assert len(texts) <= 3
    assert_footers(texts, HEBREW_NAME)
    joined = " ".join(texts)
    assert "Петренко" in joined and "Ångström" in joined
    sheet = tmp_path / "questions.pdf"
    write_report(question_sheet(dossier, case_id=case, large_print=True), sheet)
    texts = pages_text(sheet)
    assert len(texts) > 5
    assert_footers(texts, HEBREW_NAME)


def test_comparison_is_landscape_with_aspects_verdicts_and_footers(
    demo: Dossier, long_dossier: tuple[Dossier, int], tmp_path: Path
) -> None:
    out = tmp_path / "comparison.pdf"
    pages = write_report(comparison_report(demo, _breast(demo), printed=PRINTED), out)
    assert sizes(out) == {(A4[1], A4[0])}  # landscape: wider than high
    texts = pages_text(out)
    assert len(texts) == pages >= 2
    assert_footers(texts, "Margaret (Maggie) Lindqvist")
    joined = " ".join(texts)
    for said in (
        "Comparison of opinions",
        "Diagnosis as stated",
        "Recommended treatment",
        "the same",
        "different",
        "partly the same",
        "Source: Clinic letter with treatment advice",
        "The same: 4. Different or partly different: 8.",
        "No decision has been recorded yet.",
    ):
        assert said in joined, said
    letter = tmp_path / "letter.pdf"
    write_report(comparison_report(demo, _breast(demo), printed=PRINTED), letter, "letter")
    assert sizes(letter) == {(LETTER[1], LETTER[0])}
    dossier, case = long_dossier
    long_out = tmp_path / "long.pdf"
    write_report(comparison_report(dossier, case, printed=PRINTED), long_out)
    texts = pages_text(long_out)
    assert sizes(long_out) == {(A4[1], A4[0])}
    assert_footers(texts, HEBREW_NAME)
    joined = " ".join(texts)
    assert "Петренко" in joined and "Ångström" in joined and "Summary" in joined


def test_packet_bookmarks_footers_and_documents(demo: Dossier, tmp_path: Path) -> None:
    plan = packet_plan(demo, _breast(demo), printed=PRINTED)
    out = tmp_path / "packet.pdf"
    result = render_packet(plan, out)
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]  # type: ignore[union-attr]
    assert outline == result.bookmarks
    titles = [p.bookmark for p in plan.parts]
    assert [t for t, _ in outline] == [titles[0], "Contents of this packet", *titles[1:]]
    assert not result.not_included
    texts = pages_text(out)
    assert_footers(texts, "Margaret (Maggie) Lindqvist")
    joined = " ".join(texts)
    assert "Invasive carcinoma of no special type" in joined  # from a merged document
    assert sizes(out) == {A4}


def test_packet_with_missing_encrypted_image_and_letter_paper(
    long_dossier: tuple[Dossier, int], tmp_path: Path
) -> None:
    dossier, case = long_dossier
    out = tmp_path / "packet.pdf"
    result = render_packet(packet_plan(dossier, case), out, "letter")
    reasons = dict(result.not_included)
    assert set(reasons) == {"Locked letter (1 May 2030)", "Missing letter (1 May 2030)"}
    assert "password" in reasons["Locked letter (1 May 2030)"]
    assert "no longer in the dossier" in reasons["Missing letter (1 May 2030)"]
    texts = pages_text(out)
    assert_footers(texts, HEBREW_NAME)
    stand_ins = [t for t in texts if "could not be included" in t]
    assert len(stand_ins) == 2
    first = dict(result.bookmarks)
    scan_page = first["Scan photo (1 May 2030)"]
    pdf = pdfium.PdfDocument(str(out))
    try:
        objects = list(pdf[scan_page].get_objects(max_depth=3))
        assert any(o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for o in objects)
    finally:
        pdf.close()
    assert sizes(out) == {LETTER}
    assert "Benign follicular nodule" in " ".join(texts)
