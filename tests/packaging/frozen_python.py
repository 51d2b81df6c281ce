"""Runs Python code inside the frozen program's own interpreter (not a test module).

    python tests/packaging/frozen_python.py BUNDLE_EXECUTABLE CODE_FILE

The program has no command that runs code, and none that draws an image. But it starts its
sandboxed reader processes as copies of itself (multiprocessing's "spawn": the program run
with ``--multiprocessing-fork``, its ``freeze_support()`` then reads what to run from a
pipe). This script starts the bundle's program in that same way, with Python's built-in
``exec`` and CODE_FILE's text as what to run: the code runs in the bundle's interpreter,
imports only what the bundle carries, and any reader process it starts is again a copy of
the bundle's program, exactly as in the window.

Two things differ from the program starting its own readers, both so that the code sees
nothing of this machine's Python: the preparation data sent first carries no ``sys.path``
(the frozen interpreter keeps its own) and no main module to import. And the resource
tracker whose handle the started program is given is this Python's. Its exit status is
the code's: 0, or 1 with the traceback on stderr.
"""

from __future__ import annotations

import multiprocessing
import sys
from multiprocessing import resource_tracker, spawn
from pathlib import Path
from typing import Any


def run(executable: str, code: str) -> int:
    def command_line(**kwds: Any) -> list[str]:  # as a frozen program's own spawn does
        return [executable, "--multiprocessing-fork", *(f"{k}={v}" for k, v in kwds.items())]

    def preparation_data(name: str) -> dict[str, Any]:
        authkey = bytes(multiprocessing.current_process().authkey)
        return {"name": name, "authkey": authkey, "start_method": "spawn"}

    # This Python's own resource tracker (started with its own executable, before the
    # bundle's is set): the started program is given its handle, as a reader is.
    resource_tracker.ensure_running()
    spawn.get_command_line = command_line
    spawn.get_preparation_data = preparation_data
    context = multiprocessing.get_context("spawn")
    context.set_executable(executable)
    process = context.Process(target=exec, args=(code, {"__name__": "__frozen_check__"}))
    process.start()
    process.join()
    return process.exitcode if process.exitcode is not None else 1


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], Path(sys.argv[2]).read_text(encoding="utf-8")))
