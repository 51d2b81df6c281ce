"""Today's date and the current time, in one place (tests may set DOSSIER_TODAY).

With ``DOSSIER_TODAY=YYYY-MM-DD`` in the environment the whole program lives on that
date: :func:`today` returns it and :func:`now` keeps the time of day but takes that date,
so dates and timestamps never disagree. The test suite pins it for every test.
"""

from __future__ import annotations

import os
from datetime import date, datetime


def today() -> date:
    """Today, or the date in the DOSSIER_TODAY environment variable (YYYY-MM-DD)."""
    fixed = os.environ.get("DOSSIER_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


def now() -> datetime:
    """The local time now (naive), on the date :func:`today` gives."""
    moment = datetime.now()
    fixed = os.environ.get("DOSSIER_TODAY")
    return datetime.combine(date.fromisoformat(fixed), moment.time()) if fixed else moment


def now_iso() -> str:
    """Local time to the second, ISO 8601 without time zone."""
    return now().replace(microsecond=0).isoformat()
