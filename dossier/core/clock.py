"""Today's date and the current time, in one place (tests may set DOSSIER_TODAY)."""

from __future__ import annotations

import os
from datetime import date, datetime


def today() -> date:
    """Today, or the date in the DOSSIER_TODAY environment variable (YYYY-MM-DD)."""
    fixed = os.environ.get("DOSSIER_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


def now_iso() -> str:
    """Local time to the second, ISO 8601 without time zone."""
    return datetime.now().replace(microsecond=0).isoformat()
