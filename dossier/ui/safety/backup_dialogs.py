"""The backup dialogs: choosing a backup to restore (or to delete), and choosing the
backup folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME
from ...core.backup import (
    BackupError,
    BackupInfo,
    DeletePlan,
    default_root,
    plan_delete,
    same_drive,
    size_text,
)
from ...core.backup.store import Store
from ...core.bidi import isolate
from ...core.i18n import tr
from ..formatting import datetime_text
from ..widgets.listed_message import widen


def made_text(info: BackupInfo) -> str:
    """'3 Mar 2025, 10:42' in the user's locale."""
    return datetime_text(info.made_at) or info.name


def ask(parent: QWidget, text: str, yes: str, no: str | None = None, details: str = "") -> bool:
    """A yes-or-no question with plain buttons ('Restore the backup' / 'Not now'): ``text``
    the question, ``details`` what it means, under it.

    With ``no`` given (a question about deleting), it is a warning, and that answer is the
    default one: Enter and Escape keep the backup.
    """
    deleting = no is not None
    box = QMessageBox(
        QMessageBox.Icon.Warning if deleting else QMessageBox.Icon.Question,
        APP_NAME,
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("backupQuestion")
    if details:
        box.setInformativeText(details)
        widen(box)
    accept = box.addButton(
        yes,
        QMessageBox.ButtonRole.DestructiveRole if deleting else QMessageBox.ButtonRole.AcceptRole,
    )
    refuse = box.addButton(no or tr("Not now"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(refuse if deleting else accept)
    box.setEscapeButton(refuse)
    box.exec()
    answer = box.clickedButton() is accept
    box.deleteLater()
    return answer


Deleter = Callable[[BackupInfo, bool], bool]  # (backup, even the newest) → deleted


class RestoreDialog(QDialog):
    """The backups, newest first, with when each was made and what it holds.

    With a ``deleter``, a backup (also one that cannot be restored) can be deleted from
    the list, after a question naming it; the newest good one after a second question.
    """

    def __init__(
        self,
        backups: list[BackupInfo],
        parent: QWidget | None = None,
        deleter: Deleter | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(tr("Restore from a backup"))
        self.chosen: BackupInfo | None = None
        self.deleter = deleter
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "Choose the backup to put back. The dossier as it is now is not deleted: "
                "it is kept beside it, renamed “… before-restore …”."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QTreeWidget()
        self.list.setObjectName("backupList")
        self.list.setAccessibleName(tr("Backups"))
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([tr("Made"), tr("What it holds"), tr("How")])
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(lambda _item, _col: self._restore_clicked())
        layout.addWidget(self.list, 1)
        self.empty = QLabel(tr("No backups were found. Choose another backup folder."))
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        row = QHBoxLayout()
        self.other = QPushButton(tr("Other backup folder…"))
        self.other.setAutoDefault(False)
        self.other.clicked.connect(self._other_folder)
        row.addWidget(self.other)
        self.delete_button = QPushButton(tr("Delete this backup…"))
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self._delete_clicked)
        self.delete_button.setVisible(deleter is not None)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(tr("Restore…"))
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self._restore_clicked)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        cancel.clicked.connect(self.reject)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.resize(720, 420)
        self.backups: list[BackupInfo] = []
        self.set_backups(backups)

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.backups = list(backups)
        self.list.clear()
        grey = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for info in backups:
            if info.good:
                how = tr("automatic") if info.automatic else tr("made by hand")
                row = QTreeWidgetItem([made_text(info), info.contents(), how])
            else:  # listed, and selectable to be deleted, but greyed: it cannot be restored
                row = QTreeWidgetItem(
                    [
                        made_text(info),
                        tr("Cannot be restored: {problem}", problem=info.problem or ""),
                        "",
                    ]
                )
                for column in range(3):
                    row.setForeground(column, grey)
            row.setData(0, Qt.ItemDataRole.UserRole, info)
            row.setToolTip(0, str(info.path))
            self.list.addTopLevelItem(row)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        self.empty.setVisible(not backups)
        first = next(
            (
                self.list.topLevelItem(i)
                for i in range(self.list.topLevelItemCount())
                if backups[i].good
            ),
            None,
        )
        if first is not None:
            self.list.setCurrentItem(first)
        self._selection_changed()

    def selected(self) -> BackupInfo | None:
        """The backup chosen to restore (a good one), if any."""
        info = self.selected_any()
        return info if info is not None and info.good else None

    def selected_any(self) -> BackupInfo | None:
        """The backup selected, good or not (to delete it)."""
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        info = item.data(0, Qt.ItemDataRole.UserRole)
        return info if isinstance(info, BackupInfo) else None

    def _selection_changed(self) -> None:
        info = self.selected_any()
        self.restore_button.setEnabled(info is not None and info.good)
        self.delete_button.setEnabled(info is not None)
        if info is None:
            self.where.setText("")
        elif info.good and info.locked:  # a protected dossier's, not unlocked: no name
            self.where.setText(
                tr(
                    "Backup of a dossier protected with a passphrase, kept in {folder}",
                    folder=str(info.path),
                )
            )
        elif info.good:
            self.where.setText(
                tr(
                    "Backup of {name}'s dossier, kept in {folder}",
                    name=isolate(info.person),
                    folder=str(info.path),
                )
            )
        else:
            self.where.setText(tr("Kept in {folder}", folder=str(info.path)))

    def _restore_clicked(self) -> None:
        info = self.selected()
        if info is not None:
            self.chosen = info
            self.accept()

    def _delete_clicked(self) -> None:
        info = self.selected_any()
        if info is None or self.deleter is None:
            return
        try:
            plan = plan_delete(info.path)
        except BackupError as exc:
            QMessageBox.warning(self, APP_NAME, exc.message)
            return
        question, details = _delete_text(plan)
        if not ask(self, question, tr("Delete the backup"), tr("Keep it"), details):
            return
        if plan.newest and not ask(
            self,
            tr("This is the newest good backup of this dossier. Delete it all the same?"),
            tr("Delete it all the same"),
            tr("Keep it"),
            _newest_text(plan),
        ):
            return
        if self.deleter(info, plan.newest):
            self.set_backups([b for b in self.backups if b.path != info.path])

    def _other_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, tr("Choose the folder that holds the backups")
        )
        if folder:
            self.set_backups(backups_in(Path(folder)))


def _delete_text(plan: DeletePlan) -> tuple[str, str]:
    """The question, and under it what the backup holds, what goes with it, and where."""
    info = plan.backup
    holds = (
        tr("It holds {contents}.", contents=info.contents())
        if info.good
        else tr("It cannot be restored: {problem}", problem=info.problem or "")
    )
    files = (
        tr(
            "The document files only this backup holds ({count}, {size}) are removed from "
            "the backup folder too; the other backups keep theirs.",
            count=plan.files_only_here,
            size=size_text(plan.bytes_only_here),
        )
        if plan.files_only_here
        else tr("The other backups keep their files.")
    )
    return tr("Delete the backup made on {date}?", date=made_text(info)), "\n\n".join(
        [
            holds,
            files,
            tr("Kept in {folder}. Deleting it cannot be undone.", folder=str(info.path)),
        ]
    )


def _newest_text(plan: DeletePlan) -> str:
    """Why the newest good backup matters, and which one would take its place."""
    left = plan.next_newest
    after = (
        tr("The newest good backup would then be the one made on {date}.", date=made_text(left))
        if left is not None
        else tr("No good backup of this dossier would be left.")
    )
    return "\n\n".join(
        [
            tr("If the dossier were damaged now, this is the backup that would be restored."),
            after,
        ]
    )


def backups_in(folder: Path) -> list[BackupInfo]:
    """The backups found in ``folder``: a backup, a dossier's backup folder, or a folder of those."""
    from ...core.backup import describe_backup

    if (folder / "manifest.json").is_file():
        return [describe_backup(folder)]
    found = Store(folder).backups()
    if not found and folder.is_dir():
        for child in sorted(folder.iterdir()):
            if child.is_dir():
                found.extend(Store(child).backups())
    return sorted(found, key=lambda b: b.made_at, reverse=True)


class BackupFolderDialog(QDialog):
    """Where this dossier's backups go: the standard folder, or one chosen (another drive)."""

    def __init__(self, dossier_folder: Path, current: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupFolderDialog")
        self.setWindowTitle(tr("Backup folder"))
        self.dossier_folder = dossier_folder
        self.current = current
        self.choice: Path | None = None  # the folder chosen; see ``standard``
        self.standard = False
        layout = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        layout.addWidget(self.advice)
        row = QHBoxLayout()
        self.choose = QPushButton(tr("Choose another folder…"))
        self.choose.clicked.connect(self._choose)
        row.addWidget(self.choose)
        self.use_standard = QPushButton(tr("Use the standard folder"))
        self.use_standard.clicked.connect(self._standard)
        self.use_standard.setEnabled(current != default_root())
        row.addWidget(self.use_standard)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show()
        self.resize(560, 220)

    def _show(self) -> None:
        self.text.setText(
            tr("Backups of this dossier are kept in:\n{folder}", folder=str(self.current))
        )
        self.advice.setText(
            tr(
                "This folder is on the same drive as the dossier. A folder on another drive "
                "(a USB disk, say) also keeps the backups safe if this disk breaks."
            )
            if same_drive(self.current, self.dossier_folder)
            else tr("This folder is on another drive than the dossier: good.")
        )

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, tr("Choose a folder for the backups"), str(self.current)
        )
        if folder:
            self.choice = Path(folder)
            self.accept()

    def _standard(self) -> None:
        self.standard = True
        self.accept()
