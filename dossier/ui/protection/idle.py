"""Idle: no key pressed, no mouse moved or clicked anywhere in the program for a while.

An event filter on the application notes the time of the latest input; one single-shot
timer wakes when the time could be up and either waits the rest or reports :attr:`idle`.
The filter is installed only while a protected dossier is shown and unlocked, so an
unprotected dossier costs nothing. The clock counts the time the computer sleeps where
the system offers one (Linux: CLOCK_BOOTTIME), and input arriving after a gap longer
than the time allowed is held back and reported as idle first: a laptop opened after an
hour shows the lock screen, not the dossier.

The time allowed is a setting (``privacy/lock_after_minutes``, 0 = never), chosen in
Dossier → Lock When Idle.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from ..settings import settings

SETTING = "privacy/lock_after_minutes"
CHOICES = (5, 10, 30, 60, 0)  # minutes; 0: never
DEFAULT_MINUTES = 10

INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
    }
)


def lock_after_minutes() -> int:
    """The minutes of idleness after which a protected dossier is locked; 0: never."""
    value = settings().value(SETTING, DEFAULT_MINUTES)
    try:
        minutes = int(str(value))
    except ValueError:
        return DEFAULT_MINUTES
    return minutes if minutes >= 0 else DEFAULT_MINUTES


def set_lock_after_minutes(minutes: int) -> None:
    state = settings()
    state.setValue(SETTING, int(minutes))
    state.sync()


def _clock() -> float:
    """Seconds, counting the time the computer sleeps where the system can."""
    boot = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(boot) if boot is not None else time.monotonic()


class IdleWatcher(QObject):
    """Emits :attr:`idle` once no input came for ``timeout_ms`` (see :meth:`start`), unless
    ``held()`` says something keeps the program awake (appointment mode)."""

    idle = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        held: Callable[[], bool] = lambda: False,
        clock: Callable[[], float] = _clock,
    ) -> None:
        super().__init__(parent)
        self.held = held
        self.clock = clock
        self.timeout_ms = 0
        self._last = 0.0
        self._expired = False  # input after a long gap: held back until idle is reported
        self._filtering = False
        self.timer = QTimer(self)
        self.timer.setObjectName("idleTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)

    @property
    def running(self) -> bool:
        return self._filtering

    def start(self, timeout_ms: int) -> None:
        """Watch from now on; ``timeout_ms`` 0 or less: never idle (not watching)."""
        self.stop()
        if timeout_ms <= 0:
            return
        app = QCoreApplication.instance()
        if app is None:
            return
        self.timeout_ms = timeout_ms
        self._last = self.clock()
        self._expired = False
        app.installEventFilter(self)
        self._filtering = True
        self.timer.start(timeout_ms)

    def stop(self) -> None:
        self.timer.stop()
        if self._filtering:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._filtering = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in INPUT:
            return False
        if self._expired:
            return True  # the lock comes first
        now = self.clock()
        if (now - self._last) * 1000 >= self.timeout_ms and not self.held():
            self._expired = True  # away longer than allowed (the computer slept)
            QTimer.singleShot(0, self, self.check)
            return True
        self._last = now
        return False

    def check(self) -> None:
        """Report idle when the time is up, else wait the rest (also called by tests)."""
        if not self._filtering:
            return
        elapsed_ms = (self.clock() - self._last) * 1000
        if elapsed_ms < self.timeout_ms and not self._expired:
            self.timer.start(max(1, round(self.timeout_ms - elapsed_ms)))
            return
        if self.held():
            self._last = self.clock()
            self._expired = False
            self.timer.start(self.timeout_ms)
            return
        self.stop()
        self.idle.emit()
