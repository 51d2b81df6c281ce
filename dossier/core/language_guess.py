"""The language a document is written in, guessed from its text (the user can correct it).

Good enough for medical letters, which are long and plain: the script first (Hebrew,
Arabic, Cyrillic, Greek, Latin), then, within Cyrillic, the letters only Ukrainian or only
Russian has, and within Latin, the commonest short words of each language. Too little
text, or no clear winner, gives None: a wrong guess would be worse than none.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Final

#: The languages a document can be marked as written in (ISO 639-1), besides "other".
DOCUMENT_LANGUAGES: Final[tuple[str, ...]] = (
    "en", "nl", "he", "uk", "ru", "de", "fr", "es", "it", "pl", "ar", "el",
)  # fmt: skip

MIN_LETTERS: Final = 40
_SAMPLE: Final = 20_000  # characters read: enough for any letter, bounded for any file
_WORD: Final = re.compile(r"[^\W\d_]+", re.UNICODE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS: Final[dict[str, frozenset[str]]] = {
    "en": _words("the and of to in is was with for on that are this be by as from at have not or"),
    "nl": _words(
        "de het een en van in is op te dat met voor niet zijn bij er aan ook werd naar om"
    ),
    "de": _words(
        "der die das und ist nicht mit von zu den im ein eine auf für sich dem des wurde bei"
    ),
    "fr": _words("le la les et des est un une du en dans pour que qui pas sur au avec par sont ce"),
    "es": _words("el la los las y de en que es por con para una un del se no al como más su"),
    "it": _words("il lo la gli le di che è per con non una un del della sono nel alla anche si"),
    "pl": _words("i w z na nie do się jest że to o od po jak przez dla oraz był być ze"),
}
_UKRAINIAN_ONLY: Final = frozenset("іїєґІЇЄҐ")
_RUSSIAN_ONLY: Final = frozenset("ыэъёЫЭЪЁ")


def _script(char: str) -> str | None:
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    for script in ("HEBREW", "ARABIC", "CYRILLIC", "GREEK", "LATIN"):
        if name.startswith(script):
            return script
    return None


def guess_language(text: str) -> str | None:
    """The language of ``text`` as one of :data:`DOCUMENT_LANGUAGES`, or None when unsure."""
    sample = text[:_SAMPLE]
    chars = Counter(sample)  # each character's name is looked up once, not at each place
    scripts: Counter[str] = Counter()
    for char, count in chars.items():
        script = _script(char)
        if script is not None:
            scripts[script] += count
    letters = sum(scripts.values())
    if letters < MIN_LETTERS:
        return None
    script, count = scripts.most_common(1)[0]
    if count < letters * 0.6:
        return None
    if script == "HEBREW":
        return "he"
    if script == "ARABIC":
        return "ar"
    if script == "GREEK":
        return "el"
    if script == "CYRILLIC":
        return _cyrillic(chars)
    return _latin(sample)


def _cyrillic(chars: Counter[str]) -> str | None:
    ukrainian = sum(chars[char] for char in _UKRAINIAN_ONLY)
    russian = sum(chars[char] for char in _RUSSIAN_ONLY)
    if ukrainian > russian * 2 and ukrainian >= 2:
        return "uk"
    if russian > ukrainian * 2 and russian >= 2:
        return "ru"
    return None


def _latin(sample: str) -> str | None:
    words = Counter(word.lower() for word in _WORD.findall(sample))
    if words.total() < 8:
        return None
    scores = Counter(
        {code: sum(n for w, n in words.items() if w in stop) for code, stop in _STOPWORDS.items()}
    )
    (best, top), (_second, runner_up) = scores.most_common(2)
    if top < max(3, words.total() * 0.05) or top < runner_up * 1.5:
        return None
    return best
