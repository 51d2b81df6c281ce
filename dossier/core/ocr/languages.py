"""The languages scans are read in, and where Tesseract's language data is found.

The program speaks five languages and reads scans in the same five. Tesseract names them
with three letters; the dossier (like its documents' language field) with two.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Final

#: The languages a scan can be read in (ISO 639-1) and Tesseract's name of each.
ENGINE_CODES: Final[dict[str, str]] = {
    "en": "eng",
    "nl": "nld",
    "he": "heb",
    "uk": "ukr",
    "ru": "rus",
}
OCR_LANGUAGES: Final[tuple[str, ...]] = tuple(ENGINE_CODES)
#: What Tesseract's script detection names, and the languages written in that script.
SCRIPT_LANGUAGES: Final[dict[str, tuple[str, ...]]] = {
    "Latin": ("nl", "en"),
    "Cyrillic": ("uk", "ru"),
    "Hebrew": ("he",),
}
# Where Debian, Fedora and Homebrew put the data, and where the bundle carries it.
_SYSTEM_DIRS: Final = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)


def tessdata_dir() -> Path | None:
    """The folder with Tesseract's language data: the bundle's own, TESSDATA_PREFIX, or
    the system's; None when there is none."""
    candidates: list[Path] = []
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        candidates.append(Path(bundled) / "tessdata")
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        candidates += [Path(prefix), Path(prefix) / "tessdata"]
    candidates += [Path(p) for p in _SYSTEM_DIRS]
    for folder in candidates:
        if (folder / "eng.traineddata").is_file():
            return folder
    return None


def installed_languages(folder: Path | None = None) -> tuple[str, ...]:
    """Of the five languages, those whose data is installed, in the program's order."""
    folder = folder or tessdata_dir()
    if folder is None:
        return ()
    return tuple(c for c, e in ENGINE_CODES.items() if (folder / f"{e}.traineddata").is_file())


def normal_languages(codes: Iterable[str]) -> tuple[str, ...]:
    """``codes`` as the program orders them, each once, only the five it reads."""
    wanted = {c.strip().lower() for c in codes}
    return tuple(c for c in OCR_LANGUAGES if c in wanted)


def engine_languages(codes: Iterable[str]) -> str:
    """Tesseract's language argument for ``codes`` ("nld+eng"): English last, so that
    a page's own language leads."""
    ordered = sorted(normal_languages(codes), key=lambda c: c == "en")
    return "+".join(ENGINE_CODES[c] for c in ordered)


def parse_languages(text: str) -> tuple[str, ...]:
    """Codes from what a person typed ("nl,en", "he+en", "ru en"); unknown ones raise
    ValueError naming them."""
    parts = [p for p in text.replace("+", ",").replace(" ", ",").split(",") if p.strip()]
    unknown = [p for p in parts if p.strip().lower() not in ENGINE_CODES]
    if unknown or not parts:
        raise ValueError(", ".join(unknown))
    return normal_languages(parts)


__all__ = [
    "ENGINE_CODES",
    "OCR_LANGUAGES",
    "SCRIPT_LANGUAGES",
    "engine_languages",
    "installed_languages",
    "normal_languages",
    "parse_languages",
    "tessdata_dir",
]
