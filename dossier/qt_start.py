"""What must be done once before the program calls Qt: importing this module does it.

:mod:`dossier.ui` and :mod:`dossier.reports` import it first, so whichever of them a
process loads (the window, or ``dossier print`` without one), Qt is never called before
it. It sits below both and above the core, which never imports it (nor Qt).

It holds two things. First, keeping None, True and False alive under PySide6 6.12 on
Python 3.11. PySide6 6.12.0 drops a reference to None on every call of a method that
returns nothing (``setText``, ``repaint``, a painter's ``drawText``…) and to True on every
``emit``. Python 3.11 aborts ("Fatal Python error: none_dealloc") when such a count reaches
zero: a thumbnail grid repainted a few dozen times, or a long packet, was enough. Python
3.12 made these objects immortal; this gives them the same fate on 3.11 by adding a very
large number to their reference counts, once. They are never freed anyway, so nothing else
changes. Remove it when PySide6 is fixed or the project moves to Python 3.12.

Second, a quicker look at each module imported once PySide6 is loaded: PySide6 asks of
every such module whether its source mentions "PySide6" (for its ``__feature__`` switch),
through :func:`inspect.getsource`, which reads and tokenizes the whole file: about 12 ms
of the window's start for our hundred-odd modules. The same question is answered by
reading the file's bytes (:func:`read_source_quickly`); for a module without a ``.py``
file PySide6's own answer stands. Where PySide6 no longer has this check, nothing is done.
"""

from __future__ import annotations

import ctypes
import sys
from types import ModuleType
from typing import Any

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


def read_source_quickly() -> None:
    """Answer PySide6's "does this module use PySide6?" from the file's bytes."""
    import PySide6  # noqa: F401  (already loaded in the window) sets up its import check

    feature: Any = sys.modules.get("PySide6.support.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "quick", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    uses_pyside.quick = True  # type: ignore[attr-defined]
    uses_pyside.original = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside


keep_singletons_alive()  # once per process: a module's body runs once
read_source_quickly()
