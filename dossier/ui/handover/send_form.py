"""The choices of Send to the Second Doctor: the doctor, the language, a folder or one zip
file, where, and its name; and, before anything is written, what will go in.

The suggestions come from the core (:mod:`dossier.core.handover.bundle_choices`): the
doctor of the case's next appointment who has not given an opinion yet, the window's
language, the name "Second opinion - <case> - <doctor>", the documents folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...core import records
from ...core.bidi import left_to_right
from ...core.entities import ENTITIES
from ...core.errors import DossierError
from ...core.handover.bundle_choices import (
    bundle_name,
    default_doctor,
    offered_languages,
    rough_size,
)
from ...core.handover.bundle_names import safe_stem
from ...core.handover.contents import bundle_contents
from ...core.i18n import current_language, tr
from ..formatting import shown_date
from ..session import Session
from .send_words import contents_words, language_label


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def _plain(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class SendForm(QWidget):
    """The choices for the bundle of ``case_id``; :meth:`target` is where it will go."""

    changed = Signal()

    def __init__(self, session: Session, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.case_id = session, case_id
        dossier = session.dossier
        self.doctor = QComboBox()
        self.doctor.setObjectName("sendDoctor")
        self.doctor.setAccessibleName(tr("The doctor the bundle is for"))
        self.doctor.addItem(tr("(no one in particular)"), None)
        for contact in records.list_records(dossier, "contact"):
            self.doctor.addItem(
                records.label_of(ENTITIES["contact"], contact, shown_date), contact["id"]
            )
        suggested = default_doctor(dossier, case_id)
        self.doctor.setCurrentIndex(max(0, self.doctor.findData(suggested)))
        self.language = QComboBox()
        self.language.setObjectName("sendLanguage")
        self.language.setAccessibleName(tr("The doctor's language"))
        for code in offered_languages(dossier, case_id):
            self.language.addItem(language_label(code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.as_folder = QRadioButton(tr("A &folder"))
        self.as_folder.setObjectName("sendAsFolder")
        self.as_zip = QRadioButton(tr("One &zip file"))
        self.as_zip.setObjectName("sendAsZip")
        self.as_folder.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.as_folder)
        kinds.addButton(self.as_zip)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.as_folder)
        kind_row.addWidget(self.as_zip)
        kind_row.addStretch(1)
        self.folder = QLineEdit(str(documents_folder()))
        self.folder.setObjectName("sendFolder")
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName(tr("Where the bundle goes"))
        self.choose_button = QPushButton(tr("&Choose…"))
        self.choose_button.setObjectName("sendChooseFolder")
        self.choose_button.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        self.name = QLineEdit()
        self.name.setObjectName("sendName")
        self.name.setAccessibleName(tr("The bundle's name"))
        self.name.setMaxLength(120)
        self._suggested = ""
        self.where = _plain(QLabel())
        self.where.setObjectName("sendWhere")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contents = _plain(QLabel())
        self.contents.setObjectName("sendContents")
        self.problem = _plain(QLabel())
        self.problem.setObjectName("sendProblem")
        self.problem.setStyleSheet("color: #a40000;")  # as the print dialog's problems
        self.problem.hide()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("&Doctor:"), self.doctor)
        form.addRow(tr("&Language:"), self.language)
        form.addRow(tr("As:"), kind_row)
        form.addRow(tr("In:"), folder_row)
        form.addRow(tr("&Name:"), self.name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.where)
        layout.addSpacing(6)
        layout.addWidget(self.contents)
        layout.addWidget(self.problem)
        self._suggest_name()
        self.doctor.currentIndexChanged.connect(self._doctor_changed)
        self.language.currentIndexChanged.connect(self._refresh)
        self.as_zip.toggled.connect(self._refresh)
        self.name.textChanged.connect(self._refresh)
        self._refresh()

    # What was chosen ----------------------------------------------------------------
    def to_id(self) -> int | None:
        value = self.doctor.currentData()
        return int(value) if value is not None else None

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def zipped(self) -> bool:
        return self.as_zip.isChecked()

    def target(self) -> Path | None:
        """Where the bundle will be written (None: no usable name yet)."""
        text = self.name.text().strip()
        if not text:
            return None
        stem = safe_stem(text.removesuffix(".zip") if self.zipped() else text, "")
        if stem in ("", "file"):
            return None
        return Path(self.folder.text()) / (stem + (".zip" if self.zipped() else ""))

    # Choosing ---------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            tr("Choose where to put the bundle: a folder, or your USB stick"),
            self.folder.text(),
        )
        if folder:
            self.use_folder(Path(folder))

    def use_folder(self, folder: Path) -> None:
        self.folder.setText(str(folder))
        self.folder.setCursorPosition(0)
        self._refresh()

    def say_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    # Following the choices ----------------------------------------------------------
    def _doctor_changed(self) -> None:
        self._suggest_name()
        self._refresh()

    def _suggest_name(self) -> None:
        """A new suggestion, unless the person wrote a name of their own."""
        if self.name.text() not in ("", self._suggested):
            return
        self._suggested = bundle_name(self.session.dossier, self.case_id, self.to_id())
        self.name.setText(self._suggested)
        self.name.setCursorPosition(0)  # its beginning shown ("Second opinion - …"), not its end

    def _refresh(self) -> None:
        self.say_problem("")
        target = self.target()
        if target is None:
            self.where.setText(tr("Give the bundle a name."))
        elif self.zipped():
            self.where.setText(
                tr("It will be written as the zip file {path}", path=left_to_right(str(target)))
            )
        else:
            self.where.setText(
                tr("It will be written as the new folder {path}", path=left_to_right(str(target)))
            )
        try:
            contents = bundle_contents(
                self.session.dossier, self.case_id, self.chosen_language(), to_id=self.to_id()
            )
        except DossierError as exc:
            self.contents.setText(exc.message)
        else:
            size = rough_size(self.session.dossier, contents)
            self.contents.setText(contents_words(contents, size))
        self.changed.emit()


__all__ = ["SendForm", "documents_folder"]
