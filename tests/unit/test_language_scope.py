"""A piece of work can speak another language than the process (a Dutch brief printed from a
Ukrainian window), and dates and numbers follow the language (CLDR)."""

from __future__ import annotations

import threading
from datetime import date, time

from dossier.core import locale_format
from dossier.core.i18n import current_language, language_scope, set_language, tr
from dossier.core.pseudo import pseudo

DAY = date(2026, 3, 14)


def test_scope_overrides_the_process_language_and_ends_with_the_block() -> None:
    set_language("uk")
    try:
        with language_scope("nl") as chosen:
            assert chosen == current_language() == "nl"
            assert locale_format.long_date(DAY) == "14 maart 2026"
        assert current_language() == "uk"
        assert locale_format.long_date(DAY) == "14 березня 2026\u202fр."
    finally:
        set_language("en")


def test_scope_belongs_to_its_thread() -> None:
    seen: list[str] = []
    with language_scope("he"):
        worker = threading.Thread(target=lambda: seen.append(current_language()))
        worker.start()
        worker.join()
        assert current_language() == "he"
    assert seen == ["en"]  # a print job sets its own scope inside the job


def test_dates_numbers_and_money_per_language() -> None:
    expected = {
        "en": ("14 March 2026", "14 Mar 2026", "1,234.5", "€1,234.50"),
        "nl": ("14 maart 2026", "14 mrt 2026", "1.234,5", "€\xa01.234,50"),
        "ru": ("14 марта 2026\u202fг.", "14 мар. 2026\u202fг.", "1\xa0234,5", "1\xa0234,50\xa0€"),
    }
    for code, (long, medium, number, money) in expected.items():
        with language_scope(code):
            assert locale_format.long_date(DAY) == long
            assert locale_format.medium_date(DAY) == medium
            assert locale_format.number(1234.5) == number
            assert locale_format.money(1234.5, "eur") == money
            assert locale_format.short_time(time(14, 30)) == "14:30"
    with language_scope("he"):
        assert "במרץ" in locale_format.long_date(DAY)


def test_pseudo_language_lengthens_and_keeps_what_code_fills_in() -> None:
    text = "Delete <b>{title}</b> &amp; its &files?"
    shown = pseudo(text)
    assert shown.startswith("⟦") and shown.endswith("⟧")
    for kept in ("<b>", "{title}", "</b>", "&amp;", "&f"):
        assert kept in shown
    assert len(shown) >= len(text) * 1.3
    with language_scope("pseudo"):
        assert tr("Delete {title}?", title="Report").startswith("⟦Dé")
        assert "Report" in tr("Delete {title}?", title="Report")


def test_a_value_ending_in_a_full_stop_ends_the_sentence_once() -> None:
    with language_scope("uk"):
        day = locale_format.long_date(DAY)
    assert tr("Decided on {day}.", day=day).endswith("2026\u202fр.")
    assert tr("Decided on {day}.", day="14 March 2026") == "Decided on 14 March 2026."


def test_short_dates_follow_each_languages_grammar() -> None:
    """Hebrew writes 'ב' before the month ("9 ביוני 2026"), not "9 יוני 2026"."""
    day = date(2026, 6, 9)
    with language_scope("he"):
        assert locale_format.medium_date(day) == "9 ביוני 2026"
        assert locale_format.day_month(day) == "9 ביוני"
    with language_scope("en"):
        assert locale_format.weekday_date(day) == "Tue 9 Jun 2026"
