"""The main window, driven for real (offscreen): welcome, pages, forms, undo, settings."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMenu
from pytestqt.qtbot import QtBot

from dossier.core import paths, records
from dossier.core.clock import today
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.new_dossier import NewDossierDialog
from dossier.ui.pages.overview import OverviewPage
from dossier.ui.pages.record_page import RecordPage


def open_window(qtbot: QtBot, dossier: Dossier | None) -> MainWindow:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_overview_answers_what_next_and_by_when(qtbot: QtBot, dossier: Dossier) -> None:
    deadline = (today() + timedelta(days=10)).isoformat()
    case = records.create(
        dossier, "case", {"title": "Hip: replace now or wait?", "decision_deadline": deadline}
    )
    records.create(
        dossier,
        "task",
        {"case_id": case.id, "title": "Ask for the X-ray images", "due_on": "2020-01-01"},
    )
    records.create(
        dossier,
        "appointment",
        {
            "case_id": case.id,
            "starts_at": f"{(today() + timedelta(days=3)).isoformat()} 09:30",
            "purpose": "Second opinion, orthopaedics",
        },
    )
    window = open_window(qtbot, dossier)
    assert window.view is not None
    page = window.view.show_page("overview")
    assert isinstance(page, OverviewPage)
    text = page.html()
    assert "Test Person" in window.windowTitle()
    assert "Test Person" in window.view.person.text()
    assert "Hip: replace now or wait?" in text
    assert "Days left to decide: 10" in text
    assert "Overdue:" in text and "Ask for the X-ray images" in text
    assert "Second opinion, orthopaedics" in text


def test_first_start_shows_the_welcome_page_and_starts_a_dossier(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, None)
    assert window.welcome is not None and window.session is None
    dialog = NewDossierDialog(for_self=False, parent=window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Rosa Jansen")
    qtbot.keyClicks(dialog.born.line, "1931-02-30")
    dialog.folder.setText(str(tmp_path / "rosa"))
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "not a date" in dialog.error.text()  # a wrong date is refused, nothing made
    assert not (tmp_path / "rosa").exists()
    dialog.born.line.setText("1931-02-03")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.dossier is not None
    window.show_dossier(dialog.dossier)
    assert "Rosa Jansen" in window.windowTitle()
    rosa = (tmp_path / "rosa").resolve()  # remembered once the window has painted
    qtbot.waitUntil(lambda: paths.recent_dossiers()[:1] == [rosa])


def test_contacts_page_create_edit_delete_undo(qtbot: QtBot, dossier: Dossier) -> None:
    window = open_window(qtbot, dossier)
    assert window.view is not None
    page = window.view.show_page("contacts")
    assert isinstance(page, RecordPage)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    name = page.form.editors["name"].widget
    assert isinstance(name, QLineEdit)
    qtbot.keyClicks(name, "Dr. Ana Silva")
    email = page.form.editors["email"].widget
    assert isinstance(email, QLineEdit)
    qtbot.keyClicks(email, "not-an-address")
    save = page.form.save_button
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert page.form.errors["email"].isVisible()
    assert "name@example.org" in page.form.errors["email"].text()
    assert records.list_records(dossier, "contact") == []
    email.clear()
    qtbot.keyClicks(email, "ana@clinic.example")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    stored = records.list_records(dossier, "contact")
    assert [c["name"] for c in stored] == ["Dr. Ana Silva"]
    assert page.model.rowCount() == 1 and page.current_record() is not None

    assert name.cursorPosition() == 0  # a saved value shows its beginning
    qtbot.keyClick(name, Qt.Key.Key_End)  # to add to it, as a person would
    qtbot.keyClicks(name, ", MD")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert records.get(dossier, "contact", stored[0]["id"])["name"] == "Dr. Ana Silva, MD"
    window.undo_action.trigger()
    assert records.get(dossier, "contact", stored[0]["id"])["name"] == "Dr. Ana Silva"
    assert page.form.editors["name"].value() == "Dr. Ana Silva"
    window.redo_action.trigger()
    assert records.get(dossier, "contact", stored[0]["id"])["name"] == "Dr. Ana Silva, MD"

    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    window.undo_action.trigger()  # the deletion, undone
    assert page.model.rowCount() == 1


def press(qtbot: QtBot, window: MainWindow, sequence: QKeySequence) -> None:
    """Press ``sequence`` (one key with its modifiers) on the window, as a person would."""
    combination = sequence[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


def ready(qtbot: QtBot, window: MainWindow) -> None:
    """The window on screen, active, with its shortcuts set (they wait for the first paint),
    and the focus on the page list (a text field would keep Ctrl+Z for its own undo)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: window.after_paint.done and window.isActiveWindow())
    assert window.view is not None
    window.view.nav.setFocus()
    qtbot.waitUntil(window.view.nav.hasFocus)


def test_every_page_opens_by_its_shortcut(qtbot: QtBot, dossier: Dossier) -> None:
    window = open_window(qtbot, dossier)
    ready(qtbot, window)
    assert window.view is not None
    keys = [entry.shortcut for entry in window.view.entries if entry.key != "imaging"]
    assert keys == [f"Ctrl+{n % 10}" for n in range(1, len(keys) + 1)]  # Ctrl+1 ... Ctrl+0
    # Imaging, after Documents (Ctrl+3), came later: it took Ctrl+Shift+3, not a key of another.
    imaging = [e.shortcut for e in window.view.entries if e.key == "imaging"]
    assert imaging == ["Ctrl+Shift+3"]
    for entry in [*window.view.entries[1:], window.view.entries[0]]:
        press(qtbot, window, QKeySequence(entry.shortcut))
        assert window.view.current_page_key() == entry.key, entry.shortcut


def menu_actions(window: MainWindow) -> list[QAction]:
    """Every action of the menu bar's menus and their submenus."""
    found: list[QAction] = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator():
                found.append(action)

    for top in window.menuBar().actions():
        walk(top.menu())
    return found


def test_every_shortcut_a_menu_shows_triggers_its_action(qtbot: QtBot, dossier: Dossier) -> None:
    window = open_window(qtbot, dossier)
    ready(qtbot, window)
    pressed: list[QAction] = []
    keyed = [action for action in menu_actions(window) if action.shortcuts()]
    for action in keyed:  # what each would do is tested elsewhere: here, only that it fires
        action.triggered.disconnect()
        action.triggered.connect(lambda _checked=False, a=action: pressed.append(a))
        action.setEnabled(True)
    shown = {action.shortcut().toString() for action in keyed}
    assert {"Ctrl+1", "Ctrl+0", "Ctrl+N", "Ctrl+O", "Ctrl+I", "Ctrl+Z", "Ctrl+P"} <= shown

    for action in keyed:
        for sequence in action.shortcuts():
            pressed.clear()
            press(qtbot, window, sequence)
            assert pressed == [action], f"{sequence.toString()} ({action.text()})"


def test_last_page_is_remembered(qtbot: QtBot, dossier: Dossier) -> None:
    window = open_window(qtbot, dossier)
    assert window.view is not None
    window.view.show_page("notes")
    window.close()
    again = MainWindow(open_dossier(dossier.path))
    qtbot.addWidget(again)
    assert again.view is not None and again.view.current_page_key() == "notes"
    again.close()


def test_the_date_of_birth_follows_the_first_paint_and_a_closed_dossier_is_left_alone(
    qtbot: QtBot, dossier: Dossier
) -> None:
    """The header shows the name at once and the date of birth once painted (writing a
    date loads the language's calendar data); a dossier closed before that is not read."""
    records.update(dossier, "person", 1, {"born": "1950-03-14"})
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    assert window.view is not None
    assert "Test Person" in window.view.person.text()
    assert "born" not in window.view.person.text()
    window.after_paint.flush()
    assert "born 14 Mar 1950" in window.view.person.text()

    closing = MainWindow(dossier)
    qtbot.addWidget(closing)
    dossier.close()
    closing.after_paint.flush()  # no "Cannot operate on a closed database"
