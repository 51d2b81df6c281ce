"""The languages a dossier's scans are read in: chosen for the dossier, English always
among them unless the person takes it out; by default the language the program speaks
plus English. A document's own language, when the person (or the guess) gave one of the
five, leads for its pages."""

from __future__ import annotations

from collections.abc import Sequence

from ..dossier_settings import get_setting, set_setting
from ..errors import ValidationError
from ..i18n import current_language, tr
from ..storage import Dossier
from .languages import OCR_LANGUAGES, normal_languages

KEY = "ocr_languages"


def default_languages() -> tuple[str, ...]:
    """The program's language and English (English alone when it speaks English)."""
    return normal_languages({current_language(), "en"})


def dossier_languages(dossier: Dossier) -> tuple[str, ...]:
    """The languages chosen for this dossier's scans, or the default."""
    stored = get_setting(dossier, KEY)
    chosen = normal_languages(stored.split(",")) if stored else ()
    return chosen or default_languages()


def set_dossier_languages(dossier: Dossier, codes: Sequence[str]) -> tuple[str, ...]:
    """Choose the languages this dossier's scans are read in; at least one of the five."""
    chosen = normal_languages(codes)
    if not chosen:
        raise ValidationError(
            {"languages": tr("Choose at least one language to read scanned pages in.")}
        )
    set_setting(dossier, KEY, ",".join(chosen))
    return chosen


def document_languages(dossier: Dossier, language: str | None) -> tuple[str, ...]:
    """The languages a page of a document written in ``language`` is read in: that
    language and English when it is one of the five, else the dossier's."""
    if language in OCR_LANGUAGES:
        return normal_languages({language, "en"})
    return dossier_languages(dossier)


__all__ = [
    "KEY",
    "default_languages",
    "document_languages",
    "dossier_languages",
    "set_dossier_languages",
]
