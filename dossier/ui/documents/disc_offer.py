"""The message that points scans chosen as documents to Add Imaging Disc."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ... import APP_NAME
from ...core.bidi import isolate
from ...core.i18n import ntr, tr
from .disc_check import Sorted

SHOWN_NAMES = 3


def offer_disc(parent: QWidget, found: Sorted, add_disc: Callable[[], object]) -> QMessageBox:
    """Say that the scans (DICOM files) in ``found`` belong on a disc, with a button that
    starts Add Imaging Disc; a second disc (only one is added at a time) is mentioned too."""
    lines = []
    if found.scans:
        names = ", ".join(isolate(p.name) for p in found.scans[:SHOWN_NAMES])
        if len(found.scans) > SHOWN_NAMES:
            names = tr("{names} and {n} more", names=names, n=len(found.scans) - SHOWN_NAMES)
        lines.append(
            ntr(
                "{names} is a scan from an imaging disc (a DICOM file), not a document.",
                "{names} are scans from an imaging disc (DICOM files), not documents.",
                len(found.scans),
                names=names,
            )
        )
        lines.append(
            tr(
                "Add the whole disc (or the folder it was copied to) with Add Imaging Disc: "
                "its studies and series stay together, and the dossier checks they are yours."
            )
        )
    if len(found.discs) > 1:
        lines.append(
            tr(
                "One disc is added at a time: add {name} once the first one is in.",
                name=isolate(found.discs[1].name),
            )
        )
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, "\n\n".join(lines), parent=parent)
    box.setObjectName("scansOffered")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if found.scans:
        button = box.addButton(tr("Add Imaging Disc…"), QMessageBox.ButtonRole.AcceptRole)
        button.setObjectName("offerAddDisc")
        button.clicked.connect(add_disc)
        box.addButton(QMessageBox.StandardButton.Close)
    else:
        box.addButton(QMessageBox.StandardButton.Ok)
    box.open()
    return box


__all__ = ["offer_disc"]
