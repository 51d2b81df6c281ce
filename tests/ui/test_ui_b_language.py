"""The window in another language: the menus, the documents page and the safety dialogs
say every word through the catalogue (checked in the pseudo-language, where a word that
bypassed it stays English); the language chosen is kept in the settings; dates and
amounts are written as the language writes them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dossier.core.backup import default_root
from dossier.core.i18n import LANGUAGE_NAMES, PSEUDO, language_scope, set_language, tr
from dossier.core.opening import open_dossier
from dossier.core.pseudo import CLOSE, OPEN
from dossier.core.pseudo import pseudo as pseudo_text
from dossier.core.sql_driver import sqlite3
from dossier.core.storage import Dossier
from dossier.ui import tasks
from dossier.ui.documents.document_form import DocumentForm
from dossier.ui.formatting import (
    choice_label,
    date_text,
    datetime_text,
    day_text,
    long_day_text,
    money_text,
)
from dossier.ui.language_choice import (
    LANGUAGE_KEY,
    choose_language,
    chosen_language,
    system_language,
    window_language,
)
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.documents import DocumentsPage
from dossier.ui.safety.backup_dialogs import BackupFolderDialog, RestoreDialog
from dossier.ui.safety.check_actions import open_check_dialog
from dossier.ui.safety.check_dialog import CheckDialog
from dossier.ui.settings import settings
from tests.ui.windows import page_of, shown_window

WAIT = 60_000
_TAGS = re.compile(r"<[^>]+>")
_NO_WORDS = re.compile(r"[\W\d_]*")
# A date as CLDR writes it in English: "8 May 2026", "Sat 9 May", "14:30".
_DATE = re.compile(r"(\w{3} )?\d{1,2} \w{3,4}\.?( \d{4})?(, \d{2}:\d{2})?|\d{2}:\d{2}")


@pytest.fixture
def pseudo() -> Iterator[None]:
    """The window made in the pseudo-language; English again after the test."""
    set_language(PSEUDO)
    try:
        yield
    finally:
        set_language("en")


def _user_data(path: Path) -> set[str]:
    """Every text the dossier holds (the person's own words, shown as written), and each
    of its lines, without markup."""
    found: set[str] = set()
    with sqlite3.connect(path / "dossier.sqlite") as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            try:
                rows = db.execute(f'SELECT * FROM "{table}"').fetchall()
            except sqlite3.DatabaseError:
                continue
            for row in rows:
                for value in row:
                    if isinstance(value, str):
                        found.add(value.strip())
                        found.update(line.strip() for line in value.splitlines())
    return found


# Parts of the window made elsewhere, whose words are checked with those parts: the shared
# widgets (a date field's calendar button, a record form's fields, labelled with the record
# kinds' field names from core/entities.py) and the pages that put the parts together.
ELSEWHERE = ("dossier.ui.widgets.", "dossier.ui.pages.", "dossier.ui.printing.")


def _made_elsewhere(child: QWidget, top: QWidget) -> bool:
    widget: QWidget | None = child
    while widget is not None and widget is not top:
        if isinstance(widget, DocumentForm):  # its own rows (tags, cases) are ours
            own = (widget.tags, widget.cases, widget.no_cases)
            return not (child in own or (isinstance(child, QLabel) and child.buddy() in own))
        if type(widget).__module__.startswith(ELSEWHERE):
            return True
        widget = widget.parentWidget()
    return False


def _shown_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every word a person sees or hears on ``widget``: labels, buttons,
    fields' hints, tooltips, accessible names, headings, list items, titles."""
    widgets = [widget, *widget.findChildren(QWidget)]
    for child in widgets:
        if child is not widget and (
            not child.isVisibleTo(widget) or _made_elsewhere(child, widget)
        ):
            continue
        where = f"{type(child).__name__}({child.objectName()!r})"
        yield where + ".toolTip", child.toolTip()
        yield where + ".accessibleName", child.accessibleName()
        if child.isWindow():
            yield where + ".windowTitle", child.windowTitle()
        if _standard_button(child):
            continue  # "OK", "Close": Qt's own words, translated by Qt's catalogue
        if isinstance(child, (QLabel, QAbstractButton)):
            yield where + ".text", child.text()
        elif isinstance(child, QLineEdit) or (
            isinstance(child, (QTextEdit, QPlainTextEdit)) and not isinstance(child, QTextBrowser)
        ):
            yield where + ".placeholderText", child.placeholderText()
        elif isinstance(child, QTextBrowser):
            yield where + ".text", child.toPlainText()
        elif isinstance(child, QGroupBox):
            yield where + ".title", child.title()
        elif isinstance(child, QComboBox):
            for row in range(child.count()):
                yield where + f".item{row}", child.itemText(row)
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            yield from _model_texts(where, child.model())


def _standard_button(widget: QWidget) -> bool:
    box = widget.parentWidget()
    return (
        isinstance(widget, QPushButton)
        and isinstance(box, QDialogButtonBox)
        and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton
    )


def _model_texts(where: str, model: QAbstractItemModel) -> Iterator[tuple[str, str]]:
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
    for column in range(columns):
        heading = model.headerData(column, Qt.Orientation.Horizontal)
        yield where + f".heading{column}", heading if isinstance(heading, str) else ""
    for row in range(min(model.rowCount(), 40)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                yield where + f".cell{row},{column}", value if isinstance(value, str) else ""


def _menu_texts(menu: QMenu, where: str = "") -> Iterator[tuple[str, str]]:
    menu.aboutToShow.emit()  # menus filled when opened (recent dossiers) are filled
    where = where + "/" + menu.title()
    yield where, menu.title()
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), where)
        else:
            yield where + "/" + action.objectName(), action.text()
            yield where + "/" + action.objectName() + ".toolTip", action.toolTip()


def _english_left(texts: Iterator[tuple[str, str]], data: set[str]) -> list[str]:
    """The texts that are neither in the pseudo-language nor the person's own data (nor
    dates and numbers, written by CLDR), each line and each part of a list looked at."""
    left = []
    for where, text in texts:
        plain = _TAGS.sub("", text).strip()
        lines = [line.strip() for line in plain.splitlines() if line.strip()]
        if not plain.startswith(OPEN) and not all(_fine(line, data) for line in lines):
            left.append(f"{where}: {text!r}")
    return left


def _fine(text: str, data: set[str]) -> bool:
    if text.startswith(OPEN) or _NO_WORDS.fullmatch(text) or text in data:
        return True
    parts = text.split(", ")
    if len(parts) > 1:
        return all(_fine(part, data) for part in parts)
    cut = text.rstrip("…")  # a title shortened to fit
    if cut != text and any(d.startswith(cut) for d in data):
        return True
    return bool(_DATE.fullmatch(text))


def test_menus_speak_the_pseudo_language(qtbot: QtBot, pseudo: None, demo_copy: Path) -> None:
    window = shown_window(qtbot, open_dossier(demo_copy))
    texts = []
    for action in window.menuBar().actions():
        menu = action.menu()
        assert isinstance(menu, QMenu)
        texts.extend(_menu_texts(menu))
    assert {title for where, title in texts if where.count("/") == 1} == {
        pseudo_text("&Dossier"),
        pseudo_text("&Edit"),
        pseudo_text("&Print"),
        pseudo_text("&Go"),
        pseudo_text("&Help"),
    }
    # Each language is named in its own words, never translated: found whatever the
    # window speaks.
    names = set(LANGUAGE_NAMES.values())
    left = _english_left((t for t in texts if t[1] not in names), set())
    assert left == [], "\n".join(left)
    language_menu = window.findChild(QMenu, "languageMenu")
    assert isinstance(language_menu, QMenu)
    shown = [a.text() for a in language_menu.actions() if not a.isSeparator()]
    assert shown[1:6] == [LANGUAGE_NAMES[code] for code in ("en", "nl", "he", "uk", "ru")]
    # The navigation beside the pages: each page's name, and its shortcut in the tooltip.
    assert window.view is not None
    nav = window.view.nav
    qtbot.waitUntil(lambda: nav.item(0).toolTip() != "")  # set once the window is painted
    for row in range(nav.count()):
        assert nav.item(row).text().startswith(OPEN)
        assert nav.item(row).toolTip().startswith(OPEN), nav.item(row).toolTip()
    window.close()


def test_the_documents_page_speaks_the_pseudo_language(
    qtbot: QtBot, pseudo: None, demo_copy: Path
) -> None:
    data = _user_data(demo_copy)
    dossier = open_dossier(demo_copy)
    pdf_id = dossier.db.execute(
        "SELECT id FROM document WHERE media_type = 'application/pdf' ORDER BY id LIMIT 1"
    ).fetchone()[0]
    window = shown_window(qtbot, dossier)
    page = page_of(window, "documents", DocumentsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    for mode in ("grid", "list"):
        page.set_view_mode(mode, remember=False)
        left = _english_left(_shown_texts(page), data)
        assert left == [], "\n".join(left)
    page.open_document(pdf_id, 1)
    qtbot.waitUntil(lambda: page.viewer.current_page() == 1)
    assert page.viewer.pdf.page_count.text().startswith(OPEN)
    left = _english_left(_shown_texts(page), data)
    assert left == [], "\n".join(left)
    window.close()


def test_the_check_dialog_speaks_the_pseudo_language(
    qtbot: QtBot, pseudo: None, demo_copy: Path
) -> None:
    window = shown_window(qtbot, open_dossier(demo_copy))
    dialog = open_check_dialog(window)
    assert isinstance(dialog, CheckDialog)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=WAIT)
    assert tasks.wait_for(dialog)
    assert dialog.heading.text().startswith(OPEN) and dialog.heading.text().endswith(CLOSE)
    left = _english_left(_shown_texts(dialog), _user_data(demo_copy))
    assert left == [], "\n".join(left)
    dialog.close()
    window.close()


def test_the_safety_dialogs_for_backups_speak_the_pseudo_language(
    qtbot: QtBot, pseudo: None, demo: Dossier
) -> None:
    data = _user_data(demo.path)
    folder = BackupFolderDialog(demo.path, default_root())
    qtbot.addWidget(folder)
    folder.show()
    left = _english_left(_shown_texts(folder), data)
    assert left == [], "\n".join(left)
    restore = RestoreDialog([])
    qtbot.addWidget(restore)
    restore.show()
    left = _english_left(_shown_texts(restore), data)
    assert left == [], "\n".join(left)
    folder.close()
    restore.close()


def _language_menu(window: MainWindow) -> QMenu:
    menu = window.findChild(QMenu, "languageMenu")
    assert isinstance(menu, QMenu)
    return menu


def _click_entry(qtbot: QtBot, window: MainWindow, code: str) -> QAction:
    """Open Edit → Language as a person does and click the entry of ``code``."""
    menu = _language_menu(window)
    entry = menu.findChild(QAction, f"language-{code or 'system'}")
    assert isinstance(entry, QAction)
    menu.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(menu.isVisible)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())
    qtbot.waitUntil(lambda: not menu.isVisible())
    return entry


def test_the_language_chosen_is_kept_and_read_back_at_the_next_start(qtbot: QtBot) -> None:
    window = shown_window(qtbot, None)
    menu = _language_menu(window)
    system = system_language()
    # Nothing chosen yet: the system's language, named in its own words.
    assert chosen_language(settings()) == "" and window_language(settings()) == system
    first = menu.actions()[0]
    assert first.isChecked() and LANGUAGE_NAMES[system] in first.text()
    note = [a for a in menu.actions() if not a.isSeparator()][-1]
    assert note.text() == "A new choice applies from the next start." and not note.isEnabled()

    dutch = _click_entry(qtbot, window, "nl")
    assert dutch.isChecked() and not first.isChecked()
    assert settings().value(LANGUAGE_KEY) == "nl"
    assert window_language(settings()) == "nl"
    with language_scope("nl"):  # said in the language chosen
        expected = tr("From the next start, the window is in {language}.", language="Nederlands")
    assert window.statusBar().currentMessage() == expected
    window.close()

    later = shown_window(qtbot, None)  # the next start shows the choice
    assert _language_menu(later).findChild(QAction, "language-nl").isChecked()
    _click_entry(qtbot, later, "")  # back to the system's language
    assert settings().value(LANGUAGE_KEY) == ""
    assert window_language(settings()) == system
    later.close()


def test_a_stored_language_that_is_not_one_of_ours_means_the_system_s() -> None:
    state = settings()
    state.setValue(LANGUAGE_KEY, "de")
    assert chosen_language(state) == "" and window_language(state) == system_language()
    state.setValue(LANGUAGE_KEY, "he")
    assert window_language(state) == "he"
    with pytest.raises(ValueError):
        choose_language(state, "xx")


def test_dates_amounts_and_choices_follow_the_language() -> None:
    day = date(2026, 3, 14)
    with language_scope("nl"):
        assert long_day_text(day) == "14 maart 2026"
        assert date_text("2026-03-14") == "14 mrt 2026"
        assert datetime_text("2026-03-14T08:15") == "14 mrt 2026, 08:15"
        assert day_text(day) == "za 14 mrt 2026"
        assert money_text(1234.5, "EUR") == "€\u00a01.234,50"
    with language_scope("en"):
        assert long_day_text(day) == "14 March 2026"
        assert date_text("2026-03-14") == "14 Mar 2026"
        assert money_text(1234.5, "EUR") == "€1,234.50"
        assert money_text(12, "euro") == "12.00 euro"
        assert date_text("not a date") == "not a date"
    with language_scope(PSEUDO):
        assert choice_label("diagnosis", "status", "ruled_out") == pseudo_text("ruled out")
        assert choice_label("document", "kind", "lab_result").startswith(OPEN)
    assert choice_label("diagnosis", "status", "ruled_out") == "Ruled out"  # capital: alone
    assert choice_label("document", "language", "nl") == "Dutch"  # named by CLDR
