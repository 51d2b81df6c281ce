"""The calm notice at the top of a dossier open for reading only, saying why.

A dossier on a CD or a write-protected stick, or one whose database holds things this
program did not put there, is shown as usual (look, search, print, export) with this line
above it; a change asked for anyway says the same reason (see :mod:`.shown_errors`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ..core.storage import Dossier


def read_only_notice(dossier: Dossier, parent: QWidget | None = None) -> QLabel | None:
    """The notice for ``dossier``, or None when it can be changed."""
    if dossier.read_only is None:
        return None
    notice = QLabel(dossier.read_only.notice, parent)
    notice.setObjectName("readOnlyNotice")
    notice.setWordWrap(True)
    notice.setAccessibleName(notice.tr("This dossier is open for reading only"))
    # Calm, not alarming: the window's own colours, a soft frame, no red.
    notice.setStyleSheet(
        "QLabel#readOnlyNotice { background: palette(alternate-base); "
        "border-bottom: 1px solid palette(mid); padding: 8px 12px; }"
    )
    return notice
