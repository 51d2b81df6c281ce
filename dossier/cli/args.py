"""The command line's arguments, checked in one place, with plain words for what is wrong.

Numbers: a record number is a whole number from 1 to 9,223,372,036,854,775,807 (the
largest SQLite holds); anything else (0, a negative number, 23 nines, "1.5", "0x10") is
refused by argparse with a one-line message before the dossier is opened. ``--data`` is
a JSON object whose numbers fit the same range, without NaN or infinities, nested at most
:data:`JSON_DEPTH` deep. Paths: a name that no file system takes (empty, or longer than
the system allows) is refused by argparse too; a file the program is to write is checked
by :func:`output_file` before anything is written: its folder exists, it is not a folder,
a link, a pipe or a device, it can be written, and it is not inside the dossier's folder
(where it could overwrite the database or a document).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import math
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..core.errors import DossierError
from ..core.i18n import ntr, tr
from ..core.locale_format import number
from .common import UsageError, shorten

SQLITE_MAX = 2**63 - 1
JSON_DEPTH = 32
NAME_MAX = 255  # bytes in one name: Linux, macOS and Windows allow no more
PATH_MAX = 4095  # bytes in a whole path on Linux
_WHOLE = re.compile(r"\s*\+?([0-9]+)\s*", re.ASCII)
_NEGATIVE = re.compile(r"\s*-[0-9]+\s*", re.ASCII)


def _whole(text: str, what: str, largest: int = SQLITE_MAX) -> int:
    """The whole number ``text`` (ASCII digits, spaces around allowed), from 1 to
    ``largest``; ``what`` names it in the messages ("a record number")."""
    found = _WHOLE.fullmatch(text)
    if found is None:
        if _NEGATIVE.fullmatch(text):
            raise argparse.ArgumentTypeError(
                tr("'{value}' is not {what}: numbers start at 1.", value=shorten(text), what=what)
            )
        raise argparse.ArgumentTypeError(
            tr(
                "'{value}' is not {what}: give a whole number, such as 12.",
                value=shorten(text),
                what=what,
            )
        )
    digits = found.group(1).lstrip("0") or "0"
    if len(digits) > len(str(largest)) or int(digits) > largest:
        raise argparse.ArgumentTypeError(
            tr(
                "'{value}' is too large for {what} (at most {largest}).",
                value=shorten(digits, 30),
                what=what,
                largest=number(largest),
            )
        )
    if digits == "0":
        raise argparse.ArgumentTypeError(
            tr("'{value}' is not {what}: numbers start at 1.", value=shorten(text), what=what)
        )
    return int(digits)


def record_id(text: str) -> int:
    """argparse type of a record's number (a case, an opinion, a comparison, …)."""
    return _whole(text, tr("a record number"))


def count(largest: int, what: str) -> Callable[[str], int]:
    """argparse type of a count from 1 to ``largest``; ``what`` names it in messages."""

    def parse(text: str) -> int:
        return _whole(text, what, largest)

    return parse


def width(text: str) -> int:
    """``--width``: 0 (as wide as the terminal) or a number of characters up to 1,000."""
    if text.strip() == "0":
        return 0
    return _whole(text, tr("a width"), 1000)


def id_list(text: str) -> list[int]:
    """``--opinions 3,5``: two to four record numbers separated by commas."""
    parts = [part for part in text.replace(" ", "").split(",") if part]
    if not 2 <= len(parts) <= 4:
        raise argparse.ArgumentTypeError(
            tr("give two to four opinion numbers separated by commas, such as 3,5.")
        )
    return [_whole(part, tr("an opinion number")) for part in parts]


def json_object(raw: str) -> dict[str, Any]:
    """``--data``: a JSON object of values the dossier can hold."""
    example = '\'{"title": "…"}\''
    problem: str | None
    try:
        data: Any = json.loads(raw, parse_constant=_no_constant, parse_float=_finite)
    except RecursionError:
        data, problem = None, tr("it is nested too deeply")
    except ValueError as exc:
        data, problem = None, shorten(str(exc), 80)
    else:
        problem = _value_problem(data, 0)
    if problem is not None:
        raise argparse.ArgumentTypeError(
            tr(
                "give a JSON object, such as {example} ({problem}).",
                example=example,
                problem=problem,
            )
        )
    if not isinstance(data, dict):
        raise argparse.ArgumentTypeError(
            tr(
                "give a JSON object, such as {example}, not a list or a single value.",
                example=example,
            )
        )
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(tr("{name} is not a number the dossier can hold", name=name))


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(tr("{number} is too large", number=shorten(text, 20)))
    return value


def _value_problem(value: Any, depth: int) -> str | None:
    if depth > JSON_DEPTH:
        return ntr(
            "it is nested more than {n} level deep",
            "it is nested more than {n} levels deep",
            JSON_DEPTH,
        )
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and not -SQLITE_MAX - 1 <= value <= SQLITE_MAX:
        return tr("{number} is too large", number=shorten(str(value), 30))
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for item in items:
        if (problem := _value_problem(item, depth + 1)) is not None:
            return problem
    return None


def path_text(text: str) -> str:
    """argparse type of any path: refuses a name no file system would take."""
    if not text.strip():
        raise argparse.ArgumentTypeError(tr("give a file or folder name, not an empty one."))
    raw = os.fsencode(text)
    if len(raw) > PATH_MAX or any(len(part) > NAME_MAX for part in raw.split(b"/")):
        raise argparse.ArgumentTypeError(
            tr(
                "the name '{value}' is too long: a file or folder name has at most {n} bytes.",
                value=shorten(text, 40),
                n=NAME_MAX,
            )
        )
    return text


def output_file(text: str, *, dossier: Path | None = None) -> Path:
    """The file named ``text``, checked before the program writes it; else UsageError.

    Refused: a name in a folder that does not exist, a folder, a link (even to a file: the
    program never writes through a link), a pipe or a device, a file or folder that cannot
    be written, and any place inside the dossier's folder ``dossier``.
    """
    path = Path(path_text(text)).absolute()
    folder = path.parent
    try:
        mode = os.lstat(path).st_mode if os.path.lexists(path) else None
        folder_is_dir = folder.is_dir()
    except OSError as exc:
        raise UsageError(
            tr("{path} cannot be used ({problem}).", path=path, problem=exc.strerror)
        ) from None
    if not folder_is_dir:
        if folder.exists():
            raise UsageError(tr("{folder} is a file, not a folder.", folder=folder))
        raise UsageError(
            tr(
                "There is no folder {folder}: make it first, or choose another place.",
                folder=folder,
            )
        )
    if mode is not None:
        if stat.S_ISLNK(mode):
            raise UsageError(
                tr("{path} is a link: give the name of an ordinary file instead.", path=path)
            )
        if stat.S_ISDIR(mode):
            raise UsageError(
                tr(
                    "{path} is a folder: give the name of a file in it, such as {example}.",
                    path=path,
                    example=path / "report.pdf",
                )
            )
        if not stat.S_ISREG(mode):
            raise UsageError(tr("{path} is not an ordinary file (a pipe or a device).", path=path))
    if dossier is not None and _inside(path, dossier):
        raise UsageError(
            tr(
                "Choose a place outside the dossier's folder {dossier}: the program keeps "
                "the dossier's own files there.",
                dossier=Path(dossier).absolute(),
            )
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(
            tr("The folder {folder} cannot be written to: choose another place.", folder=folder)
        )
    if mode is not None and not os.access(path, os.W_OK):
        raise UsageError(tr("{path} is read-only: choose another name.", path=path))
    return path


def _inside(path: Path, folder: Path) -> bool:
    real = Path(os.path.realpath(path.parent)) / path.name
    return real.is_relative_to(os.path.realpath(folder))


@contextlib.contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` to write into: it becomes ``path`` only once it is
    written whole, and is removed when writing fails (a full disk, say), which then raises
    a DossierError saying so. A file already at ``path`` stays as it was until then. The
    temporary file is not hidden (``NAME.xxxxxx.part``): should the program be killed
    while writing, the person sees what it left, as with a browser's download."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f"{path.name[:40]}.", suffix=".part")
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        full = exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
        reason = tr("the disk is full") if full else (exc.strerror or tr("it cannot be written"))
        raise DossierError(
            tr(
                "{path} could not be written: {reason}. Nothing was written.",
                path=path,
                reason=reason,
            )
        ) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
