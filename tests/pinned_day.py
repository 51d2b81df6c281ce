"""The type of the ``today`` fixture (tests/conftest.py), for the tests that use it."""

from __future__ import annotations

from datetime import date
from typing import Protocol


class PinDay(Protocol):
    def __call__(self, day: date | str | None = None) -> date: ...
