"""The PySide6 window over the core."""

from .pyside_fix import keep_singletons_alive

# PySide6 6.12.0 on Python 3.11 drops references to None and True on every call;
# without this the window aborts after a few hundred clicks (see the module).
keep_singletons_alive()
