"""``dossier``'s check commands (issue 6). Registered by :mod:`dossier.cli`.

``add_commands`` adds the subcommands; ``HANDLERS`` run on an open dossier,
``STANDALONE`` handlers take only the arguments and open what they need themselves.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from .core.storage import Dossier

HANDLERS: dict[str, Callable[[argparse.Namespace, Dossier], int]] = {}
STANDALONE: dict[str, Callable[[argparse.Namespace], int]] = {}


def add_commands(command: Any) -> None:
    """Add this module's subcommands with ``command(name, help) -> parser``."""
