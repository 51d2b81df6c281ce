"""Keep the terminal clean while image libraries read a file they may not like.

libtiff, libpng and libjpeg, reached through Qt's image plugins, print their complaints
("picture: Not a TIFF or MDI file", "libpng error: …") straight to the process's standard
error, below Python and below Qt's message handler. What was wrong is said on the page
that stands in for the picture instead, so while a picture is decoded, file descriptor 2
points at the null device. Other threads' messages written in that moment are lost too;
the decoding is short, and a lock keeps two of them from restoring each other's stderr.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.RLock()


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Nothing written to file descriptor 2 inside the block reaches the terminal."""
    with _LOCK:
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, 2)
            finally:
                os.close(null)
            try:
                yield
            finally:
                os.dup2(saved, 2)
        finally:
            os.close(saved)
