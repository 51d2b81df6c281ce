"""One small helper through which every user-visible core message passes.

The UI installs a translator with :func:`set_translator` (Qt's ``tr`` under the
context "core"); without one, messages are returned as written (English).
"""

from collections.abc import Callable

_translate: Callable[[str], str] = lambda text: text  # noqa: E731


def set_translator(translate: Callable[[str], str]) -> None:
    """Route core messages through ``translate`` from now on."""
    global _translate
    _translate = translate


def tr(text: str, **values: object) -> str:
    """Translate ``text`` and fill in ``{name}`` placeholders from ``values``."""
    translated = _translate(text)
    return translated.format(**values) if values else translated
