"""Every user-visible word goes through here: one gettext catalogue per language.

The catalogues are ``resources/translations/<code>.po`` (what translators edit) compiled to
``<code>.mo`` (what is read here, with the standard library's :mod:`gettext`); English is
the source language and needs none. ``packaging/translations.py`` extracts the strings
(Babel), updates the catalogues and compiles them.

Mark a string where it is written:

* ``tr("Text with {name}", name=value)``: translated now, placeholders filled after;
* ``ntr("{n} document", "{n} documents", n)``: the language's own plural forms
  (Ukrainian, Russian and Hebrew have three), ``n`` filled in;
* ``trc("month", "May")``: a word that needs a context to translate;
* ``N_("Text")``: a constant that is translated later, where it is shown, with ``tr(constant)``;
* ``NC_("case status", "open")``: such a constant that needs a context (a short word);
  ``tr(constant)`` translates it in that context.

The language is process-wide (:func:`set_language`, the window's or the command line's);
:func:`language_scope` overrides it for one piece of work in the current thread or task,
such as printing a brief in Dutch while the window stays in Ukrainian.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Final

from .resources import resources_dir

ENGLISH: Final = "en"
#: The languages the program speaks, in the order a choice lists them.
LANGUAGES: Final[tuple[str, ...]] = ("en", "nl", "he", "uk", "ru")
#: Each language's name in itself, as a language menu shows it.
LANGUAGE_NAMES: Final[dict[str, str]] = {
    "en": "English",
    "nl": "Nederlands",
    "he": "עברית",
    "uk": "Українська",
    "ru": "Русский",
}
RIGHT_TO_LEFT: Final[frozenset[str]] = frozenset({"he"})
#: A test language: every string longer by about 40 % and accented (see :mod:`.pseudo`).
PSEUDO: Final = "pseudo"

#: The calls that mark a message, as Babel's extractor takes them (argument positions;
#: "c" is a context): packaging/translations.py and the screen catalogue's check use them.
MARKERS: Final[dict[str, tuple[int | tuple[int, str], ...] | None]] = {
    "tr": None,
    "ntr": (1, 2),
    "trc": ((1, "c"), 2),
    "N_": None,
    "NC_": ((1, "c"), 2),
}

_process_language = ENGLISH
_scoped_language: ContextVar[str | None] = ContextVar("dossier_language", default=None)
_hook: Callable[[str], str] | None = None


def set_translator(translate: Callable[[str], str] | None) -> None:
    """Pass every translated message through ``translate`` too (None: stop).

    Kept for tools that want to see each message, such as the pseudo-language check."""
    global _hook
    _hook = translate


def normal_language(code: str | None) -> str | None:
    """``code`` as one of :data:`LANGUAGES` ('nl_NL.UTF-8' gives 'nl', 'iw' gives 'he'); None
    when it names none of them."""
    if not code:
        return None
    base = code.strip().replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    base = {"iw": "he"}.get(base, base)
    if base == PSEUDO or base in LANGUAGES:
        return base
    return None


#: Where gettext finds the user's language, in its order: the first one set decides.
LANGUAGE_VARIABLES: Final = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, as gettext reads it: the first of
    :data:`LANGUAGE_VARIABLES` that is set decides ('nl_NL.UTF-8' gives 'nl'; LANGUAGE may
    list several, 'fr:nl', the first one spoken here counts); English when it names none of
    :data:`LANGUAGES` (or is 'C')."""
    environ = os.environ if environ is None else environ
    for variable in LANGUAGE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            for part in value.split(":"):
                code = normal_language(part)
                if code is not None:
                    return code
            return ENGLISH
    return ENGLISH


def set_language(code: str) -> str:
    """Make ``code`` the language of this process from now on; returns the one chosen
    (English when ``code`` is not one of :data:`LANGUAGES`)."""
    global _process_language
    _process_language = normal_language(code) or ENGLISH
    return _process_language


def current_language() -> str:
    """The language messages are translated into here and now."""
    return _scoped_language.get() or _process_language


def is_right_to_left(code: str | None = None) -> bool:
    """Whether ``code`` (default: the current language) is written right to left."""
    return (code or current_language()) in RIGHT_TO_LEFT


@contextmanager
def language_scope(code: str | None) -> Iterator[str]:
    """Translate into ``code`` inside the ``with`` block (None: the current language)."""
    chosen = (normal_language(code) or ENGLISH) if code else current_language()
    token = _scoped_language.set(chosen)
    try:
        yield chosen
    finally:
        _scoped_language.reset(token)


@cache
def catalogue(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``code``; English (and a missing file) translate nothing."""
    if code == PSEUDO:
        from .pseudo import PseudoTranslations

        return PseudoTranslations()
    path = resources_dir() / "translations" / f"{code}.mo"
    if code == ENGLISH or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def _finish(text: str, values: dict[str, object]) -> str:
    if _hook is not None:
        text = _hook(text)
    if not values:
        return text
    for name, value in values.items():  # "… 14 березня 2026 р." ends a sentence once
        if isinstance(value, str) and value.endswith(".") and f"{{{name}}}." in text:
            text = text.replace(f"{{{name}}}.", f"{{{name}}}")
    return text.format(**values)


def tr(text: str, **values: object) -> str:
    """``text`` in the current language, its ``{name}`` placeholders filled from ``values``
    (in its context when it was marked with :func:`NC_`)."""
    if isinstance(text, _InContext):
        return _finish(catalogue(current_language()).pgettext(text.context, text), values)
    return _finish(catalogue(current_language()).gettext(text), values)


def ntr(singular: str, plural: str, n: int, **values: object) -> str:
    """The plural form of the current language for ``n``; ``{n}`` and ``values`` filled in."""
    text = catalogue(current_language()).ngettext(singular, plural, n)
    return _finish(text, {"n": n, **values})


def trc(context: str, text: str, **values: object) -> str:
    """``text`` translated as meant in ``context`` (a short word with several meanings)."""
    return _finish(catalogue(current_language()).pgettext(context, text), values)


def N_(text: str) -> str:
    """Mark ``text`` for the catalogue without translating it yet."""
    return text


class _InContext(str):
    """A constant's text that remembers the context it is to be translated in."""

    context: str


def NC_(context: str, text: str) -> str:
    """Mark ``text`` for the catalogue in ``context`` without translating it yet; the value
    is ``text`` itself (it compares and prints as the English), and :func:`tr` translates it
    in its context."""
    marked = _InContext(text)
    marked.context = context
    return marked
