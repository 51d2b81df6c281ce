"""A Hebrew report, printed from the Hebrew example dossier, read back with pdfium: its
tables run from the right (the first column at the right, whatever the script of what is
in it), a question's number is at its start (at the right), and a text that begins with a
Latin code is still read right to left, the code whole ("T1c N0 M0, שלב IA": the stage
first, at the right, then the grade)."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from dossier.core import records
from dossier.core.demo import build_demo
from dossier.core.reports.model import Question, Report, Table
from dossier.core.reports.print_kinds import PrintChoices, print_content
from dossier.core.storage import Dossier
from dossier.reports.layout import write_report

STAGE = "T1c N0 M0, שלב IA"  # how the example's diagnosis begins its stage


@pytest.fixture(scope="module")
def hebrew(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dossier]:
    """The example dossier told in Hebrew, shared by this module's tests (which only read)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_HOME", str(tmp_path_factory.mktemp("hebrew-home")))
        built = build_demo(tmp_path_factory.mktemp("hebrew") / "dossier", language="he")
    yield built
    built.close()


def printed(dossier: Dossier, kind: str, out: Path) -> Report:
    report = print_content(dossier, kind, PrintChoices(1), language="he")
    assert isinstance(report, Report)
    write_report(report, out, language="he")
    return report


@dataclass(frozen=True)
class Letter:
    text: str
    left: float  # points from the page's left
    baseline: float  # points from the page's foot


def lines(path: Path) -> list[list[Letter]]:
    """Every line of text of every page (its characters by their baseline, spaces left
    out: a Hebrew letter's box alone does not tell its line, yod is short)."""
    pdf = pdfium.PdfDocument(str(path))
    out = []
    try:
        for page in pdf:
            text = page.get_textpage()
            rows: dict[int, list[Letter]] = {}
            for i in range(text.count_chars()):
                char = text.get_text_range(i, 1)
                if not char.strip():
                    continue
                x, y = ctypes.c_double(), ctypes.c_double()
                pdfium_c.FPDFText_GetCharOrigin(text.raw, i, x, y)
                left = text.get_charbox(i)[0]
                rows.setdefault(round(y.value), []).append(Letter(char, left, y.value))
            out.extend(rows.values())
    finally:
        pdf.close()
    return out


def right_to_left(line: list[Letter]) -> str:
    """A line's letters from the right (a Hebrew word reads as it is written)."""
    return "".join(c.text for c in sorted(line, key=lambda c: -c.left))


def placed(found: list[list[Letter]], word: str) -> list[Letter]:
    """The characters of the first Hebrew ``word`` (spaces left out) on one of ``found``'s
    lines."""
    bare = "".join(word.split())
    for line in found:
        ordered = sorted(line, key=lambda c: -c.left)
        at = right_to_left(line).find(bare)
        if at >= 0:
            return ordered[at : at + len(bare)]
    raise AssertionError(f"{word!r} not found")


def headers(report: Report) -> list[tuple[str, str]]:
    """The first two headers of each table whose headers are one line each."""
    tables = [b for s in report.sections for b in s.blocks if isinstance(b, Table)]
    return [
        (t.headers[0], t.headers[1])
        for t in tables
        if len(t.headers) > 1 and "\n" not in t.headers[0] + t.headers[1]
    ]


@pytest.mark.parametrize("kind", ["brief", "comparison", "index"])
def test_a_tables_first_column_is_at_the_right(hebrew: Dossier, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.pdf"
    report = printed(hebrew, kind, out)
    pairs = headers(report)
    if kind == "comparison":  # its columns are the aspect, then each opinion's doctor
        table = next(b for s in report.sections for b in s.blocks if isinstance(b, Table))
        pairs = [(table.headers[0], table.headers[1].split("\n")[0])]
    assert pairs, kind
    for first, second in pairs:
        bare = ["".join(h.split()) for h in (first, second)]
        row = next(line for line in lines(out) if all(b in right_to_left(line) for b in bare))
        one, two = placed([row], first), placed([row], second)
        assert min(c.left for c in one) > max(c.left for c in two), (kind, first, second)


def test_a_questions_number_is_at_its_start(hebrew: Dossier, tmp_path: Path) -> None:
    out = tmp_path / "questions.pdf"
    report = printed(hebrew, "questions", out)
    questions = [b for s in report.sections for b in s.blocks if isinstance(b, Question)]
    numbered = [q for q in questions if q.number is not None]
    assert numbered
    for question in numbered[:3]:
        word = placed(lines(out), " ".join(question.text.split()[:3]))
        line = next(line for line in lines(out) if word[0] in line)
        number = [c for c in line if c.text == str(question.number)]
        assert len(number) == 1, question.text
        # the number first, at the right of every letter of its question
        assert number[0].left > max(c.left for c in line if c.text.isalpha())


def test_a_stage_starting_with_a_latin_code_reads_from_the_right(
    hebrew: Dossier, tmp_path: Path
) -> None:
    stages = [d.get("stage") or "" for d in records.list_records(hebrew, "diagnosis")]
    assert any(s.startswith(STAGE) for s in stages)
    out = tmp_path / "brief.pdf"
    printed(hebrew, "brief", out)
    line = next(
        line
        for line in lines(out)
        if "T1cN0M0" in "".join(c.text for c in sorted(line, key=lambda c: c.left))
    )
    by_left = sorted(line, key=lambda c: c.left)
    latin = "".join(c.text for c in by_left if c.text.isascii())
    assert "T1cN0M0" in latin  # the code whole, its letters in order
    code = next(c for c in line if c.text == "T")
    stage = placed([line], "שלב")  # the word after the code
    grade = next(c for c in by_left if c.text == "I")  # "IA", after "שלב"
    assert code.left > max(c.left for c in stage) > grade.left
