"""The working week the plan counts the insurer's working days in.

In the Netherlands and most of Europe offices work Monday to Friday; in Israel, Sunday to
Thursday, so ten working days for a health fund's approval end on another day. It is the
dossier's own choice (``dossier_setting`` "working_week"), so it travels with the dossier;
until one is chosen, it follows the program's language: Sunday to Thursday in Hebrew,
Monday to Friday otherwise. A family that reads the program in Russian in Israel chooses
it once. What is stored is read with suspicion: anything but a known week is the default.
"""

from __future__ import annotations

from typing import Final

from ..dossier_settings import get_setting, set_setting
from ..errors import ValidationError
from ..i18n import N_, current_language, tr
from ..storage import Dossier

SETTING: Final = "working_week"
# Each week by its key: its label, and its working days as date.weekday() numbers.
WEEKS: Final[dict[str, tuple[str, frozenset[int]]]] = {
    "mon-fri": (N_("Monday to Friday"), frozenset({0, 1, 2, 3, 4})),
    "sun-thu": (N_("Sunday to Thursday"), frozenset({6, 0, 1, 2, 3})),
}


def default_week() -> str:
    """The week of the program's language: Sunday to Thursday in Hebrew."""
    return "sun-thu" if current_language() == "he" else "mon-fri"


def read_working_week(dossier: Dossier) -> str:
    """The week chosen for this dossier (its key), or the default."""
    stored = get_setting(dossier, SETTING)
    return stored if stored in WEEKS else default_week()


def working_days(key: str) -> frozenset[int]:
    """The weekday numbers (Monday 0) the week ``key`` works on."""
    return WEEKS[key][1]


def week_label(key: str) -> str:
    """ "Monday to Friday"…, in the program's language."""
    return tr(WEEKS[key][0])


def save_working_week(dossier: Dossier, key: str) -> None:
    """Choose the week ``key`` for this dossier (ValidationError for another word)."""
    if key not in WEEKS:
        raise ValidationError(
            {
                "working_week": tr(
                    "There is no working week called {name}; there are: {names}.",
                    name=key,
                    names=", ".join(WEEKS),
                )
            }
        )
    set_setting(dossier, SETTING, key)


__all__ = [
    "SETTING",
    "WEEKS",
    "default_week",
    "read_working_week",
    "save_working_week",
    "week_label",
    "working_days",
]
