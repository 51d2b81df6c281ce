"""The top of the Documents page: its title and count, thumbnails or list, and the buttons
that import files and folders."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from ...core.i18n import ntr, tr
from ..widgets.common import page_title
from ..widgets.flow_layout import flowing


class DocumentsHeader(QWidget):
    """Title, how many documents are shown, the view buttons and the import buttons."""

    view_chosen = Signal(str)  # "grid" or "list"

    def __init__(self, read_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = page_title(tr("Documents"))
        self.count_label = QLabel()
        self.count_label.setObjectName("documentCount")
        self.grid_button = QToolButton()
        self.grid_button.setText(tr("Thumbnails"))
        self.grid_button.setObjectName("gridView")
        self.grid_button.setAccessibleName(tr("Show documents as thumbnails"))
        self.list_button = QToolButton()
        self.list_button.setText(tr("List"))
        self.list_button.setObjectName("listView")
        self.list_button.setAccessibleName(tr("Show documents as a list"))
        self.view_group = QButtonGroup(self)
        for button in (self.grid_button, self.list_button):
            button.setCheckable(True)
            self.view_group.addButton(button)
        self.grid_button.clicked.connect(lambda: self.view_chosen.emit("grid"))
        self.list_button.clicked.connect(lambda: self.view_chosen.emit("list"))
        self.import_button = QPushButton(tr("Import files…"))
        self.import_button.setObjectName("importFiles")
        self.import_button.setToolTip(
            tr("Add PDF files, photos, scans or text files. You can also drag them here.")
        )
        self.import_folder_button = QPushButton(tr("Import folder…"))
        self.import_folder_button.setObjectName("importFolder")
        self.import_folder_button.setToolTip(tr("Add every document in a folder"))
        if read_only:  # as Dossier → Import files…
            for off in (self.import_button, self.import_folder_button):
                off.setEnabled(False)
                off.setToolTip(
                    tr("This dossier is open for reading only: the notice at the top says why.")
                )

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(title, 0, Qt.AlignmentFlag.AlignTop)
        row.addSpacing(8)
        row.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)
        # The views and the imports: on a second line when the page is narrow.
        views = flowing([self.grid_button, self.list_button])
        imports = flowing([self.import_button, self.import_folder_button])
        row.addWidget(flowing([views, imports], to_end=True), 1)

    def show_mode(self, mode: str) -> None:
        """Check the button of the view shown: "grid" or "list"."""
        self.grid_button.setChecked(mode == "grid")
        self.list_button.setChecked(mode == "list")

    def show_count(self, shown: int, total: int) -> None:
        if shown == total:
            # Translators: how many documents the dossier holds: "34 in this dossier".
            text = ntr("{n} in this dossier", "{n} in this dossier", total)
        else:
            # Translators: how many documents the filters let through: "showing 3 of 34".
            text = ntr("showing {shown} of {n}", "showing {shown} of {n}", total, shown=shown)
        self.count_label.setText(text)
