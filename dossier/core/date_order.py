"""A record's end cannot come before its start: a medicine stopped, or a treatment ended,
before it was started.

Every way of storing a record goes through :func:`~dossier.core.records.create` or
:func:`~dossier.core.records.update` (the form, the "Stopped…" button, the command line);
both apply this rule, on the values as they will be stored (an edit that changes only the
end is checked against the start already stored).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from .entity_model import Entity
from .errors import ValidationError
from .i18n import N_, tr
from .locale_format import long_date

# The kinds of record whose end must not come before their start: (start, end) fields, and
# what is said when it does ({start} and {end}: the two days).
ORDERED: Final[dict[str, tuple[str, str, str]]] = {
    "medication": (
        "started_on",
        "ended_on",
        N_(
            "A medicine cannot be stopped before it was started: “until” is {end}, "
            "“since” is {start}. Change one of the two dates."
        ),
    ),
    "treatment": (
        "started_on",
        "ended_on",
        N_(
            "A treatment cannot end before it started: “ended” is {end}, “started” is "
            "{start}. Change one of the two dates."
        ),
    ),
}


def check_date_order(
    spec: Entity, values: Mapping[str, Any], before: Mapping[str, Any] | None
) -> None:
    """Refuse (:class:`ValidationError` on the end's field) ``values`` whose end, with what
    ``before`` holds for what they leave unchanged, comes before their start."""
    fields = ORDERED.get(spec.name)
    if fields is None:
        return
    start_key, end_key, refusal = fields
    stored = before or {}
    start = values[start_key] if start_key in values else stored.get(start_key)
    end = values[end_key] if end_key in values else stored.get(end_key)
    if not (isinstance(start, str) and isinstance(end, str)):
        return
    try:
        start_day, end_day = date.fromisoformat(start[:10]), date.fromisoformat(end[:10])
    except ValueError:
        return
    if end_day < start_day:
        message = tr(refusal, end=long_date(end_day), start=long_date(start_day))
        raise ValidationError({end_key: message})


__all__ = ["ORDERED", "check_date_order"]
