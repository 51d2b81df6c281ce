"""DICOM's way of writing people and dates, turned into ours.

A person name is stored FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX, with up to three forms
(alphabetic, ideographic, phonetic) separated by "="; a date is YYYYMMDD.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
# Cyrillic letters written in Latin ones (the passport transliteration of Ukraine and
# Russia, close enough to compare a name on a Dutch disc with one typed in Cyrillic).
_CYRILLIC = dict(
    zip(
        "абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "h",
            "g",
            "d",
            "e",
            "ie",
            "e",
            "zh",
            "z",
            "y",
            "i",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "-",
            "y",
            "-",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)
_PARTICLES = frozenset({"de", "der", "den", "van", "von", "la", "le", "du", "ter", "ten", "het"})


def display_name(stored: str | None) -> str:
    """ "DE VRIES^ANNA^^DR" → "DR Anna de Vries"-like plain order: prefix, given, middle,
    family; the alphabetic form, else the first form there is."""
    if not stored:
        return ""
    form = next((f for f in stored.split("=") if f.strip()), "")
    parts = [p.strip() for p in form.split("^")] + [""] * 5
    family, given, middle, prefix, suffix = parts[:5]
    words = [w for w in (prefix, given, middle, family, suffix) if w]
    text = " ".join(words)
    return _title(text) if text.isupper() else text


def _title(text: str) -> str:
    """Upper-case names in the case people write them: "DE VRIES" → "de Vries"."""
    words = []
    for word in text.split():
        lower = word.lower()
        words.append(
            lower if lower in _PARTICLES else "-".join(p.capitalize() for p in lower.split("-"))
        )
    if words and words[0] in _PARTICLES:
        words[0] = words[0].capitalize()
    return " ".join(words)


def iso_date(stored: str | None) -> str | None:
    """YYYYMMDD as YYYY-MM-DD, or None when it is not a real date."""
    match = _DATE.fullmatch((stored or "").strip())
    if match is None:
        return None
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return day.isoformat() if 1850 <= day.year <= 2200 else None


def name_words(text: str) -> tuple[list[str], str]:
    """The words of a name, lower-case, without accents, Cyrillic in Latin letters; and the
    alphabet they were in ("latin", "cyrillic", "other" or "" when there is none)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    letters: list[str] = []
    scripts: set[str] = set()
    for char in decomposed:
        if unicodedata.combining(char):
            continue
        if char in _CYRILLIC or char in "ґєії":
            scripts.add("cyrillic")
            letters.append(_CYRILLIC.get(char, char).replace("-", ""))
        elif "a" <= char <= "z":
            scripts.add("latin")
            letters.append(char)
        elif char.isalpha():
            scripts.add("other")
            letters.append(char)
        else:
            letters.append(" ")
    script = "other" if "other" in scripts else ("cyrillic" if "cyrillic" in scripts else "")
    if not script and scripts:
        script = "latin"
    return "".join(letters).split(), script


def dicom_name_parts(stored: str) -> list[tuple[list[str], list[str], str]]:
    """Each form of a stored name as (family words, given and middle words, alphabet)."""
    forms = []
    for form in stored.split("="):
        parts = [*form.split("^"), ""]
        family, family_script = name_words(parts[0])
        given, given_script = name_words(" ".join(parts[1:3]))
        if family or given:
            forms.append((family, given, family_script or given_script))
    return forms


__all__ = ["dicom_name_parts", "display_name", "iso_date", "name_words"]
