"""The Overview answers "what do I do next, and by when?" on the demo dossier, follows
changes as they are made, and opens a case on the Cases page when it is clicked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextDocument
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.bidi import isolate, without_isolates
from dossier.core.clock import today
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.cases import CasesPage
from dossier.ui.pages.overview import OverviewPage
from dossier.ui.session import Session
from tests.ui.windows import page_of, shown_window


def make_page(qtbot: QtBot, dossier: Dossier) -> tuple[OverviewPage, Session]:
    session = Session(dossier)
    page = OverviewPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    with qtbot.waitExposed(page):
        page.show()
    return page, session


def plain(page: OverviewPage) -> str:
    """The overview as a person reads it (no markup, ordinary spaces, no invisible isolates)."""
    document = QTextDocument()
    document.setHtml(page.html())
    return without_isolates(document.toPlainText().replace("\xa0", " "))


def card(text: str, title: str, titles: list[str]) -> str:
    """The part of the overview about the case called ``title``."""
    start = text.index(title)
    ends = [text.index(t) for t in titles if t != title and text.index(t) > start]
    ends.append(text.index("The coming weeks") if "The coming weeks" in text else len(text))
    return text[start : min(e for e in ends if e > start)]


def case_by_kind(dossier: Dossier, kind: str) -> dict[str, Any]:
    (found,) = [c for c in records.list_records(dossier, "case") if c["kind"] == kind]
    return found


def test_the_treatment_case_shows_its_steps_ticked_and_what_next(
    qtbot: QtBot, demo: Dossier
) -> None:
    page, _session = make_page(qtbot, demo)
    text = plain(page)
    titles = [c["title"] for c in records.list_records(demo, "case")]
    breast = card(text, case_by_kind(demo, "treatment")["title"], titles)
    for step in (
        "Records requested",
        "Second doctor chosen",
        "Insurer checked",
        "Questions prepared",
        "Opinions in",
    ):
        assert f"✓ {step}" in breast
    assert "◐ Decision made: under way" in breast  # a comparison, but no decision yet
    assert "Days left to decide: 28" in breast
    assert "Next, step 6 of 6 (not done yet: decision made):" in breast
    assert "Unanswered questions: 5" in breast

    appeal = card(text, case_by_kind(demo, "administrative")["title"], titles)
    assert "○ Second doctor chosen: not yet" in appeal
    assert "◐ Records requested: under way" in appeal
    assert "Next, step 1 of 6 (not done yet: records requested):" in appeal
    assert "ask for them again" in appeal


def test_overdue_tasks_stand_out_in_words_and_bold(qtbot: QtBot, demo: Dossier) -> None:
    page, _session = make_page(qtbot, demo)
    text = plain(page)
    coming = text[text.index("The coming weeks") :]
    first = coming.splitlines()[1]  # overdue first, before what is still ahead
    assert first.startswith("Overdue: Phone the Care Assessment Office")
    assert "3 days late" in coming
    assert "<b>Overdue: \u2068Phone the Care Assessment Office" in page.html()
    assert "Talk about the second opinion" in coming  # next week's appointment
    assert "(in 7 days)" in coming
    bring = text[text.index("Bring to the next consultation") :]
    flagged = records.list_records(demo, "document", equal={"bring": True})
    assert flagged and all(d["title"] in bring for d in flagged)


def test_the_overview_follows_changes(qtbot: QtBot, demo: Dossier) -> None:
    page, session = make_page(qtbot, demo)
    knee = case_by_kind(demo, "surgery")
    past = (today() - timedelta(days=3)).isoformat()
    session.apply(lambda d: records.update(d, "case", knee["id"], {"decision_deadline": past}))
    assert "Overdue: the decision deadline passed 3 days ago" in plain(page)
    assert "<b>Overdue: the decision deadline passed 3 days ago" in page.html()

    breast = case_by_kind(demo, "treatment")
    (comparison,) = records.list_records(demo, "comparison", case_id=breast["id"])
    decision = {"decision": "Biopsy first, then decide on the operation.", "decided_on": past}
    session.apply(lambda d: records.update(d, "comparison", comparison["id"], decision))
    titles = [c["title"] for c in records.list_records(demo, "case")]
    text = card(plain(page), breast["title"], titles)
    assert "Decision: Biopsy first, then decide on the operation." in text
    assert "✓ Decision made" in text and "Next, step" not in text
    session.undo()
    assert "Decision: Biopsy first" not in plain(page)


def test_an_empty_dossier_says_so_calmly(qtbot: QtBot, dossier: Dossier) -> None:
    page, _session = make_page(qtbot, dossier)
    text = plain(page)
    assert "No open cases. Add a case: the question about your health" in text
    assert "No appointments or deadlines in the coming weeks." in text
    records.create(dossier, "case", {"title": "Cataract"})
    page.session.notify_reloaded()
    text = plain(page)
    assert "Cataract" in text and "First: Write down in one sentence" in text


def test_clicking_a_case_opens_it_on_the_cases_page(qtbot: QtBot, demo: Dossier) -> None:
    window = shown_window(qtbot, demo)
    overview = page_of(window, "overview", OverviewPage)
    assert window.view is not None
    # The case to decide first comes first.
    first_case = min(records.list_records(demo, "case"), key=lambda c: c["decision_deadline"])
    assert first_case["kind"] == "administrative"
    # Keyboard: into the overview, Tab past the links of plans that do not fit (at the top)
    # to the first case's, Enter opens it.
    overview.summary.setFocus()
    for _link in range(1 + overview.html().count("href='plan:")):
        qtbot.keyClick(overview.summary, Qt.Key.Key_Tab)
    with qtbot.waitSignal(overview.open_case) as opened:
        qtbot.keyClick(overview.summary, Qt.Key.Key_Return)
    assert opened.args == [first_case["id"]]
    assert window.view.current_page_key() == "cases"
    cases = window.view.pages["cases"]
    assert isinstance(cases, CasesPage)
    assert cases.case_id == first_case["id"] and cases.title.text() == first_case["title"]
    window.close()


def test_an_empty_overview_links_to_a_new_case(qtbot: QtBot, dossier: Dossier) -> None:
    window = shown_window(qtbot, dossier)
    overview = page_of(window, "overview", OverviewPage)
    assert window.view is not None
    assert "<a href='new-case:'>Add a case</a>" in overview.html()
    # Keyboard: Tab to the link, Enter follows it, as a click does.
    overview.summary.setFocus()
    qtbot.keyClick(overview.summary, Qt.Key.Key_Tab)
    with qtbot.waitSignal(overview.new_case):
        qtbot.keyClick(overview.summary, Qt.Key.Key_Return)
    assert window.view.current_page_key() == "cases"
    cases = window.view.pages["cases"]
    assert isinstance(cases, CasesPage) and cases.case_id is None
    qtbot.waitUntil(lambda: cases.details.editors["title"].widget.hasFocus())
    window.close()


def test_the_cards_follow_a_dark_palette(qtbot: QtBot, dossier: Dossier) -> None:
    records.create(dossier, "case", {"title": "Cataract"})
    page, _session = make_page(qtbot, dossier)
    dark = QPalette(page.palette())
    dark.setColor(QPalette.ColorRole.AlternateBase, QColor("#333333"))
    page.setPalette(dark)
    assert "bgcolor='#333333'" in page.html()


def test_a_hebrew_task_keeps_the_english_line_in_order(qtbot: QtBot, dossier: Dossier) -> None:
    title = "לשאול את הרופא"
    due = (today() + timedelta(days=2)).isoformat()
    records.create(dossier, "task", {"title": title, "due_on": due})
    page, _session = make_page(qtbot, dossier)
    assert f"Deadline: {isolate(title)} <i>(in 2 days)</i>" in page.html()
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    assert window.windowTitle().startswith(isolate(records.get(dossier, "person", 1)["name"]))
