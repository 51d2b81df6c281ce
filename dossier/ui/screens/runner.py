"""The catalogue's run: the example dossier and an empty one, at each size, every shot
saved as a PNG and checked; the findings written to ``findings.json``.

The window speaks the language asked for (made after :func:`..qt_language.apply_language`,
English again at the end); each size's pictures go to ``<size>`` in English and
``<size>-<language>`` otherwise ("1366x768-he")."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ... import APP_NAME
from ...core.i18n import LANGUAGE_NAMES, PSEUDO
from .example_disc import KNEE_WORDS

PINNED_DAY = "2026-05-12"  # the pictures' day: the example dossier's dates count from it
# What the catalogue itself puts in the windows as the person would: the empty dossier's
# person, the dossiers' folders, the search typed, the import's file (see shots.py,
# dialog_shots.py and capture.py).
EXTRA_OWN = (
    "Alex Example",
    "example",
    "empty",
    "biopsy",
    "Discharge letter",
    "Seen on the ward; home today.",
    *KNEE_WORDS,  # the disc of another patient in the confirmation (example_disc.py)
)
# Names never translated: the program's, each language's own, the test language's.
NAMES = (APP_NAME, *LANGUAGE_NAMES.values(), PSEUDO)


@dataclass(frozen=True)
class Size:
    name: str  # the folder: "1366x768", "1366x768-text150"
    width: int
    height: int
    text_scale: float = 1.0


SIZES = (
    Size("1366x768", 1366, 768),
    Size("1920x1080", 1920, 1080),
    Size("1366x768-text150", 1366, 768, 1.5),
)


PROFILE = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
ENVIRONMENT = ("QT_QPA_PLATFORM", "DOSSIER_TODAY", "DOSSIER_HOME", *PROFILE)


def prepare_environment(home: Path) -> None:
    """Before Qt and the dossier code read them: offscreen, the pinned day, a profile of
    its own (so the run never touches the person's settings or list of dossiers)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("DOSSIER_TODAY", PINNED_DAY)
    os.environ["DOSSIER_HOME"] = str(home)
    for name in PROFILE:
        os.environ[name] = str(home / name.lower())


def run_catalogue(
    outdir: Path,
    sizes: Sequence[Size] = SIZES,
    *,
    only: Callable[[Size, str], bool] | None = None,
    say: Callable[[str], None] = print,
    language: str = "en",
) -> list[dict[str, str]]:
    """Capture every screen at each of ``sizes`` into ``outdir`` (those ``only`` keeps),
    the window and the example dossier in ``language``, and write ``outdir/findings.json``
    (``findings-<language>.json`` for a language other than English); returns the findings.

    In the pseudo-language ("pseudo") the findings include the English left on a screen
    ("untranslated"): text that bypassed the catalogue."""
    saved = {name: os.environ.get(name) for name in ENVIRONMENT}
    try:
        with tempfile.TemporaryDirectory(prefix="dossier-screens-") as temporary:
            found = _run(Path(temporary), outdir, sizes, only, say, language)
    finally:
        for name, value in saved.items():  # the caller's profile and day again
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    outdir.mkdir(parents=True, exist_ok=True)
    name = "findings.json" if language == "en" else f"findings-{language}.json"
    (outdir / name).write_text(
        json.dumps(found, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return found


def _run(
    work: Path,
    outdir: Path,
    sizes: Sequence[Size],
    only: Callable[[Size, str], bool] | None,
    say: Callable[[str], None],
    language: str,
) -> list[dict[str, str]]:
    prepare_environment(work / "home")
    from ...core.demo import build_demo
    from .capture import capture_size  # Qt only from here on
    from .catalogued import marked_strings
    from .example_disc import add_example_disc
    from .leftover import Leftover

    template = work / "example-template"
    build_demo(template, language=language).close()  # the example told in the language
    add_example_disc(template, work)  # the person's chest CT, for the Imaging page
    leftover, marked = None, None
    if language == PSEUDO:  # what English is left, and which strings tr may translate
        leftover = Leftover.from_dossier(template, (*EXTRA_OWN, *NAMES))
        marked = marked_strings(Path(__file__).resolve().parents[2])
    found: list[dict[str, str]] = []
    for size in sizes:
        folder = work / size.name
        example = folder / "example"
        shutil.copytree(template, example)
        keep = _for_size(only, size) if only is not None else None
        into = outdir / folder_name(size, language)
        findings = capture_size(size, example, folder, into, keep, say, language, leftover, marked)
        found.extend(f.as_dict() for f in findings)
    return found


def folder_name(size: Size, language: str = "en") -> str:
    """Where a size's pictures go: "1366x768" in English, "1366x768-he" in Hebrew."""
    return size.name if language == "en" else f"{size.name}-{language}"


def _for_size(only: Callable[[Size, str], bool], size: Size) -> Callable[[str], bool]:
    return lambda name: only(size, name)


def describe(findings: Iterable[dict[str, str]]) -> str:
    """The findings as lines a person reads: where, which widget, what."""
    return "\n".join(
        f"{f['size']}/{f['screen']}: {f['widget']}: {f['kind']}: {f['description']}"
        for f in findings
    )
