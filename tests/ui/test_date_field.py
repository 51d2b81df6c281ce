"""The date field reads dates as people in the region write them, stores ISO, and shows
the region's form with the year in full (dossier.ui.widgets.date_field)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from dossier.core import person
from dossier.ui.new_dossier import NewDossierDialog
from dossier.ui.widgets.date_field import DateField, date_order, edit_format


@pytest.fixture
def region() -> Iterator[object]:
    """Set the program's region for one test, and put the old one back."""
    before = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(before)


def type_and_leave(qtbot: QtBot, field: DateField, text: str) -> None:
    field.line.setFocus()
    field.line.selectAll()
    if text.isascii():
        qtbot.keyClicks(field.line, text)
    else:  # QTest types Latin keys only: other scripts arrive as an input method gives them
        field.line.insert(text)
    field.line.editingFinished.emit()  # what leaving the field with Tab sends


@pytest.mark.parametrize(
    ("name", "pattern", "order"),
    [
        ("nl_NL", "dd-MM-yyyy", "DMY"),
        ("en_US", "M/d/yyyy", "MDY"),
        ("en_GB", "dd/MM/yyyy", "DMY"),
        ("he_IL", "d.M.yyyy", "DMY"),
        ("uk_UA", "dd.MM.yyyy", "DMY"),
        ("C", "yyyy-MM-dd", "YMD"),
    ],
)
def test_each_region_has_its_form_with_the_full_year(name: str, pattern: str, order: str) -> None:
    assert edit_format(QLocale(name)) == pattern
    assert date_order(pattern) == order


def test_a_dutch_user_types_dates_as_she_writes_them(qtbot: QtBot, region: object) -> None:
    region("nl_NL")  # type: ignore[operator]
    field = DateField()
    qtbot.addWidget(field)
    assert field.line.placeholderText() == "DD-MM-YYYY"
    for typed in ("14/03/1957", "14-3-1957", "14 maart 1957", "14 March 1957", "1957-03-14"):
        type_and_leave(qtbot, field, typed)
        assert field.text() == "1957-03-14", typed
        assert field.line.text() == "14-03-1957", typed  # shown as it was understood
    type_and_leave(qtbot, field, "03/04/2026")
    assert field.text() == "2026-04-03"  # day first, as in the Netherlands


def test_an_american_user_types_the_month_first(qtbot: QtBot, region: object) -> None:
    region("en_US")  # type: ignore[operator]
    field = DateField(with_time=True)
    qtbot.addWidget(field)
    field.set_text("2026-03-04T09:30")
    assert field.line.text() == "3/4/2026 09:30"
    type_and_leave(qtbot, field, "03/04/2026 14:05")
    assert field.text() == "2026-03-04 14:05"
    field.select_time()
    assert field.line.selectedText() == "14:05"


def test_what_is_no_date_stays_as_typed_for_the_form_to_refuse(qtbot: QtBot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    type_and_leave(qtbot, field, "next Tuesday")
    assert field.read() is None and field.text() == "next Tuesday"
    assert field.line.text() == "next Tuesday"


def test_the_calendar_shows_the_typed_day_and_a_pick_replaces_it(
    qtbot: QtBot, region: object
) -> None:
    region("he_IL")  # type: ignore[operator]
    field = DateField()
    qtbot.addWidget(field)
    type_and_leave(qtbot, field, "14 במרץ 1957")
    field.button.menu().aboutToShow.emit()
    assert field.calendar.selectedDate() == QDate(1957, 3, 14)
    field.calendar.clicked.emit(QDate(1957, 3, 15))
    assert field.text() == "1957-03-15" and field.line.text() == "15.3.1957"


def test_a_new_dossier_takes_a_birth_date_written_the_dutch_way(
    qtbot: QtBot, tmp_path: Path, region: object
) -> None:
    region("nl_NL")  # type: ignore[operator]
    dialog = NewDossierDialog(for_self=False)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Rosa Jansen")
    qtbot.keyClicks(dialog.born.line, "3 februari 1931")
    dialog.folder.setText(str(tmp_path / "rosa"))
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.dossier is not None, dialog.error.text()
    assert person.get_person(dialog.dossier)["born"] == "1931-02-03"
    dialog.dossier.close()


def test_the_new_dossier_dialog_has_room_and_grows_with_a_message(qtbot: QtBot) -> None:
    dialog = NewDossierDialog(for_self=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    name = "Margaret Allison Lindqvist-Коэн"
    dialog.name.setText(name)
    dialog.name.setCursorPosition(len(name))
    folder = "/home/anna/Documents/Second opinion dossier – Mum"  # never made: the date is wrong
    dialog.folder.setText(folder)
    metrics = dialog.fontMetrics()
    assert dialog.name.width() > metrics.horizontalAdvance(name)  # the whole name is seen
    assert dialog.folder.width() > metrics.horizontalAdvance(folder)
    assert dialog.folder.toolTip() == folder
    heights = {w: w.height() for w in (dialog.name, dialog.born.line, dialog.folder)}
    qtbot.keyClicks(dialog.born.line, "31 February 1931")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and dialog.dossier is None
    qtbot.waitUntil(lambda: dialog.height() >= dialog.minimumSizeHint().height())
    for widget, height in heights.items():  # no field squashed flat by the message
        assert widget.height() >= height, widget.objectName()
    assert dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width()) - 1
