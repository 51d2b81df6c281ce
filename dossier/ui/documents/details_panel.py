"""Beside the open document: whether to bring it, open it elsewhere or save a copy, what its
file is (its original name first, in sight without scrolling), its details to edit, and
Move to trash. At 1366x768 all of it fits without scrolling."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.bidi import isolate
from ...core.i18n import ntr, tr
from ...core.locale_format import file_size
from ..formatting import date_text
from ..session import Session
from ..widgets.elided_label import ElidedLabel
from .document_form import DocumentForm
from .page_text import PageText
from .thumbnails import kind_word


class DocumentDetails(QScrollArea):
    """The open document's details, in a column that scrolls."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The tick and its words apart, so that the words wrap in a narrow panel (with
        # large text a check box's own text would be cut); a click on them ticks it too.
        bring_text = tr("Bring to the next consultation")
        self.bring = QCheckBox()
        self.bring.setObjectName("bringToggle")
        self.bring.setAccessibleName(bring_text)
        self.bring_label = QLabel(bring_text)
        self.bring_label.setObjectName("bringLabel")
        self.bring_label.setWordWrap(True)
        self.bring_label.setBuddy(self.bring)
        self.bring_label.installEventFilter(self)
        tip = tr("Saved at once. Documents to bring are listed on the Overview page.")
        for widget in (self.bring, self.bring_label):
            widget.setToolTip(tip)
        font = QFont(self.bring_label.font())
        font.setBold(True)
        self.bring_label.setFont(font)
        bring_row = QHBoxLayout()
        bring_row.setContentsMargins(0, 0, 0, 0)
        bring_row.addWidget(self.bring, 0, Qt.AlignmentFlag.AlignTop)
        bring_row.addWidget(self.bring_label, 1)
        self.open_button = QPushButton(tr("Open in my usual viewer"))
        self.open_button.setObjectName("openExternally")
        self.save_copy_button = QPushButton(tr("Save a copy…"))
        self.save_copy_button.setObjectName("saveCopy")
        self.trash_button = QPushButton(tr("Move to trash"))
        self.trash_button.setObjectName("moveToTrash")
        self.form = DocumentForm(session)
        self.form.setObjectName("documentForm")
        self.form.heading.hide()  # the title is shown above the viewer
        form_layout = self.form.layout()
        if form_layout is not None:
            form_layout.setContentsMargins(0, 0, 0, 0)
        self.original_name = ElidedLabel()  # a file name does not wrap: shortened in the middle
        self.original_name.setObjectName("originalFileName")
        self.file_info = QLabel()
        self.file_info.setObjectName("fileInfo")
        self.file_info.setWordWrap(True)
        self.file_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.original_name, self.file_info):
            label.setStyleSheet("color: palette(placeholder-text);")

        actions = QHBoxLayout()
        self.action_row = actions  # side by side, or one above the other when narrow
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.open_button)
        actions.addWidget(self.save_copy_button)
        actions.addStretch(1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        file_lines = QVBoxLayout()
        file_lines.setContentsMargins(0, 0, 0, 0)
        file_lines.setSpacing(0)
        file_lines.addWidget(self.original_name)
        file_lines.addWidget(self.file_info)
        trash_row = QHBoxLayout()
        trash_row.setContentsMargins(0, 0, 0, 0)
        trash_row.addStretch(1)
        trash_row.addWidget(self.trash_button)

        details = QWidget()
        details.setObjectName("documentDetails")
        column = QVBoxLayout(details)
        column.setContentsMargins(10, 0, 10, 6)
        column.setSpacing(4)
        column.addLayout(bring_row)
        column.addLayout(file_lines)
        column.addLayout(actions)
        self.page_text = PageText(session)  # text recognised on scans, when there is some
        column.addWidget(self.page_text)
        column.addWidget(line)
        column.addWidget(self.form)
        column.addStretch(1)
        column.addLayout(trash_row)
        self.setObjectName("documentDetailsScroll")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(details)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_minimum()

    def _fit_minimum(self) -> None:
        """As wide as its widest button at least: the details never scroll sideways, and
        with large text in a longer language "Open in my usual viewer" was cut."""
        widest = max(
            button.sizeHint().width()
            for button in (self.open_button, self.save_copy_button, self.trash_button)
        )
        margins = 20 + self.verticalScrollBar().sizeHint().width() + 4
        self.setMinimumWidth(max(280, widest + margins))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange):
            self._fit_minimum()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.bring_label
            and event.type() == QEvent.Type.MouseButtonRelease
            and self.bring.isEnabled()
        ):
            self.bring.click()
            return True
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The two buttons side by side when they fit, else one above the other: the
        details never scroll sideways, so a row wider than the panel would be cut off."""
        room = event.size().width() - self.verticalScrollBar().sizeHint().width() - 24
        needed = (
            self.open_button.sizeHint().width()
            + self.action_row.spacing()
            + self.save_copy_button.sizeHint().width()
        )
        self.action_row.setDirection(
            QBoxLayout.Direction.LeftToRight if room >= needed else QBoxLayout.Direction.TopToBottom
        )
        self.form.fit_width(room)
        super().resizeEvent(event)

    def show_record(self, record: dict[str, Any]) -> None:
        """Show ``record``; what was typed in the form and not saved yet stays."""
        self.bring.setChecked(bool(record.get("bring")))
        if not self.form.is_dirty():
            self.form.set_record(record)
        original = str(record.get("original_name") or "")
        self.original_name.set_full_text(
            tr("Original file: {name}", name=isolate(original)) if original else ""
        )
        self.original_name.setVisible(bool(original))
        self.file_info.setText(self.describe_file(record))
        self.page_text.show_document(record)

    def clear(self) -> None:
        self.page_text.show_document(None)
        self.form.set_record(None)
        self.bring.setChecked(False)
        self.original_name.set_full_text("")
        self.file_info.clear()

    def set_file_usable(self, usable: bool) -> None:
        """A file that cannot be shown (missing, replaced by a link, damaged) is not offered
        to another program or as a copy either: the viewer says why."""
        for button in (self.open_button, self.save_copy_button):
            button.setEnabled(usable)
            button.setToolTip("" if usable else tr("The file cannot be used: the viewer says why."))

    def describe_file(self, record: dict[str, Any]) -> str:
        """Its kind, pages, size and protection, and when it was added (its original name is
        on the line above)."""
        parts = [kind_word(record.get("media_type"))]
        pages = record.get("page_count")
        if record.get("media_type") == "application/pdf" and pages:
            parts.append(ntr("pages: {n}", "pages: {n}", int(pages)))
        if record.get("size"):
            # isolated: "17.7 kB" stays whole in a right-to-left line ("kB 17.7" otherwise)
            parts.append(isolate(file_size(int(record["size"]))))
        if record.get("encrypted"):
            parts.append(tr("protected with a password"))
        if record.get("created_at"):
            parts.append(tr("added on {date}", date=date_text(record["created_at"])))
        return " · ".join(parts)
