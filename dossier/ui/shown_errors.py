"""One place for the core's plain errors that reach the window's event loop unhandled.

Pages show the errors of what they do themselves (a form under its fields, a page in its
notice). One that escapes a slot, such as a change refused because the dossier is open
for reading only, is shown to the person as its message instead of a traceback on the
terminal. Anything else goes to the hook that was there before.
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication

from ..core.errors import DossierError
from .read_only_notice import show_refusal


def install() -> None:
    """Show :class:`DossierError` messages that escape a slot in a message box (a refused
    change with its headline and reason, see :func:`.read_only_notice.show_refusal`)."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if isinstance(error, DossierError) and QApplication.instance() is not None:
            show_refusal(QApplication.activeWindow(), error.message)
            return
        previous(kind, error, tb)

    sys.excepthook = hook
