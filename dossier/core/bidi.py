"""Keeping a person's own words whole inside a sentence, whatever their script.

A Hebrew title inside an English sentence, or an English name inside a Hebrew one, takes
the punctuation and numbers around it into its own direction: "Deadline: הרופא (in 2
days)." is shown as ".(days 2 in) הרופא". Unicode's answer is to isolate the embedded
text: FIRST STRONG ISOLATE before it and POP DIRECTIONAL ISOLATE after it, so it is laid
out on its own and the sentence around it keeps its order. Qt and every PDF reader honour
them; they take no room on screen or paper.
"""

from __future__ import annotations

from typing import Final

__all__ = ["FSI", "PDI", "isolate", "without_isolates"]

FSI: Final = "\u2068"  # FIRST STRONG ISOLATE
PDI: Final = "\u2069"  # POP DIRECTIONAL ISOLATE


def isolate(text: str) -> str:
    """``text`` between FSI and PDI, to embed in a sentence or label; "" stays ""."""
    return f"{FSI}{text}{PDI}" if text else text


def without_isolates(text: str) -> str:
    """``text`` with the isolates taken out (to compare, or to write where they do not
    belong, such as a file name)."""
    return text.replace(FSI, "").replace(PDI, "")
