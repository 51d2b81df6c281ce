"""Every printed report of the hard dossier (tests/hard_dossier.py), rendered once each and
read back with both pdfium and poppler. Not a test module."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dossier.core.reports.brief import consultation_brief
from dossier.core.reports.comparison import comparison_report
from dossier.core.reports.document_index import document_index
from dossier.core.reports.model import Report
from dossier.core.reports.packet_plan import DocumentPart, packet_plan
from dossier.core.reports.question_sheet import question_sheet
from dossier.core.reports.request_letter import request_letter
from dossier.reports.layout import write_report
from dossier.reports.packet_pdf import PacketResult, render_packet
from tests.hard_dossier import BORN_TEXT, FIRST_NAME, LAST_NAME, PRINTED_TEXT, Hard
from tests.pdf_reading import PageText, read_pages

PRINTED = date(2026, 11, 22)
KINDS = ("brief", "questions", "comparison", "request_letter", "index", "packet")
PAPERS = ("a4", "letter")
PRINTS = ("plain", "large")
VARIANTS = [(p, s) for p in PAPERS for s in PRINTS]


def large(report: Report) -> Report:
    """The report in large print, with its appendix and its shorter versions."""
    return dataclasses.replace(
        report,
        large_print=True,
        appendix=tuple(large(r) for r in report.appendix),
        shorter=tuple(large(r) for r in report.shorter),
    )


def build_report(hard: Hard, kind: str, large_print: bool) -> Report:
    d, case = hard.dossier, hard.case
    if kind == "brief":
        report = consultation_brief(d, case, printed=PRINTED)
    elif kind == "questions":
        report = question_sheet(d, case_id=case, large_print=large_print, printed=PRINTED)
    elif kind == "comparison":
        report = comparison_report(d, case, printed=PRINTED)
    elif kind == "request_letter":
        report = request_letter(d, case, printed=PRINTED)
    else:
        report = document_index(d, case, printed=PRINTED)
    return large(report) if large_print else report


@dataclass
class Printed:
    path: Path
    packet: PacketResult | None = None
    documents: tuple[str, ...] = ()  # the bookmarks of a packet's enclosed documents
    pages_by: dict[str, list[PageText]] = field(default_factory=dict)

    def pages(self, engine: str = "pdfium") -> list[PageText]:
        if engine not in self.pages_by:
            self.pages_by[engine] = read_pages(self.path, engine)
        return self.pages_by[engine]

    def report_pages(self) -> list[PageText]:
        """The pages made by the app itself: all of a report; of a packet, those before
        its first enclosed document."""
        pages = self.pages()
        if self.packet is None:
            return pages
        firsts = [first for title, first in self.packet.bookmarks if title in self.documents]
        return pages[: min(firsts, default=len(pages))]


class Prints:
    """Renders on demand, once per (kind, paper, print)."""

    def __init__(self, hard: Hard, folder: Path) -> None:
        self.hard = hard
        self.folder = folder
        self.done: dict[tuple[str, str, str], Printed] = {}

    def get(self, kind: str, paper: str = "a4", print_: str = "plain") -> Printed:
        key = (kind, paper, print_)
        if key not in self.done:
            out = self.folder / f"{kind}-{paper}-{print_}.pdf"
            if kind == "packet":
                plan = packet_plan(
                    self.hard.dossier,
                    self.hard.case,
                    large_print=print_ == "large",
                    printed=PRINTED,
                )
                result = render_packet(plan, out, paper)
                enclosed = tuple(p.bookmark for p in plan.parts if isinstance(p, DocumentPart))
                printed = Printed(out, result, enclosed)
            else:
                write_report(build_report(self.hard, kind, print_ == "large"), out, paper)
                printed = Printed(out)
            self.done[key] = printed
        return self.done[key]


def every(*kinds: str) -> list[tuple[str, str, str]]:
    """(kind, paper, print) for these kinds (all when none is named), on both papers, plain
    and large."""
    return [(k, p, s) for k in kinds or KINDS for p, s in VARIANTS]


def squeezed(text: str) -> str:
    """Without any whitespace: a text found whole whatever the line breaks did."""
    return re.sub(r"\s+", "", text)


def body(pages: list[PageText]) -> str:
    return " ".join(p.body for p in pages)


def words(text: str) -> set[str]:
    return {w.strip(".,;:()[]·…\"'") for w in text.split()}


def footer_problems(pages: list[PageText]) -> list[str]:
    """What is missing from each page's footer (name, birth date, printed on, page N of M)."""
    problems = []
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        foot = page.footer
        missing = [
            what
            for what, there in (
                ("name", {FIRST_NAME, LAST_NAME} <= words(foot)),
                ("date of birth", f"born {BORN_TEXT}" in foot),
                ("printed on", f"printed {PRINTED_TEXT}" in foot),
                (f"page {n} of {total}", re.search(rf"\bpage {n} of {total}\b", foot)),
            )
            if not there
        ]
        if missing:
            problems.append(f"page {n}: no {', '.join(missing)} in {foot!r}")
    return problems


def own_pages(pages: list[PageText]) -> list[PageText]:
    """The brief's own pages: those before its appendix, the document index."""
    for i, page in enumerate(pages):
        if i and page.body.startswith("Document index"):
            return pages[:i]
    return pages


def has_word(text: str, word: str) -> bool:
    """``word`` in ``text``, not part of a longer word (a number may touch it: text
    extraction joins a table's neighbouring cells, "Netanya1")."""
    return re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", text) is not None
