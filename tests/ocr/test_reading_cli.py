"""The command line reads scans: ``import`` waits for the pages it added (``--no-ocr``
does not), ``ocr`` reads what waits, in the languages asked, again with ``--redo``; a run
killed part way leaves what it read stored, and the next carries on."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from dossier.core.ocr.queue import count_pending
from dossier.core.opening import open_dossier
from tests import scans

TIMEOUT = 1800  # generous: ten pages read on a machine busy with other work


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "dossier", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def hits(folder: Path, word: str) -> list[tuple[int, int]]:
    found = json.loads(cli("search", word, "--dossier", str(folder), "--json").stdout)
    rows = found["hits"] if isinstance(found, dict) else found
    return [(h["id"], h["page"]) for h in rows if h["kind"] == "document"]


def document_ids(folder: Path) -> dict[str, int]:
    """Each document's id by its file's name: files read side by side are numbered in
    the order they finish."""
    with open_dossier(folder) as dossier:
        rows = dossier.db.execute("SELECT original_name, id FROM document").fetchall()
    return {name: id_ for name, id_ in rows}


def test_import_waits_for_the_reading_and_ocr_reads_again(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    cli("init", str(folder), "--name", "Ruth Levi-Коган")
    photo = scans.photo_jpeg(tmp_path / "michtav.jpg", "he", exif_orientation=8)
    scan = scans.scanned_pdf(tmp_path / "scan-ru.pdf", "ru")
    done = cli("import", str(photo), str(scan), "--dossier", str(folder))
    assert "Text read on 2 pages." in done.stdout
    ids = document_ids(folder)
    assert hits(folder, scans.KEYWORDS["he"]) == [(ids["michtav.jpg"], 1)]
    assert hits(folder, scans.KEYWORDS["ru"]) == [(ids["scan-ru.pdf"], 1)]

    russian = str(ids["scan-ru.pdf"])
    again = cli("ocr", "--document", russian, "--language", "uk,ru", "--redo", "--json",
                "--dossier", str(folder))  # fmt: skip
    assert json.loads(again.stdout) == {"read": 1, "poor": 0, "refused": [], "waiting": 0}
    with open_dossier(folder) as dossier:
        used = dossier.db.execute(
            "SELECT languages FROM page_reading WHERE document_id = ?", (russian,)
        )
        assert used.fetchone()[0] == "uk,ru"

    wrong = cli("ocr", "--language", "de", "--dossier", str(folder), check=False)
    assert wrong.returncode == 2 and "'de' is not a language scans can be read in" in wrong.stderr


def test_no_ocr_leaves_the_pages_waiting_for_the_next_run(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    cli("init", str(folder), "--name", "Jan")
    scan = scans.scanned_pdf(tmp_path / "brief.pdf", "nl")
    done = cli("import", str(scan), "--no-ocr", "--dossier", str(folder))
    assert "Text read" not in done.stdout
    with open_dossier(folder) as dossier:
        assert count_pending(dossier) == 1
    assert hits(folder, scans.KEYWORDS["nl"]) == []
    assert "Text read on 1 page." in cli("ocr", "--dossier", str(folder)).stdout
    assert hits(folder, scans.KEYWORDS["nl"]) == [(1, 1)]


def test_a_killed_run_keeps_what_it_read_and_the_next_carries_on(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    cli("init", str(folder), "--name", "Olena")
    scans.scanned_pdf(tmp_path / "letter.pdf", "uk", pages=6)
    cli("import", str(tmp_path / "letter.pdf"), "--no-ocr", "--dossier", str(folder))
    run = subprocess.Popen(
        [sys.executable, "-m", "dossier", "ocr", "--dossier", str(folder)],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + TIMEOUT
    with open_dossier(folder) as dossier:
        while count_pending(dossier) == 6 and time.monotonic() < deadline:
            time.sleep(0.1)
        os.killpg(run.pid, signal.SIGKILL)  # the program and its readers, mid-way
        run.wait()
        left = count_pending(dossier)
    assert 0 <= left < 6
    if left:
        assert f"Text read on {left} page" in cli("ocr", "--dossier", str(folder)).stdout
    with open_dossier(folder) as dossier:
        states = [r[0] for r in dossier.db.execute("SELECT state FROM page_reading")]
    assert states == ["read"] * 6
    assert {page for _id, page in hits(folder, scans.KEYWORDS["uk"])} == set(range(1, 7))


def test_scans_and_photos_in_the_five_languages_imported_on_the_command_line_are_found(
    tmp_path: Path, scan_folder: Path
) -> None:
    folder = tmp_path / "d"
    cli("init", str(folder), "--name", "Family")
    done = cli("import", str(scan_folder), "--dossier", str(folder))
    assert "Text read on 10 pages." in done.stdout
    with open_dossier(folder) as dossier:
        names = dict(dossier.db.execute("SELECT id, original_name FROM document").fetchall())
    for language in scans.LANGUAGES:
        found = hits(folder, scans.KEYWORDS[language])
        assert {names[d] for d, _p in found} == {f"scan-{language}.pdf", f"photo-{language}.jpg"}
        assert {p for _d, p in found} == {1}
