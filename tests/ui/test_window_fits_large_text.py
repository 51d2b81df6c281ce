"""With text half as large again (as many older people set it), the window fits a
1366-pixel screen on every page, in every language of the program.

Qt's stacks ask for the room of their widest page, and a row of buttons for all of them
side by side: in Russian with large text the window needed 1,704 pixels once the
Documents page had been shown, on every page after it. Now hidden pages and tabs ask for
no room (``widgets/shown_page_size.py``), rows of buttons and filters go on to a next line
(``widgets/flow_layout.py``), the person's name wraps, and a long page name in the
navigation takes two lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.demo import build_demo
from dossier.core.i18n import LANGUAGE_NAMES
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from dossier.ui.documents.details_panel import DocumentDetails
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.cases import CasesPage
from dossier.ui.pages.documents import DocumentsPage
from dossier.ui.pages.registry import pages
from dossier.ui.qt_language import apply_language
from dossier.ui.screens.shots import case_named
from dossier.ui.session import Session
from dossier.ui.widgets.flow_layout import FlowLayout, flowing
from dossier.ui.widgets.form_pane import FormPane
from dossier.ui.widgets.record_form import RecordForm, fit_form
from dossier.ui.widgets.scrolled_label import ScrolledLabel
from dossier.ui.widgets.shown_page_size import ShownPageSize

DAY = "2026-05-12"
SCREEN = 1366
LANGUAGES = sorted(LANGUAGE_NAMES)  # en, he, nl, ru, uk


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example dossier told in each language (its own case titles, names, letters)."""
    built: dict[str, Path] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_TODAY", DAY)
        for language in LANGUAGES:
            path = tmp_path_factory.mktemp(language) / "dossier"
            build_demo(path, language=language).close()
            built[language] = path
    return built


@pytest.fixture
def large_text(qapp: QApplication) -> Iterator[None]:
    normal = qapp.font()
    bigger = QFont(normal)
    bigger.setPointSizeF(normal.pointSizeF() * 1.5)
    qapp.setFont(bigger)
    yield
    qapp.setFont(normal)
    apply_language(qapp, "en")


def _settle(window: QWidget) -> int:
    """The window's width once its layout has taken in what changed."""
    for _ in range(3):
        QApplication.processEvents()
        layout = window.layout()
        if layout is not None:
            layout.activate()
    return window.width()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_fits_a_1366_pixel_screen_with_large_text(
    qtbot: QtBot,
    qapp: QApplication,
    examples: dict[str, Path],
    large_text: None,
    language: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DOSSIER_TODAY", DAY)
    apply_language(qapp, language)
    window = MainWindow(open_dossier(examples[language]))
    qtbot.addWidget(window)
    window.resize(SCREEN, 768)
    window.show()
    assert window.view is not None
    too_wide: list[str] = []
    for entry in pages():  # in order, each after the others: none widens the next
        page = window.view.show_page(entry.key)
        shown = [entry.key]
        if isinstance(page, DocumentsPage):  # with a document open beside the list
            page.set_view_mode("list", remember=False)
            page.open_document(int(records.list_records(page.session.dossier, "document")[0]["id"]))
        if isinstance(page, CasesPage):  # every tab of the treatment case, the widest
            case = case_named(window.view.session.dossier, "treatment")
            assert case is not None
            page.show_case(case)
            shown = [f"cases/{page.tabs.tabText(i)}" for i in range(page.tabs.count())]
        for index, name in enumerate(shown):
            if isinstance(page, CasesPage):
                page.tabs.setCurrentIndex(index)
            window.resize(SCREEN, 768)
            width = _settle(window)
            if width > SCREEN or window.minimumSizeHint().width() > SCREEN:
                too_wide.append(f"{name}: {width} px (at least {window.minimumSizeHint().width()})")
            for details in page.findChildren(DocumentDetails):  # the details whole
                content = details.widget()
                cut = content is not None and content.width() > details.viewport().width()
                if details.isVisible() and cut:
                    too_wide.append(f"{name}: the document's details are cut at their right")
            for table in page.findChildren(QTableView):  # and no list scrolls sideways
                if table.isVisible() and table.horizontalScrollBar().maximum() > 0:
                    too_wide.append(f"{name}: the list {table.accessibleName()!r} scrolls")
    window.close()
    assert not too_wide, f"wider than the screen in {language}: " + "; ".join(too_wide)


def _wide_label(width_in_letters: int) -> QLabel:
    return QLabel("m" * width_in_letters)


@pytest.mark.parametrize("kind", ["stack", "tabs"])
def test_a_stack_asks_only_for_the_room_of_the_page_shown(qtbot: QtBot, kind: str) -> None:
    stack: QStackedWidget | QTabWidget = QStackedWidget() if kind == "stack" else QTabWidget()
    qtbot.addWidget(stack)
    narrow, wide = _wide_label(5), _wide_label(300)
    for page in (narrow, wide):
        if isinstance(stack, QTabWidget):
            stack.addTab(page, "page")
        else:
            stack.addWidget(page)
    unfitted = stack.minimumSizeHint().width()  # Qt's own: the widest page's
    assert unfitted >= wide.minimumSizeHint().width()
    ShownPageSize(stack)
    stack.show()
    assert stack.minimumSizeHint().width() < wide.minimumSizeHint().width() // 4
    stack.setCurrentWidget(wide)
    assert stack.minimumSizeHint().width() >= wide.minimumSizeHint().width()
    assert narrow.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored
    assert wide.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Preferred  # its own
    stack.setCurrentWidget(narrow)
    assert stack.minimumSizeHint().width() < wide.minimumSizeHint().width() // 4


def _buttons(count: int) -> list[QPushButton]:
    return [QPushButton(f"Button number {n}") for n in range(count)]


@pytest.mark.parametrize("right_to_left", [False, True])
def test_controls_flowing_to_the_end_of_a_row_wrap_when_narrow(
    qtbot: QtBot, right_to_left: bool
) -> None:
    buttons = _buttons(3)
    holder = flowing(buttons, to_end=True)
    qtbot.addWidget(holder)
    if right_to_left:
        holder.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    layout = holder.layout()
    assert isinstance(layout, FlowLayout)
    one_line = layout.sizeHint().width()
    assert layout.minimumSize().width() == max(b.sizeHint().width() for b in buttons)

    layout.setGeometry(QRect(0, 0, one_line + 300, layout.heightForWidth(one_line + 300)))
    tops = {b.geometry().top() for b in buttons}
    assert len(tops) == 1  # one line, at the end of the row
    if right_to_left:
        assert min(b.geometry().left() for b in buttons) == 0
    else:
        assert max(b.geometry().right() for b in buttons) == one_line + 300 - 1

    narrow = max(b.sizeHint().width() for b in buttons) + 10
    height = layout.heightForWidth(narrow)
    assert height >= 3 * buttons[0].sizeHint().height()  # one under the other
    layout.setGeometry(QRect(0, 0, narrow, height))
    assert len({b.geometry().top() for b in buttons}) == 3
    for button in buttons:  # each inside the row's width
        assert button.geometry().left() >= 0 and button.geometry().right() < narrow


def test_a_long_warning_scrolls_when_its_column_is_too_low_and_is_whole_when_not(
    qtbot: QtBot,
) -> None:
    column = QWidget()
    qtbot.addWidget(column)
    label = QLabel(" ".join(["The plan does not fit the deadline."] * 40))
    area = ScrolledLabel(label)
    below = QListWidget()  # the list of steps, which takes the rest
    layout = QVBoxLayout(column)
    layout.addWidget(area)
    layout.addWidget(below, 1)
    column.resize(500, 900)
    column.show()
    qtbot.waitUntil(lambda: area.height() > 0)
    _settle(column)
    needed = label.heightForWidth(area.viewport().width())
    assert area.height() >= needed  # room enough: all of it, no scroll bar
    assert not area.verticalScrollBar().isVisible()

    column.resize(500, 220)
    _settle(column)
    assert area.height() < needed
    assert area.verticalScrollBar().isVisible()  # not cut: it scrolls
    assert area.verticalScrollBar().maximum() > 0
    assert area.height() >= 3 * label.fontMetrics().lineSpacing()  # three lines in sight


def test_labels_go_above_their_fields_when_the_fields_would_be_too_narrow(
    qtbot: QtBot, dossier: Dossier
) -> None:
    form = RecordForm(Session(dossier), "case")
    pane = FormPane(form)
    fit_form(form, pane.scroll_area)
    qtbot.addWidget(pane)
    fields = form.findChild(QFormLayout)
    assert fields is not None
    pane.resize(1000, 700)
    pane.show()
    _settle(pane)
    assert fields.rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapLongRows  # beside them
    pane.resize(380, 700)  # a narrow pane: the fields would be a sliver beside the labels
    _settle(pane)
    assert fields.rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapAllRows
    title = form.editors["title"].widget
    assert title.width() > 300  # the field takes the pane's width under its label
    pane.resize(1000, 700)
    _settle(pane)
    assert fields.rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapLongRows
