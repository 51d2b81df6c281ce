"""No plaintext of a protected dossier ever touches the disk (issue 18).

A protected dossier holding a text PDF with a word found nowhere else, a scanned page and a
phone photo (both read by OCR), and an imaging study, goes through what its documents go
through: importing, reading the scans in the sandboxed readers (their files sent through
the readers' pipes), searching, making the thumbnails again through the check's repair,
drawing a slice of the study, and printing the consultation packet to a file the person
chose. Afterwards no file in the dossier folder, the private temporary folder (of this
process and of the readers it started) or the settings folder holds the word, a page's
text, or a slice of any document's bytes; only the packet, where the person put it, does.
A reader killed while it reads a page leaves nothing behind either.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from dossier.core import records, search
from dossier.core.crypto.kdf import KdfParams
from dossier.core.crypto.unlock import lock, new_protection, unlock
from dossier.core.imaging.adding import add_disc
from dossier.core.imaging.preview import ImageReader, middle, series_slices
from dossier.core.imaging.scan import scan_disc
from dossier.core.importer import pool as pool_module
from dossier.core.importer.pipeline import import_paths
from dossier.core.importer.pool import SandboxPool, source_for
from dossier.core.integrity.check import check_dossier
from dossier.core.integrity.repair import repair
from dossier.core.ocr.run import PAGE_TIMEOUT, engine_available, recognise_pending
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.reports.packet_plan import packet_plan
from dossier.core.storage import Dossier
from dossier.core.textpdf import write_pdf
from dossier.core.vault_read import open_vault_file, read_stored
from tests import scans
from tests.dicom_discs import PATIENT, SeriesSpec, StudySpec, make_disc
from tests.protection_keys import private_temp

FAST = KdfParams(passes=1, memory_kib=8 * 1024, lanes=1, salt=b"0123456789abcdef")
PASSPHRASE = "a long walk to Utrecht"
WORD = "Zephyrquanthelix"
KEYWORD = scans.KEYWORDS["en"]
SMALL_STUDY = StudySpec(9, description="CT ABDOMEN", series=(SeriesSpec(1, "ABDOMEN", slices=3),))

needs_ocr = pytest.mark.skipif(engine_available() is not None, reason="no OCR engine here")

# What this process makes in the temporary folder or opens for writing by its full name,
# while a test watches: a temporary copy removed straight after is seen here too.
_watching: list[Path] = []  # the folders a test allows writing to by full name
_written: list[str] = []
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _watching:
        return
    if event in ("tempfile.mkstemp", "tempfile.mkdtemp"):
        _written.append(f"{event}: {args[0]}")
    elif event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        path = os.fsdecode(args[0])
        mode, flags = args[1], args[2]
        writing = any(c in mode for c in "wax+") if isinstance(mode, str) else False
        writing = writing or (isinstance(flags, int) and bool(flags & _WRITING))
        allowed = any(Path(path).is_relative_to(folder) for folder in _watching)
        if writing and os.path.isabs(path) and not allowed:
            _written.append(f"open: {path}")


sys.addaudithook(_audit)


@contextlib.contextmanager
def watching(*allowed: Path) -> Iterator[list[str]]:
    """What is written meanwhile outside ``allowed`` (the dossier's own writes go through
    its folder's descriptor, by relative names: not seen)."""
    _written.clear()
    _watching[:] = [*allowed, Path("/dev")]
    try:
        yield _written
    finally:
        _watching.clear()


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own, for this process and the readers it starts."""
    folder = private_temp(tmp_path, monkeypatch)
    return folder


@pytest.fixture
def settings_home() -> Path:
    """The settings folder of this test (tests/conftest.py gives each its own)."""
    return Path(os.environ["DOSSIER_HOME"])


@pytest.fixture
def dossier(tmp_path: Path, temp: Path) -> Iterator[Dossier]:
    folder = tmp_path / "dossier"
    create_dossier(folder, name="Anna Kovács", protection=new_protection(PASSPHRASE, params=FAST))
    lock(folder)
    unlock(folder, PASSPHRASE)
    with open_dossier(folder) as opened:
        yield opened


@pytest.fixture
def originals(tmp_path: Path) -> dict[str, Path]:
    """The person's own files: a text PDF, a scanned page (an image-only PDF) and a phone
    photo held sideways (both with the English letter on them)."""
    folder = tmp_path / "originals"
    folder.mkdir()
    letter = folder / "letter.pdf"
    write_pdf(
        letter,
        [f"Dear colleague, the biopsy shows {WORD} cells.", "Kind regards"],
        title="Pathology letter",
    )
    return {
        "letter": letter,
        "scan": scans.scanned_pdf(folder / "scan.pdf", "en"),
        "photo": scans.photo_jpeg(folder / "photo.jpg", "en", exif_orientation=6),
    }


def every_file(*folders: Path) -> Iterator[tuple[Path, bytes]]:
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                yield path, path.read_bytes()


def distinctive(data: bytes, at: float = 0.5) -> bytes:
    """64 bytes from inside ``data`` (compressed content: found in no other file)."""
    start = int(len(data) * at)
    return data[start : start + 64]


def assert_nowhere(secrets: dict[str, bytes], *folders: Path, but: set[Path] = frozenset()) -> None:
    for path, data in every_file(*folders):
        if path in but:
            continue
        for what, secret in secrets.items():
            assert secret not in data, f"{what} is in {path}"


def cpu_seconds(pid: int) -> float:
    """The processor time process ``pid`` has used (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def page_lines(text: str) -> list[str]:
    """Lines of a page's text long enough to be found nowhere by chance."""
    return [line.strip() for line in text.splitlines() if len(line.strip()) >= 24][:3]


@needs_ocr
def test_nothing_decrypted_reaches_the_disk(
    dossier: Dossier,
    originals: dict[str, Path],
    temp: Path,
    settings_home: Path,
    tmp_path: Path,
) -> None:
    case = records.create(dossier, "case", {"title": "Second look at the biopsy"}).id
    disc = make_disc(tmp_path / "disc", [SMALL_STUDY])
    chosen = tmp_path / "chosen" / "packet.pdf"
    chosen.parent.mkdir()
    with watching(dossier.path, chosen.parent) as written:
        results = import_paths(dossier, list(originals.values()), case_id=case)
        assert [r.status for r in results] == ["imported"] * 3, results
        ids = {name: r.document_id for name, r in zip(originals, results, strict=True)}
        for document in ids.values():
            records.update(dossier, "document", document, {"bring": True})

        # The scan and the photo are read in the sandboxed readers, from their pipes.
        summary = recognise_pending(dossier, workers=2)
        assert (summary.read, summary.refused, summary.waiting) == (2, 0, 0), summary.reasons
        found = {hit.id for hit in search.search(dossier, KEYWORD) if hit.kind == "document"}
        assert found == {ids["scan"], ids["photo"]}
        assert [hit.id for hit in search.search(dossier, WORD)] == [ids["letter"]]
        texts = [
            str(row[0])
            for row in dossier.db.execute("SELECT text FROM page_reading WHERE text != ''")
        ]
        assert len(texts) == 2 and all(KEYWORD in text for text in texts)

        # The thumbnails are made again by the check's repair, in the readers, from memory.
        shas = {
            name: dossier.db.execute(
                "SELECT sha256, size FROM document WHERE id = ?", [document]
            ).fetchone()
            for name, document in ids.items()
        }
        for sha, _size in shas.values():
            dossier.vault.thumbnail_path(sha).unlink()
        before = check_dossier(dossier)
        assert "thumbnail_missing" in before.codes()
        fixed = repair(dossier, before)
        assert {d.id for d in fixed.thumbnails.made} == set(ids.values())
        assert fixed.after.findings == []
        thumbnails = {}
        for name, (sha, _size) in shas.items():
            with open_vault_file(dossier.vault, dossier.vault.thumbnail_path(sha)) as handle:
                png = handle.read()
            assert png.startswith(b"\x89PNG")
            thumbnails[f"the thumbnail of the {name}"] = distinctive(png)

        # A slice of an imaging study is drawn in its reader, sent the file through its pipe.
        study = add_disc(dossier, scan_disc(dossier, disc), other_patient=True).study_ids[0]
        series = records.get(dossier, "study", study)["series"][0]["id"]
        slices = series_slices(dossier, series)
        drawing = ImageReader(dossier)
        try:
            drawn = drawing.draw(slices[middle(slices)])
        finally:
            drawing.close()
        assert (drawn.width, drawn.height) == (64, 64)
        dicom = read_stored(dossier.vault, str(slices[0].sha256), slices[0].size)
        name_at = dicom.index(PATIENT["name"].encode())

        # The packet is printed where the person chose, and nowhere else.
        from dossier.reports.packet_pdf import render_packet

        printed = render_packet(packet_plan(dossier, case), chosen)
        assert not printed.not_included
    assert written == []
    packet_text = " ".join(page.extract_text() or "" for page in PdfReader(chosen).pages)
    assert WORD in packet_text

    secrets: dict[str, bytes] = {
        "the word": WORD.encode(),
        "the word (UTF-16)": WORD.encode("utf-16-le"),
        "the scan's word": KEYWORD.encode(),
        "the patient's name on the disc": PATIENT["name"].encode(),
        "the header of an image of the disc": dicom[name_at - 32 : name_at + 32],
        **thumbnails,
    }
    for name, path in originals.items():
        data = path.read_bytes()
        for at in (0.25, 0.5, 0.75):
            secrets[f"the bytes of the {name} at {at}"] = distinctive(data, at)
    for number, text in enumerate(texts):
        for line in page_lines(text):
            secrets[f"a line read on page {number}: {line!r}"] = line.encode()
    assert_nowhere(secrets, dossier.path, temp, settings_home)
    # What the person chose to print is the one place it is in plain.
    assert [p for p, _ in every_file(chosen.parent)] == [chosen]


@needs_ocr
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_reader_killed_while_it_reads_a_page_leaves_nothing_behind(
    dossier: Dossier,
    originals: dict[str, Path],
    temp: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    [result] = import_paths(dossier, [originals["scan"]])
    assert result.status == "imported"
    assert originals["scan"].stat().st_size > 1 << 16  # more than a pipe holds: sent whole
    killed: list[int] = []
    dispatch = SandboxPool._dispatch

    def kill_while_reading(pid: int, kill: Callable[[], None]) -> None:
        """Kill the reader once it has worked on the page for a quarter of a second."""
        start = cpu_seconds(pid)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if cpu_seconds(pid) - start >= 0.25:
                killed.append(pid)
                kill()
                return
            time.sleep(0.01)

    def dispatch_then_kill(self: SandboxPool, task: pool_module.Task) -> pool_module._Worker:
        worker = dispatch(self, task)  # back once the reader has taken the page's bytes
        pid = worker.process.pid
        if pid is not None and not killed:
            threading.Thread(target=kill_while_reading, args=(pid, worker.process.kill)).start()
        return worker

    monkeypatch.setattr(SandboxPool, "_dispatch", dispatch_then_kill)
    with SandboxPool(workers=1, timeout=PAGE_TIMEOUT, reader="recognise") as readers:
        summary = recognise_pending(dossier, pool=readers)
    assert killed and summary.refused == 1, summary
    [(_document, _page, why)] = summary.reasons
    assert "stopped" in why
    data = originals["scan"].read_bytes()
    secrets = {
        "the scan's word": KEYWORD.encode(),
        **{f"the scan's bytes at {at}": distinctive(data, at) for at in (0.25, 0.5, 0.75)},
    }
    assert_nowhere(secrets, dossier.path, temp)
    assert [p for p in temp.rglob("*") if p.is_file()] == []


def test_an_unprotected_dossier_still_gives_the_readers_a_path(tmp_path: Path) -> None:
    plain = create_dossier(tmp_path / "plain", name="Plain")
    try:
        letter = tmp_path / "letter.pdf"
        write_pdf(letter, [WORD], title="Letter")
        [result] = import_paths(plain, [letter])
        sha, size = plain.db.execute(
            "SELECT sha256, size FROM document WHERE id = ?", [result.document_id]
        ).fetchone()
        assert source_for(plain.vault, sha, size) == plain.vault.path_for(sha)
    finally:
        plain.close()


def test_a_protected_file_goes_to_its_reader_as_its_content(
    dossier: Dossier, originals: dict[str, Path]
) -> None:
    [result] = import_paths(dossier, [originals["letter"]])
    sha, size = dossier.db.execute(
        "SELECT sha256, size FROM document WHERE id = ?", [result.document_id]
    ).fetchone()
    source = source_for(dossier.vault, sha, size)
    assert source == originals["letter"].read_bytes()
    with SandboxPool(workers=1) as readers:
        [((_key, _source, _media), parsed)] = list(readers.run([(1, source, "application/pdf")]))
    assert not isinstance(parsed, str) and WORD in parsed.pages[0]
