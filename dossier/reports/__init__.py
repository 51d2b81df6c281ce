"""Printed reports as PDF: the content from ``dossier.core.reports`` laid out with Qt's text
layout (QTextDocument painted page by page into a QPdfWriter), merged and stamped with pypdf.

Works offscreen and without a printer; a QGuiApplication is created when none exists.
Import the modules directly: ``layout`` (one report) and ``packet`` (the merged packet).
"""

from ..ui.pyside_fix import keep_singletons_alive

# PySide6 6.12 on Python 3.11 drops references to None on calls such as drawText: a long
# packet would abort at exit without this (see dossier/ui/pyside_fix.py).
keep_singletons_alive()
