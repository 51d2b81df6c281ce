"""Paper sizes in points (1/72 inch), width by height, for the PDFs the program writes."""

from __future__ import annotations

from typing import Final

A4: Final[tuple[float, float]] = (595.28, 841.89)
LETTER: Final[tuple[float, float]] = (612.0, 792.0)
