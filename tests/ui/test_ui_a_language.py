"""The pages, the case tabs, the comparison, the question list, appointment mode, the
calendar, the item models and the shared widgets speak the window's language.

Under the pseudo-language every marked string comes back as "⟦Àççéñtéð·~~⟧": a label,
button, heading, column header, tooltip, accessible name or placeholder on these screens
that is not in that shape never went through the catalogue. The user's own words (case
titles, names, questions) and the dates and numbers written for the region are left as
they are, and so are Qt's own parts (its calendar's month button, a line edit's clear
button: Qt's own translations cover those).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.entities import ENTITIES
from dossier.core.i18n import set_language
from dossier.core.pseudo import OPEN
from dossier.core.storage import Dossier
from dossier.ui.appointment.mode import AppointmentMode
from dossier.ui.calendar.month_view import MonthView
from dossier.ui.formatting import choice_label
from dossier.ui.pages.calendar import CalendarPage
from dossier.ui.pages.cases import CasesPage
from dossier.ui.pages.contacts import contacts_page
from dossier.ui.pages.costs import CostsPage
from dossier.ui.pages.overview import OverviewPage
from dossier.ui.pages.questions import QuestionsPage
from dossier.ui.pages.trash import TrashPage
from dossier.ui.session import Session
from dossier.ui.widgets.calendar_region import first_day_of_week
from dossier.ui.widgets.date_field import DateField

# What the region writes, not words: "14 Mar 2026", "Sat 14 Mar, 09:30", "3.", "12.50".
_DATE_OR_NUMBER = re.compile(r"^[\W\d_]*(?:\w{2,4}\.?[\s,]+)?\d[\d\s\w.,:/·!-]{0,24}$")
# How a date is typed here, from the region's own form ("DD-MM-YYYY"): see the report.
_DATE_FORM = re.compile(r"^[DMY]+[-./ ][DMY]+[-./ ][DMY]+$")
_MARKS = "\u2066\u2067\u2068\u2069\u200e\u200f"  # bidi isolates around user text


@pytest.fixture
def pseudo() -> Iterator[None]:
    set_language("pseudo")
    try:
        yield
    finally:
        set_language("en")


def own_words(dossier: Dossier) -> set[str]:
    """Every text the user wrote in the dossier (titles, names, questions…)."""
    found: set[str] = set()
    for spec in ENTITIES.values():
        for record in records.list_records(dossier, spec.name, include_deleted=True):
            for value in record.values():
                if isinstance(value, str) and value.strip():
                    found.add(value.strip())
                    found.update(line.strip() for line in value.splitlines() if line.strip())
    return found


def plain(text: str) -> str:
    text = unescape(re.sub(r"<[^<>]*>", " ", text))
    for mark in _MARKS:
        text = text.replace(mark, "")
    return " ".join(text.split())


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every label, button, tooltip, accessible name, placeholder, list
    item and column header of ``root`` and the widgets in it that it shows."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, what: str, text: Any) -> None:
        if isinstance(text, str) and plain(text):
            found.append((f"{type(widget).__name__}({widget.objectName()!r}).{what}", text))

    for widget in [root, *root.findChildren(QWidget)]:
        if widget.objectName().startswith("qt_") or (
            widget is not root and not widget.isVisibleTo(root)
        ):
            continue
        parent = widget.parentWidget()
        if parent is not None and parent.objectName().startswith("qt_"):
            continue  # inside Qt's own parts (the calendar's navigation bar)
        if not (isinstance(widget, QLineEdit) and widget.toolTip() == widget.text()):
            add(widget, "toolTip", widget.toolTip())  # (a note's tooltip: all of the note)
        add(widget, "accessibleName", widget.accessibleName())
        add(widget, "accessibleDescription", widget.accessibleDescription())
        if isinstance(widget, QLabel) and not isinstance(widget, QTextBrowser):
            add(widget, "text", widget.text())
        if isinstance(widget, QAbstractButton):
            add(widget, "text", widget.text())
        if isinstance(widget, (QLineEdit, QPlainTextEdit)) and not _DATE_FORM.match(
            widget.placeholderText()
        ):
            add(widget, "placeholder", widget.placeholderText())
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add(widget, f"item {index}", widget.itemText(index))
        if isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                add(widget, f"tab {index}", widget.tabText(index))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                add(widget, f"header {column}", model.headerData(column, Qt.Orientation.Horizontal))
    return found


def choice_labels() -> set[str]:
    """A field's choices as ui/formatting.py names them ("Not claimed"): that module is
    converted to the catalogue in its own part of this work, so they are let through."""
    return {
        choice_label(spec.name, f.name, c)
        for spec in ENTITIES.values()
        for f in spec.fields
        for c in f.choices
    }


def marked(text: str) -> bool:
    """In the pseudo-language, after a sign that is no word ("≠ ⟦dîfféréñt·~·~⟧")."""
    return text.lstrip("=≈≠—✓◐○↺+•!×() ").startswith(OPEN) or not any(c.isalpha() for c in text)


def unmarked(root: QWidget, dossier: Dossier) -> list[str]:
    """The texts of ``root`` that are neither in the pseudo-language nor the user's own."""
    own = {plain(word) for word in own_words(dossier)} | choice_labels()
    everything = "\n".join(own)

    def users(piece: str) -> bool:
        return piece in own or bool(_DATE_OR_NUMBER.match(piece))

    wrong = []
    for where, text in shown_texts(root):
        shown = plain(text)
        if marked(shown) or shown in own or all(users(p) for p in re.split(r" · |, | — ", shown)):
            continue
        if "<" in text:  # rich text: each stretch of words is marked, or the user's words
            nodes = [plain(n) for n in re.split(r"<[^<>]*>", text) if plain(n)]
            if all(marked(n) or users(n) or n in everything for n in nodes):
                continue
        wrong.append(f"{where}: {text!r}")
    return wrong


def show(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def only_id(dossier: Dossier, kind: str, **where: Any) -> int:
    found = records.list_records(dossier, kind, **where)
    assert found, kind
    return int(found[0]["id"])


def test_the_pages_speak_the_language(qtbot: QtBot, demo: Dossier, pseudo: None) -> None:
    session = Session(demo)
    for page in (
        TrashPage(session),
        CalendarPage(session),
        QuestionsPage(session),
        contacts_page(session),
        CostsPage(session),
    ):
        show(qtbot, page)
        assert not unmarked(page, demo)
        page.close()


def test_a_case_and_its_comparison_speak_the_language(
    qtbot: QtBot, demo: Dossier, pseudo: None
) -> None:
    page = CasesPage(Session(demo))
    show(qtbot, page)
    (treatment,) = [c for c in records.list_records(demo, "case") if c["kind"] == "treatment"]
    assert page.show_case(int(treatment["id"]))
    assert not unmarked(page, demo)
    page.tabs.setCurrentWidget(page.comparison)
    assert page.comparison.isVisible()
    assert not unmarked(page.comparison, demo)


def test_the_overview_speaks_the_language(qtbot: QtBot, demo: Dossier, pseudo: None) -> None:
    page = OverviewPage(Session(demo))
    show(qtbot, page)
    html = page.html()
    for heading in re.findall(r"<h2>(.*?)</h2>", html):
        assert plain(heading).startswith(OPEN), heading
    assert f"{OPEN}Tôdàý" in html  # "Today is …", its date written by the region
    assert not unmarked(page, demo)


def test_appointment_mode_speaks_the_language(qtbot: QtBot, demo: Dossier, pseudo: None) -> None:
    mode = AppointmentMode(Session(demo), only_id(demo, "appointment"))
    show(qtbot, mode)
    assert not unmarked(mode, demo)
    mode.close()


def test_a_date_field_speaks_the_language(qtbot: QtBot, pseudo: None) -> None:
    field = DateField(with_time=True)
    show(qtbot, field)
    assert field.button.toolTip().startswith(OPEN)
    assert field.line.toolTip().startswith(OPEN)
    assert "14 March 2026" in field.example()  # pseudo writes dates as British English
    assert field.line.placeholderText().endswith(f"{OPEN}HH:MM·~⟧")


@pytest.mark.parametrize(
    ("language", "month", "first_day"),
    [
        ("en", "march", Qt.DayOfWeek.Monday),
        ("nl", "maart", Qt.DayOfWeek.Monday),
        ("he", "מרץ", Qt.DayOfWeek.Sunday),
        ("uk", "березень", Qt.DayOfWeek.Monday),
        ("ru", "март", Qt.DayOfWeek.Monday),
    ],
)
def test_the_month_view_names_months_and_weeks_as_the_language_does(
    qtbot: QtBot, language: str, month: str, first_day: Qt.DayOfWeek
) -> None:
    set_language(language)
    try:
        view = MonthView()
        qtbot.addWidget(view)
        view.setCurrentPage(2026, 3)
        assert first_day_of_week() == first_day
        assert view.firstDayOfWeek() == first_day
        assert view.locale().standaloneMonthName(3).lower() == month
        picker = DateField()
        qtbot.addWidget(picker)
        assert picker.calendar.firstDayOfWeek() == first_day
    finally:
        set_language("en")
