"""File and folder names in a bundle for the second doctor, safe wherever it is opened.

A bundle is written on a USB stick (FAT32, exFAT), copied to Windows, macOS or Linux, or
packed in a zip file, so every name in it is one that all of them take:

* no character that one of them refuses or reads as a separator (``< > : " / \\ | ? *``),
  no control or invisible formatting character (a right-to-left override could make a
  name read as another), no unpaired surrogate; the letters of any script stay;
* no name that Windows keeps for a device (``CON``, ``NUL``, ``COM1``… with or without
  an ending), none ending in a dot or a space, none starting with a dot (hidden);
* composed as macOS and Windows compare names (Unicode NFC), and at most
  :data:`STEM_CHARACTERS` characters and :data:`STEM_BYTES` bytes before the ending, so a
  name fits FAT32's 255 UTF-16 units and Linux's 255 bytes, and a whole path stays short;
* different from every other name in its folder even where upper and lower case are the
  same name (Windows, macOS, FAT32): :class:`NameBook` adds " (2)" when needed.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

STEM_CHARACTERS = 100
STEM_BYTES = 200
_RESERVED_CHARACTERS = frozenset('<>:"/\\|?*')
# The reserved characters a title often holds, as a name may say them instead.
_INSTEAD = {":": " - ", "/": "-", "\\": "-", "|": "-", '"': "'"}
_DEVICE_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³"}
)
_SPACES = re.compile(r"\s+")
_DROPPED_CATEGORIES = ("C",)  # control, format, surrogate, private use, unassigned


def _kept(character: str) -> bool:
    if character in _RESERVED_CHARACTERS:
        return False
    return not unicodedata.category(character).startswith(_DROPPED_CATEGORIES)


def safe_stem(text: str | None, fallback: str) -> str:
    """``text`` made fit to be a file or folder name (without its ending): see the module's
    text. ``fallback`` when nothing of ``text`` is left (it is made safe too)."""
    cleaned = "".join(
        c if _kept(c) else _INSTEAD.get(c, " ") for c in unicodedata.normalize("NFC", text or "")
    )
    stem = _bounded(_SPACES.sub(" ", cleaned).strip(" ."))
    if all(unicodedata.category(c)[0] in "PZ" for c in stem):  # says nothing: "", "-", "…"
        stem = _bounded(_SPACES.sub(" ", "".join(c for c in fallback if _kept(c))).strip(" ."))
        stem = stem or "file"
    if stem.split(".")[0].strip().upper() in _DEVICE_NAMES:
        stem = f"_{stem}"
    return stem


def _bounded(text: str) -> str:
    """At most the characters and bytes a stem may have: cut at a space where one is near,
    before a bracket left open, and ended with "…" to show it was cut."""
    text = re.sub(r"( ?-)+ ", " - ", text)  # "a: : b" said once
    if len(text) <= STEM_CHARACTERS and len(text.encode("utf-8")) <= STEM_BYTES:
        return text.rstrip(" .")
    cut = text[: STEM_CHARACTERS - 1]
    while len(cut.encode("utf-8")) > STEM_BYTES - 3:  # room for the "…"
        cut = cut[:-1]
    space = cut.rfind(" ")
    if space > len(cut) * 0.6:
        cut = cut[:space]
    opened = cut.rfind("(")
    if opened > cut.rfind(")") and opened > len(cut) * 0.6:
        cut = cut[:opened]
    return cut.rstrip(" .-,;(") + "…"


def safe_ending(ending: str) -> str:
    """A file name's ending (".pdf") as it may stay: a dot and a few letters or digits."""
    kept = "".join(c for c in ending.lstrip(".") if c.isascii() and c.isalnum())[:8]
    return f".{kept.lower()}" if kept else ""


class NameBook:
    """The names given so far in each folder of a bundle, so that no two are the same name
    on a system that ignores case or composes letters alike."""

    def __init__(self) -> None:
        self._taken: dict[PurePosixPath, set[str]] = {}

    def reserve(self, folder: PurePosixPath, name: str) -> None:
        """Take ``name`` in ``folder`` as it is (the bundle's fixed names)."""
        self._taken.setdefault(folder, set()).add(_key(name))

    def name(self, folder: PurePosixPath, stem: str, ending: str = "") -> PurePosixPath:
        """A new name in ``folder`` for ``stem`` (already safe) with ``ending``: the name
        itself, else with " (2)", " (3)"… added; the path below the bundle."""
        taken = self._taken.setdefault(folder, set())
        candidate = stem + ending
        number = 1
        while _key(candidate) in taken:
            number += 1
            suffix = f" ({number})"
            candidate = _bounded(stem[: STEM_CHARACTERS - len(suffix)]) + suffix + ending
        taken.add(_key(candidate))
        return folder / candidate


def _key(name: str) -> str:
    """What a case-insensitive, normalising file system compares."""
    return unicodedata.normalize("NFC", name).casefold()


def numbered(number: int, width: int) -> str:
    """ "03": the number a document's file starts with, as wide as the largest one."""
    return str(number).zfill(width)


__all__ = ["STEM_BYTES", "STEM_CHARACTERS", "NameBook", "numbered", "safe_ending", "safe_stem"]
