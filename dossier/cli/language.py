"""The command line's language: ``--language CODE`` before the command, else the environment's.

It is chosen before the parser is built, so the help of every command and option is in
it, and argparse's own words ("usage:", "options:", "the following arguments are
required") are translated too: argparse asks the standard library's gettext for them
(module-level ``_`` and ``ngettext``), and :func:`speak_argparse` sends those questions to
our catalogue, where the messages below are marked.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Final

from ..core.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    environment_language,
    normal_language,
    ntr,
    set_language,
    tr,
)
from .common import shorten

OPTION: Final = "--language"
# The options before the command that take a value (so that value is not the command).
_VALUE_OPTIONS: Final = ("--dossier", OPTION)

# argparse's own messages that reach a person, as argparse writes them;
# argparse fills in the %s and %(name)s parts (the translations keep them as they are).
ARGPARSE_MESSAGES: Final = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    # Translators: keep %s, %r and %(name)s as they are.
    N_("argument %(argument_name)s: %(message)s"),
    # Translators: keep %s, %r and %(name)s as they are.
    N_("unrecognized arguments: %s"),
    # Translators: keep %s, %r and %(name)s as they are.
    N_("the following arguments are required: %s"),
    # Translators: keep %s, %r and %(name)s as they are.
    N_("one of the arguments %s is required"),
    # Translators: keep %s, %r and %(name)s as they are.
    N_("not allowed with argument %s"),
    # Translators: keep %s, %r and %(name)s as they are.
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    # Translators: keep %s, %r and %(name)s as they are.
    N_("ambiguous option: %(option)s could match %(matches)s"),
    # Translators: keep %s, %r and %(name)s as they are.
    N_("unexpected option string: %s"),
    # Translators: keep %s, %r and %(name)s as they are.
    N_("invalid %(type)s value: %(value)r"),
    # Translators: keep %s, %r and %(name)s as they are.
    N_("can't open '%(filename)s': %(error)s"),
)
_KNOWN: Final = frozenset(ARGPARSE_MESSAGES)


def requested_language(argv: Sequence[str]) -> str | None:
    """The code given with ``--language`` before the command, as given (None: not given)."""
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == OPTION:
            return args[0] if args else None
        if arg.startswith(OPTION + "="):
            return arg.split("=", 1)[1]
        if arg in _VALUE_OPTIONS:
            args = args[1:]
        elif arg == "--" or not arg.startswith("-"):
            return None  # the command: what follows is its own
    return None


def choose_language(argv: Sequence[str]) -> str:
    """Make the language of ``--language`` (when it names one) or of the environment the
    language of this process; returns it. A code that names none is refused later, by the
    parser, in the environment's language."""
    given = normal_language(requested_language(argv))
    return set_language(given or environment_language())


def language_code(text: str) -> str:
    """argparse type of ``--language``: one of the five codes (or the hidden test one)."""
    code = normal_language(text)
    if code is None:
        raise argparse.ArgumentTypeError(
            tr(
                "'{code}' is not a language this program speaks; choose one of: {codes}.",
                code=shorten(text),
                codes=", ".join(f"{c} ({LANGUAGE_NAMES[c]})" for c in LANGUAGES),
            )
        )
    return code


def language_help() -> str:
    return tr(
        "the language of messages and help: {codes} (default: the system's language)",
        codes=", ".join(LANGUAGES),
    )


def _argparse_gettext(message: str) -> str:
    return tr(message) if message in _KNOWN else message


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return ntr("expected %s argument", "expected %s arguments", n)
    return singular if n == 1 else plural


def speak_argparse() -> None:
    """Let argparse's own messages follow the current language (and the pseudo-language)."""
    setattr(argparse, "_", _argparse_gettext)  # noqa: B010 (argparse's gettext hook)
    setattr(argparse, "ngettext", _argparse_ngettext)  # noqa: B010


__all__ = [
    "ARGPARSE_MESSAGES",
    "OPTION",
    "choose_language",
    "language_code",
    "language_help",
    "requested_language",
    "speak_argparse",
]
