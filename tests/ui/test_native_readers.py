"""What native readers of the window in Dutch, Hebrew, Ukrainian and Russian asked for: the
date hint in their own letters, "New …" agreeing with its noun, their region's weekend,
file sizes kept whole in a right-to-left line, the title and text boxes starting at the
right in Hebrew, no full stop before "·", and a search screen that finds something."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.backup import BackupInfo
from dossier.core.bidi import FSI, PDI
from dossier.core.demo_content import content_file
from dossier.core.entities import ENTITIES
from dossier.core.new_record_titles import NEW_RECORD_TITLES
from dossier.core.storage import Dossier
from dossier.ui.calendar.month_view import MonthView
from dossier.ui.documents.details_panel import DocumentDetails
from dossier.ui.pages.notes import notes_page
from dossier.ui.qt_language import apply_language
from dossier.ui.safety.backup_dialogs import RestoreDialog
from dossier.ui.screens.shots import SEARCH_WORDS, search_word
from dossier.ui.session import Session
from dossier.ui.welcome import WelcomePage
from dossier.ui.widgets.date_field import DateField
from dossier.ui.widgets.editors import TextEditor
from dossier.ui.widgets.record_form import RecordForm

LANGUAGES = ("en", "nl", "he", "uk", "ru")
Speak = Callable[[str], None]


@pytest.fixture
def speak(qapp: QApplication) -> Iterator[Speak]:
    """Switch the window's language (words, region, direction) for one test; English after."""

    def use(code: str) -> None:
        apply_language(qapp, code)

    yield use
    apply_language(qapp, "en")


@pytest.fixture
def session(dossier: Dossier) -> Session:
    return Session(dossier)


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("en", "DD/MM/YYYY"),
        ("nl", "DD-MM-JJJJ"),
        ("he", "יי.חח.שששש"),
        ("uk", "ДД.ММ.РРРР"),
        ("ru", "ДД.ММ.ГГГГ"),
    ],
)
def test_the_date_hint_is_written_in_the_languages_own_letters(
    qtbot: QtBot, speak: Speak, code: str, hint: str
) -> None:
    speak(code)
    field = DateField()
    qtbot.addWidget(field)
    assert field.line.placeholderText() == hint
    with_time = DateField(with_time=True)
    qtbot.addWidget(with_time)
    assert with_time.line.placeholderText().startswith(hint + " ")


def test_every_kind_of_record_has_its_own_new_message() -> None:
    assert set(NEW_RECORD_TITLES) == set(ENTITIES)


@pytest.mark.parametrize(
    ("code", "new_note"),
    [("en", "New note"), ("nl", "Nieuwe notitie"), ("ru", "Новая заметка"), ("he", "הערה חדשה")],
)
def test_the_new_button_and_heading_agree_with_the_noun(
    qtbot: QtBot, speak: Speak, session: Session, code: str, new_note: str
) -> None:
    speak(code)
    page = notes_page(session)
    qtbot.addWidget(page)
    assert page.new_button.text() == new_note
    assert page.form.heading.text() == new_note  # an empty form: a new note
    form = RecordForm(session, "physical_item")
    qtbot.addWidget(form)
    form.set_record(None)
    expected = {"en": "New physical item", "nl": "Nieuw stuk", "ru": "Новый оригинал"}
    assert form.heading.text() == expected.get(code, form.heading.text())


def _red_days(view: MonthView) -> set[Qt.DayOfWeek]:
    red = QColor(Qt.GlobalColor.red)
    return {
        day
        for day in Qt.DayOfWeek
        if view.weekdayTextFormat(day).foreground().color() == red
        and view.weekdayTextFormat(day).foreground().style() != Qt.BrushStyle.NoBrush
    }


@pytest.mark.parametrize(
    ("code", "weekend", "first"),
    [
        ("he", {Qt.DayOfWeek.Friday, Qt.DayOfWeek.Saturday}, Qt.DayOfWeek.Sunday),
        ("nl", {Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday}, Qt.DayOfWeek.Monday),
        ("ru", {Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday}, Qt.DayOfWeek.Monday),
    ],
)
def test_the_calendars_mark_the_regions_own_weekend(
    qtbot: QtBot, speak: Speak, code: str, weekend: set[Qt.DayOfWeek], first: Qt.DayOfWeek
) -> None:
    speak(code)
    view = MonthView()
    qtbot.addWidget(view)
    assert _red_days(view) == weekend
    assert view.firstDayOfWeek() == first
    field = DateField()  # the date field's pop-up calendar too
    qtbot.addWidget(field)
    red = QColor(Qt.GlobalColor.red)
    marked = {d for d in Qt.DayOfWeek if field.calendar.weekdayTextFormat(d).foreground() == red}
    assert marked == weekend


def test_a_documents_size_is_the_regions_and_stays_whole(
    qtbot: QtBot, speak: Speak, session: Session
) -> None:
    for code, size in (("en", "1.2 MB"), ("nl", "1,2 MB"), ("ru", "1,2 МБ")):
        speak(code)
        panel = DocumentDetails(session)
        qtbot.addWidget(panel)
        line = panel.describe_file({"media_type": "application/pdf", "size": 1_234_567})
        assert f"{FSI}{size}{PDI}" in line
        assert "KiB" not in line and "КиБ" not in line


def test_a_backups_size_stays_whole_in_the_restore_list(
    qtbot: QtBot, speak: Speak, tmp_path: Path
) -> None:
    speak("he")
    info = BackupInfo(tmp_path / "backup", made_at="2026-03-10T09:00:00", cases=1, bytes=1_000_000)
    dialog = RestoreDialog([info])
    qtbot.addWidget(dialog)
    row = dialog.list.topLevelItem(0)
    assert row is not None
    shown = row.text(1)
    assert f"({FSI}" in shown and f"{PDI})" in shown  # "(1.0 MB)", not "(MB 1.0)"


def test_the_welcome_title_starts_where_the_window_starts(qtbot: QtBot, speak: Speak) -> None:
    speak("he")
    page = WelcomePage([])
    qtbot.addWidget(page)
    assert page.title.alignment() & Qt.AlignmentFlag.AlignRight
    page.resize(800, 500)
    page.show()
    qtbot.waitExposed(page)
    ink = _ink_columns(page.title)
    assert min(ink) > page.title.width() / 2  # the Latin name stands at the right
    speak("en")  # the window turns back: the title follows
    assert page.title.alignment() & Qt.AlignmentFlag.AlignLeft


def _ink_columns(widget: QWidget) -> list[int]:
    image = widget.grab().toImage()
    background = image.pixelColor(0, 0).lightness()
    return [
        x
        for x in range(image.width())
        for y in range(0, image.height(), 2)
        if abs(image.pixelColor(x, y).lightness() - background) > 80
    ]


def test_a_text_box_in_a_hebrew_window_runs_right_to_left(
    qtbot: QtBot, speak: Speak, session: Session
) -> None:
    speak("he")
    form = RecordForm(session, "person")
    qtbot.addWidget(form)
    editor = form.editors["medications"]
    assert isinstance(editor, TextEditor)
    editor.set_value("Metformin 500 mg")  # a line that starts with a Latin drug name
    option = editor.edit.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() == Qt.AlignmentFlag.AlignRight
    editor.edit.resize(400, 100)
    editor.edit.show()
    qtbot.waitExposed(editor.edit)
    assert min(_ink_columns(editor.edit.viewport())) > 400 / 3
    speak("en")  # back in a left-to-right window: each paragraph by its own text again
    option = editor.edit.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.LayoutDirectionAuto
    assert option.alignment() == Qt.AlignmentFlag.AlignLeft


def test_no_full_stop_before_the_separator_in_a_records_name(session: Session) -> None:
    made = records.create(
        session.dossier,
        "appointment",
        {"purpose": "Ask about the implant.", "starts_at": "2026-06-02T10:00"},
    ).after
    assert made is not None
    name = records.label_of(ENTITIES["appointment"], made)
    assert name == "Ask about the implant · 2026-06-02 10:00"
    note = records.create(
        session.dossier, "note", {"title": "Clinic", "text": "Called the clinic."}
    ).after
    assert note is not None
    assert records.label_of(ENTITIES["note"], note) == "Clinic · Called the clinic."


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_search_screen_looks_for_a_word_the_example_holds(code: str) -> None:
    assert set(SEARCH_WORDS) == set(LANGUAGES)
    text = content_file(code).read_text(encoding="utf-8").casefold()
    assert text.count(search_word(code).casefold()) >= 5
