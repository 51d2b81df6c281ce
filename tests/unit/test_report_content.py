"""Report content (plain data, no Qt) on the demo dossier and on a long, non-Latin dossier."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from dossier.core import comparison as cmp
from dossier.core import records
from dossier.core.appointment_questions import questions_for
from dossier.core.bidi import without_isolates
from dossier.core.errors import DossierError, NotFoundError
from dossier.core.reports import dates
from dossier.core.reports.brief import LEVELS, consultation_brief
from dossier.core.reports.comparison import comparison_report
from dossier.core.reports.document_index import document_index
from dossier.core.reports.model import BulletList, KeyValues, Question, Rich, Table, cell_text
from dossier.core.reports.packet_plan import DocumentPart, ReportPart, packet_plan
from dossier.core.reports.question_sheet import question_sheet
from dossier.core.reports.request_letter import letter_text, request_letter
from dossier.core.storage import Dossier
from tests.report_dossiers import CYRILLIC_DOCTOR, HEBREW_NAME, LONG

PRINTED = date(2026, 11, 22)


def _breast(demo: Dossier) -> int:
    return next(c["id"] for c in records.list_records(demo, "case") if c["kind"] == "treatment")


def test_date_helpers() -> None:
    assert dates.long_date(date(2026, 3, 14)) == "14 March 2026"
    assert dates.iso_date(date(2026, 3, 14)) == "2026-03-14"
    assert dates.format_day("2026-03-14T10:00", dates.long_date) == "14 March 2026"
    assert dates.format_day(None, dates.long_date) == ""
    assert dates.format_moment("2026-03-14 10:30", dates.iso_date) == "2026-03-14, 10:30"


def test_brief_on_the_demo(demo: Dossier) -> None:
    case = _breast(demo)
    brief = consultation_brief(demo, case, printed=PRINTED)
    headings = [s.heading for s in brief.sections]
    assert headings == [
        "Patient",
        "The question for this consultation",
        "History",
        "Diagnoses and treatment",
        "Other current conditions and treatment",
        "Medications and allergies",
        "Opinions so far",
        "Enclosed documents",
        "Slides, films and discs",
    ]
    text = brief.text()
    assert "Margaret (Maggie) Lindqvist" in text
    assert "23 April 1958" in text and "555-0142" in text
    assert "Nordhaven" in text
    assert "Which operation" in text
    assert "Amlodipine" in text and "Penicillin" in text
    opinions = next(s for s in brief.sections if s.heading == "Opinions so far").blocks[0]
    assert isinstance(opinions, BulletList) and len(opinions.items) == 2
    assert all(len(item) <= 300 for item in opinions.items)
    enclosed = next(s for s in brief.sections if s.heading == "Enclosed documents").blocks[0]
    bring = [d for d in records.list_records(demo, "document", case_id=case) if d["bring"]]
    assert isinstance(enclosed, BulletList) and len(enclosed.items) == len(bring)
    assert brief.footer.name == "Margaret (Maggie) Lindqvist"
    assert brief.footer.page(1, 2) == "page 1 of 2"
    assert "printed 22 November 2026" in brief.footer.line


def test_brief_uses_the_date_formatter_passed_in(demo: Dossier) -> None:
    brief = consultation_brief(demo, _breast(demo), dates=dates.iso_date, printed=PRINTED)
    assert "1958-04-23" in brief.text()
    assert "April" not in brief.text()


def test_question_sheets_of_a_case_and_an_appointment(demo: Dossier) -> None:
    case = _breast(demo)
    sheet = question_sheet(demo, case_id=case, printed=PRINTED)
    numbered = [b for s in sheet.sections for b in s.blocks if isinstance(b, Question)]
    open_questions = [
        q for q in records.list_records(demo, "question", case_id=case) if not q["answer"]
    ]
    assert [q.text for q in numbered[:-1]] == [q["text"] for q in open_questions]
    assert [q.number for q in numbered] == [*range(1, len(numbered)), None]  # "Other notes"
    appointment = next(
        a
        for a in records.list_records(demo, "appointment", case_id=case)
        if a["starts_at"] > "2026"
    )
    by_appointment = question_sheet(demo, appointment_id=appointment["id"], large_print=True)
    assert by_appointment.large_print
    assert "Appointment" in by_appointment.text()
    # The same questions as appointment mode: those assigned to it, then the case's open ones.
    asked_there = [b for s in by_appointment.sections for b in s.blocks if isinstance(b, Question)]
    assert [q.text for q in asked_there[:-1]] == [
        q["text"] for q in questions_for(demo, appointment)
    ]
    with pytest.raises(DossierError):
        question_sheet(demo)


def test_request_letter_is_neutral_editable_text(demo: Dossier) -> None:
    case = _breast(demo)
    text = letter_text(demo, case, printed=PRINTED)
    for words in (
        "full file",
        "images themselves",
        "slides",
        "laboratory results",
        "born 23 April 1958",
    ):
        assert words in text
    assert "6 December 2026" in text  # by when: two weeks after printing, none recorded
    edited = text.replace("Dear Sir or Madam,", "Dear Dr. Weiß,")
    letter = request_letter(demo, case, text=edited, printed=PRINTED)
    assert "Dear Dr. Weiß," in letter.text()
    assert letter.text().rstrip().endswith("Margaret (Maggie) Lindqvist")  # signature line


def test_document_index_lists_every_document(demo: Dossier) -> None:
    case = _breast(demo)
    index = document_index(demo, case, printed=PRINTED)
    table = index.sections[0].blocks[0]
    assert isinstance(table, Table)
    assert table.headers == ("No.", "Date", "Document", "Source", "Pages")
    assert len(table.rows) == len(records.list_records(demo, "document", case_id=case))
    everything = document_index(demo, printed=PRINTED).sections[0].blocks[0]
    assert isinstance(everything, Table)
    assert len(everything.rows) == len(records.list_records(demo, "document"))
    with pytest.raises(NotFoundError):
        document_index(demo, 999)


def test_packet_plan_order(demo: Dossier) -> None:
    plan = packet_plan(demo, _breast(demo), printed=PRINTED)
    assert [type(p) for p in plan.parts[:2]] == [ReportPart, ReportPart]
    docs = [p for p in plan.parts if isinstance(p, DocumentPart)]
    assert docs and all(p.document["bring"] for p in docs)
    kinds = [p.document["kind"] for p in docs]
    assert kinds == sorted(kinds, key=["pathology", "written_opinion"].index)
    assert all(p.path.is_file() for p in docs)


def test_long_non_latin_dossier(long_dossier: tuple[Dossier, int]) -> None:
    dossier, case = long_dossier
    brief = consultation_brief(dossier, case, printed=PRINTED)
    text = brief.text()
    assert HEBREW_NAME in text and CYRILLIC_DOCTOR in text and "Ångström" in text
    question = brief.sections[1].blocks[0]
    assert question.text.startswith("Should the nodule") and len(question.text) > 3000  # type: ignore[union-attr]
    history = next(s for s in brief.sections if s.heading == "History").blocks[0]
    assert isinstance(history, Table) and len(history.rows) <= LEVELS[0].history_rows
    sheet = question_sheet(dossier, case_id=case)
    assert sum(isinstance(b, Question) for s in sheet.sections for b in s.blocks) == 31
    assert "Больница им. Боткина" in letter_text(dossier, case, printed=PRINTED)
    assert "1 February 2031" in letter_text(dossier, case, printed=PRINTED)
    assert brief.footer.name == HEBREW_NAME


def test_unknown_case_is_refused(demo: Dossier, tmp_path: Path) -> None:
    for build in (
        lambda: consultation_brief(demo, 999),
        lambda: letter_text(demo, 999),
        lambda: packet_plan(demo, 999),
        lambda: question_sheet(demo, case_id=999),
    ):
        with pytest.raises(NotFoundError):
            build()


def test_comparison_report_on_the_demo(demo: Dossier) -> None:
    case = _breast(demo)
    report = comparison_report(demo, case, printed=PRINTED)
    assert report.kind == "comparison" and report.landscape
    assert report.title == "Comparison of opinions"
    headings = [s.heading for s in report.sections]
    assert headings == ["The question", "The opinions side by side", "Summary", "Decision"]
    table = next(b for b in report.sections[1].blocks if isinstance(b, Table))
    assert table.headers[0] == "Aspect" and table.headers[-2:] == ("Verdict", "Note")
    assert "Dr. Jürgen Weiß" in table.headers[1] and "Dr. Zoë Martínez" in table.headers[2]
    assert len(table.widths) == len(table.headers) == 5
    rows = {cell_text(r[0]): r for r in table.rows}
    diagnosis, treatment = rows["Diagnosis as stated"], rows["Recommended treatment"]
    assert cell_text(diagnosis[3]) == "the same"
    assert cell_text(treatment[3]) == "different"
    assert cell_text(treatment[4]).startswith("Whole breast removed")
    # changed words are bold and underlined; the sources are cited under the text
    first = treatment[1]
    assert isinstance(first, Rich)
    marked = [s for s in first.spans if s.bold and s.underline]
    assert any("Mastectomy" in s.text for s in marked)
    assert all(not s.bold for s in diagnosis[1].spans if not s.small)  # type: ignore[union-attr]
    assert "Source: Clinic letter with treatment advice (Dr. Weiß), p. 1" in without_isolates(
        cell_text(first)
    )
    text = report.text()
    assert "The same: 4. Different or partly different: 8." in text
    assert "third opinion may be worth considering" in text
    assert "gives no medical advice" in text
    assert "No decision has been recorded yet." in text
    deadline = dates.long_date(
        date.fromisoformat(records.get(demo, "case", case)["decision_deadline"])
    )
    assert f"A decision is needed by {deadline}." in text


def test_comparison_report_decision_and_chosen_opinions(demo: Dossier) -> None:
    case = _breast(demo)
    table = cmp.for_case(demo, case)
    assert table.comparison_id is not None
    deadline = date.fromisoformat(records.get(demo, "case", case)["decision_deadline"])
    decided_on = deadline - timedelta(days=19)
    cmp.record_decision(
        demo,
        table.comparison_id,
        decision="Biopsy first, then decide",
        reason="The second spot decides which operation",
        decided_on=decided_on.isoformat(),
        participants="Margaret and Dr. Martínez",
        mark_case_decided=False,
    )
    report = comparison_report(demo, case, [c.opinion_id for c in table.columns])
    decision = report.sections[-1].blocks[0]
    assert isinstance(decision, KeyValues)
    said = dict(decision.items)
    assert said["Decision"] == "Biopsy first, then decide"
    assert said["Decided on"] == dates.long_date(decided_on)
    assert said["Who took part"] == "Margaret and Dr. Martínez"
    assert said["Deadline"] == f"{dates.long_date(deadline)}; the decision was made in time"
    # Once taken, the brief and the comparison no longer say a decision is needed.
    taken = f"The decision was taken on {dates.long_date(decided_on)}: Biopsy first, then decide"
    for text in map(without_isolates, (report.text(), consultation_brief(demo, case).text())):
        assert taken in text and "A decision is needed by" not in text
    with pytest.raises(DossierError):
        comparison_report(demo, case, [table.columns[0].opinion_id])


def test_comparison_report_long_non_latin(long_dossier: tuple[Dossier, int]) -> None:
    dossier, case = long_dossier
    report = comparison_report(dossier, case, printed=PRINTED)
    table = next(b for b in report.sections[1].blocks if isinstance(b, Table))
    assert len(table.headers) == 3 + 3  # three opinions
    assert CYRILLIC_DOCTOR in table.headers[1] and "Ångström" in table.headers[2]
    assert "third opinion" in table.headers[3]  # no doctor: the ordinal, then the clinic
    assert "Клиника" in table.headers[3]
    for row in table.rows:  # each doctor's text whole, not cut
        for cell in row[1:4]:
            assert cell_text(cell).startswith(LONG)
    assert report.sections[0].blocks[0].text.startswith("Should the nodule")  # type: ignore[union-attr]
    assert report.footer.name == HEBREW_NAME
    assert [cell_text(r[0]) for r in table.rows] == ["Diagnosis as stated", "Recommended treatment"]
    assert all(cell_text(r[4]) == "the same\n(suggested)" for r in table.rows)
