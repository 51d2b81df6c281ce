"""A test language that shows which text bypasses the catalogue and which layout cannot grow.

Every translated string comes back accented and about 40 % longer, between ``⟦`` and ``⟧``
("Save" becomes "⟦Šàvé·~~⟧"). English left on a screen in this language never passed through
:func:`dossier.core.i18n.tr`; a clipped ``⟧`` is a layout that does not make room, as German
or Dutch would need. Placeholders, markup, entities and keyboard mnemonics are kept intact.
"""

from __future__ import annotations

import gettext
import re
from typing import Final

OPEN: Final = "⟦"
CLOSE: Final = "⟧"
_ACCENTED: Final = str.maketrans(
    "AaCcEeIiNnOoSsUuYyZz",
    "ÅàÇçÉéÎîÑñÖôŠšÛüÝýŽž",
)
# What must pass through untouched: {placeholders}, %1, %s and %(name)s (argparse's own
# messages), <tags>, &entities; and &mnemonics.
_KEEP: Final = re.compile(
    r"\{[^{}]*\}|%\d|%n|%\(\w+\)[sdr]|%[sdr%]|<[^<>]*>|&[a-zA-Z#0-9]+;|&(?=\w)"
)


def pseudo(text: str) -> str:
    """``text`` as the pseudo-language writes it."""
    if not text.strip():
        return text
    pieces: list[str] = []
    position = 0
    for kept in _KEEP.finditer(text):
        pieces.append(text[position : kept.start()].translate(_ACCENTED))
        pieces.append(kept.group())
        position = kept.end()
    pieces.append(text[position:].translate(_ACCENTED))
    body = "".join(pieces)
    letters = sum(1 for char in text if char.isalpha())
    padding = "·~" * max(1, round(letters * 0.4 / 2))
    return f"{OPEN}{body}{padding}{CLOSE}"


class PseudoTranslations(gettext.NullTranslations):
    """Translates every message into the pseudo-language."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)
