"""What an imaging reader process does with a file it is sent (worker side): ``what`` is
"header" (the catalogue's tags), "headers" followed by a JSON list of paths (the tags of
each of a batch of files, in one round trip), "dicomdir" (the files a disc's DICOMDIR
lists), "warm" (only load the reader's libraries) or a JSON request for one image (:func:`.render.render_image`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..i18n import tr
from ..importer.handlers import Source

HEADER = "header"
HEADERS = "headers"
DICOMDIR = "dicomdir"
WARM = "warm"


def read(source: Source, what: str) -> Any:
    """``source``: a file's path; an image to draw may also come as its content (a
    protected dossier's file, decrypted in memory, see :func:`..importer.pool.source_for`).
    """
    if what == HEADER:
        from .header import read_header

        return read_header(_path(source))
    if what.startswith(HEADERS):
        return [_header(Path(p)) for p in json.loads(what[len(HEADERS) :])]
    if what == DICOMDIR:
        from .dicomdir import read_dicomdir

        return read_dicomdir(_path(source))
    if what == WARM:  # started to be ready: pydicom takes a while to load
        import pydicom.filereader  # noqa: F401

        return True
    from .render import render_image

    return render_image(source, what)


def _path(source: Source) -> Path:
    """The files of a disc being added are read by their paths; only an image kept in the
    vault is sent as its content."""
    if isinstance(source, bytes):
        raise ValueError("a disc's files are read by their paths")
    return source


def batch(paths: list[Path]) -> str:
    """What to send a reader for the tags of each of ``paths`` (the task's path is the first;
    the reply is a list of ("ok", tags) or ("err", plain reason), one for each path)."""
    return HEADERS + json.dumps([str(p) for p in paths])


def _header(path: Path) -> tuple[str, Any]:
    """One file of a batch, refused as the pool refuses a file it was sent on its own."""
    from ..importer.handlers import Unreadable
    from .header import read_header

    try:
        return "ok", read_header(path)
    except Unreadable as exc:
        return "err", str(exc)
    except MemoryError:
        return "err", tr("The file needs too much memory to read safely.")
    except RecursionError:
        return "err", tr("The file is built in a way that cannot be read safely.")
    except Exception:
        return "err", tr("The file is damaged and cannot be read.")


__all__ = ["DICOMDIR", "HEADER", "HEADERS", "WARM", "batch", "read"]
