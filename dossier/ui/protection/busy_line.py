"""A moving bar with a few words, shown while a passphrase is being checked or set (the key
derivation takes about half a second on purpose, on a worker thread)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from ...core.errors import DossierError
from ...core.i18n import tr


class BusyLine(QWidget):
    """Hidden until :meth:`start`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyLine")
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # moving: how long is not known
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(160)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        # Its room is kept when hidden, so the dialog does not jump as it comes and goes.
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def stop(self) -> None:
        self.hide()


def failure_text(error: BaseException) -> str:
    """What to say about ``error``: the core's words, or a plain sentence for a bug."""
    if isinstance(error, DossierError):
        return error.message
    if isinstance(error, OSError):
        return tr(
            "The dossier's key file could not be written ({reason}). Nothing was changed.",
            reason=error.strerror or str(error),
        )
    return tr("Something unexpected went wrong ({error}).", error=type(error).__name__)
