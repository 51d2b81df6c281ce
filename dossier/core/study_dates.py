"""A date written out in every language of the program, for the search index: a study of
12 March 2026 is found by "March 2026", "maart 2026", "березня 2026"…"""

from __future__ import annotations

from datetime import date

from .i18n import LANGUAGES


def month_words(iso: str) -> str:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return ""
    from babel.dates import format_date

    forms = dict.fromkeys(
        format_date(day, pattern, locale=code)
        for code in LANGUAGES
        for pattern in ("d MMMM y", "LLLL y")
    )
    return " ".join(forms)


__all__ = ["month_words"]
