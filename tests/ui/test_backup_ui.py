"""Backups in the real window (offscreen): the automatic backup when a dossier opens and at
quit, the status bar, Back up now, the backup folder, restoring from the menu, and the
offer to restore a damaged dossier's newest good backup."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from dossier.core import clock, records
from dossier.core.backup import BackupInfo, list_backups, make_backup, read_identity
from dossier.core.backup.reading import read_files
from dossier.core.backup.store import Store
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import Dossier, DossierDamagedError
from dossier.ui.main_window import MainWindow, open_initial
from dossier.ui.safety.backup_controller import BackupController
from dossier.ui.safety.backup_dialogs import BackupFolderDialog, RestoreDialog, backups_in
from dossier.ui.widgets.listed_message import SHOWN, all_text
from tests.pinned_day import PinDay
from tests.unit.test_backup import db_rows, tree, vault_files

Handler = Callable[[QWidget], None]


@pytest.fixture(autouse=True)
def _start_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The automatic backup waits a moment after opening; these tests need not."""
    monkeypatch.setattr(BackupController, "START_DELAY_MS", 0)


def person_rows(folder: Path) -> dict[str, list[Any]]:
    """Every row of the dossier but the reminders the window gave (the Overview lists the
    missed ones when it is first shown, and marks them given: after a restore, again)."""
    rows = db_rows(folder)
    rows.pop("reminder_shown", None)
    return rows


def open_window(qtbot: QtBot, dossier: Dossier | None) -> MainWindow:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.backups.busy(), timeout=20000)


class _Shown:
    """A message box as it was shown: its headline, icon and default and escape buttons."""

    def __init__(self, box: QMessageBox) -> None:
        self.text = box.text()
        self.informative = box.informativeText()
        self.details = box.detailedText()
        self.icon = box.icon()
        default, escape = box.defaultButton(), box.escapeButton()
        self.default = default.text() if default is not None else ""
        self.escape = escape.text() if escape is not None else ""
        self.roles = {b.text(): box.buttonRole(b) for b in box.buttons()}


class Modals:
    """Answers the modal windows that open, in order: each handler gets the active one."""

    def __init__(self, *handlers: tuple[type[QWidget], Handler]) -> None:
        self.handlers = list(handlers)
        self.seen: list[str] = []  # what each window said (a message box: all its text)
        self.boxes: list[_Shown] = []  # how each message box was made
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not self.handlers or not modal.isVisible():
            return
        kind, handler = self.handlers[0]
        if isinstance(modal, kind):
            self.handlers.pop(0)
            self.seen.append(
                all_text(modal) if isinstance(modal, QMessageBox) else type(modal).__name__
            )
            if isinstance(modal, QMessageBox):
                self.boxes.append(_Shown(modal))
            handler(modal)

    def done(self) -> bool:
        self.timer.stop()
        return not self.handlers


def click(label: str) -> Handler:
    def press(widget: QWidget) -> None:
        for button in widget.findChildren(QPushButton):
            if button.text().replace("&", "") == label:
                button.click()
                return
        raise AssertionError(f"no button {label!r}")

    return press


def corrupt(folder: Path) -> None:
    db = folder / "dossier.sqlite"
    data = bytearray(db.read_bytes())
    for i in range(100, 400):
        data[i] ^= 0xFF
    db.write_bytes(bytes(data))


# The automatic backup ---------------------------------------------------------------------------
def test_opening_backs_up_in_the_background_and_the_status_bar_says_when(
    qtbot: QtBot, demo: Dossier
) -> None:
    window = open_window(qtbot, demo)
    settle(qtbot, window)
    backups = list_backups(demo.path)
    assert len(backups) == 1 and backups[0].automatic
    assert window.backups.label.text() == f"Last backup: today at {backups[0].made_at[11:16]}"
    assert window.backups.label.isVisible()
    window.close()  # a backup was made today: quitting makes no other
    assert len(list_backups(demo.path)) == 1


def test_the_backup_at_opening_waits_until_the_window_has_settled(
    qtbot: QtBot, demo: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BackupController, "START_DELAY_MS", 300)
    window = open_window(qtbot, demo)
    assert window.backups.busy() and list_backups(demo.path) == []
    settle(qtbot, window)
    assert len(list_backups(demo.path)) == 1


def test_closing_soon_after_opening_makes_the_backup_then(
    qtbot: QtBot, demo: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BackupController, "START_DELAY_MS", 60000)
    window = open_window(qtbot, demo)
    window.close_dossier()  # in the background
    settle(qtbot, window)
    assert len(list_backups(demo.path)) == 1
    assert window.backups.label.text() == ""


def test_quitting_makes_the_day_s_backup_when_none_was_made_today(
    qtbot: QtBot, demo: Dossier, today: PinDay
) -> None:
    window = open_window(qtbot, demo)
    settle(qtbot, window)
    tomorrow = today(today() + timedelta(days=1))  # the window left open overnight
    window.close()
    assert not window.backups.busy()
    made = list_backups(demo.path)
    assert [b.made_on for b in made] == [tomorrow, tomorrow - timedelta(days=1)]


def test_switching_dossiers_backs_up_both(qtbot: QtBot, demo: Dossier, tmp_path: Path) -> None:
    other = create_dossier(tmp_path / "mine", name="Tom Berg")
    window = open_window(qtbot, demo)
    window.show_dossier(other)
    settle(qtbot, window)
    assert len(list_backups(demo.path)) == 1
    assert len(list_backups(other.path)) == 1
    assert window.backups.label.text().startswith("Last backup: today")


def test_back_up_now(qtbot: QtBot, demo: Dossier) -> None:
    window = open_window(qtbot, demo)
    settle(qtbot, window)
    action = {a.text().replace("&", ""): a for a in window.findChildren(QAction)}["Back up now"]
    assert action.isEnabled()
    action.trigger()
    settle(qtbot, window)
    made = list_backups(demo.path)
    assert len(made) == 2 and not made[0].automatic
    assert "Backup made in" in window.statusBar().currentMessage()
    window.close_dossier()
    assert not action.isEnabled()


def test_a_failed_backup_says_so_without_blocking(
    qtbot: QtBot, demo: Dossier, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from dossier.core.backup import set_backup_folder

    usb = tmp_path_factory.mktemp("usb") / "Backups"
    set_backup_folder(demo.path, usb)
    usb.rmdir()  # the drive is not connected
    window = open_window(qtbot, demo)
    settle(qtbot, window)
    box = window.backups.failure_box
    assert box is not None and box.isVisible() and not box.isModal()
    assert "cannot be reached" in box.text() and "earlier backups are kept" in box.text()
    assert window.backups.label.text() == "The last backup did not work"
    assert QApplication.activeModalWidget() is None  # the window stays usable
    box.close()


def test_a_backup_failing_at_quit_is_told_before_the_window_closes(
    qtbot: QtBot,
    demo: Dossier,
    tmp_path_factory: pytest.TempPathFactory,
    today: PinDay,
) -> None:
    from dossier.core.backup import set_backup_folder

    window = open_window(qtbot, demo)
    settle(qtbot, window)
    usb = tmp_path_factory.mktemp("usb") / "Backups"
    set_backup_folder(demo.path, usb)
    usb.rmdir()
    today(today() + timedelta(days=1))
    modals = Modals((QMessageBox, click("OK")))
    window.close()
    assert modals.done()
    assert "No backup could be made" in modals.seen[0] and "cannot be reached" in modals.seen[0]


# The backup folder ------------------------------------------------------------------------------
def test_choosing_a_backup_folder_on_another_drive(
    qtbot: QtBot,
    demo: Dossier,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    usb = tmp_path_factory.mktemp("usb-disk")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(usb))
    window = open_window(qtbot, demo)
    settle(qtbot, window)
    modals = Modals((BackupFolderDialog, click("Choose another folder…")))
    window.backups.choose_folder()
    assert modals.done()
    settle(qtbot, window)
    identity = read_identity(demo.path)
    assert identity is not None and identity.root == usb
    made = list_backups(demo.path)
    assert made[0].path.parent.parent == usb  # the first one there was made at once
    assert len(made) == 2  # the earlier one is still listed
    assert str(usb) in window.statusBar().currentMessage()


def test_the_backup_folder_dialog(qtbot: QtBot, demo: Dossier) -> None:
    from dossier.core.backup import default_root

    dialog = BackupFolderDialog(demo.path, default_root())
    qtbot.addWidget(dialog)
    dialog.show()
    assert str(default_root()) in dialog.text.text()
    assert "same drive" in dialog.advice.text()
    assert not dialog.use_standard.isEnabled()
    dialog.grab().save("/tmp/backup-folder-dialog.png")


# Restoring from the menu ------------------------------------------------------------------------
def test_restore_from_the_menu_brings_the_dossier_back_as_it_was(
    qtbot: QtBot, demo: Dossier
) -> None:
    folder = demo.path
    window = open_window(qtbot, demo)
    settle(qtbot, window)
    rows, files = person_rows(folder), vault_files(folder)
    assert window.session is not None
    window.session.apply(lambda d: records.create(d, "note", {"text": "Written after the backup"}))
    modals = Modals(
        (RestoreDialog, click("Restore…")),
        (QMessageBox, click("Restore the backup")),
    )
    window.backups.restore_dialog()
    assert modals.done()
    assert "Restore the backup made on" in modals.seen[1]
    assert window.session is not None and window.session.dossier.path == folder
    assert person_rows(folder) == rows and vault_files(folder) == files
    notes = [n["text"] for n in records.list_records(window.session.dossier, "note")]
    assert "Written after the backup" not in notes
    aside = list(folder.parent.glob(f"{folder.name}.before-restore-*"))
    assert len(aside) == 1
    assert "Written after the backup" in str(db_rows(aside[0])["note"])
    assert "was restored" in window.statusBar().currentMessage()


def test_the_restore_dialog_lists_date_and_contents(qtbot: QtBot, demo: Dossier) -> None:
    first = make_backup(demo.path, today=clock.today() - timedelta(days=1)).backup
    second = make_backup(demo.path).backup
    dialog = RestoreDialog(list_backups(demo.path))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.topLevelItemCount() == 2
    top = dialog.list.topLevelItem(0)
    assert top is not None
    assert second.contents() == top.text(1) and "21 documents" in top.text(1)
    assert dialog.selected() == second and dialog.restore_button.isEnabled()
    assert dialog.list.accessibleName() == "Backups"
    bottom = dialog.list.topLevelItem(1)
    assert bottom is not None and bottom.text(0) != top.text(0)
    assert first.made_at[:10] != second.made_at[:10]
    dialog.grab().save("/tmp/restore-dialog.png")


def test_other_backup_folder_finds_backups_from_another_computer(
    demo_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from dossier.core.backup import set_backup_folder

    usb = tmp_path_factory.mktemp("usb")
    set_backup_folder(demo_copy, usb)
    made = make_backup(demo_copy).backup
    store = made.path.parent
    for folder in (usb, store, made.path):  # the drive, the dossier's folder, one backup
        assert [b.path for b in backups_in(folder)] == [made.path]
    assert backups_in(tmp_path_factory.mktemp("empty")) == []


def test_declining_the_restore_changes_nothing(qtbot: QtBot, demo: Dossier) -> None:
    window = open_window(qtbot, demo)
    settle(qtbot, window)
    before = tree(demo.path)
    modals = Modals(
        (RestoreDialog, click("Restore…")),
        (QMessageBox, click("Not now")),
    )
    window.backups.restore_dialog()
    assert modals.done()
    assert tree(demo.path) == before
    assert window.session is not None and window.session.dossier is demo
    assert not list(demo.path.parent.glob("*.before-restore-*"))


def test_after_restoring_the_window_names_the_documents_whose_file_is_missing(
    qtbot: QtBot, demo_copy: Path
) -> None:
    backup = make_backup(demo_copy).backup
    lost = next(e for e in read_files(backup.path) or [] if not e.path.endswith(".png"))
    Store(backup.path.parent).file_path(lost.sha256).unlink()
    (demo_copy / "vault" / lost.path).unlink()
    with open_dossier(demo_copy) as opened:
        title, name = opened.db.execute(
            "SELECT title, original_name FROM document WHERE sha256 = ?", [lost.sha256]
        ).fetchone()
    window = open_window(qtbot, open_dossier(demo_copy))
    settle(qtbot, window)
    modals = Modals(
        (RestoreDialog, click("Restore…")),
        (QMessageBox, click("Restore the backup")),
        (QMessageBox, click("OK")),
    )
    window.backups.restore_dialog()
    assert modals.done()
    told = modals.seen[2]
    assert "was restored" in told and "neither in the backup nor in the dossier" in told
    assert f"• “{title}” ({name})" in told
    assert window.session is not None and window.session.dossier.path == demo_copy


def test_a_restore_lacking_many_files_names_a_few_and_lists_all_under_details(
    qtbot: QtBot, demo_copy: Path
) -> None:
    """A short headline, the first few names, every one under Show Details… (before, all of
    them were in one message as tall as the screen)."""
    backup = make_backup(demo_copy).backup
    lost = [e for e in read_files(backup.path) or [] if not e.path.endswith(".png")][: SHOWN + 2]
    for entry in lost:
        Store(backup.path.parent).file_path(entry.sha256).unlink()
        (demo_copy / "vault" / entry.path).unlink()
    with open_dossier(demo_copy) as opened:
        names = {
            name
            for (name,) in opened.db.execute(
                f"SELECT original_name FROM document WHERE sha256 IN ({','.join('?' * len(lost))})",
                [e.sha256 for e in lost],
            )
        }
    window = open_window(qtbot, open_dossier(demo_copy))
    settle(qtbot, window)
    modals = Modals(
        (RestoreDialog, click("Restore…")),
        (QMessageBox, click("Restore the backup")),
        (QMessageBox, click("OK")),
    )
    window.backups.restore_dialog()
    assert modals.done()
    told = modals.boxes[1]
    assert told.text.endswith(
        f"was restored, but {len(lost)} documents came back without their file."
    )
    assert told.informative.count("• ") == SHOWN
    assert "… and 2 more: Show Details… lists them all." in told.informative
    assert all(name in told.details for name in names) and len(names) == len(lost)
    assert told.details.count("\n") == len(lost) - 1


# Deleting a backup --------------------------------------------------------------------------------
def choose_row(row: int, then: str) -> Handler:
    """Select the ``row``-th backup of the restore dialog, then press ``then`` (a moment
    later: the questions it opens are answered by the same Modals, whose timer must be
    free to run meanwhile)."""

    def choose(widget: QWidget) -> None:
        assert isinstance(widget, RestoreDialog)
        item = widget.list.topLevelItem(row)
        assert item is not None
        widget.list.setCurrentItem(item)
        QTimer.singleShot(0, lambda: click(then)(widget))

    return choose


def test_deleting_an_older_backup_from_the_restore_dialog(qtbot: QtBot, demo_copy: Path) -> None:
    oldest = make_backup(demo_copy, today=clock.today() - timedelta(days=2)).backup
    make_backup(demo_copy, today=clock.today() - timedelta(days=1))
    window = open_window(qtbot, open_dossier(demo_copy))
    settle(qtbot, window)  # today's automatic backup: three in all
    assert len(list_backups(demo_copy)) == 3
    modals = Modals(
        (RestoreDialog, choose_row(2, "Delete this backup…")),
        (QMessageBox, click("Delete the backup")),
        (RestoreDialog, click("Cancel")),
    )
    window.backups.restore_dialog()
    assert modals.done()
    question = modals.seen[1]
    assert "Delete the backup made on" in question and oldest.contents() in question
    assert str(oldest.path) in question and "cannot be undone" in question
    asked = modals.boxes[0]  # one short question, a warning; Enter and Escape keep it
    assert asked.text.startswith("Delete the backup made on") and asked.text.endswith("?")
    assert asked.icon == QMessageBox.Icon.Warning
    assert asked.default == asked.escape == "Keep it"
    assert asked.roles["Delete the backup"] == QMessageBox.ButtonRole.DestructiveRole
    assert not oldest.path.exists()
    assert oldest.path not in [b.path for b in list_backups(demo_copy)]
    assert len(list_backups(demo_copy)) == 2
    assert "was deleted" in window.statusBar().currentMessage()


def test_the_newest_good_backup_is_deleted_only_after_a_second_question(
    qtbot: QtBot, demo_copy: Path
) -> None:
    older = make_backup(demo_copy, today=clock.today() - timedelta(days=1)).backup
    window = open_window(qtbot, open_dossier(demo_copy))
    settle(qtbot, window)
    newest = list_backups(demo_copy)[0]
    assert newest.path != older.path

    def delete_newest(second: str) -> Modals:
        modals = Modals(
            (RestoreDialog, choose_row(0, "Delete this backup…")),
            (QMessageBox, click("Delete the backup")),
            (QMessageBox, click(second)),
            (RestoreDialog, click("Cancel")),
        )
        window.backups.restore_dialog()
        assert modals.done()
        return modals

    keep = delete_newest("Keep it")
    assert "newest good backup of this dossier" in keep.seen[2]
    assert "the one made on" in keep.seen[2]
    for asked in keep.boxes:
        assert asked.icon == QMessageBox.Icon.Warning
        assert asked.default == asked.escape == "Keep it"
    assert keep.boxes[1].text == (
        "This is the newest good backup of this dossier. Delete it all the same?"
    )
    assert newest.path.is_dir()
    delete_newest("Delete it all the same")
    assert not newest.path.exists()
    assert [b.path for b in list_backups(demo_copy)] == [older.path]
    assert window.backups.label.text().startswith("Last backup: yesterday")


def test_a_backup_that_cannot_be_restored_can_be_deleted(qtbot: QtBot, demo: Dossier) -> None:
    made = make_backup(demo.path, today=clock.today() - timedelta(days=3)).backup
    (made.path / "manifest.json").write_text("{", encoding="utf-8")
    deleted: list[tuple[Path, bool]] = []

    def deleter(info: BackupInfo, even_newest: bool) -> bool:
        deleted.append((info.path, even_newest))
        return True

    dialog = RestoreDialog(list_backups(demo.path), deleter=deleter)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
    damaged = next(r for r in rows if r is not None and r.text(1).startswith("Cannot be"))
    dialog.list.setCurrentItem(damaged)
    assert dialog.selected() is None and not dialog.restore_button.isEnabled()
    assert dialog.delete_button.isEnabled()
    modals = Modals((QMessageBox, click("Delete the backup")))
    dialog.delete_button.click()  # the question is modal; Modals answers it
    assert modals.done()
    assert "It cannot be restored" in modals.seen[0]
    assert deleted == [(made.path, False)]
    assert made.path not in [b.path for b in dialog.backups]


# A damaged dossier --------------------------------------------------------------------------------
def test_a_damaged_dossier_is_offered_its_newest_good_backup(qtbot: QtBot, demo_copy: Path) -> None:
    make_backup(demo_copy, today=clock.today() - timedelta(days=2))
    newest = make_backup(demo_copy, today=clock.today() - timedelta(days=1)).backup
    rows, files = person_rows(demo_copy), vault_files(demo_copy)
    corrupt(demo_copy)
    damaged = tree(demo_copy)
    window = open_window(qtbot, None)
    modals = Modals((QMessageBox, click("Restore the backup")))
    assert window.open_path(demo_copy)
    assert modals.done()
    question = modals.seen[0]
    assert "is damaged" in question and newest.contents() in question
    assert "before-restore" in question
    assert window.session is not None and window.session.dossier.path == demo_copy
    assert person_rows(demo_copy) == rows and vault_files(demo_copy) == files
    aside = list(demo_copy.parent.glob("demo.before-restore-*"))
    assert len(aside) == 1 and tree(aside[0]) == damaged


def test_declining_the_offer_leaves_the_damaged_dossier_as_it_was(
    qtbot: QtBot, demo_copy: Path
) -> None:
    make_backup(demo_copy)
    corrupt(demo_copy)
    before = tree(demo_copy)
    window = open_window(qtbot, None)
    modals = Modals((QMessageBox, click("Not now")))
    assert not window.open_path(demo_copy)
    assert modals.done()
    assert tree(demo_copy) == before and window.session is None


def test_a_damaged_dossier_without_backups_is_explained(qtbot: QtBot, demo_copy: Path) -> None:
    corrupt(demo_copy)
    window = open_window(qtbot, None)
    modals = Modals((QMessageBox, lambda box: box.accept()))  # type: ignore[attr-defined]
    assert not window.open_path(demo_copy)
    assert modals.done()
    assert "No backup of this dossier was found" in modals.seen[0]


def test_a_damaged_last_dossier_is_reported_at_start_up(demo_copy: Path) -> None:
    from dossier.core import paths

    paths.remember_dossier(demo_copy)
    corrupt(demo_copy)
    with pytest.raises(DossierDamagedError) as raised:
        open_initial(None)
    assert raised.value.path == demo_copy


def test_start_up_on_a_damaged_dossier_offers_its_backup_and_opens_it(
    qtbot: QtBot, demo_copy: Path
) -> None:
    from dossier.app import run_app

    make_backup(demo_copy)
    rows = person_rows(demo_copy)
    corrupt(demo_copy)
    shown: list[MainWindow] = []

    def close_when_open() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.session is not None and widget.isVisible():
                shown.append(widget)
                widget.close()  # quits the application: the last window closed

    modals = Modals((QMessageBox, click("Restore the backup")))
    closer = QTimer()
    closer.setInterval(50)
    closer.timeout.connect(close_when_open)
    closer.start()
    assert run_app(demo_copy) == 0
    closer.stop()
    assert modals.done() and "is damaged" in modals.seen[0]
    assert shown and person_rows(demo_copy) == rows
    for window in shown:
        window.deleteLater()


def test_progress_of_a_vault_over_2_gb_reaches_the_window(qtbot: QtBot) -> None:
    from dossier.ui.safety.backup_worker import start_job

    big = 5 * 2**31  # bytes: more than a 32-bit int holds
    seen: list[tuple[int, int]] = []
    outcome: list[object] = []

    def job(progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> object:
        progress(big - 1, big)
        return "done"

    task = start_job(
        job,
        done=outcome.append,
        failed=outcome.append,
        progress=lambda done, total: seen.append((done, total)),
    )
    with qtbot.waitSignal(task.ended, timeout=5000):
        pass
    assert seen == [(big - 1, big)] and outcome == ["done"]


def test_a_lost_journal_without_a_backup_can_be_opened_as_it_is(
    qtbot: QtBot, dossier: Dossier
) -> None:
    from tests.unit.test_lost_journal import crash_after_writing

    folder = dossier.path
    dossier.close()
    crash_after_writing(folder)
    (folder / "dossier.sqlite-wal").unlink()
    window = open_window(qtbot, None)
    modals = Modals(
        (QMessageBox, lambda box: box.accept()),  # damaged, and no backup was found
        (QMessageBox, click("Open")),  # open it as it is
    )
    assert window.open_path(folder)
    assert modals.done()
    assert "journal" in modals.seen[0]
    assert window.session is not None and window.session.dossier.path == folder
    settle(qtbot, window)
