"""A protected dossier in the window (issue 18): its documents are shown, searched, printed
and handed to other programs without a byte of them reaching the disk by the way.

The viewer reads a PDF whole, checked and decrypted, and QtPdf reads it from memory (its
pages drawn on QtPdf's own threads); a picture is decoded from memory on a worker thread
while the window decodes pictures of its own (Qt's image reader once hung the window that
way, reading a device made in Python); the print preview of the packet is made and shown
in memory and saved where the person chooses; "Open in my usual viewer" asks first, and
its copy goes to the user's private runtime folder, removed again.
"""

from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPointF, QSize, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.crypto import keyring
from dossier.core.crypto.kdf import KdfParams
from dossier.core.crypto.unlock import lock, new_protection, unlock
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import Dossier
from dossier.core.textpdf import write_pdf
from dossier.reports import memory_files
from dossier.ui import tasks
from dossier.ui.documents import document_actions as actions_module
from dossier.ui.documents import external
from dossier.ui.documents.thumbnails import load_scaled
from dossier.ui.documents.viewer import DocumentViewer, read_picture
from dossier.ui.main_window import MainWindow
from dossier.ui.pages.documents import DocumentsPage
from dossier.ui.printing.print_dialog import PrintDialog
from tests import scans
from tests.protection_keys import private_temp

FAST = KdfParams(passes=1, memory_kib=8 * 1024, lanes=1, salt=b"0123456789abcdef")
PASSPHRASE = "a long walk to Utrecht"
WORD = "Zephyrquanthelix"
WAIT_MS = 60_000
HANG_SECONDS = 120  # a hang is reported with every thread's stack, not waited for forever


@pytest.fixture(autouse=True)
def no_keys() -> Iterator[None]:
    keyring.forget_all()
    yield
    keyring.forget_all()


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own, and a private runtime folder."""
    folder = private_temp(tmp_path, monkeypatch)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(external, "_temp_root", None)
    return folder


@pytest.fixture
def originals(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "originals"
    folder.mkdir()
    letter = folder / "letter.pdf"
    lines = [f"Dear colleague, the biopsy shows {WORD} cells."]
    lines += [f"Finding {n}: nothing else of note on this line." for n in range(160)]
    write_pdf(letter, lines, title="Pathology letter")
    photo = scans.photo_jpeg(folder / "photo.jpg", "en", exif_orientation=6)
    return {"letter": letter, "photo": photo}


@pytest.fixture
def dossier(tmp_path: Path, temp: Path, originals: dict[str, Path]) -> Iterator[Dossier]:
    folder = tmp_path / "dossier"
    create_dossier(folder, name="Anna Kovács", protection=new_protection(PASSPHRASE, params=FAST))
    lock(folder)
    unlock(folder, PASSPHRASE)
    with open_dossier(folder) as opened:
        case = records.create(opened, "case", {"title": "Second look at the biopsy"}).id
        for result in import_paths(opened, list(originals.values()), case_id=case):
            assert result.document_id is not None, result
            records.update(opened, "document", result.document_id, {"bring": True})
        yield opened


def document(dossier: Dossier, name: str) -> dict[str, object]:
    row = dossier.db.execute("SELECT id FROM document WHERE original_name = ?", [name]).fetchone()
    return records.get(dossier, "document", int(row[0]))


def secrets_of(originals: dict[str, Path]) -> dict[str, bytes]:
    found = {"the word": WORD.encode(), "the scan's word": scans.KEYWORDS["en"].encode()}
    for name, path in originals.items():
        data = path.read_bytes()
        for at in (0.25, 0.5, 0.75):
            start = int(len(data) * at)
            found[f"the bytes of the {name} at {at}"] = data[start : start + 64]
    return found


def assert_nowhere(secrets: dict[str, bytes], *folders: Path) -> None:
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                for what, secret in secrets.items():
                    assert secret not in data, f"{what} is in {path}"


def test_the_viewer_shows_a_protected_pdf_and_photo_from_memory(
    qtbot: QtBot, dossier: Dossier, originals: dict[str, Path], temp: Path
) -> None:
    viewer = DocumentViewer(dossier.vault)
    qtbot.addWidget(viewer)
    viewer.resize(700, 900)
    viewer.show()
    qtbot.waitExposed(viewer)
    held = memory_files.held_names()
    with qtbot.waitSignal(viewer.loaded, timeout=WAIT_MS):
        viewer.show_document(document(dossier, "letter.pdf"))
    assert viewer.mode == "pdf"
    assert len(memory_files.held_names() - held) == 1
    pdf = viewer.pdf
    assert pdf.page_total() >= 3
    # QtPdf draws the pages on its own threads, reading the document from memory, while
    # the window turns pages, zooms and asks the document for its pages' sizes.
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        for page in range(1, pdf.page_total() + 1):
            pdf.go_to_page(page)
            pdf.zoom_by(1.25 if page % 2 else 0.8)
            assert pdf.document.pagePointSize(page - 1).width() > 0
            QApplication.processEvents()
    image = pdf.document.render(0, QSize(400, 560))
    assert not image.isNull()
    pdf.find_text(WORD)
    qtbot.waitUntil(lambda: pdf.result_count() == 1, timeout=WAIT_MS)

    with qtbot.waitSignal(viewer.loaded, timeout=WAIT_MS):
        viewer.show_document(document(dossier, "photo.jpg"))
    assert viewer.mode == "image"
    width, height = viewer.image.image_size()
    assert 0 < width < height  # turned upright by its EXIF orientation
    assert memory_files.held_names() <= held  # the PDF's memory is let go with it
    viewer.show_document(None)
    assert_nowhere(secrets_of(originals), dossier.path, temp, Path(os.environ["DOSSIER_HOME"]))


def test_pictures_are_decoded_on_workers_while_the_window_decodes_its_own(
    qtbot: QtBot, dossier: Dossier
) -> None:
    """Qt's image reader holds its plugin lock while it reads: a device that needed
    Python's lock would hang the window as it decodes a picture at the same moment."""
    record = document(dossier, "photo.jpg")
    sha, size = str(record["sha256"]), int(str(record["size"]))
    owner = DocumentViewer(dossier.vault)
    qtbot.addWidget(owner)
    held = memory_files.held_names()
    decoded: list[QImage] = []
    for _ in range(4):
        tasks.start(
            lambda _task: read_picture(dossier.vault, sha, size),
            done=decoded.append,
            failed=lambda error: pytest.fail(str(error)),
            owner=owner,
            name="viewer",
        )
    icon = ":/qt-project.org/styles/commonstyle/images/standardbutton-save-32.png"
    while len(decoded) < 4:
        assert not QImage(icon).isNull()  # the window's own pictures, meanwhile
        QApplication.processEvents()
    assert all(not image.isNull() and image.height() > image.width() for image in decoded)
    assert memory_files.held_names() <= held  # nothing new is held


def test_a_protected_thumbnail_is_read(dossier: Dossier) -> None:
    record = document(dossier, "letter.pdf")
    thumb = dossier.vault.thumbnail_path(str(record["sha256"]))
    assert not thumb.read_bytes().startswith(b"\x89PNG")  # stored encrypted
    image = load_scaled(dossier.vault, thumb, QSize(120, 160))
    assert image is not None and image.width() <= 120 and image.height() <= 160


def open_documents(qtbot: QtBot, dossier: Dossier) -> tuple[MainWindow, DocumentsPage]:
    window = MainWindow(dossier)
    qtbot.addWidget(window)
    window.show()
    assert window.view is not None
    page = window.view.show_page("documents")
    assert isinstance(page, DocumentsPage)
    return window, page


def answer_question(qtbot: QtBot, button: str, seen: list[str]) -> None:
    """Click ``button`` on the question about an unprotected copy once it is shown."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "decryptedCopyQuestion":
            seen.append(box.informativeText())
            for choice in box.buttons():
                if choice.text() == button:
                    choice.click()
                    return
        QTimer.singleShot(20, click)

    QTimer.singleShot(20, click)


def test_open_in_my_usual_viewer_asks_first_and_its_copy_is_removed(
    qtbot: QtBot,
    dossier: Dossier,
    originals: dict[str, Path],
    temp: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(actions_module, "open_with_system", lambda p: opened.append(p) or True)
    window, page = open_documents(qtbot, dossier)
    letter = document(dossier, "letter.pdf")
    page.open_document(int(str(letter["id"])))
    qtbot.waitUntil(lambda: page.viewer.mode == "pdf", timeout=WAIT_MS)
    seen: list[str] = []
    answer_question(qtbot, "Cancel", seen)
    page.document_actions.open_externally()
    assert seen and "copy without the protection" in seen[0]
    assert tasks.wait_for(page, 10_000)
    assert opened == []
    answer_question(qtbot, "Open a copy", seen)
    page.document_actions.open_externally()
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT_MS)
    [copy] = opened
    runtime = Path(os.environ["XDG_RUNTIME_DIR"])
    assert copy.is_relative_to(runtime) and copy.name == "letter.pdf"
    assert copy.read_bytes() == originals["letter"].read_bytes()
    assert copy.parent.parent.name.startswith(f"second-opinion-{os.getpid()}-")
    external.remove_open_copies()
    assert not copy.exists() and list(runtime.iterdir()) == []
    window.close()
    assert_nowhere(secrets_of(originals), temp, dossier.path)


def test_copies_left_by_a_program_that_crashed_are_removed(temp: Path) -> None:
    runtime = Path(os.environ["XDG_RUNTIME_DIR"])
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    gone = int(ended.stdout)
    left = runtime / f"second-opinion-{gone}-abc_12"
    (left / "x1").mkdir(parents=True)
    (left / "x1" / "letter.pdf").write_bytes(b"%PDF- left behind")
    ours = runtime / f"second-opinion-{os.getpid()}-def_34"
    ours.mkdir()
    elsewhere = temp / f"second-opinion-{gone}-ghi_56"
    elsewhere.mkdir()
    someone = temp / "second-opinion-notes"
    someone.mkdir()
    link = runtime / f"second-opinion-{gone}-link"
    link.symlink_to(someone)
    assert external.remove_leftover_copies() == 2
    assert not left.exists() and not elsewhere.exists()
    assert ours.is_dir() and someone.is_dir() and link.is_symlink()


def test_the_packet_is_previewed_from_memory_and_saved_where_chosen(
    qtbot: QtBot,
    dossier: Dossier,
    originals: dict[str, Path],
    temp: Path,
    tmp_path: Path,
) -> None:
    window, _page = open_documents(qtbot, dossier)
    window.print_menu.actions["packet"].trigger()
    dialog = window.print_menu.dialog
    assert isinstance(dialog, PrintDialog)
    qtbot.waitExposed(dialog)
    held = memory_files.held_names()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT_MS)
    preview = dialog.preview
    assert preview is not None and preview.path is None and preview.pdf is not None
    assert preview.page_count() >= 4
    preview.view.pageNavigator().jump(preview.page_count() - 1, QPointF(), 1.0)
    QApplication.processEvents()
    chosen = tmp_path / "chosen" / "packet.pdf"
    chosen.parent.mkdir()
    assert preview.save_to(chosen) == chosen
    text = " ".join(page.extract_text() or "" for page in PdfReader(chosen).pages)
    assert WORD in text
    preview.close()
    assert memory_files.held_names() <= held  # nothing new is held
    window.close()
    assert_nowhere(secrets_of(originals), temp, dossier.path, Path(os.environ["DOSSIER_HOME"]))
