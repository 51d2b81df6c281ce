"""Babel is loaded in a thread of its own at start (dossier.core.locale_format.warm_up): the
dates written afterwards read the same, in the language set meanwhile."""

from __future__ import annotations

import threading
from datetime import date

from dossier.core.i18n import language_scope
from dossier.core.locale_format import full_date, medium_date, warm_up


def _join_warm_ups() -> None:
    for thread in threading.enumerate():
        if thread.name == "babel-warm-up":
            thread.join(timeout=30)


def test_dates_read_the_same_after_the_warm_up() -> None:
    day = date(2026, 3, 14)
    warm_up()
    _join_warm_ups()
    assert full_date(day) == "Saturday, 14 March 2026"
    assert medium_date(day) == "14 Mar 2026"


def test_the_warm_up_in_another_language_leaves_the_dates_of_that_language() -> None:
    day = date(2026, 3, 14)
    with language_scope("nl"):
        warm_up()
        _join_warm_ups()
        assert full_date(day) == "zaterdag 14 maart 2026"
