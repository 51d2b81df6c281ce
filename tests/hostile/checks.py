"""What every hostile-input test checks of a message and of what was stored.

Not a test module.
"""

from __future__ import annotations

import builtins
import re
import unicodedata
from typing import Final

# Names of exception classes a message must never show: Python's own, and the readers'.
_EXCEPTION_NAMES: Final = {
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
} | {"PdfReadError", "PdfStreamError", "PdfiumError", "DecompressionBombError",
     "UnidentifiedImageError", "LimitReachedError", "DependencyError"}  # fmt: skip
_TECHNICAL: Final = re.compile(
    r"Traceback|File \"|line \d+, in|\bErrno\b|0x[0-9a-f]{4,}|\b\w+(Error|Exception)\b"
)


def plain_message_problem(message: str | None) -> str | None:
    """What is wrong with ``message`` as words for a worried patient, or None."""
    if not message or not message.strip():
        return "no message"
    if _TECHNICAL.search(message) or any(name in message for name in _EXCEPTION_NAMES):
        return f"technical words in {message!r}"
    if not message.rstrip().endswith((".", ")")):
        return f"not a sentence: {message!r}"
    return None


def stored_text_problem(text: str) -> str | None:
    """What is wrong with a one-line text stored from a file (a title, a name), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return f"not valid UTF-8: {text!r}"
    controls = [ch for ch in text if unicodedata.category(ch) == "Cc"]
    if controls:
        return f"control characters {controls!r} in {text!r}"
    if set(text) & {"\u202d", "\u202e"}:
        return f"a bidirectional override in {text!r}"
    return None
