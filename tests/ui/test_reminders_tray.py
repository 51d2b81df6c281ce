"""Reminders on the desktop, in the real window (offscreen): a reminder at its alarm time,
once, opening its item; the timer set for the next alarm; the Overview's panel of what was
missed, once; a locked dossier says nothing; and the system tray's path.

Offscreen there is no system tray, so the path without one is the one the window takes
by itself; the tray's path is taken by constructing the controller with ``tray=True``
(Qt's own tray icon, whose notifications go nowhere here; a click on one is Qt's
``messageClicked``). Time is driven by calling the controller's check with an explicit
``now``, or by its clock, moved by hand (the window opens at noon on the pinned day,
tests/conftest.py: 2026-05-12).
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.bidi import without_isolates
from dossier.core.crypto.unlock import unlock
from dossier.core.opening import open_dossier
from dossier.core.reminders import missed_reminders
from dossier.core.storage import Dossier
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.calendar import CalendarPage
from dossier.ui.pages.cases import CasesPage
from dossier.ui.pages.overview import OverviewPage
from dossier.ui.reminders.controller import SAFETY_NET_MS, DesktopReminders
from dossier.ui.reminders.reminder_list import ReminderPanel
from dossier.ui.settings import keep_in_tray
from tests.pinned_day import PinDay
from tests.ui.protection_helpers import (
    PASSPHRASE,
    fresh_keys,  # noqa: F401  (autouse)
    protected_dossier,
    shows,
)
from tests.ui.windows import page_of, shown_window
from tests.unit.test_foreign_schema import WIPE, tamper

LEFT = Qt.MouseButton.LeftButton
ALARM = datetime(2026, 5, 13, 10, 0)  # the day before the appointment
SAID = "Tomorrow at 10:00: appointment with Dr Cohen at Rabin Medical Center"
SECOND = timedelta(seconds=1)


# Qt's tray icon looks for the offscreen platform's tray window, which it has not; on a
# desktop with a tray this is not said.
NO_TRAY_HERE = pytest.mark.qt_log_ignore(
    r"^QObject::connect: No such signal "
    r"QPlatformNativeInterface::systemTrayWindowChanged\(QScreen\*\)$"
)


class Clock:
    """The controller's clock: stands where it is put, or runs on from a moment."""

    def __init__(self, at: datetime) -> None:
        self.at = at
        self.since: float | None = None

    def __call__(self) -> datetime:
        if self.since is None:
            return self.at
        return self.at + timedelta(seconds=time.monotonic() - self.since)

    def run_from(self, moment: datetime) -> None:
        self.at, self.since = moment, time.monotonic()


class WindowManagerClose(QCloseEvent):
    """The close button of the window's frame: the desktop's event, spontaneous."""

    def spontaneous(self) -> bool:
        return True


def fill(dossier: Dossier) -> int:
    """Dr Cohen's appointment on 14 May at 10:00 (its alarms: 13 May 10:00, 14 May 08:00)."""
    doctor = records.create(
        dossier, "contact", {"name": "Dr Cohen", "institution": "Rabin Medical Center"}
    ).id
    return records.create(
        dossier, "appointment", {"contact_id": doctor, "starts_at": "2026-05-14 10:00"}
    ).id


def window_with(
    qtbot: QtBot, dossier: Dossier, *, tray: bool, clock: Clock | None = None
) -> tuple[MainWindow, DesktopReminders]:
    """The window on ``dossier``, opened at noon on the pinned day, with its reminders."""
    window = shown_window(qtbot, dossier)
    qtbot.waitUntil(lambda: window.after_paint.done)
    clock = clock or Clock(datetime(2026, 5, 12, 12, 0))
    return window, DesktopReminders(window, tray=tray, clock=clock)


def texts(panel: ReminderPanel) -> list[str]:
    return [without_isolates(label.text()) for label in panel.findChildren(QLabel, "reminderText")]


def shown_keys(dossier: Dossier) -> set[str]:
    return {row[0] for row in dossier.db.execute("SELECT key FROM reminder_shown")}


def calendar_choice(window: MainWindow) -> tuple[str, int] | None:
    assert window.view is not None
    assert window.view.current_page_key() == "calendar"
    return page_of(window, "calendar", CalendarPage).current_key()


def test_without_a_tray_a_reminder_comes_at_its_alarm_once_in_the_window(
    qtbot: QtBot,
    dossier: Dossier,
) -> None:
    appointment = fill(dossier)
    window, reminders = window_with(qtbot, dossier, tray=False)
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen: the window's own path
    assert reminders.tray is None
    assert reminders.check(now=ALARM - SECOND) == []
    assert window.findChild(ReminderPanel, "reminderNotice") is None
    with qtbot.waitSignal(reminders.given) as signal:
        given = reminders.check(now=ALARM)
    assert [r.key for r in given] == [r.key for r in signal.args[0]] == ["appointment-1@1d"]
    notice = window.findChild(ReminderPanel, "reminderNotice")
    assert notice is not None and notice.isVisible()
    assert texts(notice) == [SAID]
    assert QApplication.activeModalWidget() is None  # nothing to click away
    assert shown_keys(dossier) == {"appointment-1@1d"}
    assert reminders.check(now=ALARM + timedelta(minutes=1)) == []  # once
    qtbot.mouseClick(notice.open_buttons()[0], LEFT)
    assert calendar_choice(window) == ("appointment", appointment)
    qtbot.mouseClick(notice.got_it, LEFT)
    assert not notice.isVisible()
    # the next one, two hours before, comes in a new notice
    (later,) = reminders.check(now=datetime(2026, 5, 14, 8, 0))
    assert without_isolates(later.text).startswith("Today at 10:00: appointment with Dr Cohen")
    notice = reminders.notice
    assert notice is not None and notice.isVisible() and len(texts(notice)) == 1


def test_the_timer_waits_for_the_next_alarm_a_minute_at_most(
    qtbot: QtBot,
    dossier: Dossier,
) -> None:
    fill(dossier)
    window, reminders = window_with(qtbot, dossier, tray=False)
    reminders.schedule(now=ALARM - timedelta(seconds=10))
    assert reminders.timer.isActive()
    assert 10_000 <= reminders.timer.interval() <= 10_001
    for far in (timedelta(hours=1), timedelta(days=400)):  # never a timer of days (int)
        reminders.schedule(now=ALARM - far)
        assert reminders.timer.interval() == SAFETY_NET_MS
    reminders.timer.stop()
    assert window.session is not None
    window.session.apply(
        lambda d: records.create(d, "task", {"title": "Call", "due_on": "2026-05-20"})
    )
    assert reminders.timer.isActive()  # set again after the change
    reminders.schedule(now=datetime(2026, 5, 20, 9, 0) - timedelta(milliseconds=30))
    assert reminders.timer.interval() <= 31
    with qtbot.waitSignal(reminders.timer.timeout, timeout=2000):
        pass
    assert reminders.timer.isActive()  # it fired, checked, and waits again


def test_the_timer_gives_the_reminder_at_its_alarm(qtbot: QtBot, dossier: Dossier) -> None:
    fill(dossier)
    clock = Clock(datetime(2026, 5, 12, 12, 0))
    _window, reminders = window_with(qtbot, dossier, tray=False, clock=clock)
    clock.run_from(ALARM - timedelta(milliseconds=150))  # the clock runs up to the alarm
    reminders.schedule()
    assert 0 < reminders.timer.interval() <= 151
    with qtbot.waitSignal(reminders.given, timeout=5000) as signal:
        pass  # nothing but the timer
    assert [r.key for r in signal.args[0]] == ["appointment-1@1d"]
    assert clock() >= ALARM
    assert reminders.notice is not None and texts(reminders.notice) == [SAID]


def test_an_alarm_already_past_when_its_item_is_added_is_no_news(
    qtbot: QtBot,
    dossier: Dossier,
) -> None:
    window, reminders = window_with(qtbot, dossier, tray=False)
    looked = datetime(2026, 5, 13, 12, 0)
    assert reminders.check(now=looked) == []
    assert window.session is not None  # an appointment tomorrow at 11:00, added at noon
    window.session.apply(
        lambda d: records.create(d, "appointment", {"starts_at": "2026-05-14 11:00"})
    )
    assert reminders.check(now=looked + timedelta(minutes=1)) == []
    assert missed_reminders(dossier, looked + timedelta(minutes=2)) == []  # nor "missed"
    (two_hours,) = reminders.check(now=datetime(2026, 5, 14, 9, 0))  # the next one comes
    assert two_hours.key == "appointment-1@2h"


def test_the_overview_shows_what_was_missed_once(
    qtbot: QtBot,
    dossier: Dossier,
    today: PinDay,
) -> None:
    today("2026-05-12")  # the Overview looks at the program's clock
    task = records.create(dossier, "task", {"title": "Send the form", "due_on": "2026-05-10"})
    path = dossier.path
    window, reminders = window_with(qtbot, dossier, tray=False)
    page = page_of(window, "overview", OverviewPage)
    panel = page.missed
    qtbot.waitUntil(panel.isVisible)
    assert without_isolates(panel.heading.text()) == "While the program was closed:"
    assert texts(panel) == ["Overdue since Sun 10 May: Send the form"]
    assert shown_keys(dossier) == {"task-1@due"}
    assert reminders.check(now=datetime(2026, 5, 12, 23, 0)) == []  # the Overview's, not twice
    qtbot.mouseClick(panel.open_buttons()[0], LEFT)
    assert calendar_choice(window) == ("task", task.id)
    page_of(window, "overview", OverviewPage)
    qtbot.mouseClick(panel.got_it, LEFT)
    assert not panel.isVisible()
    window.close()

    again = shown_window(qtbot, open_dossier(path))
    page = page_of(again, "overview", OverviewPage)
    qtbot.waitUntil(lambda: page.missed.looked)
    assert not page.missed.isVisible()
    again.close()


def test_a_deadline_missed_opens_its_case(qtbot: QtBot, dossier: Dossier, today: PinDay) -> None:
    today("2026-05-12")  # the Overview looks at the program's clock
    case = records.create(
        dossier, "case", {"title": "Knee: operate or wait?", "decision_deadline": "2026-05-14"}
    ).id
    window = shown_window(qtbot, dossier)
    page = page_of(window, "overview", OverviewPage)
    qtbot.waitUntil(page.missed.isVisible)
    assert texts(page.missed) == [
        "In 2 days, on Thu 14 May: decision deadline for Knee: operate or wait?"
    ]
    qtbot.mouseClick(page.missed.open_buttons()[0], LEFT)
    assert window.view is not None and window.view.current_page_key() == "cases"
    cases = page_of(window, "cases", CasesPage)
    current = cases.current_case()
    assert current is not None and current["id"] == case


def test_a_dossier_open_for_reading_only_shows_what_was_missed_at_each_opening(
    qtbot: QtBot,
    dossier: Dossier,
    today: PinDay,
) -> None:
    today("2026-05-12")  # the Overview looks at the program's clock
    records.create(dossier, "task", {"title": "Send the form", "due_on": "2026-05-10"})
    path = dossier.path
    dossier.close()
    tamper(path, WIPE)
    for _opening in range(2):
        window = shown_window(qtbot, open_dossier(path))
        assert window.session is not None and window.session.dossier.read_only is not None
        page = page_of(window, "overview", OverviewPage)
        qtbot.waitUntil(page.missed.isVisible)
        assert texts(page.missed) == ["Overdue since Sun 10 May: Send the form"]
        window.close()


@NO_TRAY_HERE
def test_a_locked_dossier_says_nothing_until_it_is_unlocked(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "protected"
    protected_dossier(folder)
    unlock(folder, PASSPHRASE)
    dossier = open_dossier(folder)
    fill(dossier)
    clock = Clock(datetime(2026, 5, 12, 12, 0))
    window, reminders = window_with(qtbot, dossier, tray=True, clock=clock)
    window.protection.lock()
    assert window.protection.locked
    for clock.at in (ALARM, ALARM + timedelta(hours=1)):
        assert reminders.check() == []
    assert shown_keys(dossier) == set()
    assert not shows(window, "Dr Cohen")
    with qtbot.waitSignal(reminders.given) as signal:
        window.protection.unlock()  # what fell due while locked, now
    assert [r.key for r in signal.args[0]] == ["appointment-1@1d"]
    assert shown_keys(dossier) == {"appointment-1@1d"}


@NO_TRAY_HERE
def test_with_a_tray_a_notification_clicked_opens_the_item(qtbot: QtBot, dossier: Dossier) -> None:
    appointment = fill(dossier)
    window, reminders = window_with(qtbot, dossier, tray=True)
    tray = reminders.tray
    assert tray is not None and tray.isVisible()
    assert tray.toolTip() == "Second Opinion Dossier"  # never whose dossier it is
    menu = tray.contextMenu()
    assert [a.text().replace("&", "") for a in menu.actions() if a.text()] == [
        "Show the Dossier",
        "Keep Running in the Tray When the Window Is Closed",
        "Quit",
    ]
    (given,) = reminders.check(now=ALARM)
    assert without_isolates(given.text) == SAID
    assert window.findChild(ReminderPanel, "reminderNotice") is None  # a notification
    window.showMinimized()
    tray.messageClicked.emit()  # the person clicks the notification
    assert window.isVisible() and not window.isMinimized()
    assert calendar_choice(window) == ("appointment", appointment)


@NO_TRAY_HERE
def test_keep_running_in_the_tray_hides_the_window_and_quit_ends_it(
    qtbot: QtBot,
    dossier: Dossier,
) -> None:
    fill(dossier)
    window, reminders = window_with(qtbot, dossier, tray=True)
    tray = reminders.tray
    assert tray is not None
    dossier_menu = window.menus.quit_action.parent()
    assert isinstance(dossier_menu, QMenu)
    assert tray.keep_action in dossier_menu.actions()  # offered in the window's menu too
    assert not keep_in_tray() and not tray.keep_action.isChecked()  # off at first
    QApplication.sendEvent(window, WindowManagerClose())  # off: closing closes
    assert window.session is None
    window.close()

    again, reminders = window_with(qtbot, open_dossier(dossier.path), tray=True)
    tray = reminders.tray
    assert tray is not None
    tray.keep_action.trigger()
    assert keep_in_tray()
    QApplication.sendEvent(again, WindowManagerClose())
    assert not again.isVisible() and again.session is not None  # still running, hidden
    (given,) = reminders.check(now=ALARM)  # reminds from the tray
    assert given.key == "appointment-1@1d"
    tray.show_action.trigger()
    assert again.isVisible()
    again.hide()
    tray.quit_action.trigger()  # Quit in the tray's menu closes for real
    assert again.session is None and not tray.isVisible()


@pytest.fixture(autouse=True)
def _keep_off() -> None:
    """Each test starts with the setting as a new person has it (its home is its own)."""
    assert not keep_in_tray()
