"""How long the steps of a second opinion usually take, as the person sets them.

They are the dossier's own choice (``dossier_setting`` "plan_durations", JSON), so they
travel with it. What is stored is read with suspicion: a value that is not a whole number
in its bounds is replaced by its default, never trusted.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Final

from ..dossier_settings import get_setting, set_setting
from ..errors import ValidationError
from ..i18n import N_, tr
from ..storage import Dossier

SETTING: Final = "plan_durations"
_MAX_TEXT: Final = 4096  # a few numbers; more is not ours


@dataclass(frozen=True)
class Durations:
    """Days (the insurer's in working days) each step takes, with sensible defaults."""

    records: int = 14  # from asking for the records to holding them
    insurer: int = 10  # working days for the insurer's approval
    appointment: int = 14  # from booking to the first free appointment
    report: int = 7  # from the consultation to the written report
    decide: int = 2  # from the report to the decision: time to talk it over

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


# (name, label, upper bound): the bound keeps every date a plan makes within the calendar.
LIMITS: Final[dict[str, tuple[str, int]]] = {
    "records": (N_("Days for the records to arrive"), 365),
    "insurer": (N_("Working days for the insurer's approval"), 260),
    "appointment": (N_("Days to wait for an appointment"), 365),
    "report": (N_("Days for the written report after the consultation"), 365),
    "decide": (N_("Days to decide after the report"), 365),
}
DEFAULTS: Final = Durations()


def read_durations(dossier: Dossier) -> Durations:
    """The durations stored in the dossier; each one missing or not sound is its default."""
    stored = get_setting(dossier, SETTING)
    if stored is None or len(stored) > _MAX_TEXT:
        return DEFAULTS
    try:
        data = json.loads(stored)
    except ValueError:
        return DEFAULTS
    if not isinstance(data, dict):
        return DEFAULTS
    sound = {
        name: value
        for name, value in data.items()
        if name in LIMITS
        and isinstance(value, int)
        and not isinstance(value, bool)
        and 0 <= value <= LIMITS[name][1]
    }
    return replace(DEFAULTS, **sound)


def checked_durations(values: dict[str, Any], base: Durations = DEFAULTS) -> Durations:
    """``base`` with ``values`` (numbers or their text) put in; ValidationError naming each
    value that is not a whole number of days within its bounds."""
    problems: dict[str, str] = {}
    clean: dict[str, int] = {}
    for name, value in values.items():
        if name not in LIMITS:
            problems[name] = tr(
                "There is no duration called {name}; there are: {names}.",
                name=name,
                names=", ".join(LIMITS),
            )
            continue
        label, most = LIMITS[name]
        number = _whole(value)
        if number is None or not 0 <= number <= most:
            problems[name] = tr(
                "{label}: give a whole number from 0 to {most}.", label=tr(label), most=most
            )
        else:
            clean[name] = number
    if problems:
        raise ValidationError(problems)
    return replace(base, **clean)


def save_durations(dossier: Dossier, durations: Durations) -> None:
    """Store ``durations``; the defaults are stored as nothing."""
    if durations == DEFAULTS:
        set_setting(dossier, SETTING, None)
    else:
        set_setting(dossier, SETTING, json.dumps(durations.as_dict(), sort_keys=True))


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 4:
        return int(value.strip())
    return None


DURATION_NAMES: Final = tuple(f.name for f in fields(Durations))

__all__ = [
    "DEFAULTS",
    "DURATION_NAMES",
    "LIMITS",
    "SETTING",
    "Durations",
    "checked_durations",
    "read_durations",
    "save_durations",
]
