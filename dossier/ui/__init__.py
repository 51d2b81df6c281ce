"""The PySide6 window over the core."""

# First, before any call of Qt: the PySide6 6.12 workaround (see the module).
from .. import qt_start  # noqa: F401
