"""The ``today`` fixture pins the program's date for one test and says which it is."""

from __future__ import annotations

import os
from datetime import date, timedelta

from dossier.core import clock
from tests.pinned_day import PinDay

DEFAULT = os.environ["DOSSIER_TODAY"]  # as tests/conftest.py set it for the whole run


def test_it_pins_a_day_and_returns_it(today: PinDay) -> None:
    assert today() == clock.today() == date.fromisoformat(DEFAULT)

    assert today("2024-02-29") == date(2024, 2, 29) == clock.today()
    assert clock.now().date() == date(2024, 2, 29)
    assert today(date(2024, 2, 29) + timedelta(days=1)) == date(2024, 3, 1) == clock.today()
    assert today() == date(2024, 3, 1)


def test_the_pin_ends_with_the_test() -> None:
    assert os.environ["DOSSIER_TODAY"] == DEFAULT
