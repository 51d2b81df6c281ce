"""This computer's list of dossiers that have backups: id → folder, person, backup folders.

Kept in the user's config folder (``backups.json``), apart from every dossier, so the
backups of a dossier are still found when its folder is damaged, emptied or gone.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from .. import paths
from .files import read_json, write_json
from .pathjson import BYTES_SUFFIX, get_path

REGISTRY_NAME = "backups.json"
_MOST = 16 << 20  # a few hundred bytes per dossier in truth
_guard = threading.Lock()


def registry_path() -> Path:
    return paths.config_dir() / REGISTRY_NAME


def entries() -> dict[str, dict[str, Any]]:
    """Every dossier known to have backups, by dossier id."""
    data = read_json(registry_path(), _MOST)
    found = data.get("dossiers") if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, dict)}


def entry(dossier_id: str) -> dict[str, Any] | None:
    return entries().get(dossier_id)


def find_by_path(folder: Path) -> tuple[str, dict[str, Any]] | None:
    """The id and entry of the dossier last seen in ``folder``, if any."""
    wanted = _key(folder)
    for dossier_id, item in entries().items():
        where = get_path(item, "path")
        if where is not None and _key(where) == wanted:
            return dossier_id, item
    return None


def update(dossier_id: str, **fields: Any) -> None:
    """Set ``fields`` of a dossier's entry (written atomically; a mirror, so best effort)."""
    with _guard, contextlib.suppress(OSError):
        current = entries()
        item = dict(current.get(dossier_id, {}))
        stale = {k + BYTES_SUFFIX for k in fields} - set(fields)  # the path is text now
        if all(item.get(k) == v for k, v in fields.items()) and not stale & set(item):
            return  # nothing new: no write
        item = {k: v for k, v in item.items() if k not in stale}
        item.update(fields)
        # One path belongs to one dossier: a restored or re-keyed folder takes it over.
        path = get_path(fields, "path")
        if path is not None:
            for other_id, other in list(current.items()):
                where = get_path(other, "path")
                if other_id != dossier_id and where is not None and _key(where) == _key(path):
                    current[other_id] = {
                        k: v for k, v in other.items() if k not in ("path", "path" + BYTES_SUFFIX)
                    }
        current[dossier_id] = item
        target = registry_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        write_json(target, {"format": 1, "dossiers": current})


def _key(folder: Path) -> str:
    try:
        return str(folder.resolve())
    except OSError:
        return str(folder.absolute())
