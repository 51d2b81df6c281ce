"""Reminders on the desktop while the program runs: at each of the calendar's alarms, a
desktop notification, once; clicking it brings the window up with the item open.

- **When.** A timer is set for the next alarm (:func:`~dossier.core.reminders.next_alarm_at`),
  set again after every change to the dossier, and fires at least every minute whatever
  happens (the computer slept, the clock was changed), so a timer never waits for days.
- **What.** Each check gives the reminders that fell due since the last one
  (:meth:`DesktopReminders.check`), and records them as given. What fell due before the
  dossier was opened is the Overview's (:mod:`.missed_panel`); an alarm whose time had
  passed when its item was added or moved is no news, and is recorded without a word.
- **Where.** With a system tray, a notification of the tray icon (whose menu has Show the
  Dossier, Keep Running in the Tray When the Window Is Closed, and Quit); closing the
  window with that setting on hides it to the tray instead of quitting. Without a tray,
  a calm panel at the top of the window (never a dialog), and the window's entry in the
  task bar asks for attention.
- **Locked.** While a protected dossier is locked nothing it holds is said: a
  notification says only that a reminder is waiting, and the reminders are given when it
  is unlocked.

It follows the window from outside (which dossier it shows, through its central stack;
its lock, through :attr:`WindowLock.changed`; its closing, through an event filter), so
the window itself knows nothing of it: ``DesktopReminders(window)`` is all it takes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QBoxLayout, QMenu, QSystemTrayIcon

from ...core.clock import now as clock_now
from ...core.errors import DossierError
from ...core.i18n import tr
from ...core.reminders import Reminder, due_reminders, mark_reminders_shown, next_alarm_at
from ...core.sql_driver import sqlite3
from ..settings import keep_in_tray
from .opening import open_item
from .reminder_list import ReminderPanel
from .tray import ReminderTray

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from ..session import Session

SAFETY_NET_MS = 60_000  # the longest the timer waits: a minute


class DesktopReminders(QObject):
    """The reminders of ``window``'s dossier. ``tray``: use the system tray (True), do
    without (False), or use it when the desktop has one (None). ``clock``: what "now" is
    (the program's clock; a test's moves by hand)."""

    given = Signal(list)  # the reminders just given, in a notification or the panel

    def __init__(
        self,
        window: MainWindow,
        *,
        tray: bool | None = None,
        clock: Callable[[], datetime] = clock_now,
    ) -> None:
        super().__init__(window)
        self.clock = clock
        self.setObjectName("desktopReminders")
        self.window = window
        use_tray = QSystemTrayIcon.isSystemTrayAvailable() if tray is None else tray
        self.tray = ReminderTray(window, self.show_window, self.quit_program) if use_tray else None
        if self.tray is not None:
            self.tray.messageClicked.connect(self._notification_clicked)
            self._offer_keep_in_window_menu()
            self.tray.show()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may fire early
        self.timer.timeout.connect(self.check)
        self.notice: ReminderPanel | None = None  # without a tray, in the window
        self.session: Session | None = None
        self.opened_at = self.last_check = self.clock()
        self._clicked: list[Reminder] = []  # what the last notification was about
        self._waiting: set[str] = set()  # said, while locked, to be waiting
        self._said_in_tray = False
        window.central.currentChanged.connect(lambda _index: self._follow_window())
        window.protection.changed.connect(self._lock_changed)
        window.installEventFilter(self)
        self._follow_window()

    # The dossier shown ---------------------------------------------------------------
    def _follow_window(self) -> None:
        """Another dossier (or none) is shown: remind of its things from now on."""
        session = self.window.session
        if session is self.session:
            return  # the lock screen came or went
        old, self.session = self.session, session
        if old is not None and shiboken6.isValid(old):
            old.changed.disconnect(self.schedule)
            old.reloaded.disconnect(self.schedule)
        self.notice = None  # it went with the view it was in
        self._clicked, self._waiting = [], set()
        self.timer.stop()
        if session is None:
            return
        self.opened_at = self.last_check = self.clock()
        session.changed.connect(self.schedule)
        session.reloaded.connect(self.schedule)
        self.window.after_paint.call(self.check, session)  # not before the window is up

    def schedule(self, *_changed: object, now: datetime | None = None) -> None:
        """Set the timer for the next alarm after ``now``, a minute at most."""
        self.timer.stop()
        dossier = self.session.dossier if self.session is not None else None
        if dossier is None or dossier.db.closed:
            return
        moment = now or self.clock()
        try:
            following = next_alarm_at(dossier, moment)
        except (DossierError, sqlite3.Error):  # try again in a minute
            following = None
        wait = SAFETY_NET_MS
        if following is not None:
            wait = min(wait, int((following - moment).total_seconds() * 1000) + 1)
        self.timer.start(max(0, wait))

    # Checking --------------------------------------------------------------------------
    def check(self, now: datetime | None = None) -> list[Reminder]:
        """Give what fell due since the last check (at ``now``, default the clock's), and
        set the timer again; returns what was given."""
        session = self.session
        if session is None or session.dossier.db.closed:
            return []
        moment = now or self.clock()
        given: list[Reminder] = []
        try:
            if self.window.protection.locked:
                self._say_waiting(moment)
            else:
                given = self._give_due(moment)
        except (DossierError, sqlite3.Error):  # the dossier could not be read: next time
            given = []
        self.schedule(now=moment)
        return given

    def _give_due(self, moment: datetime) -> list[Reminder]:
        assert self.session is not None
        dossier = self.session.dossier
        fresh = due_reminders(dossier, moment, since=self.opened_at)
        late = [r for r in fresh if r.at <= self.last_check]  # added after their time
        due = [r for r in fresh if r.at > self.last_check]
        self.last_check = moment
        if late:
            mark_reminders_shown(dossier, late, moment)
        if due:
            mark_reminders_shown(dossier, due, moment)
            self._give(due)
        return due

    def _give(self, reminders: Sequence[Reminder]) -> None:
        if self.tray is not None and self.tray.isVisible():
            self._clicked = list(reminders)
            self.tray.notify(reminders)
        else:
            self._show_notice(reminders)
            QApplication.alert(self.window)  # the task bar's entry asks for a look
        self.given.emit(list(reminders))

    def _say_waiting(self, moment: datetime) -> None:
        """Locked: say that a reminder waits, once for each, and nothing of what it is."""
        assert self.session is not None
        fresh = due_reminders(self.session.dossier, moment, since=self.last_check)
        new = {r.key for r in fresh} - self._waiting
        if new and self.tray is not None and self.tray.isVisible():
            self.tray.say(tr("A reminder is waiting. Unlock the dossier to see it."))
        self._waiting |= new

    def _lock_changed(self, locked: bool) -> None:
        if not locked:
            self.check()  # what fell due while it was locked, now

    # Showing --------------------------------------------------------------------------
    def _show_notice(self, reminders: Sequence[Reminder]) -> None:
        """The reminders in the calm panel at the top of the window (made when needed)."""
        view = self.window.view
        if view is None:
            return
        if self.notice is None or not shiboken6.isValid(self.notice):
            self.notice = ReminderPanel(tr("Reminders"), view)
            self.notice.setObjectName("reminderNotice")
            self.notice.open_item.connect(self.open_item)
            self.notice.dismissed.connect(self._notice_dismissed)
            layout = view.layout()
            assert isinstance(layout, QBoxLayout)
            layout.insertWidget(0, self.notice)
        self.notice.add(reminders)
        self.notice.show()

    def _notice_dismissed(self) -> None:
        notice, self.notice = self.notice, None
        if notice is not None:
            notice.deleteLater()

    def _notification_clicked(self) -> None:
        reminders, self._clicked = self._clicked, []
        self.show_window()
        if len(reminders) == 1:
            self.open_item(reminders[0].entity, reminders[0].record_id)
        elif reminders and not self.window.protection.locked:
            self._show_notice(reminders)

    def open_item(self, entity: str, record_id: int) -> None:
        """Bring the window up with the item shown (only the lock screen, when locked)."""
        self.show_window()
        view = self.window.view
        if view is not None and not self.window.protection.locked:
            open_item(view, entity, record_id)

    def show_window(self) -> None:
        window = self.window
        if window.isMinimized():
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()

    # The tray ------------------------------------------------------------------------
    def _offer_keep_in_window_menu(self) -> None:
        """The tray menu's "Keep Running in the Tray" also in the Dossier menu, above Quit."""
        assert self.tray is not None
        quit_action = self.window.menus.quit_action
        for top in self.window.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu) and quit_action in menu.actions():
                menu.insertAction(quit_action, self.tray.keep_action)
                menu.insertSeparator(quit_action)
                return

    def keeps_running(self) -> bool:
        """Whether closing the window hides it to the tray (chosen, and a tray is there)."""
        return self.tray is not None and self.tray.isVisible() and keep_in_tray()

    def hide_to_tray(self) -> None:
        self.window.hide()
        if self.tray is not None and not self._said_in_tray:
            self._said_in_tray = True
            self.tray.say(
                tr(
                    "The program keeps running here and reminds you of appointments. To end "
                    "it, choose Quit in this icon's menu."
                )
            )

    def quit_program(self) -> None:
        """Close the window (which closes the dossier) and end the program, also when the
        window was hidden in the tray."""
        hidden = not self.window.isVisible()
        self.window.close()
        if hidden:
            QApplication.quit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The window's close button, with Keep Running chosen, hides it to the tray; Quit
        and the system's stop (not spontaneous) close it as always."""
        if watched is self.window and event.type() == QEvent.Type.Close:
            if event.spontaneous() and self.keeps_running():
                event.ignore()
                self.hide_to_tray()
                return True
            self.stop()
        return False

    def stop(self) -> None:
        """The window closes: no more timer, no more icon."""
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()


__all__ = ["SAFETY_NET_MS", "DesktopReminders"]
