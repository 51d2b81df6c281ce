"""What must be done once before the program calls Qt: importing this module does it.

:mod:`dossier.ui` and :mod:`dossier.reports` import it first, so whichever of them a
process loads (the window, or ``dossier print`` without one), Qt is never called before
it. It sits below both and above the core, which never imports it (nor Qt).

Today it holds one thing: keeping None, True and False alive under PySide6 6.12 on
Python 3.11. PySide6 6.12.0 drops a reference to None on every call of a method that
returns nothing (``setText``, ``repaint``, a painter's ``drawText``…) and to True on every
``emit``. Python 3.11 aborts ("Fatal Python error: none_dealloc") when such a count reaches
zero: a thumbnail grid repainted a few dozen times, or a long packet, was enough. Python
3.12 made these objects immortal; this gives them the same fate on 3.11 by adding a very
large number to their reference counts, once. They are never freed anyway, so nothing else
changes. Remove it when PySide6 is fixed or the project moves to Python 3.12.
"""

from __future__ import annotations

import ctypes
import sys

_BOOST = 1 << 40
_done = False


def keep_singletons_alive() -> None:
    """Idempotent; does nothing on Python 3.12+ (immortal objects) or outside CPython."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt, the first field
        count.value += _BOOST
    _done = True


keep_singletons_alive()  # once per process: a module's body runs once
