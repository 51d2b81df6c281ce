"""Which strings are in the catalogue: in the pseudo-language, a string passed to ``tr`` that
was never marked (``tr(LABELS[key])`` where the table's texts lack ``N_``) stays English.

The pseudo-language translates whatever reaches ``tr``, so such a string would look
translated on a screen, while Dutch or Hebrew show it in English: it is not in their
catalogues. The strings marked in the source (as ``packaging/translations.py`` extracts
them, with Babel) are read once; through :func:`dossier.core.i18n.set_translator`, any
other is given back as written, for the "untranslated" check to find.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path
from typing import Final

from babel.messages.extract import extract_from_dir

from ...core.i18n import MARKERS
from ...core.pseudo import CLOSE, OPEN

__all__ = ["marked_strings", "unmarked_stay_english"]

_PLAIN: Final = str.maketrans("ÅàÇçÉéÎîÑñÖôŠšÛüÝýŽž", "AaCcEeIiNnOoSsUuYyZz")
_PADDING: Final = "·~"


def marked_strings(source: Path) -> frozenset[str] | None:
    """Every string marked for the catalogue in the package at ``source``; None when its
    source is not there (a bundle)."""
    if not any(source.glob("*.py")):
        return None
    found: set[str] = set()
    with contextlib.redirect_stderr(io.StringIO()):  # Babel's notes on f-strings: not ours
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(source), method_map=[("**.py", "python")], keywords=MARKERS
        ):
            found.update(message if isinstance(message, tuple) else (message,))
    return frozenset(found)


def source_text(shown: str) -> str | None:
    """The English a pseudo-language string was made from; None when it is not one."""
    if not (shown.startswith(OPEN) and shown.endswith(CLOSE)):
        return None
    body = shown[len(OPEN) : -len(CLOSE)]
    if not body.endswith(_PADDING):
        return None
    while body.endswith(_PADDING):
        body = body[: -len(_PADDING)]
    return body.translate(_PLAIN)


def unmarked_stay_english(marked: frozenset[str]) -> Callable[[str], str]:
    """A translator hook: a pseudo-language string whose English is not marked, in English."""
    plain_marked = {text.translate(_PLAIN) for text in marked}

    def check(shown: str) -> str:
        english = source_text(shown)
        if english is None or english in plain_marked:
            return shown
        return english

    return check
