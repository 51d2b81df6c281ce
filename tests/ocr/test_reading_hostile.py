"""The hostile corpus through recognition, with the limits the program really uses: every
file the import takes is read or refused in plain words within the time bound; the files
it refuses, handed to the recogniser anyway (a database edited to point at them), are
refused the same way; a stored file replaced by a link is never read; nothing is left
waiting and the main process is never harmed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from dossier.core.importer import sniff
from dossier.core.importer.pipeline import import_paths
from dossier.core.importer.pool import SandboxPool
from dossier.core.ocr.engine import Reading
from dossier.core.ocr.queue import count_pending
from dossier.core.ocr.run import PAGE_TIMEOUT, recognise_pending
from dossier.core.storage import Dossier
from tests import scans
from tests.hostile.checks import plain_message_problem, stored_text_problem
from tests.hostile.hostile_files import HostileFile, make_hostile_corpus

# A bound on the work one page can cause, not a speed target: wide, for a loaded machine.
SECONDS = 60.0
RECOGNISED = (sniff.PDF, sniff.JPEG, sniff.PNG, sniff.TIFF)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, HostileFile]:
    return make_hostile_corpus(tmp_path_factory.mktemp("hostile-ocr"))


def test_what_the_import_takes_is_read_or_refused_plainly(
    dossier: Dossier, corpus: dict[str, HostileFile]
) -> None:
    files = [item.path for item in corpus.values() if item.path.is_file()]
    import_paths(dossier, files)
    queued = count_pending(dossier)
    assert queued > 0  # the corpus has image-only PDFs and images the import takes
    started = time.monotonic()
    summary = recognise_pending(dossier)
    assert time.monotonic() - started < SECONDS * max(queued, 1)
    assert summary.waiting == 0 and count_pending(dossier) == 0
    assert summary.read + summary.refused == queued
    for _document, _page, reason in summary.reasons:
        assert plain_message_problem(reason) is None, reason
    for (text,) in dossier.db.execute("SELECT text FROM page_reading WHERE text IS NOT NULL"):
        for line in str(text).splitlines():
            assert stored_text_problem(line) is None


def test_files_the_import_refuses_are_refused_by_the_recogniser_too(
    corpus: dict[str, HostileFile],
) -> None:
    tasks = []
    for item in corpus.values():
        media_type = sniff.sniff_file(item.path) if item.path.is_file() else None
        if media_type in RECOGNISED:
            spec = {"media_type": media_type, "page": 1, "languages": ["en"], "fixed": False}
            tasks.append((item.label, item.path, json.dumps(spec)))
    assert len(tasks) >= 20
    seen: dict[str, float] = {}
    with SandboxPool(workers=2, timeout=PAGE_TIMEOUT, reader="recognise") as pool:
        started = time.monotonic()
        for (label, _path, _spec), outcome in pool.run(iter(tasks)):
            seen[label] = time.monotonic() - started
            if isinstance(outcome, str):
                assert plain_message_problem(outcome) is None, (label, outcome)
            else:
                assert isinstance(outcome, Reading), label
    assert set(seen) == {label for label, _, _ in tasks}


def test_a_stored_file_replaced_by_a_link_is_never_read(dossier: Dossier, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    scans.page_image("en", dpi=100).save(secret)
    photo = scans.page_image("nl", dpi=100)
    photo.save(tmp_path / "letter.png")
    [result] = import_paths(dossier, [tmp_path / "letter.png"])
    sha = dossier.db.execute("SELECT sha256 FROM document").fetchone()[0]
    stored = dossier.vault.path_for(sha)
    stored.unlink()
    os.symlink(secret, stored)
    summary = recognise_pending(dossier)
    assert (summary.read, summary.refused) == (0, 1)
    [(_document, _page, reason)] = summary.reasons
    assert plain_message_problem(reason) is None
    assert dossier.db.execute("SELECT text FROM page_reading").fetchone()[0] is None
    assert result.document_id is not None
