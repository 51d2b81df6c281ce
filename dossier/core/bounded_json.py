"""Reading JSON that someone else wrote, with the work it can cause bounded first.

``json.loads`` builds the whole value before anyone can look at it: 90 MB of ``{}`` become
30 million dictionaries and 2.3 GB of memory, and 50,000 nested ``[`` a recursion error.
Here the bytes are scanned first, as they arrive, for their size, their nesting depth and
their number of items (each opened ``[`` or ``{`` and each ``,``: an upper bound on the
values a text can make); past any of :class:`JsonLimits` the text is refused before
anything is built, usually long before it has all been read. Only then is it parsed, with
names repeated in one object and the non-numbers ``NaN`` and ``Infinity`` refused.

Archives (their ``manifest.json``), backups (``manifest.json``, ``files.json``) and JSON
kept in text columns (a document's metadata) are all read this way:

* :func:`loads` for bytes or text already in memory;
* :func:`load_file` for a file, opened without following a link and read in chunks;
* :class:`BoundedJson` for bytes that arrive in chunks (from a zip entry): ``feed`` each
  chunk, then ``finish``.

Every refusal is a :class:`JsonRefused` (a ``ValueError``) whose ``reason`` says what is
wrong in plain words ("it is nested more than 16 levels deep"), for the caller to put
after what it was reading.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .i18n import ntr, tr
from .locale_format import number
from .sizes import human_size

Problem = Literal["too_large", "too_deep", "too_many", "not_text", "not_json", "not_file"]
_CHUNK = 1 << 20

# Outside a string: a whole string (skipped in one step), a structural byte, or the quote
# that opens a string ending in a later chunk.
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},"]', re.DOTALL)
# Inside a string that goes on from an earlier chunk: its next quote or backslash.
_IN_STRING = re.compile(rb'["\\]')


@dataclass(frozen=True)
class JsonLimits:
    """What a JSON text may take: bytes, levels of nesting, items (see the module doc)."""

    max_bytes: int
    max_depth: int
    max_items: int


class JsonRefused(ValueError):
    """A JSON text refused before or while it was parsed; ``reason`` in plain words."""

    def __init__(self, problem: Problem, reason: str) -> None:
        super().__init__(reason)
        self.problem = problem
        self.reason = reason


class BoundedJson:
    """Takes a JSON text in chunks, refusing it as soon as it passes ``limits``."""

    def __init__(self, limits: JsonLimits) -> None:
        self.limits = limits
        self.size = 0
        self.depth = 0
        self.items = 0
        self._in_string = False
        self._escaped = False  # a backslash ended the last chunk, inside a string
        self._chunks: list[bytes] = []

    def feed(self, chunk: bytes) -> None:
        """Scan ``chunk`` and keep it; :class:`JsonRefused` past the limits."""
        self.size += len(chunk)
        if self.size > self.limits.max_bytes:
            raise too_large(self.limits.max_bytes)
        self._scan(chunk)
        self._chunks.append(bytes(chunk))

    def finish(self) -> Any:
        """The value of everything fed, parsed; :class:`JsonRefused` if it is not JSON."""
        chunks, self._chunks = self._chunks, []
        return _parse(chunks)

    def _scan(self, chunk: bytes) -> None:
        limits = self.limits
        position, end = 0, len(chunk)
        while position < end:
            if self._in_string:
                if self._escaped:
                    self._escaped = False
                    position += 1
                    continue
                found = _IN_STRING.search(chunk, position)
                if found is None:
                    return
                position = found.end()
                if found.group() == b"\\":
                    if position == end:
                        self._escaped = True
                    else:
                        position += 1
                else:
                    self._in_string = False
                continue
            token = _TOKEN.search(chunk, position)
            if token is None:
                return
            position = token.end()
            mark = token.group()
            if len(mark) > 1:
                continue  # a whole string
            if mark in b"[{":
                self.depth += 1
                self.items += 1
                if self.depth > limits.max_depth:
                    raise JsonRefused(
                        "too_deep",
                        ntr(
                            "it is nested more than {n} level deep",
                            "it is nested more than {n} levels deep",
                            limits.max_depth,
                        ),
                    )
            elif mark in b"]}":
                self.depth -= 1  # below zero it is not JSON: the parser says so
            elif mark == b",":
                self.items += 1
            else:
                self._in_string = True
            if self.items > limits.max_items:
                raise JsonRefused(
                    "too_many",
                    ntr(
                        "it holds more than {count} value, more than this program reads",
                        "it holds more than {count} values, more than this program reads",
                        limits.max_items,
                        count=number(limits.max_items),
                    ),
                )


def too_large(max_bytes: int) -> JsonRefused:
    return JsonRefused(
        "too_large",
        tr("it is larger than {size}, more than this program reads", size=human_size(max_bytes)),
    )


def loads(data: bytes | str, limits: JsonLimits) -> Any:
    """The value of the JSON text ``data``, scanned against ``limits`` before it is parsed."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    reader = BoundedJson(limits)
    reader.feed(raw)
    return reader.finish()


def load_file(path: Path | str, limits: JsonLimits) -> Any:
    """The value of the JSON file at ``path``, read in chunks and scanned as it comes.

    A link is not followed (``O_NOFOLLOW`` where the system has it; elsewhere a link is
    refused after ``lstat``), and only an ordinary file is read (a pipe is opened without
    waiting for a writer, then refused). OSError as the system reports it
    (FileNotFoundError, or ELOOP for a link); :class:`JsonRefused` for what is not a file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    if not hasattr(os, "O_NOFOLLOW") and Path(path).is_symlink():
        raise OSError(errno.ELOOP, "a link, not a file", str(path))
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise JsonRefused("not_file", tr("it is not an ordinary file"))
        reader = BoundedJson(limits)
        while chunk := handle.read(_CHUNK):
            reader.feed(chunk)
    return reader.finish()


def _parse(chunks: list[bytes]) -> Any:
    """Parse the text made of ``chunks`` (emptied on the way, so only the text stays)."""
    import json  # here: the window's start does without it

    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    chunks.clear()
    try:
        text = data.decode("utf-8-sig")
        del data
    except UnicodeDecodeError:
        raise JsonRefused("not_text", tr("it is not readable text (UTF-8)")) from None
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except RecursionError:  # deeper than Python allows, yet within max_depth
        raise JsonRefused("too_deep", tr("it is nested too deeply")) from None
    except ValueError as exc:
        raise JsonRefused(
            "not_json", tr("it is not valid JSON ({error})", error=_first_line(exc))
        ) from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(tr("the name '{name}' appears twice in one object", name=key))
        found[key] = value
    return found


def _no_constant(name: str) -> Any:
    raise ValueError(tr("{name} is not a number JSON allows", name=name))


def _first_line(exc: ValueError) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


__all__ = ["BoundedJson", "JsonLimits", "JsonRefused", "load_file", "loads", "too_large"]
