"""The English words left in a text shown in the pseudo-language: words that bypassed the
catalogue.

In the pseudo-language every catalogued string reads "⟦Šàvé·~~⟧" (:mod:`dossier.core.pseudo`).
What may stand outside those brackets is the person's own data (the text values stored
in the dossier, file names and folders), dates and times as English writes them (the
pseudo-language uses English's), numbers, punctuation and symbols. Any word of three or
more plain letters left after removing all that is English that never passed through
:func:`dossier.core.i18n.tr`.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from babel import Locale

from dossier.core.sql_driver import sqlite3

from ...core.entities import ENTITIES
from ...core.pseudo import CLOSE, OPEN

__all__ = ["Leftover"]

_TAG: Final = re.compile(r"<[^<>]*>")
# A tag that starts a new line; others (bold, a link) may sit inside a word of the data.
_BREAK: Final = re.compile(r"<(?:br|/?p|/?div|/?li|/?tr|/?td|/?h\d)\b[^<>]*>", re.IGNORECASE)
_INNERMOST: Final = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_OPEN_TO_END: Final = re.compile(f"{OPEN}[^{CLOSE}]*$", re.MULTILINE)  # shortened: "⟦Šàv…"
_START_TO_CLOSE: Final = re.compile(f"^[^{OPEN}]*{CLOSE}", re.MULTILINE)  # "…vé·~~⟧"
_ELIDED: Final = re.compile(r"([^\n…]*)…")  # what comes before an ellipsis
_PATH: Final = re.compile(r"\S*[/\\]\S*")  # a folder or a file with its folder
_FILE_NAME: Final = re.compile(r"[\w.()\[\]-]+\.[A-Za-z0-9]{1,5}\b")  # scan-2026.pdf
# A word of plain letters that is not part of a longer word ("Weiß" is no "Wei").
_WORD: Final = re.compile(r"(?<![^\W\d_])[A-Za-z]{3,}(?![^\W\d_])")
# Stored codes, shown through a translated label: never the person's own words.
_CODE_COLUMNS: Final = frozenset({"aspect", "verdict", "entity", "media_type", "sha256", "batch"})
_SKIPPED_TABLES: Final = ("search_", "_", "sqlite_")


# Sizes as Qt's locale writes them for English (QLocale.formattedDataSize).
_SIZE_UNITS: Final = ("bytes", "KiB", "MiB", "GiB", "TiB")


def _dates_in_english() -> frozenset[str]:
    """The names of months and weekdays as English (en_GB) writes dates, in full and short,
    and the units of sizes as Qt's English locale writes them."""
    locale = Locale.parse("en_GB")
    names: set[str] = set(_SIZE_UNITS)
    for table in (locale.months, locale.days):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                names.update(str(name) for name in table[context][width].values())
    return frozenset(names)


def _code_columns() -> dict[str, set[str]]:
    """Per table, the columns that hold a code (a choice) rather than the person's words."""
    codes: dict[str, set[str]] = {}
    for entity in ENTITIES.values():
        chosen = {f.name for f in entity.fields if f.kind in ("choice", "ref")}
        codes.setdefault(entity.table, set()).update(chosen)
    return codes


def stored_values(database: Path) -> list[str]:
    """Every text value stored in the dossier's tables (codes left out), longest first."""
    codes = _code_columns()
    values: set[str] = set()
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = [
            str(row[0])
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not str(row[0]).startswith(_SKIPPED_TABLES)
        ]
        for table in tables:
            skipped = codes.get(table, set()) | _CODE_COLUMNS
            columns = [
                str(row[1])
                for row in connection.execute(f'PRAGMA table_info("{table}")')
                if str(row[1]) not in skipped
            ]
            for column in columns:
                query = f'SELECT DISTINCT "{column}" FROM "{table}" WHERE typeof("{column}") = ?'
                for (value,) in connection.execute(query, ("text",)):
                    text = str(value).strip()
                    if _WORD.search(text):
                        values.add(text)
                        values.update(line.strip() for line in text.splitlines() if line.strip())
    finally:
        connection.close()
    return sorted(values, key=lambda v: (-len(v), v))


def _one_line(text: str) -> str:
    return " ".join(text.split())


class Leftover:
    """Finds the English left in a text shown in the pseudo-language."""

    def __init__(self, own_values: Iterable[str]) -> None:
        own = {_one_line(v) for v in own_values if v.strip()}
        # a record's name drops a part's full stop before " · " (records.label_of)
        own |= {v[:-1] for v in own if v.endswith(".") and not v.endswith("..")}
        ordered = sorted(own, key=lambda v: (-len(v), v))
        self._sorted = sorted(ordered)
        alternatives = "|".join(re.escape(value) for value in ordered)
        self._own = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if ordered else None
        self._dates = _dates_in_english()

    @classmethod
    def from_dossier(cls, folder: Path, extra: Iterable[str] = ()) -> Leftover:
        """Over the values stored in the dossier at ``folder`` (and ``extra`` ones)."""
        return cls([*stored_values(folder / "dossier.sqlite"), *extra])

    def words(self, text: str) -> list[str]:
        """The English words in ``text`` that bypassed the catalogue, in order, once each."""
        if not text or not _WORD.search(text):
            return []
        rest = html.unescape(_TAG.sub("", _BREAK.sub("\n", text)))
        while True:
            shorter = _INNERMOST.sub(" ", rest)
            if shorter == rest:
                break
            rest = shorter
        rest = _START_TO_CLOSE.sub(" ", _OPEN_TO_END.sub(" ", rest))
        if not _WORD.search(rest):
            return []
        rest = _one_line(rest)
        if self._own is not None:
            rest = self._own.sub(" ", _ELIDED.sub(self._drop_elided_own, rest))
        rest = _FILE_NAME.sub(" ", _PATH.sub(" ", rest)).replace("&&", " ").replace("&", "")
        left: list[str] = []
        for word in _WORD.findall(rest):
            if word not in self._dates and word not in left:
                left.append(word)
        return left

    def _drop_elided_own(self, match: re.Match[str]) -> str:
        """The start of a stored value shortened with "…" (a list's cell, a tile), removed."""
        before = match.group(1)
        for start in [0, *(m.end() for m in re.finditer(r"\s+", before))]:
            piece = before[start:].strip()
            if len(piece) >= 3 and self._starts_own(piece):
                return before[:start] + " "
        return match.group(0)

    def _starts_own(self, piece: str) -> bool:
        at = bisect_left(self._sorted, piece)
        return at < len(self._sorted) and self._sorted[at].startswith(piece)
