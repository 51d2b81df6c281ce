"""The footer identifies the patient on every page, read back with poppler and pdfium: the
name (shortened by whole words only when it must be), the date of birth, the day printed and
"page N of M", all four on every page, left to right whatever the script of the name, on
A4 and Letter, portrait and landscape, plain and large print; the packet stamps the same."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dossier.core.opening import create_dossier
from dossier.core.reports.model import Footer, Paragraph, Report, Section
from dossier.core.reports.packet_plan import packet_plan
from dossier.reports.layout import write_report
from dossier.reports.packet_pdf import render_packet
from tests.reports.pdf_reading import chars, pdfium_pages, poppler_pages, where

LONG_NAME = "Avraham-Yehoshua Ben-Zion Авраам Иегошуа אברהם יהושע בן ציון Levi-Montalcini"
BORN = "3 September 1971"
PRINTED = "22 November 2026"


def footer(name: str = LONG_NAME) -> Footer:
    return Footer(name, BORN, PRINTED, "page {n} of {m}")


def report(name: str = LONG_NAME, *, pages: int = 3, landscape: bool = False) -> Report:
    text = "A calm paragraph about the history of this illness, told plainly. " * 12
    paragraphs = tuple(Paragraph(text) for _ in range(9 * pages))
    return Report("brief", "Consultation brief", footer(name),
                  sections=(Section("History", paragraphs),), landscape=landscape)  # fmt: skip


def assert_identified(texts: list[str], *, name_words: tuple[str, ...]) -> None:
    total = len(texts)
    assert total >= 2
    for n, text in enumerate(texts, start=1):
        assert f"born {BORN}" in text, (n, text[-300:])
        assert f"printed {PRINTED}" in text, (n, text[-300:])
        assert f"page {n} of {total}" in text, (n, text[-300:])
        for word in name_words:
            assert word in text, (word, n, text[-300:])


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("landscape", [False, True])
def test_a_long_mixed_script_name_keeps_every_part(
    tmp_path: Path, paper: str, large: bool, landscape: bool
) -> None:
    out = tmp_path / "brief.pdf"
    write_report(report(landscape=landscape), out, paper, large_print=large)
    # The whole name fits a line of its own: nothing of it is shortened.
    whole = tuple(LONG_NAME.replace("-", " ").split())
    for texts in (pdfium_pages(out), poppler_pages(out)):
        assert_identified([t.replace("-", " ") for t in texts], name_words=whole)


def test_a_name_too_long_for_a_line_is_shortened_by_words(tmp_path: Path) -> None:
    name = f"{LONG_NAME} {LONG_NAME} Rosenblatt-Oppenheimer"
    out = tmp_path / "brief.pdf"
    write_report(report(name), out, "a4", large_print=True)
    for read in (pdfium_pages(out), poppler_pages(out)):
        texts = [t.replace("...", "…") for t in read]  # pdfium spells the ellipsis out
        assert_identified(texts, name_words=("Avraham-Yehoshua", "…", "Rosenblatt-Oppenheimer"))
        for text in texts:  # whole words only: the first ones and the family name
            assert "Avraham-Yehoshua Ben-Zion" in text
            assert "Rosenblatt-Oppenheimer born" in text


def test_a_short_name_shares_one_line_left_to_right(tmp_path: Path) -> None:
    out = tmp_path / "brief.pdf"
    write_report(report("Maggie Lindqvist"), out)
    found = chars(out, 1)
    name, born = where(found, "Maggie"), where(found, "born")
    printed, label = where(found, "printed"), where(found, "page 2")
    assert abs(name.top - born.top) < 2 and abs(born.top - label.top) < 2  # one line
    assert name.left < born.left < printed.left < label.left
    assert name.left < 60  # at the left margin (18 mm)


def test_a_hebrew_first_name_stays_left_of_the_dates(tmp_path: Path) -> None:
    """An isolated right-to-left name cannot take the dates into its direction."""
    out = tmp_path / "brief.pdf"
    write_report(report("שרה כהן-לוי"), out)
    found = chars(out, 0)
    born, printed = where(found, "born"), where(found, "printed")
    hebrew = [c for c in found if "\u05d0" <= c.text <= "\u05ea"]
    assert hebrew and max(c.left for c in hebrew) < born.left < printed.left
    assert min(c.left for c in hebrew) < 60


def test_large_print_footer_is_larger(tmp_path: Path) -> None:
    plain, large = tmp_path / "plain.pdf", tmp_path / "large.pdf"
    write_report(report(), plain)
    write_report(report(), large, large_print=True)
    assert height(large, "printed") >= 1.4 * height(plain, "printed")


def height(path: Path, word: str, page: int = 0) -> float:
    """The height of the first letter of ``word`` on the page (its type size, in effect)."""
    found = where(chars(path, page), word)
    return found.top - found.bottom


def test_the_packet_stamps_the_same_footer_plain_and_large(tmp_path: Path) -> None:
    dossier = create_dossier(tmp_path / "dossier", name=LONG_NAME, born="1971-09-03")
    outs = {large: tmp_path / f"packet-{large}.pdf" for large in (False, True)}
    try:
        case = _case(dossier)
        for large, out in outs.items():
            plan = packet_plan(dossier, case, large_print=large)
            render_packet(replace(plan, footer=replace(plan.footer, printed=PRINTED)), out)
    finally:
        dossier.close()
    whole = tuple(LONG_NAME.replace("-", " ").split())
    for out in outs.values():
        for texts in (pdfium_pages(out), poppler_pages(out)):
            assert_identified([t.replace("-", " ") for t in texts], name_words=whole)
    assert height(outs[True], "printed") >= 1.4 * height(outs[False], "printed")


def _case(dossier: object) -> int:
    from dossier.core import records

    return records.create(
        dossier,  # type: ignore[arg-type]
        "case",
        {"title": "Knee: operate or not?", "question": "Should the knee be operated on? " * 40},
    ).id


def test_a_long_dates_line_in_large_print_leaves_the_page_label_clear(tmp_path: Path) -> None:
    """Long month names in large print on Letter: the dates line reaches under where the
    label stands, so the label goes up beside the name; nothing is drawn over anything."""
    long = Footer(
        "Margaret Example", "14 September 1958 (Gregorian)", "25 December 2026 at the clinic",
        "page {n} of {m}",
    )  # fmt: skip
    out = tmp_path / "long.pdf"
    write_report(replace(report("Margaret Example", pages=1), footer=long), out, "letter",
                 large_print=True)  # fmt: skip
    found = chars(out, 0)
    label, name = where(found, "page 1 of"), where(found, "Margaret")
    dates = [c for c in found if c.top < name.bottom and c.text.strip()]  # the line below
    assert dates and max(c.left for c in dates) > label.left  # the dates reach under it
    assert label.bottom > max(c.top for c in dates)  # the label is above them, by the name
