"""In the window, a document's file replaced by a link (or a pipe, a folder, a linked
folder, other content of the same size): the viewer says so calmly and shows nothing of
what it points to, "Open in my usual viewer" and "Save a copy" hand out nothing, a
linked thumbnail is not read; the window's settings file, the printed reports and "Save
as PDF" are never written through a link either."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from dossier.core import paths, records
from dossier.core.reports.brief import consultation_brief
from dossier.core.reports.packet_plan import packet_plan
from dossier.core.safe_files import UnsafePath
from dossier.core.storage import Dossier
from dossier.reports.layout import write_report
from dossier.reports.packet_pdf import render_packet
from dossier.ui import tasks
from dossier.ui.documents import document_actions as actions_module
from dossier.ui.documents.thumbnails import load_scaled
from dossier.ui.documents.viewer import DocumentViewer
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.documents import DocumentsPage
from dossier.ui.printing.preview import PreviewWindow
from dossier.ui.settings import SETTINGS_NAME, settings
from tests import vault_link_helpers as links
from tests.vault_link_helpers import (
    REPLACED,
    SECRET_WORD,
    Built,
    replace_file,
    secret_in_files,
)

SECRET = f"private: {SECRET_WORD}\n".encode()

template, built, opened = links.template, links.built, links.opened


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim" / "private.txt"
    victim.parent.mkdir(exist_ok=True)
    victim.write_bytes(SECRET)
    return victim


@pytest.mark.parametrize("how", sorted(REPLACED))
def test_the_viewer_says_what_is_wrong_and_shows_nothing_of_it(
    qtbot: QtBot, built: Built, opened: Dossier, how: str, tmp_path: Path
) -> None:
    replace_file(built, how, tmp_path / "outside")
    viewer = DocumentViewer(opened.vault)
    qtbot.addWidget(viewer)
    record = records.get(opened, "document", built.note_id)
    with qtbot.waitSignal(viewer.loaded, timeout=10_000):
        viewer.show_document(record)
    assert viewer.mode == "message"
    if REPLACED[how] == "file_damaged":
        assert viewer.message_title.text() == "The file is damaged"
    else:
        assert viewer.message_title.text() == "This file is not shown"
        assert "link" in viewer.message_text.text()
    assert not viewer.message_button.isVisibleTo(viewer)  # nothing to open elsewhere either
    assert SECRET_WORD not in viewer.text.toPlainText()


def test_a_missing_file_is_said_with_what_to_do(
    qtbot: QtBot, built: Built, opened: Dossier
) -> None:
    """The same advice as the README and the check: add the original again, or an older
    backup (before, only "restore a backup", which would replace the whole dossier)."""
    built.vault_file.unlink()
    window = MainWindow(opened)
    qtbot.addWidget(window)
    window.show()
    assert window.view is not None
    page = window.view.show_page("documents")
    assert isinstance(page, DocumentsPage)
    page.open_document(built.note_id)
    qtbot.waitUntil(lambda: page.viewer.mode == "message", timeout=10_000)
    assert page.viewer.message_title.text() == "The file is missing"
    assert "add it again (Import files…): it goes back in its place" in (
        page.viewer.message_text.text()
    )
    assert (
        not page.reader.details.open_button.isEnabled()
        and not page.reader.details.save_copy_button.isEnabled()
    )
    window.close()


def test_the_viewer_never_opens_a_pdf_through_a_link(
    qtbot: QtBot, built: Built, opened: Dossier, tmp_path: Path
) -> None:
    record = records.get(opened, "document", built.pdf_id)
    stored = opened.vault.path_for(record["sha256"])
    elsewhere = tmp_path / "elsewhere.pdf"
    elsewhere.write_bytes(stored.read_bytes())  # even the same content, through a link
    stored.unlink()
    stored.symlink_to(elsewhere)
    viewer = DocumentViewer(opened.vault)
    qtbot.addWidget(viewer)
    with qtbot.waitSignal(viewer.loaded, timeout=10_000):
        viewer.show_document(record)
    assert viewer.mode == "message" and viewer.pdf.page_total() == 0
    os.unlink(stored)
    stored.write_bytes(elsewhere.read_bytes())  # a regular file again: shown
    with qtbot.waitSignal(viewer.loaded, timeout=10_000):
        viewer.show_document(record)
    assert viewer.mode == "pdf" and viewer.pdf.page_total() == 2


@pytest.mark.parametrize("how", ["symlink", "other-content"])
def test_open_and_save_a_copy_hand_out_nothing(
    qtbot: QtBot,
    built: Built,
    opened: Dossier,
    how: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A link is refused before any copy is made; other content (same size) while copying:
    the copy is discarded. Either way nothing is opened or saved, and the notice says why."""
    replace_file(built, how, tmp_path / "outside")
    opened_files: list[Path] = []
    monkeypatch.setattr(
        actions_module, "open_with_system", lambda p: opened_files.append(p) or True
    )
    window = MainWindow(opened)
    qtbot.addWidget(window)
    window.show()
    assert window.view is not None
    page = window.view.show_page("documents")
    assert isinstance(page, DocumentsPage)
    page.open_document(built.note_id)
    # The viewer says what is wrong, and its buttons are off (the file is not offered)…
    qtbot.waitUntil(lambda: page.viewer.mode == "message", timeout=10_000)
    assert (
        not page.reader.details.open_button.isEnabled()
        and not page.reader.details.save_copy_button.isEnabled()
    )
    assert "viewer says why" in page.reader.details.open_button.toolTip()
    # …and asked all the same (a shortcut, a race with the viewer), they hand out nothing.
    page.document_actions.open_externally()
    qtbot.waitUntil(lambda: page.notice_bar.isVisibleTo(page), timeout=10_000)
    expected = "replaced by a link" if how == "symlink" else "damaged"
    assert expected in page.notice_bar.notice.text()
    saved = tmp_path / "saved"
    saved.mkdir()
    monkeypatch.setattr(page.document_actions, "ask_save_path", lambda _p: saved / "copy.txt")
    page.notice_bar.show_notice("")
    page.document_actions.save_a_copy()
    qtbot.waitUntil(lambda: page.notice_bar.isVisibleTo(page), timeout=10_000)
    assert expected in page.notice_bar.notice.text()
    assert tasks.wait_for(page, 10_000)
    assert opened_files == [] and os.listdir(saved) == []
    page.open_document(built.pdf_id)  # a sound file: offered again
    qtbot.waitUntil(lambda: page.viewer.mode == "pdf", timeout=10_000)
    assert (
        page.reader.details.open_button.isEnabled()
        and page.reader.details.save_copy_button.isEnabled()
    )
    window.close()


def test_a_linked_thumbnail_is_not_read(opened: Dossier, built: Built, tmp_path: Path) -> None:
    record = records.get(opened, "document", built.pdf_id)
    thumb = opened.vault.thumbnail_path(record["sha256"])
    assert load_scaled(opened.vault, thumb, QSize(120, 160)) is not None
    picture = tmp_path / "private.png"
    picture.write_bytes(thumb.read_bytes())  # a readable picture, but not the dossier's
    thumb.unlink()
    thumb.symlink_to(picture)
    assert load_scaled(opened.vault, thumb, QSize(120, 160)) is None


def test_the_settings_file_is_never_written_through_a_link(tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SETTINGS_NAME).symlink_to(victim)
    state = settings()
    state.setValue("window/geometry", "somewhere")
    state.sync()
    assert victim.read_bytes() == SECRET
    assert settings().value("window/geometry") == "somewhere"  # kept for this session


def test_printed_reports_are_never_written_through_a_link(
    qtbot: QtBot, opened: Dossier, built: Built, tmp_path: Path
) -> None:
    victim = _victim(tmp_path)
    out = tmp_path / "brief.pdf"
    out.symlink_to(victim)
    with pytest.raises(UnsafePath):
        write_report(consultation_brief(opened, built.case), out)
    with pytest.raises(UnsafePath):
        render_packet(packet_plan(opened, built.case), out)
    assert victim.read_bytes() == SECRET
    assert sorted(os.listdir(tmp_path)) == sorted(["brief.pdf", "victim", "dossier"])
    good = tmp_path / "packet.pdf"
    result = render_packet(packet_plan(opened, built.case), good)
    assert result.not_included == [] and good.read_bytes().startswith(b"%PDF")
    assert secret_in_files(tmp_path / "victim") == [victim]


def test_save_as_pdf_is_never_written_through_a_link(
    qtbot: QtBot, opened: Dossier, built: Built, tmp_path: Path
) -> None:
    victim = _victim(tmp_path)
    rendered = tmp_path / "rendered.pdf"
    write_report(consultation_brief(opened, built.case), rendered)
    preview = PreviewWindow(rendered, "Brief", file_name="brief.pdf", owns_folder=False)
    qtbot.addWidget(preview)
    target = tmp_path / "saved.pdf"
    target.symlink_to(victim)
    with pytest.raises(OSError, match="link"):
        preview.save_to(target)
    assert victim.read_bytes() == SECRET
    saved = preview.save_to(tmp_path / "fine")
    assert saved.name == "fine.pdf" and saved.read_bytes() == rendered.read_bytes()
