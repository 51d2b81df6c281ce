"""Folder paths in the JSON files of backups (``backup.json``, the registry, a backup's
manifest), so that every path survives, also one that is not valid UTF-8 text (Linux
allows any bytes in a name but "/" and NUL).

A path is written as text under its key, as always. When that text cannot hold it, its
bytes (``os.fsencode``) are written as well, in base64, under ``<key>_bytes``, and read
back from there; the text then shows it with a replacement character, for people and for
older versions of the program. Only absolute paths without NUL are read back: these
files may come from another computer.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

BYTES_SUFFIX = "_bytes"


def put_path(data: dict[str, Any], key: str, path: Path | str | None) -> None:
    """Set ``data[key]`` (and ``data[key + "_bytes"]`` when needed) to ``path``."""
    if path is None:
        data[key] = None
        return
    text, raw = _encode(path)
    data[key] = text
    if raw is not None:
        data[key + BYTES_SUFFIX] = raw


def put_paths(data: dict[str, Any], key: str, paths: Iterable[Path | str]) -> None:
    """Set ``data[key]`` to a list of paths (and ``data[key + "_bytes"]`` when needed)."""
    encoded = [_encode(p) for p in paths]
    data[key] = [text for text, _raw in encoded]
    if any(raw is not None for _text, raw in encoded):
        data[key + BYTES_SUFFIX] = [raw or _b64(os.fsencode(text)) for text, raw in encoded]


def get_path(data: dict[str, Any], key: str) -> Path | None:
    """The path written by :func:`put_path`; None when there is none or it is not usable."""
    found = _decode(data.get(key + BYTES_SUFFIX))
    return found if found is not None else _usable(data.get(key))


def get_paths(data: dict[str, Any], key: str) -> tuple[Path, ...]:
    """The paths written by :func:`put_paths` (those that are usable)."""
    texts, raws = data.get(key), data.get(key + BYTES_SUFFIX)
    if isinstance(raws, list) and isinstance(texts, list) and len(raws) == len(texts):
        chosen = [_decode(raw) or _usable(text) for raw, text in zip(raws, texts, strict=True)]
    elif isinstance(texts, list):
        chosen = [_usable(text) for text in texts]
    else:
        return ()
    return tuple(p for p in chosen if p is not None)


def _encode(path: Path | str) -> tuple[str, str | None]:
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace"), _b64(raw)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _decode(value: Any) -> Path | None:
    if not isinstance(value, str):
        return None
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return None
    return _usable(os.fsdecode(raw))


def _usable(value: Any) -> Path | None:
    if not isinstance(value, str) or not value or "\0" in value:
        return None
    path = Path(value)
    return path if path.is_absolute() else None
