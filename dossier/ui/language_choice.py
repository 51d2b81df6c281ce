"""The window's language: the person's choice in the settings, else the system's.

The choice is kept in the settings file (``window/language``: a language code, or nothing
for "the system's language"). The program reads it once, at start-up, through
:func:`window_language`: the words of a window already made do not change, so a new choice
applies from the next start, as the Language menu says.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu

from ..core.i18n import ENGLISH, LANGUAGE_NAMES, LANGUAGES, language_scope, normal_language, tr
from .settings import settings as window_settings

LANGUAGE_KEY = "window/language"
SYSTEM = ""  # what is stored for "the system's language"


def system_language() -> str:
    """The system's language when the program speaks it, else English."""
    locale = QLocale.system()
    # The languages the system's menus are in first (they may differ from its region's).
    for name in (*locale.uiLanguages(), locale.name()):
        code = normal_language(name)
        if code in LANGUAGES:
            return code
    return ENGLISH


def chosen_language(settings: QSettings) -> str:
    """The language chosen in the settings, or :data:`SYSTEM` when none is."""
    value = settings.value(LANGUAGE_KEY, SYSTEM)
    return value if isinstance(value, str) and value in LANGUAGES else SYSTEM


def window_language(settings: QSettings) -> str:
    """The language the window starts in: the one chosen, else the system's (English when
    the system's is not one of the five)."""
    return chosen_language(settings) or system_language()


def choose_language(settings: QSettings, code: str) -> None:
    """Keep ``code`` (one of the languages, or :data:`SYSTEM`) as the window's language."""
    if code != SYSTEM and code not in LANGUAGES:
        raise ValueError(f"not a language of the program: {code!r}")
    settings.setValue(LANGUAGE_KEY, code)
    settings.sync()


class LanguageMenu(QMenu):
    """Edit → Language: the system's language, then the five by their own names; a choice
    is kept in the settings and applies from the next start."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(tr("&Language"), window)
        self.setObjectName("languageMenu")
        self.window_ = window
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.entries: dict[str, QAction] = {}
        system = LANGUAGE_NAMES[system_language()]
        self._entry(SYSTEM, tr("The system's language ({language})", language=system))
        self.addSeparator()
        for code in LANGUAGES:  # each in its own words: found whatever the window speaks
            self._entry(code, LANGUAGE_NAMES[code])
        self.addSeparator()
        note = self.addAction(tr("A new choice applies from the next start."))
        note.setEnabled(False)
        self.entries[chosen_language(window_settings())].setChecked(True)

    def _entry(self, code: str, text: str) -> None:
        action = self.addAction(text)
        action.setObjectName(f"language-{code or 'system'}")
        action.setCheckable(True)
        action.setData(code)
        self.group.addAction(action)
        action.triggered.connect(lambda _checked=False, c=code: self.choose(c))
        self.entries[code] = action

    def choose(self, code: str) -> None:
        """Keep ``code`` and say, in the language chosen, when the window will speak it."""
        choose_language(window_settings(), code)
        self.entries[code].setChecked(True)
        language = code or system_language()
        with language_scope(language):
            message = tr(
                "From the next start, the window is in {language}.",
                language=LANGUAGE_NAMES[language],
            )
        self.window_.statusBar().showMessage(message, 15000)
