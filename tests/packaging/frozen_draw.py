"""Run inside the frozen program's interpreter by test_frozen_imaging.py (through
frozen_python.py): draws every image of a dossier's imaging studies as the window does, in
a sandboxed reader process (a copy of the bundle's program), and prints what it drew.

Not a test module, and not imported: its text is run with ``report(DOSSIER_PATH)`` added.
It prints one JSON object: where numpy, pydicom and the decoders were imported from, which
of pydicom's decoders are available for each transfer syntax, and for each image its
series' description, the SHA-256 of its file, and the drawn image's size, format and the
SHA-256 of its pixels.
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import Any


def report(path: str) -> None:
    import libjpeg
    import numpy
    import openjpeg
    import pydicom
    import pylibjpeg
    import rle
    from pydicom import uid
    from pydicom.pixels.decoders.base import get_decoder

    from dossier.core import records
    from dossier.core.imaging.preview import ImageReader, series_slices
    from dossier.core.opening import open_dossier

    syntaxes = (uid.JPEGBaseline8Bit, uid.JPEGLosslessSV1, uid.JPEG2000Lossless, uid.RLELossless)
    found: dict[str, Any] = {
        "frozen": bool(getattr(sys, "frozen", False)),
        "bundle": getattr(sys, "_MEIPASS", None),
        "modules": {
            module.__name__: module.__file__
            for module in (numpy, pydicom, pylibjpeg, libjpeg, openjpeg, rle)
        },
        "decoders": {str(ts): get_decoder(ts).available_plugins for ts in syntaxes},
        "images": [],
    }
    dossier = open_dossier(path)
    reader = ImageReader(dossier)
    try:
        for study in records.list_records(dossier, "study"):
            for series in records.get(dossier, "study", study["id"])["series"]:
                for image in series_slices(dossier, series["id"]):
                    drawn = reader.draw(image)
                    found["images"].append(
                        {
                            "series": series["description"],
                            "file": image.sha256,
                            "width": drawn.width,
                            "height": drawn.height,
                            "format": drawn.format,
                            "pixels": hashlib.sha256(drawn.data).hexdigest(),
                        }
                    )
    finally:
        reader.close()
        dossier.close()
    print(json.dumps(found))
