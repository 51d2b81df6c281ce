"""A first guess at what a document is and what to call it, from its name and text.

The guess only fills in blanks; the person can always change it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..validation import clean_text
from . import sniff

# Checked in order; the first pattern found in the file name or the first page wins.
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("written_opinion", r"second opinion|opinion|zweitmeinung|second avis"),
    (
        "pathology",
        r"patholog|histolog|biops|cytolog|патолог|гистолог|гістолог|биопс|біопс|פתולוג|ביופס",
    ),
    (
        "discharge_summary",
        r"discharge|entlassung|ontslag|выписк|выписн|виписк|эпикриз|епікриз|מכתב שחרור",
    ),
    (
        "imaging_report",
        r"radiolog|\bmri\b|\bmrt\b|\bct\b|x-ray|xray|ultrasound|mammogra|\bpet\b|imaging|"
        r"scan report|\bмрт\b|\bкт\b|томограф|рентген|הדמיה|רנטגן",
    ),
    (
        "lab_result",
        r"\blab\b|laborator|blood test|blood count|haemoglobin|hemoglobin|creatinine|"
        r"анализ крови|аналіз крові|лаборатор|гемоглобин|гемоглобін|בדיקת דם|בדיקות דם",
    ),
    ("referral", r"referral|überweisung|verwijzing|направлени|направлення|הפניה|הפנייה"),
    ("prescription", r"prescription|rezept|recept|рецепт|מרשם"),
    ("insurance", r"insur|claim|reimburse|health plan|versicher|verzekering|страхов|ביטוח"),
    ("letter", r"letter|dear |brief|уважаем|шановн|לכבוד|מכתב"),
)


def guess_kind(name: str, media_type: str, first_page: str = "") -> str:
    """The most likely document kind, or "other"."""
    haystack = f"{name}\n{first_page[:2000]}".lower()
    for kind, pattern in _KIND_WORDS:
        if re.search(pattern, haystack):
            return kind
    if media_type in (sniff.JPEG, sniff.PNG, sniff.TIFF):
        return "image"
    return "other"


def title_from_name(path: Path) -> str:
    """A readable title from a file name: "blood_test-2026_03" becomes "blood test 2026 03".

    Control characters and bidirectional overrides in the name are dropped, and bytes that
    are not UTF-8 (possible in names on Linux) shown as "\ufffd".
    """
    stem, name = plain_name(path.stem), plain_name(path.name)
    words = re.sub(r"[_\-.]+", " ", stem).split()
    title = " ".join(words) or name
    return title[:1].upper() + title[1:]


def plain_name(name: str) -> str:
    """A file name fit to store and show: valid UTF-8, on one line, nothing hidden in it."""
    return clean_text(os.fsencode(name).decode("utf-8", "replace"), multiline=False)
