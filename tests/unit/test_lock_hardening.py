"""The dossier's lock cannot be turned against it: ``dossier.lock`` is never written through a
link (or opened if it is anything but a plain file), and deleting it while a window holds
the dossier lets no second writer in."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core.errors import DossierOpenError
from dossier.core.lock import LOCK_NAME, DossierInUse, acquire
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from tests.cli.runner import run

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="links and flock: POSIX")

# A window in another process: holds the lock, then writes a note each time it is asked.
WINDOW = textwrap.dedent(
    """
    import sys
    from dossier.core import records
    from dossier.core.lock import acquire
    from dossier.core.opening import open_dossier
    lock = acquire(sys.argv[1], "window")
    print("held", flush=True)
    for line in sys.stdin:
        with open_dossier(sys.argv[1]) as dossier:
            change = records.create(dossier, "note", {"text": line.strip()})
        print(f"wrote {change.id}", flush=True)
    lock.release()
    """
)


@pytest.fixture
def window(dossier: Dossier) -> Iterator[subprocess.Popen[str]]:
    folder = dossier.path
    process = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait(timeout=30)
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()


def _write_in(process: subprocess.Popen[str], text: str) -> str:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(text + "\n")
    process.stdin.flush()
    return process.stdout.readline().strip()


# A link, or anything but a plain file ----------------------------------------------------


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(
    dossier: Dossier, tmp_path: Path
) -> None:
    folder = dossier.path
    target = tmp_path / "precious.txt"
    target.write_text("Someone else's file.\n")
    os.symlink(target, folder / LOCK_NAME)
    with pytest.raises(DossierOpenError) as caught:
        acquire(folder, "window")
    assert not isinstance(caught.value, DossierInUse)
    assert "lock file (dossier.lock) is not a plain file" in caught.value.message
    assert target.read_text() == "Someone else's file.\n"
    # Through the command line, as a writing command would meet it.
    result = run("add", "note", "--data", '{"text": "x"}', "--dossier", str(folder), check=2)
    assert "not a plain file" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "Someone else's file.\n"
    assert os.path.islink(folder / LOCK_NAME)  # left as it is, for the person to see


def test_a_dangling_link_makes_no_file_where_it_points(dossier: Dossier, tmp_path: Path) -> None:
    where = tmp_path / "made-through-the-link"
    os.symlink(where, dossier.path / LOCK_NAME)
    with pytest.raises(DossierOpenError):
        acquire(dossier.path, "command")
    assert not where.exists()


@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_a_lock_file_that_is_not_a_plain_file_is_refused_without_waiting(
    dossier: Dossier, kind: str
) -> None:
    place = dossier.path / LOCK_NAME
    if kind == "folder":
        place.mkdir()
    else:
        os.mkfifo(place)
    with pytest.raises(DossierOpenError) as caught:
        acquire(dossier.path, "window")
    assert "not a plain file" in caught.value.message


# Deleting the lock file while it is held -------------------------------------------------


def test_deleting_the_lock_file_lets_no_second_writer_in(
    dossier: Dossier, window: subprocess.Popen[str]
) -> None:
    folder = dossier.path
    dossier.close()
    (folder / LOCK_NAME).unlink()
    result = run("add", "note", "--data", '{"text": "second"}', "--dossier", str(folder), check=2)
    assert "Second Opinion Dossier" in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(DossierInUse):
        acquire(folder, "window")
    assert _write_in(window, "the holder still works").startswith("wrote ")
    with open_dossier(folder) as reader:
        texts = [row[0] for row in reader.db.execute("SELECT text FROM note")]
    assert texts == ["the holder still works"]


def test_once_the_holder_ends_the_dossier_is_free_again(
    dossier: Dossier, window: subprocess.Popen[str]
) -> None:
    folder = dossier.path
    dossier.close()
    (folder / LOCK_NAME).unlink()
    assert window.stdin is not None
    window.stdin.close()
    assert window.wait(timeout=30) == 0
    run("add", "note", "--data", '{"text": "now"}', "--dossier", str(folder))
