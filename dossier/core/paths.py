"""Where the program keeps its own files: settings, the example dossier, recent dossiers,
and the files it comes with (``resources/``: icons, the archive format).

``DOSSIER_HOME`` overrides every one of these folders (tests set it, so no test
touches a real profile); otherwise the platform's usual places are used. The program's
own files in them are read and written through :mod:`.safe_files`, never through a link.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "SecondOpinionDossier"
_RECENT_MAX = 10
_RECENT_MAX_BYTES = 1 << 20  # ten paths; more is not ours
RECENT_NAME = "recent.json"
_LINUX: bool = sys.platform.startswith("linux")


def _home() -> Path | None:
    value = os.environ.get("DOSSIER_HOME")
    return Path(value) if value else None


def _xdg(variable: str, default: str) -> Path:
    """A folder of the XDG base directory rules (Linux), as platformdirs finds it."""
    value = os.environ.get(variable, "").strip()
    return (Path(value) if value else Path.home() / default) / APP_DIR_NAME


def data_dir() -> Path:
    home = _home()
    if home:
        return home / "data"
    if _LINUX:  # without importing platformdirs: a quicker start
        return _xdg("XDG_DATA_HOME", ".local/share")
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, False))


def config_dir() -> Path:
    home = _home()
    if home:
        return home / "config"
    if _LINUX:
        return _xdg("XDG_CONFIG_HOME", ".config")
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_DIR_NAME, False))


def unfinished_dir() -> Path:
    """Where the program notes the temporary copies it is making (see core/unfinished.py)."""
    return config_dir() / "unfinished"


def demo_dossier_path() -> Path:
    """Where the example dossier lives once made."""
    return data_dir() / "Example dossier"


def recent_dossiers() -> list[Path]:
    """Dossiers opened before, most recent first (missing ones left out)."""
    import json  # here, like safe_files: the window's start does without them

    from . import safe_files

    try:
        with safe_files.open_for_reading(config_dir(), RECENT_NAME) as handle:
            names = json.loads(handle.read(_RECENT_MAX_BYTES))
    except (OSError, ValueError):  # missing, unreadable, or a link (never read through)
        return []
    if not isinstance(names, list):
        return []
    return [Path(n) for n in names if isinstance(n, str) and Path(n).is_dir()]


def remember_dossier(path: Path) -> None:
    """Put ``path`` first in the recent list (written atomically, never through a link in
    its place; the list is a convenience, so a failure to write it changes nothing else)."""
    import json

    from .atomic_write import write_atomically

    entries = [str(path.resolve())] + [
        str(p) for p in recent_dossiers() if p.resolve() != path.resolve()
    ]
    data = json.dumps(entries[:_RECENT_MAX], indent=1).encode("utf-8")
    try:
        config_dir().mkdir(parents=True, exist_ok=True)
        write_atomically(config_dir(), RECENT_NAME, data)
    except OSError:
        return
