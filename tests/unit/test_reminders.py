"""Reminders on the desktop, in the core: the calendar's alarm times, each given once, the
look-back, a dossier open for reading only, and the words in plain language.

The clock is pinned (tests/conftest.py: 2026-05-12); every ``now`` is given explicitly.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from dossier.core import records
from dossier.core.bidi import without_isolates
from dossier.core.calendar_items import calendar_items
from dossier.core.errors import ValidationError
from dossier.core.i18n import language_scope
from dossier.core.opening import open_dossier
from dossier.core.reminder_texts import MAX_NAME
from dossier.core.reminders import (
    KEEP_SHOWN,
    LOOK_BACK,
    Reminder,
    due_reminders,
    mark_reminders_shown,
    mark_shown,
    missed_reminders,
    next_alarm_at,
)
from dossier.core.storage import Dossier
from tests.unit.test_foreign_schema import WIPE, tamper

SECOND = timedelta(seconds=1)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def fill(dossier: Dossier) -> dict[str, int]:
    """A contact, a case with a deadline, an appointment with the contact, a task."""
    doctor = records.create(
        dossier, "contact", {"name": "Dr Cohen", "institution": "Rabin Medical Center"}
    ).id
    case = records.create(
        dossier,
        "case",
        {"title": "Knee: operate or wait?", "decision_deadline": "2026-06-01"},
    ).id
    appointment = records.create(
        dossier,
        "appointment",
        {
            "case_id": case,
            "contact_id": doctor,
            "starts_at": "2026-05-20 14:00",
            "purpose": "Second opinion on the knee",
        },
    ).id
    task = records.create(
        dossier, "task", {"case_id": case, "title": "Ask for the X-rays", "due_on": "2026-05-15"}
    ).id
    return {"case": case, "appointment": appointment, "task": task, "contact": doctor}


def plain(reminders: list[Reminder]) -> list[str]:
    return [without_isolates(r.text) for r in reminders]


def shown_rows(dossier: Dossier) -> dict[str, str]:
    return dict(dossier.db.execute("SELECT key, shown_at FROM reminder_shown").fetchall())


def test_each_alarm_is_due_at_the_calendars_time_and_not_a_second_before(
    dossier: Dossier,
) -> None:
    fill(dossier)
    alarms = [(a, item) for item in calendar_items(dossier) for a in item.alarms]
    assert {a.key for a, _item in alarms} == {
        "appointment-1@1d",
        "appointment-1@2h",
        "deadline-1@3d",
        "task-1@due",
    }
    for alarm, item in alarms:
        just_before = alarm.at - SECOND
        assert [r.key for r in due_reminders(dossier, just_before, since=just_before)] == []
        due = due_reminders(dossier, alarm.at, since=just_before)
        assert [(r.key, r.at, r.entity, r.record_id) for r in due] == [
            (alarm.key, alarm.at, item.entity, item.record_id)
        ]
    # the calendar's rule, said once more in plain times
    times = {a.key: a.at for a, _item in alarms}
    assert times["appointment-1@1d"] == at("2026-05-19 14:00")
    assert times["appointment-1@2h"] == at("2026-05-20 12:00")
    assert times["deadline-1@3d"] == at("2026-05-29 09:00")
    assert times["task-1@due"] == at("2026-05-15 09:00")


def test_the_next_alarm_is_the_calendars_next(dossier: Dossier) -> None:
    assert next_alarm_at(dossier, at("2026-05-12 08:00")) is None
    fill(dossier)
    assert next_alarm_at(dossier, at("2026-05-12 08:00")) == at("2026-05-15 09:00")
    assert next_alarm_at(dossier, at("2026-05-15 09:00")) == at("2026-05-19 14:00")
    assert next_alarm_at(dossier, at("2026-05-29 09:00")) is None


def test_a_reminder_is_given_once(dossier: Dossier) -> None:
    fill(dossier)
    now = at("2026-05-15 09:30")
    due = due_reminders(dossier, now)
    assert [r.key for r in due] == ["task-1@due"]
    assert mark_reminders_shown(dossier, due, now) is True
    assert due_reminders(dossier, now) == []
    assert shown_rows(dossier) == {"task-1@due": "2026-05-15T09:30:00"}
    # it stays given when the dossier is opened again, as on another computer
    path = dossier.path
    dossier.close()
    with open_dossier(path) as again:
        assert due_reminders(again, now + timedelta(hours=5)) == []


def test_an_item_with_alarms_missed_together_is_one_reminder(dossier: Dossier) -> None:
    fill(dossier)
    now = at("2026-05-20 13:00")  # both the day before and two hours before have passed
    due = due_reminders(dossier, now)
    assert [(r.key, r.keys) for r in due] == [
        ("task-1@due", ("task-1@due",)),
        ("appointment-1@2h", ("appointment-1@1d", "appointment-1@2h")),
    ]
    mark_reminders_shown(dossier, due, now)
    assert due_reminders(dossier, now) == []
    assert set(shown_rows(dossier)) == {"task-1@due", "appointment-1@1d", "appointment-1@2h"}


def test_the_earliest_first(dossier: Dossier) -> None:
    fill(dossier)
    records.create(dossier, "task", {"title": "Later task", "due_on": "2026-05-18"})
    records.create(dossier, "task", {"title": "Earlier task", "due_on": "2026-05-13"})
    due = due_reminders(dossier, at("2026-05-19 15:00"))
    assert [r.at for r in due] == sorted(r.at for r in due)
    assert [r.key for r in due] == ["task-3@due", "task-1@due", "task-2@due", "appointment-1@1d"]


def test_alarms_older_than_the_look_back_are_not_given(dossier: Dossier) -> None:
    fill(dossier)
    alarm = at("2026-05-15 09:00")  # the task's
    assert timedelta(days=14) == LOOK_BACK
    inside = alarm + LOOK_BACK - SECOND
    assert [r.key for r in missed_reminders(dossier, inside)][:1] == ["task-1@due"]
    outside = alarm + LOOK_BACK
    assert "task-1@due" not in [r.key for r in missed_reminders(dossier, outside)]
    # ``since`` narrows it further: what fell due while the program ran
    since = at("2026-05-19 13:00")
    assert [r.key for r in due_reminders(dossier, at("2026-05-19 14:00"), since=since)] == [
        "appointment-1@1d"
    ]


def test_a_moved_appointment_is_reminded_of_again_at_its_new_time(dossier: Dossier) -> None:
    made = fill(dossier)
    now = at("2026-05-19 14:30")
    mark_reminders_shown(dossier, due_reminders(dossier, now), now)
    records.update(dossier, "appointment", made["appointment"], {"starts_at": "2026-05-27 10:00"})
    assert [r.key for r in due_reminders(dossier, at("2026-05-19 15:00"))] == []
    due = due_reminders(dossier, at("2026-05-26 10:00"))
    assert [r.key for r in due] == ["appointment-1@1d"]


def test_a_done_task_is_no_reminder(dossier: Dossier) -> None:
    made = fill(dossier)
    records.update(dossier, "task", made["task"], {"done": True})
    assert due_reminders(dossier, at("2026-05-15 10:00")) == []


def test_on_a_dossier_open_for_reading_only_once_per_opening(
    dossier: Dossier, tmp_path: Path
) -> None:
    fill(dossier)
    path = dossier.path
    dossier.close()
    tamper(path, WIPE)
    now = at("2026-05-15 09:30")
    with open_dossier(path) as read_only:
        assert read_only.read_only is not None
        due = due_reminders(read_only, now)
        assert [r.key for r in due] == ["task-1@due"]
        assert mark_reminders_shown(read_only, due, now) is False  # never raises
        assert due_reminders(read_only, now) == []  # not twice while it is open
        assert shown_rows(read_only) == {}
    with open_dossier(path) as again:
        assert [r.key for r in due_reminders(again, now)] == ["task-1@due"]


def test_marking_refuses_what_is_not_a_calendar_alarm(dossier: Dossier) -> None:
    fill(dossier)
    for bad in (["task-1@due", "'; DROP TABLE case; --"], ["x" * 5000], ["task-1"]):
        with pytest.raises(ValidationError):
            mark_shown(dossier, bad, at("2026-05-15 10:00"))
    assert shown_rows(dossier) == {}
    with pytest.raises(ValidationError):
        mark_shown(dossier, [f"task-{n}@due" for n in range(10_001)])
    assert shown_rows(dossier) == {}


def test_old_marks_are_let_go(dossier: Dossier) -> None:
    fill(dossier)
    mark_shown(dossier, ["task-1@due"], at("2026-01-01 10:00"))
    mark_shown(dossier, ["deadline-1@3d"], at("2026-01-01 10:00") + KEEP_SHOWN)
    assert set(shown_rows(dossier)) == {"task-1@due", "deadline-1@3d"}
    mark_shown(dossier, ["appointment-1@1d"], at("2026-01-01 10:00") + KEEP_SHOWN + SECOND)
    assert set(shown_rows(dossier)) == {"deadline-1@3d", "appointment-1@1d"}


def test_a_mark_that_is_not_a_time_counts_as_not_given(dossier: Dossier) -> None:
    fill(dossier)
    dossier.db.execute("INSERT INTO reminder_shown VALUES ('task-1@due', 'yesterday')")
    assert [r.key for r in due_reminders(dossier, at("2026-05-15 10:00"))] == ["task-1@due"]


def texts_at(dossier: Dossier, now: datetime) -> dict[str, str]:
    return {r.key.split("@")[0]: without_isolates(r.text) for r in due_reminders(dossier, now)}


def test_the_words(dossier: Dossier) -> None:
    fill(dossier)
    assert texts_at(dossier, at("2026-05-15 09:00")) == {"task-1": "Due today: Ask for the X-rays"}
    assert texts_at(dossier, at("2026-05-19 14:00"))["appointment-1"] == (
        "Tomorrow at 14:00: appointment with Dr Cohen at Rabin Medical Center"
    )
    later = texts_at(dossier, at("2026-05-20 12:00"))
    assert later["appointment-1"] == (
        "Today at 14:00: appointment with Dr Cohen at Rabin Medical Center"
    )
    assert later["task-1"] == "Overdue since Fri 15 May: Ask for the X-rays"
    assert texts_at(dossier, at("2026-05-29 09:00"))["deadline-1"] == (
        "In 3 days, on Mon 1 Jun: decision deadline for Knee: operate or wait?"
    )
    assert texts_at(dossier, at("2026-06-02 09:00"))["deadline-1"] == (
        "Overdue since Mon 1 Jun: decision deadline for Knee: operate or wait?"
    )
    assert texts_at(dossier, at("2026-05-21 08:00"))["appointment-1"] == (
        "Yesterday at 14:00: appointment with Dr Cohen at Rabin Medical Center"
    )
    assert texts_at(dossier, at("2026-05-25 08:00"))["appointment-1"] == (
        "On Wed 20 May at 14:00 (past): appointment with Dr Cohen at Rabin Medical Center"
    )
    (reminder,) = [
        r for r in due_reminders(dossier, at("2026-05-19 14:00")) if r.kind == "appointment"
    ]
    assert reminder.details.splitlines() == [
        "Second opinion on the knee",
        "Case: Knee: operate or wait?",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"purpose": "Scan"}, "Tomorrow at 14:00: appointment: Scan"),
        ({"location": "Room 4"}, "Tomorrow at 14:00: appointment at Room 4"),
        ({}, "Tomorrow at 14:00: appointment"),
    ],
)
def test_an_appointment_says_what_is_known(
    dossier: Dossier, data: dict[str, Any], expected: str
) -> None:
    records.create(dossier, "appointment", {"starts_at": "2026-05-20 14:00", **data})
    assert texts_at(dossier, at("2026-05-19 14:00")) == {"appointment-1": expected}


def test_long_and_broken_titles_are_cut_to_one_short_line(dossier: Dossier) -> None:
    title = "Ask\nfor " + "the X-rays " * 40
    records.create(dossier, "task", {"title": title, "due_on": "2026-05-15"})
    (reminder,) = due_reminders(dossier, at("2026-05-15 09:00"))
    what = without_isolates(reminder.text).removeprefix("Due today: ")
    assert "\n" not in what and len(what) == MAX_NAME and what.endswith("…")


def test_the_words_in_another_language(dossier: Dossier) -> None:
    fill(dossier)
    with language_scope("nl"):  # dates as the language writes them
        words = texts_at(dossier, at("2026-05-20 12:00"))
        assert "vr 15 mei" in words["task-1"]
        assert "14:00" in words["appointment-1"]
    with language_scope("pseudo"):  # every piece goes through the catalogue
        words = texts_at(dossier, at("2026-05-20 12:00"))
        assert "Ask for the X-rays" in words["task-1"]
        assert "Övérdüé" in words["task-1"]
        assert "àppôîñtméñt wîth Dr Cohen" in words["appointment-1"]
    with language_scope("he"):  # names kept whole in a right-to-left sentence
        (task, _appointment) = due_reminders(dossier, at("2026-05-20 12:00"))
        assert "\u2068Ask for the X-rays\u2069" in task.text
