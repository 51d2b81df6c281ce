"""What the hard dossier's printouts must say: the slides, disc and films and where they
are; the password-protected files marked as not included (and the file locked only
against editing included); a ruled-out diagnosis said to be ruled out; the other open
case's condition and treatment in the brief; the letter asking for what the request
records; large print enlarging every kind, the footer too; and the real command line's
``--large-print`` for every kind, read back with both pdfium and poppler.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest

from tests.cli.runner import run
from tests.hard_dossier import (
    ITEMS,
    LOCKED,
    OTHER_CASE_DIAGNOSIS,
    OTHER_CASE_TREATMENT,
    OWNER_ONLY,
    REQUEST_WHAT,
    RESTRICTED_TEXT,
    RULED_OUT,
    Hard,
)
from tests.hard_prints import (
    KINDS,
    PAPERS,
    VARIANTS,
    Prints,
    body,
    every,
    footer_problems,
    has_word,
    own_pages,
    squeezed,
)
from tests.pdf_reading import ENGINES, PageText, read_pages

# "not included (password-protected)", or the packet's stand-in page: "could not be
# included in the packet. Its file is protected by a password".
MARK = re.compile(r"not (be )?included.{0,80}?password", re.I | re.S)
# Where each item is, in words the line about it must hold.
WHEREABOUTS = {
    "slides": "Adler",  # sent to Prof. Yosef Adler
    "disc": "blue folder",  # kept at home
    "films": "15 September 2026",  # back on that day
}


@pytest.mark.parametrize(("kind", "paper", "print_"), every("brief", "index", "packet"))
def test_slides_disc_and_films_are_listed_with_where_they_are(
    prints: Prints, kind: str, paper: str, print_: str
) -> None:
    printed = prints.get(kind, paper, print_)
    pages = printed.report_pages()  # the packet: its own pages, before the documents
    if kind == "brief":
        pages = own_pages(pages)
    text = squeezed(body(pages))
    missing = []
    for item in ITEMS:
        description = squeezed(str(item["description"]))
        at = text.find(description)
        where = squeezed(WHEREABOUTS[str(item["kind"])])
        if at < 0 or where not in text[at : at + len(description) + 200]:
            missing.append(str(item["description"]))
    assert not missing, f"not listed with where they are: {missing}"


@pytest.mark.parametrize(("kind", "paper", "print_"), every("brief", "index", "packet"))
def test_password_protected_files_are_marked_not_included(
    prints: Prints, hard: Hard, kind: str, paper: str, print_: str
) -> None:
    printed = prints.get(kind, paper, print_)
    pages = printed.pages()
    if kind == "brief":  # the brief's own pages say it, whatever its appendix says
        text = body(own_pages(pages))
        marks = len(MARK.findall(text))
        assert marks >= 1, "the brief does not say that two files are not included"
        return
    text = body(pages)
    unmarked = []
    for first in LOCKED:
        title = hard.titles[first]
        found = [m.start() for m in re.finditer(re.escape(first), text)]
        if not any(MARK.search(text[at : at + len(title) + 250]) for at in found):
            unmarked.append(title)
    assert not unmarked, f"not marked as not included (password-protected): {unmarked}"
    if kind == "index":
        at = text.find(OWNER_ONLY)
        assert at >= 0 and not MARK.search(text[at : at + 150]), "an openable file is marked"


@pytest.mark.parametrize(("paper", "print_"), VARIANTS)
def test_a_file_locked_only_against_editing_is_included(
    prints: Prints, paper: str, print_: str
) -> None:
    printed = prints.get("packet", paper, print_)
    assert printed.packet is not None
    assert not [t for t, _ in printed.packet.not_included if t.startswith(OWNER_ONLY)]
    assert squeezed(RESTRICTED_TEXT) in squeezed(body(printed.pages()))


@pytest.mark.parametrize(("kind", "paper", "print_"), every("brief"))
def test_each_diagnosis_says_its_status(prints: Prints, kind: str, paper: str, print_: str) -> None:
    text = body(own_pages(prints.get(kind, paper, print_).pages()))
    for name, status in (
        (RULED_OUT, "ruled out"),
        ("Equivocal seminal vesicle signal", "suspected"),
        ("Benign prostatic hyperplasia", "revised"),
    ):
        found = [m.start() for m in re.finditer(re.escape(name), text)]
        assert found, f"{name!r} is not in the brief"
        near = [text[max(0, at - 60) : at + len(name) + 120].lower() for at in found]
        bare = [n for n in near if status not in n]  # "Suspected diagnosis" says it too
        assert not bare, f"{name!r} printed {len(bare)} times without {status!r}"


@pytest.mark.parametrize(("paper", "print_"), VARIANTS)
def test_the_brief_names_the_other_open_cases_condition_and_treatment(
    prints: Prints, paper: str, print_: str
) -> None:
    text = squeezed(body(own_pages(prints.get("brief", paper, print_).pages())))
    assert squeezed(OTHER_CASE_DIAGNOSIS) in text
    assert squeezed(OTHER_CASE_TREATMENT) in text


def test_the_letter_asks_for_what_the_request_records(prints: Prints) -> None:
    text = body(prints.get("request_letter").pages())
    assert squeezed(REQUEST_WHAT) in squeezed(text), "the recorded request is not asked for"
    assert not has_word(text, "tissue blocks"), "asks for slides the request does not name"


def _sizes(pages: list[PageText]) -> tuple[float, float]:
    """The median body and footer type heights over the pages."""
    return (
        statistics.median(p.body_size for p in pages if p.body_size),
        statistics.median(p.footer_size for p in pages if p.footer_size),
    )


@pytest.mark.parametrize(("kind", "paper"), [(k, p) for k in KINDS for p in PAPERS])
def test_large_print_enlarges_the_text_and_the_footer(
    prints: Prints, kind: str, paper: str
) -> None:
    plain = _sizes(prints.get(kind, paper, "plain").report_pages())
    large = _sizes(prints.get(kind, paper, "large").report_pages())
    assert large[0] >= 1.2 * plain[0], f"body type {plain[0]:.1f} → {large[0]:.1f}"
    assert large[1] >= 1.2 * plain[1], f"footer type {plain[1]:.1f} → {large[1]:.1f}"


# The command line gives --large-print to write_report for every report kind (one path,
# which tests/reports/test_layout_large_print.py checks for each kind) and to the packet's
# plan: the hard dossier goes through each of the two ways once.
@pytest.mark.parametrize("kind", ["brief", "packet"])
def test_the_command_line_prints_large_print_for_every_kind(
    hard: Hard, prints: Prints, kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOSSIER_TODAY", "2026-11-22")  # the printed date of the footers
    out = tmp_path / f"{kind}.pdf"
    run("--dossier", str(hard.dossier.path), "print", kind.replace("_", "-"),
        "--case", str(hard.case), "--out", str(out), "--large-print")  # fmt: skip
    for engine in ENGINES:
        pages = read_pages(out, engine)
        problems = footer_problems(pages)
        assert not problems, f"{engine}: " + "; ".join(problems[:3])
    pages = read_pages(out, "pdfium")
    if kind == "brief":
        assert len(own_pages(pages)) <= 4  # two pages, type half as large again
    plain = prints.get(kind, "a4", "plain")
    own = pages[: len(plain.report_pages())] if kind == "packet" else pages
    assert _sizes(own)[0] >= 1.2 * _sizes(plain.report_pages())[0], "not in large print"
