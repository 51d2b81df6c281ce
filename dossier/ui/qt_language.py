"""The window's language: our catalogue, Qt's own words, the locale and the direction.

Our own words come from the gettext catalogue (dossier/core/i18n.py); Qt's own (the file and
print dialogs, "OK", "Cancel", a text field's menu) from Qt's ``qtbase_<code>.qm``, shipped
for the program's languages only. Hebrew turns the whole window right to left: Qt mirrors
layouts, arrows and chevrons of its styles itself.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from ..core.i18n import ENGLISH, PSEUDO, is_right_to_left, set_language
from ..core.locale_format import locale_name

_TRANSLATOR_NAME = "dossierQtTranslator"


def qt_translations_dir() -> Path:
    """Where Qt's own .qm files are: where Qt says, else beside PySide6's Qt libraries (the
    frozen bundle keeps them there, whatever Qt's built-in path says)."""
    import PySide6

    said = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    package = Path(PySide6.__file__).resolve().parent
    for folder in (said, package / "Qt" / "translations", package / "translations"):
        if any(folder.glob("qtbase_*.qm")):
            return folder
    return said


def apply_language(app: QApplication, code: str) -> str:
    """Speak ``code`` from now on in this process: returns the language chosen (English
    when ``code`` is not one of ours). Widgets made before keep their words until made again."""
    chosen = set_language(code)
    QLocale.setDefault(QLocale(locale_name(chosen)))
    for previous in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(previous)
        previous.setParent(None)
        previous.deleteLater()
    if chosen not in (ENGLISH, PSEUDO):
        translator = QTranslator(app)
        translator.setObjectName(_TRANSLATOR_NAME)
        if translator.load(f"qtbase_{chosen}", str(qt_translations_dir())):
            app.installTranslator(translator)
    direction = (
        Qt.LayoutDirection.RightToLeft
        if is_right_to_left(chosen)
        else Qt.LayoutDirection.LeftToRight
    )
    app.setLayoutDirection(direction)
    return chosen
