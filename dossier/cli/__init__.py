"""The command line: every dossier operation without a window.

``dossier [--dossier PATH] [--json] COMMAND ...``: ``--dossier PATH`` and ``--json`` may
stand before or after the command. One module per group of commands (:mod:`.records`,
:mod:`.compare`, :mod:`.backup`, …), listed in :mod:`.registry`; what they share is in
:mod:`.common` (exit codes, the one-line refusal, output) and :mod:`.args` (the checked
argument types). :mod:`.parser` builds the parser and :mod:`.run` runs one command.
"""

from __future__ import annotations

from .common import UsageError, shown
from .parser import build_parser
from .run import main

__all__ = ["UsageError", "build_parser", "main", "shown"]
