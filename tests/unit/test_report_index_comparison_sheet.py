"""The document index (flags, physical items), the comparison (texts whole, marks only where
they help) and the question sheet (unnumbered notes, the title once) (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from dossier.core import comparison as cmp
from dossier.core import records
from dossier.core.bidi import without_isolates
from dossier.core.demo import build_demo
from dossier.core.reports.comparison import comparison_report
from dossier.core.reports.document_index import document_index
from dossier.core.reports.model import KeyValues, Question, Rich, Table, cell_text
from dossier.core.reports.question_sheet import question_sheet
from dossier.core.storage import Dossier
from tests.report_dossiers import LONG

DAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dossier]:
    opened = build_demo(tmp_path_factory.mktemp("kinds") / "dossier", today=DAY)
    yield opened
    opened.close()


def case_of(dossier: Dossier, kind: str) -> int:
    return next(c["id"] for c in records.list_records(dossier, "case") if c["kind"] == kind)


def marked(cell: object) -> list[str]:
    assert isinstance(cell, Rich)
    return [s.text for s in cell.spans if s.bold and s.underline]


def test_index_lists_the_films_and_discs_and_where_they_are(demo: Dossier) -> None:
    index = document_index(demo, case_of(demo, "surgery"), printed=DAY)
    items = next(s for s in index.sections if s.heading == "Slides, films and discs")
    table = items.blocks[0]
    assert isinstance(table, Table) and table.headers == ("Item", "Where it is")
    rows = {str(r[0]).split("\n")[0]: without_isolates(str(r[1])) for r in table.rows}
    assert rows["Knee MRI on CD"] == "At home, blue folder"
    assert rows["Knee X-ray films, right knee, two views"].startswith(
        "At home, in the large envelope (back from Dr. Ingrid Halvorsen · Northfield Joint "
        "Clinic on"
    )
    everything = document_index(demo, printed=DAY)
    table = next(s for s in everything.sections if s.heading == "Slides, films and discs").blocks[0]
    assert isinstance(table, Table)
    assert len(table.rows) == len(records.list_records(demo, "physical_item"))


def test_index_marks_what_could_not_be_included(long_dossier: tuple[Dossier, int]) -> None:
    dossier, case = long_dossier
    index = document_index(dossier, case, printed=DAY)
    table = index.sections[0].blocks[0]
    assert isinstance(table, Table)
    # The document column: its title (and why it is not included), its kind under it.
    rows = {without_isolates(cell_text(r[2]).split("\n")[0]): r[4] for r in table.rows}
    assert rows["Locked letter: not included (password-protected)"] == "—"
    assert rows["Missing letter: not included (its file is missing)"] == "1"
    assert rows["Pathology report (enclosed)"] == "1"
    assert all(pages for pages in rows.values())  # no blank page counts
    said = without_isolates(index.text())
    assert "Enclosed: 2. Could not be included: 2 (marked)." in said


def test_comparison_prints_the_question_and_each_text_whole(
    long_dossier: tuple[Dossier, int],
) -> None:
    dossier, case = long_dossier
    report = comparison_report(dossier, case, printed=DAY)
    question = report.sections[0].blocks[0]
    assert question.text.startswith("Should the nodule be removed?")  # type: ignore[union-attr]
    assert question.text.endswith("read differently;")  # type: ignore[union-attr]
    table = next(b for b in report.sections[1].blocks if isinstance(b, Table))
    for row in table.rows:
        for cell in row[1:4]:
            assert cell_text(cell) == LONG  # about 3,300 characters, not cut
            assert "…" not in cell_text(cell)


def test_comparison_marks_words_only_where_it_helps(demo: Dossier) -> None:
    case = case_of(demo, "treatment")
    report = comparison_report(demo, case, printed=DAY)
    table = next(b for b in report.sections[1].blocks if isinstance(b, Table))
    rows = {cell_text(r[0]): r for r in table.rows}
    verdicts = {row.label: row.verdict for row in cmp.for_case(demo, case).rows}
    for label, verdict in verdicts.items():
        row = rows[label[:1].upper() + label[1:]]
        if verdict == "same":  # "Expected outcome" and "Uncertainty" differ in wording only
            assert marked(row[1]) == marked(row[2]) == [], label
    assert rows["Expected outcome"][3].text.startswith("the same")  # type: ignore[union-attr]
    # texts that share little are left plain: the verdict says they differ
    assert marked(rows["Risks and side effects"][1]) == []
    # where a text is mostly shared, the difference is marked
    treatment = rows["Recommended treatment"]
    assert "Mastectomy" in marked(treatment[1])
    assert any("MRI-guided biopsy" in m for m in marked(treatment[2]))
    assert "mostly alike" in report.text()


def test_question_sheet_notes_unnumbered_and_title_once(demo: Dossier) -> None:
    case = case_of(demo, "treatment")
    sheet = question_sheet(demo, case_id=case, printed=DAY)
    questions = [b for s in sheet.sections for b in s.blocks if isinstance(b, Question)]
    assert questions[-1].number is None
    assert questions[-1].text == "Anything else that was said or agreed:"
    assert [q.number for q in questions[:-1]] == list(range(1, len(questions)))
    title = records.get(demo, "case", case)["title"]
    assert sheet.subtitle == title
    assert sheet.text().count(title) == 1
    assert not any(isinstance(b, KeyValues) for s in sheet.sections for b in s.blocks)
    appointment = next(
        a
        for a in records.list_records(demo, "appointment", case_id=case)
        if a["starts_at"] > DAY.isoformat()
    )
    by_appointment = question_sheet(demo, appointment_id=appointment["id"], printed=DAY)
    about = dict(by_appointment.sections[0].blocks[0].items)  # type: ignore[union-attr]
    assert "Case" not in about and "Appointment" in about
    assert by_appointment.text().count(title) == 1
