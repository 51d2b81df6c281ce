"""A long record form (an opinion's twelve aspects) scrolls while Save stays in sight, goes
back to the top after a save, and its text boxes are as tall as their text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.opening import open_dossier
from dossier.ui.pages.cases import CasesPage
from dossier.ui.widgets.editors import GrowingTextEdit
from tests.ui.windows import page_of, shown_window

LONG_OPINION = ("Ввиду второго очага רופא מומחה recommends a biopsy first. " * 60)[:3000]


def test_an_opinion_form_keeps_save_in_sight(qtbot: QtBot, demo_copy: Path) -> None:
    dossier = open_dossier(demo_copy)
    window = shown_window(qtbot, dossier)
    page = page_of(window, "cases", CasesPage)
    case = next(c for c in records.list_records(dossier, "case") if c["kind"] == "treatment")
    page.show_case(case["id"])
    opinions = page.tabs.opinions
    page.tabs.setCurrentWidget(opinions)
    opinions.table.selectRow(0)
    form, pane = opinions.form, opinions.form_pane
    qtbot.waitUntil(lambda: form.record is not None)
    bar = pane.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0  # the form is taller than its pane
    save = form.save_button
    for position in (0, bar.maximum() // 2, bar.maximum()):
        bar.setValue(position)
        assert not save.visibleRegion().isEmpty()  # wherever the form is scrolled

    reasoning = form.editors["reasoning"].widget
    assert isinstance(reasoning, QPlainTextEdit)
    empty_height = form.editors["uncertainty"].widget.height()
    reasoning.setPlainText(LONG_OPINION)
    lines = reasoning.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: reasoning.height() >= GrowingTextEdit.MAX_LINES * lines)
    assert reasoning.height() > empty_height
    bar.setValue(bar.maximum())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    reasoning.setFocus()
    qtbot.keyClick(reasoning, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = records.get(dossier, "opinion", form.record["id"])
    assert stored["reasoning"] == LONG_OPINION.strip()
    qtbot.waitUntil(lambda: bar.value() == 0)  # back at the top, where the next click lands
    window.close()
