"""What an imaging reader process does with a file it is sent (worker side): ``what`` is
"header" (the catalogue's tags), "dicomdir" (the files a disc's DICOMDIR lists) or a JSON
request for one image (:func:`.render.render_image`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

HEADER = "header"
DICOMDIR = "dicomdir"


def read(path: Path, what: str) -> Any:
    if what == HEADER:
        from .header import read_header

        return read_header(path)
    if what == DICOMDIR:
        from .header import read_dicomdir

        return read_dicomdir(path)
    from .render import render_image

    return render_image(path, what)


__all__ = ["DICOMDIR", "HEADER", "read"]
