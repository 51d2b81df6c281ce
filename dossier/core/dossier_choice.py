"""Which dossier the window opens when none is named: the last one used, else the example.

Used by the program's start (:mod:`dossier.app`) and by the window's "Open the example
dossier", so it lives below both.
"""

from __future__ import annotations

from pathlib import Path

from . import paths
from .i18n import ENGLISH, PSEUDO, current_language
from .storage import is_dossier


def choose_dossier(path: Path | None, *, demo: bool) -> Path:
    """The dossier to open: the one given, else the last one used, else the example (made
    once for each language, in the current language)."""
    if path is not None and not demo:
        return path
    if not demo:
        recent = [p for p in paths.recent_dossiers() if is_dossier(p)]
        if recent:
            return recent[0]
    language = current_language()
    target = paths.demo_dossier_path()
    if language not in (ENGLISH, PSEUDO):  # each language's example is made once, apart
        target = target.with_name(f"{target.name} ({language})")
    if not is_dossier(target):
        from .demo import build_demo  # only when it is made: it loads every record kind

        build_demo(target, language=language).close()
    return target


__all__ = ["choose_dossier"]
