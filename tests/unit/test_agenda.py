"""The one rule for how soon an appointment or deadline is, and the order they come in."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.core import records
from dossier.core.agenda import agenda, status_of
from dossier.core.overview import overview
from dossier.core.storage import Dossier

TODAY = "2026-06-15"


@pytest.fixture
def planned(dossier: Dossier, monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[str, int]]:
    """Appointments and deadlines on every side of the pinned day, added out of order."""
    monkeypatch.setenv("DOSSIER_TODAY", TODAY)

    def appointment(starts_at: str) -> tuple[str, int]:
        return ("appointment", records.create(dossier, "appointment", {"starts_at": starts_at}).id)

    def task(title: str, **more: object) -> tuple[str, int]:
        return ("task", records.create(dossier, "task", {"title": title, **more}).id)

    return {
        "later": appointment("2026-07-01T09:00"),
        "long ago": appointment("2026-05-01T10:00"),
        "this afternoon": appointment("2026-06-15T15:30"),
        "this morning": appointment("2026-06-15T08:00"),
        "yesterday": appointment("2026-06-14T11:00"),
        "far off": appointment("2026-09-01T09:00"),
        "undated": task("Find the old X-rays"),
        "due today": task("Send the form", due_on=TODAY),
        "overdue long": task("Ask for the report", due_on="2026-06-01"),
        "overdue": task("Phone the insurer", due_on="2026-06-10"),
        "coming": task("Book the taxi", due_on="2026-06-20"),
        "done": task("Sent the letter", due_on="2026-06-12", done=True, done_on="2026-06-12"),
    }


def test_status_of_each_side_of_today() -> None:
    now = date(2026, 6, 15)
    before, after = date(2026, 6, 14), date(2026, 6, 16)
    assert status_of(before, now, kind="task") == "overdue"
    assert status_of(before, now, kind="appointment") == "past"
    assert status_of(now, now, kind="task") == "today"
    assert status_of(now, now, kind="appointment") == "today"
    assert status_of(after, now, kind="task") == "upcoming"
    assert status_of(None, now, kind="task") == "undated"
    assert status_of(before, now, kind="task", done=True) == "done"


def test_overdue_first_then_today_and_coming_then_undated_then_the_past_newest_first(
    dossier: Dossier, planned: dict[str, tuple[str, int]]
) -> None:
    names = {key: name for name, key in planned.items()}
    entries = agenda(dossier)
    order = [names[e.key] for e in entries]
    assert order == [
        "overdue long",
        "overdue",
        "this morning",
        "this afternoon",
        "due today",
        "coming",
        "later",
        "far off",
        "undated",
        "yesterday",
        "done",
        "long ago",
    ]
    status = {names[e.key]: e.status for e in entries}
    assert status["overdue"] == "overdue" and status["yesterday"] == "past"
    assert status["done"] == "done" and status["undated"] == "undated"
    assert [e.time for e in entries[2:4]] == ["08:00", "15:30"]


def test_the_overview_follows_the_same_rule_and_order(
    dossier: Dossier, planned: dict[str, tuple[str, int]]
) -> None:
    seen = overview(dossier, weeks=6)
    assert [t["id"] for t in seen.tasks] == [
        planned[n][1] for n in ("overdue long", "overdue", "due today", "coming", "undated")
    ]
    assert [t["overdue"] for t in seen.tasks] == [True, True, False, False, False]
    assert [a["id"] for a in seen.appointments] == [
        planned[n][1] for n in ("this morning", "this afternoon", "later")
    ]
