"""The language a document is written in: its name for people, and the guess made from its
text when it is imported.

A document's language is stored as an ISO 639-1 code (:data:`~.entities.LANGUAGE_CHOICES`:
"nl", "de"…, or "other"), or not at all when nobody knows. It is shown by its name in the
language of the screen or of the paper ("Dutch", "Nederlands", "нідерландська"), which CLDR
(Babel) knows for every language: no catalogue entry is needed for these names.
"""

from __future__ import annotations

from collections.abc import Iterable

from .i18n import PSEUDO, current_language, language_scope, tr
from .language_guess import guess_language
from .locale_format import babel_locale

OTHER = "other"


def language_name(code: str | None, language: str | None = None) -> str:
    """The name of the language ``code`` in ``language`` (default: the current language),
    starting with a capital as a label does ("Dutch", "Нідерландська"); "other" is
    "Another language"; no code gives ""."""
    if not code:
        return ""
    speaking = language or current_language()
    if code == OTHER:
        with language_scope(speaking):
            return tr("Another language")
    name = babel_locale(speaking).languages.get(code) or code
    if speaking == PSEUDO:  # the test language shows that the name was looked up here
        from .pseudo import pseudo

        return pseudo(name)
    return name[:1].upper() + name[1:]


def guess_from_pages(pages: Iterable[str]) -> str | None:
    """The language of a document's text read page by page (None: not enough text, or no
    clear answer). Reads at most the first few pages: a letter says it on its first."""
    text = ""
    for page in pages:
        text += page + "\n"
        if len(text) >= 20_000:
            break
    return guess_language(text)


__all__ = ["OTHER", "guess_from_pages", "language_name"]
