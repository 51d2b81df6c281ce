"""The working week of the insurer's working days: Monday to Friday, or Sunday to Thursday
as in Israel; the dossier's own choice, by default the program's language's; read with
suspicion."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.core import records
from dossier.core.dossier_settings import set_setting
from dossier.core.errors import ValidationError
from dossier.core.i18n import language_scope
from dossier.core.plan import case_plan
from dossier.core.plan.schedule import add_working_days, less_working_days
from dossier.core.plan.working_week import (
    SETTING,
    default_week,
    read_working_week,
    save_working_week,
    week_label,
    working_days,
)
from dossier.core.storage import Dossier
from tests.pinned_day import PinDay
from tests.unit.test_plan import insurer_asking_first

SUNDAY_TO_THURSDAY = working_days("sun-thu")


def test_sunday_to_thursday_skips_friday_and_saturday() -> None:
    thursday = date(2026, 5, 14)
    assert add_working_days(thursday, 1, SUNDAY_TO_THURSDAY) == date(2026, 5, 17)  # Sunday
    assert add_working_days(thursday, 1) == date(2026, 5, 15)  # Friday, Monday to Friday
    # Ten working days from Tuesday 12 May: the 26th either way (two weekends skipped)...
    assert add_working_days(date(2026, 5, 12), 10, SUNDAY_TO_THURSDAY) == date(2026, 5, 26)
    # ...but from a Friday they differ: Sunday counts in Israel, Monday elsewhere.
    assert add_working_days(date(2026, 5, 15), 10, SUNDAY_TO_THURSDAY) == date(2026, 5, 28)
    assert add_working_days(date(2026, 5, 15), 10) == date(2026, 5, 29)
    sunday = date(2026, 6, 21)
    assert less_working_days(sunday, 1, SUNDAY_TO_THURSDAY) == date(2026, 6, 18)  # Thursday
    assert less_working_days(sunday, 1) == date(2026, 6, 19)  # Friday
    for start in (date(2026, 5, 15), date(2026, 12, 31), date(2028, 2, 29)):
        for count in range(0, 30):
            later = add_working_days(start, count, SUNDAY_TO_THURSDAY)
            assert later.weekday() in SUNDAY_TO_THURSDAY or count == 0
            assert less_working_days(later, count, SUNDAY_TO_THURSDAY) <= start


def test_the_default_follows_the_program_s_language() -> None:
    assert default_week() == "mon-fri"
    for language, week in {
        "he": "sun-thu",
        "nl": "mon-fri",
        "ru": "mon-fri",
        "uk": "mon-fri",
    }.items():
        with language_scope(language):
            assert default_week() == week
    with language_scope("he"):
        assert week_label("sun-thu") != "Sunday to Thursday"  # in Hebrew
    assert week_label("sun-thu") == "Sunday to Thursday"


def test_the_week_chosen_is_the_dossier_s_and_anything_else_is_the_default(
    dossier: Dossier,
) -> None:
    assert read_working_week(dossier) == "mon-fri"
    save_working_week(dossier, "sun-thu")
    assert read_working_week(dossier) == "sun-thu"
    with language_scope("nl"):  # the dossier's choice, whatever the language
        assert read_working_week(dossier) == "sun-thu"
    with pytest.raises(ValidationError) as refused:
        save_working_week(dossier, "sat-wed")
    assert "sat-wed" in refused.value.message and "sun-thu" in refused.value.message
    assert read_working_week(dossier) == "sun-thu"  # unchanged
    for junk in ("SUN-THU", "x" * 5000, "", "mon-fri; DROP TABLE case"):
        set_setting(dossier, SETTING, junk)  # a dossier someone edited
        assert read_working_week(dossier) == "mon-fri"


def test_the_plan_counts_the_insurer_s_days_in_the_dossier_s_week(
    dossier: Dossier, today: PinDay
) -> None:
    today("2026-05-15")  # a Friday: the two weeks count differently from here
    insurer_asking_first(dossier, "Kupat Holim Meuhedet")
    case = records.create(
        dossier, "case", {"title": "בלוטת התריס", "decision_deadline": "2026-06-30"}
    ).id
    europe = case_plan(dossier, case).step("insurer_approval")
    save_working_week(dossier, "sun-thu")
    israel = case_plan(dossier, case).step("insurer_approval")
    assert europe.expected == date(2026, 5, 29)  # ten working days, Monday to Friday
    assert israel.expected == date(2026, 5, 28)  # ten working days, Sunday to Thursday
    # Asked ten working days before the consultation (Sunday 21 June): Sunday 7 June in
    # Israel, Monday 8 June elsewhere; the doctor is chosen by then.
    assert europe.latest == israel.latest == date(2026, 6, 21)
    assert case_plan(dossier, case).step("doctor_chosen").latest == date(2026, 6, 7)
