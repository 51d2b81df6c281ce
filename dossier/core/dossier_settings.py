"""The dossier's own choices, kept in the dossier (table ``dossier_setting``), so that they
travel with it to another computer, in a backup or an archive."""

from __future__ import annotations

from .storage import Dossier


def get_setting(dossier: Dossier, key: str) -> str | None:
    """The value stored under ``key``; None when it was never set."""
    row = dossier.db.execute("SELECT value FROM dossier_setting WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def set_setting(dossier: Dossier, key: str, value: str | None) -> None:
    """Store ``value`` under ``key`` (None removes it)."""
    dossier.require_writable()
    with dossier.db.atomic():
        if value is None:
            dossier.db.execute("DELETE FROM dossier_setting WHERE key = ?", [key])
        else:
            dossier.db.execute(
                "INSERT INTO dossier_setting (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )


__all__ = ["get_setting", "set_setting"]
