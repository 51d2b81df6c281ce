"""The title an imported document gets: the file's own title only when it is a real one.

A PDF's Title field is often junk a program left there: the file name it was made from
("Binder1.pdf", "C:\\Scans\\letter.doc"), the template's name ("Model", "Untitled",
"Document1"), "Microsoft Word - " and a name whose letters the file cannot show (boxes),
or nothing but digits. Such a title is worse than the file name, so the file name,
cleaned, is used instead. Two documents then keep the names the patient gave them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from .kinds import title_from_name

__all__ = ["document_title", "is_real_title"]

MAX_TITLE: Final = 200
_MIN_LETTERS: Final = 3

# What programs put in the Title field when nobody gave one.
_GENERIC: Final = re.compile(
    r"(untitled( document| presentation)?|no title|sans titre|naamloos|ohne titel|без названия|ללא שם|"
    r"document|doc|docs|binder|scan|scanned( document)?|image|img|photo|page|file|"
    r"new document|model|template|sjabloon|title|presentation|slide|sheet|book|print|"
    r"report|pdf|word|microsoft word|powerpoint presentation|adobe acrobat)"
    r"[\s_\-.]*\d*",
    re.IGNORECASE,
)
# "Microsoft Word - Brief aan huisarts.docx", "Microsoft PowerPoint - slides.pptx"
_PROGRAM_PREFIX: Final = re.compile(
    r"^(microsoft (word|excel|powerpoint)|libreoffice|openoffice|word|excel)\s+-\s*",
    re.IGNORECASE,
)
_FILE_EXTENSION: Final = re.compile(
    r"\.(pdf|docx?|odt|rtf|txt|xlsx?|ods|pptx?|odp|jpe?g|png|tiff?|gif|bmp|heic|html?|ps|"
    r"indd|pages|wpd|qxd)$",
    re.IGNORECASE,
)
# Characters that show a font could not draw the title: replacement character, boxes,
# private-use code points.
_MISSING_GLYPHS: Final = re.compile("[\ufffd\u25a1\u25a0\u2610\ue000-\uf8ff]")


def is_real_title(title: str) -> bool:
    """Whether ``title`` (a file's own Title field) names the document, not a program's
    leftover: not a file name or path, not a template's name, no boxes, some letters."""
    text = title.strip()
    if not text or _MISSING_GLYPHS.search(text):
        return False
    if _PROGRAM_PREFIX.match(text):
        return False  # "Microsoft Word - <file name>": the name of a file, not a title
    if _FILE_EXTENSION.search(text) or re.search(r"[\\/]\S*$", text):
        return False
    if _GENERIC.fullmatch(text):
        return False
    return sum(c.isalpha() for c in text) >= _MIN_LETTERS


def document_title(file_title: str | None, path: Path) -> str:
    """The title to store: ``file_title`` when :func:`is_real_title`, otherwise a readable
    form of the file's name; at most :data:`MAX_TITLE` characters."""
    if file_title and is_real_title(file_title):
        return file_title.strip()[:MAX_TITLE]
    return title_from_name(path)[:MAX_TITLE]
