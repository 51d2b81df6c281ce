"""The readers that parse imported files give way to the window: they run at a lower
priority than the program, so a busy import does not make the window slow to answer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from dossier.core.importer.pool import READER_NICENESS, SandboxPool


@pytest.mark.skipif(sys.platform == "win32", reason="priorities by niceness are POSIX")
def test_readers_run_at_a_lower_priority_than_the_program(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Seen in clinic; a second opinion is advised.", encoding="utf-8")
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    with SandboxPool(workers=1) as pool:
        [(_task, outcome)] = list(pool.run([("one", letter, "text/plain")]))
        assert not isinstance(outcome, str), outcome  # read
        [worker] = pool._idle
        assert worker.process.pid is not None
        theirs = os.getpriority(os.PRIO_PROCESS, worker.process.pid)
    assert theirs == min(19, mine + READER_NICENESS)
    assert os.getpriority(os.PRIO_PROCESS, 0) == mine  # the program itself is untouched
