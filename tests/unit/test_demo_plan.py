"""The example dossier shows a plan that does not fit (issue 19), in every language: the
thyroid case, whose first free second-opinion appointment leaves too little time for the
written report before the surgeon's date must be confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.core.demo import build_demo
from dossier.core.demo_content import demo_content
from dossier.core.i18n import LANGUAGES, language_scope
from dossier.core.locale_format import medium_date
from dossier.core.plan import open_plans
from tests.pinned_day import PinDay

# A day of the week for each language, so the plan is seen not to fit whatever the
# weekday (the insurer's approval is counted in working days): Tuesday, Saturday,
# Sunday, Monday, Friday.
DAYS = {
    "en": "2026-05-12",
    "nl": "2026-05-16",
    "he": "2026-05-17",
    "uk": "2026-05-18",
    "ru": "2026-05-22",
}


def test_every_language_is_tried() -> None:
    assert set(DAYS) == set(LANGUAGES)


@pytest.mark.parametrize("code", sorted(DAYS))
def test_exactly_one_open_case_has_a_plan_that_does_not_fit(
    code: str, tmp_path: Path, today: PinDay
) -> None:
    day = today(DAYS[code])
    dossier = build_demo(tmp_path / "demo", today=day, language=code)
    try:
        with language_scope(code):
            plans = open_plans(dossier)
            titles = {p.case["title"] for p in plans}
            (late,) = [p for p in plans if not p.fits]
            consultation = late.step("consultation")
            assert consultation.expected is not None and late.deadline is not None
            deadline, consulted = medium_date(late.deadline), medium_date(consultation.expected)
    finally:
        dossier.close()

    told = demo_content(code)
    assert late.case["title"] == told.cases["thyroid"]["title"]
    assert told.cases["breast"]["title"] in titles  # it fits
    assert told.cases["knee"]["title"] not in titles  # decided: it needs no plan
    assert 1 <= late.days_over <= 7  # a few days: a plan worth mending, not a lost cause
    # The reason given is the consultation: the first free appointment is after the last
    # day that leaves time for the report; the records and the insurer are in time.
    assert consultation.fixed and consultation.status == "late"
    assert consultation.days_late == late.days_over
    assert late.step("records_received").days_late == 0
    assert late.step("insurer_approval").days_late == 0
    # The problem names the deadline and the consultation's day, as the language writes them.
    assert deadline in late.problem
    assert consulted in late.problem
    keys = [c.key for c in late.choices]
    assert keys == ["move_deadline", "earlier_appointment", "faster_report"]
