"""Reading what someone else may have made (an archive, a backup from another computer's
drive): JSON bounded in nesting and in the number of values before it is parsed, values of
the kinds expected, and file names that stay inside their folder.

Nothing here touches the disk: callers read the bytes (with a size limit) themselves.
What is wrong is raised as :class:`Untrusted`, whose ``detail`` says it in plain words;
each caller puts it in its own sentence ("This archive cannot be used: …").
"""

from __future__ import annotations

import re
from typing import Any

from .bounded_json import JsonLimits, JsonRefused, loads
from .i18n import tr

SHA256_RE = re.compile(r"^[0-9a-f]{64}\Z")  # \Z: "$" would let a final newline in
MAX_DEPTH = 32  # no format of ours nests deeper than a few levels
_DRIVE = re.compile(r"^[A-Za-z]:")


class Untrusted(ValueError):
    """A value read from outside that cannot be used; ``detail`` says why."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def parse_json(data: bytes, *, max_values: int, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON in ``data``, once it is known to hold at most ``max_values`` values nested
    at most ``max_depth`` deep (scanned before anything is built, strings told apart:
    :mod:`.bounded_json`), so parsing it takes bounded memory and no deep recursion.
    Names that appear twice in one object, and NaN or Infinity, are refused too.
    """
    limits = JsonLimits(max_bytes=len(data), max_depth=max_depth, max_items=max_values)
    try:
        return loads(data, limits)
    except JsonRefused as exc:
        raise Untrusted(exc.reason) from None


def need(obj: dict[str, Any], key: str, where: str | None = None) -> Any:
    """``obj[key]``; ``where`` names ``obj`` in the message when it is missing (default:
    the manifest)."""
    if key not in obj:
        raise Untrusted(
            tr('"{key}" is missing from {where}', key=key, where=where or tr("the manifest"))
        )
    return obj[key]


def as_object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Untrusted(tr("{what} must be a JSON object", what=what))
    return value


def as_list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise Untrusted(tr('"{what}" must be a list', what=what))
    return value


def as_text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise Untrusted(tr('"{what}" must be text', what=what))
    return value


def as_int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Untrusted(tr('"{what}" must be a whole number', what=what))
    return value


def as_size(value: Any, what: str) -> int:
    """A whole number of zero or more (a size, a count)."""
    if as_int(value, what) < 0:
        raise Untrusted(tr('"{what}" must not be negative', what=what))
    return int(value)


def as_sha256(value: Any, what: str) -> str:
    if not SHA256_RE.match(as_text(value, what)):
        raise Untrusted(tr('"{what}" must be 64 hexadecimal digits', what=what))
    return str(value)


# Names ------------------------------------------------------------------------------------
def name_problem(name: str, inside: str) -> str | None:
    """Why ``name`` (a relative name with "/", as written by someone else) cannot name a
    file inside ``inside`` ("the archive"), in a plain sentence; None when it can.

    Judged as written, never turned into a path: leading outside (``..``), absolute or
    with a drive (``C:``), with backslashes or with control characters are refused.
    """
    if not name or any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return tr("it holds a file with an unusable name ({name!r}).", name=name)
    if "\\" in name:
        return tr(
            "it holds a file name written with backslashes ({name}), which this program "
            "does not accept.",
            name=name,
        )
    if name.startswith("/") or _DRIVE.match(name):
        return tr(
            "it holds a file with a name that points to a fixed place on a computer "
            "({name}) instead of into {inside}.",
            name=name,
            inside=inside,
        )
    parts = name.rstrip("/").split("/")
    if any(part in ("..", ".", "") for part in parts):
        return tr(
            "it holds a file whose name leads outside {inside} ({name}).", name=name, inside=inside
        )
    return None
