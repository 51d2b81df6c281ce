"""Printed reports as PDF: the content from ``dossier.core.reports`` laid out with Qt's text
layout (QTextDocument painted page by page into a QPdfWriter), merged and stamped with pypdf.

Works offscreen and without a printer; a QGuiApplication is created when none exists.
Import the modules directly: ``layout`` (one report) and ``packet`` (the merged packet).
"""

# First, before any call of Qt: a long packet would abort at exit without the PySide6 6.12
# workaround (see the module).
from .. import qt_start  # noqa: F401
