"""Shared fixtures. Every test runs with its own DOSSIER_HOME, so no real profile is touched."""

from __future__ import annotations

import functools
import os
import shutil
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

# Before any QApplication can exist.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Every test lives on one pinned date, never the calendar's: the example dossier and every
# dated record count from it, so an expected date comes from the data, not from the day the
# test was written. DOSSIER_TEST_TODAY chooses another date; tests/unit/test_any_date.py
# runs the date-sensitive tests at several (a year's last day, 29 February, years ahead).
os.environ["DOSSIER_TODAY"] = os.environ.get("DOSSIER_TEST_TODAY", "2026-05-12")

# Every test speaks English, whatever this machine's language: the window and the command
# line follow LANGUAGE, LC_ALL, LC_MESSAGES and LANG (a test of another language sets it).
os.environ["LANGUAGE"] = "en"
os.environ["LC_ALL"] = os.environ["LC_MESSAGES"] = os.environ["LANG"] = "C.UTF-8"

import dossier.ui  # protects None/True under PySide6 6.12 on Python 3.11
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import Dossier
from tests.pinned_day import PinDay


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DOSSIER_HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    return home


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that speaks another language cannot leave it to the next one."""
    yield
    from dossier.core.i18n import current_language, set_language

    if current_language() != "en":
        set_language("en")
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if isinstance(app, QApplication):
            from dossier.ui.qt_language import apply_language

            apply_language(app, "en")


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> PinDay:
    """Today's date for this test: ``today("2026-06-15")`` (a date, or ISO text) pins that
    day and returns it; called again, it moves the clock (a window left open overnight);
    ``today()`` returns the day in force. The pin ends with the test."""

    def pin(day: date | str | None = None) -> date:
        if day is not None:
            text = day.isoformat() if isinstance(day, date) else date.fromisoformat(day).isoformat()
            monkeypatch.setenv("DOSSIER_TODAY", text)
        return date.fromisoformat(os.environ["DOSSIER_TODAY"])

    return pin


@pytest.fixture
def dossier(tmp_path: Path) -> Iterator[Dossier]:
    """A new, empty dossier for "Test Person" in a temporary folder."""
    opened = create_dossier(tmp_path / "dossier", name="Test Person", born="1960-05-17")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example dossier, built once per run. Tests that change it work on a copy."""
    from dossier.core.demo import build_demo

    path = tmp_path_factory.mktemp("demo-template") / "dossier"
    build_demo(path).close()
    return path


@pytest.fixture
def demo_copy(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the example dossier for one test."""
    copy = tmp_path / "demo"
    shutil.copytree(demo_template, copy)
    return copy


@pytest.fixture(scope="module")
def demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dossier]:
    """The example dossier, open, shared by one module's tests (which only read it)."""
    copy = tmp_path_factory.mktemp("demo") / "dossier"
    shutil.copytree(demo_template, copy)
    opened = open_dossier(copy)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def long_dossier(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Dossier, int]]:
    """A dossier with very long texts and Hebrew, Cyrillic and accented names; its case id."""
    from tests.report_dossiers import build_long_dossier

    built, case = build_long_dossier(tmp_path_factory.mktemp("long") / "dossier")
    yield built, case
    built.close()


# Tests that build dated data from the pinned date are marked "dates", and
# tests/unit/test_any_date.py runs them again at other dates: those using a fixture built
# on the example dossier, and those in a module that reckons with today or the clock.
DATED_FIXTURES = frozenset({"demo", "demo_copy", "demo_template", "long_dossier"})
# "today()" (a call), not "today": a test that takes the `today` fixture pins its own day
# and needs no other; counting its name had marked half the suite and made the check
# outgrow the CI's half hour.
_DATED_WORDS = ("clock", "today()", "build_demo", "timedelta", "DOSSIER_TODAY")


@functools.cache
def _reckons_with_dates(module: Path) -> bool:
    try:
        source = module.read_text(encoding="utf-8")
    except OSError:
        return False
    if 'setenv("DOSSIER_TODAY"' in source:
        return False  # the module pins its own day for what it builds: no other day matters
    return any(word in source for word in _DATED_WORDS)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if DATED_FIXTURES & set(getattr(item, "fixturenames", ())) or _reckons_with_dates(
            item.path
        ):
            item.add_marker(pytest.mark.dates)
    # DOSSIER_TEST_SHARD=i/n keeps the i-th of n fixed shares of the tests (by a hash of
    # their names): test_any_date.py gives each of its dates one share.
    shard = os.environ.get("DOSSIER_TEST_SHARD")
    if shard:
        index, count = (int(part) for part in shard.split("/"))
        kept = [i for i in items if zlib.crc32(i.nodeid.encode()) % count == index]
        left = [i for i in items if zlib.crc32(i.nodeid.encode()) % count != index]
        if left:
            config.hook.pytest_deselected(items=left)
        items[:] = kept
