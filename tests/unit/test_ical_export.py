"""The calendar file (dossier.core.ical.export): read back by icalendar and by vobject (the
parser of the Radicale calendar server), its events' identifiers stable, its reminders
those of dossier.core.calendar_items, and hard data (Hebrew, Cyrillic, long texts, many
appointments) carried whole."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject

from dossier.core import records
from dossier.core.calendar_items import MORNING, Alarm, CalendarItem, calendar_items
from dossier.core.dossier_settings import get_setting
from dossier.core.ical.export import (
    MAX_EVENTS,
    SETTING,
    CalendarFileError,
    bounded,
    calendar_bytes,
    calendar_id,
    write_calendar,
)
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.sql_driver import sqlite3
from dossier.core.storage import Dossier
from tests.pinned_day import PinDay

DAY = date(2026, 5, 12)
HEBREW = "שרה כהן-לוי"
CYRILLIC = "Д-р Ольга Васильевна Петренко"
LATIN = "Ångström-Øyvind Ñúñez"


def events(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def by_key(data: bytes) -> dict[str, icalendar.Event]:
    """The events by their item's key ("appointment-4")."""
    return {uid.split(".", 1)[0]: event for uid, event in events(data).items()}


def vevents(data: bytes) -> dict[str, vobject.base.Component]:
    calendar = vobject.readOne(data.decode("utf-8"))
    return {e.uid.value.split(".", 1)[0]: e for e in calendar.vevent_list}


@pytest.fixture
def planned(dossier: Dossier, today: PinDay) -> Dossier:
    """A dossier with a case (deadline), an appointment with a doctor, a task due."""
    today(DAY)
    case = records.create(
        dossier,
        "case",
        {"title": "Thyroid nodule", "decision_deadline": "2026-06-30", "question": "Operate?"},
    ).id
    doctor = records.create(dossier, "contact", {"name": "Dr. Weiß", "institution": "Clinic"}).id
    records.create(
        dossier,
        "appointment",
        {
            "case_id": case,
            "contact_id": doctor,
            "starts_at": "2026-06-02T10:30",
            "purpose": "Second opinion; the scan, and the plan",
            "preparation": "Bring the disc",
        },
    )
    records.create(
        dossier, "task", {"case_id": case, "title": "Ask for the report", "due_on": "2026-05-20"}
    )
    return dossier


def test_the_file_is_read_back_by_icalendar_and_vobject(planned: Dossier) -> None:
    data = calendar_bytes(planned)
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["version"]) == "2.0" and str(calendar["calscale"]) == "GREGORIAN"
    assert "Second Opinion Dossier" in str(calendar["prodid"])
    assert str(calendar["x-wr-calname"]) == "Second opinion: Test Person"
    found = by_key(data)
    assert sorted(found) == ["appointment-1", "deadline-1", "task-1"]
    appointment = found["appointment-1"]
    assert str(appointment["summary"]) == "Dr. Weiß: Second opinion; the scan, and the plan"
    assert str(appointment["location"]) == "Clinic"
    assert "To prepare: Bring the disc" in str(appointment["description"])
    starts = appointment.decoded("dtstart")
    assert starts == datetime(2026, 6, 2, 10, 30) and starts.tzinfo is None  # floating
    assert appointment.decoded("dtend") == datetime(2026, 6, 2, 11, 30)
    deadline = found["deadline-1"]
    assert deadline.decoded("dtstart") == date(2026, 6, 30)
    assert deadline.decoded("dtend") == date(2026, 7, 1)
    assert "DTSTART;VALUE=DATE:20260630" in data.decode()
    assert str(deadline["transp"]) == "TRANSPARENT"
    assert str(deadline["summary"]) == "Decision deadline: Thyroid nodule"
    # The same, as a calendar server's parser reads it.
    read = vevents(data)
    assert sorted(read) == ["appointment-1", "deadline-1", "task-1"]
    assert read["appointment-1"].summary.value == str(appointment["summary"])
    assert read["appointment-1"].dtstart.value == datetime(2026, 6, 2, 10, 30)
    assert read["deadline-1"].dtstart.value == date(2026, 6, 30)


def test_each_reminder_is_an_alarm_at_the_moment_of_the_shared_rule(planned: Dossier) -> None:
    data = calendar_bytes(planned)
    items = {item.key: item for item in calendar_items(planned)}
    triggers = {}
    for key, event in by_key(data).items():
        alarms = event.walk("VALARM")
        assert [str(a["action"]) for a in alarms] == ["DISPLAY"] * len(alarms)
        assert all(str(a["description"]) == str(event["summary"]) for a in alarms)
        start = event.decoded("dtstart")
        origin = start if isinstance(start, datetime) else datetime.combine(start, time(0))
        moments = [origin + a.decoded("trigger") for a in alarms]
        assert moments == [alarm.at for alarm in items[key].alarms]
        triggers[key] = [a["trigger"].to_ical().decode() for a in alarms]
    assert triggers == {
        "appointment-1": ["-P1D", "-PT2H"],  # the day before, two hours before
        "deadline-1": ["-P2DT15H"],  # three days before, in the morning
        "task-1": ["PT9H"],  # on its day, in the morning
    }
    assert time(9, 0) == MORNING
    read = vevents(data)
    assert [a.trigger.value for a in read["appointment-1"].valarm_list] == [
        timedelta(days=-1),
        timedelta(hours=-2),
    ]


def test_identifiers_stay_the_same_across_exports_and_edits(
    planned: Dossier, tmp_path: Path
) -> None:
    first = calendar_bytes(planned)
    identity = get_setting(planned, SETTING)
    assert identity is not None and len(identity) == 32
    assert calendar_bytes(planned) == first  # the same dossier, the same bytes
    before = by_key(first)["appointment-1"]
    records.update(
        planned, "appointment", 1, {"location": "Room 12", "starts_at": "2026-06-03T09:00"}
    )
    after_bytes = calendar_bytes(planned)
    after = by_key(after_bytes)["appointment-1"]
    assert set(events(after_bytes)) == set(events(first))
    assert after["uid"] == before["uid"] == f"appointment-1.{identity}@second-opinion-dossier"
    assert str(after["location"]) == "Room 12"
    assert int(after["sequence"]) >= int(before["sequence"])
    assert after.decoded("last-modified") >= before.decoded("last-modified")
    assert after.decoded("dtstamp") == after.decoded("last-modified")
    # Another dossier never shares an identifier.
    other = create_dossier(tmp_path / "other", name="Test Person")
    try:
        records.create(other, "appointment", {"starts_at": "2026-06-02T10:30"})
        assert not set(events(calendar_bytes(other))) & set(events(first))
    finally:
        other.close()


def test_a_dossier_without_its_identity_gets_one_made_from_it_without_writing(
    planned: Dossier, tmp_path: Path
) -> None:
    folder = Path(planned.path)
    planned.close()
    conn = sqlite3.connect(folder / "dossier.sqlite")
    conn.execute("DELETE FROM dossier_setting WHERE key = 'calendar_id'")  # edited by hand
    conn.execute("CREATE TABLE someone_elses (x)")  # opened for reading only from now on
    conn.commit()
    conn.close()
    with open_dossier(folder) as read_only:
        assert read_only.read_only is not None
        first = calendar_id(read_only)
        assert first == calendar_id(read_only) and len(first) == 32
        assert get_setting(read_only, SETTING) is None  # nothing written
        assert len(events(calendar_bytes(read_only))) == 3


def test_a_case_filter_keeps_that_case_only(demo: Dossier) -> None:
    cases = records.list_records(demo, "case")
    everything = by_key(calendar_bytes(demo))
    for case in cases:
        data = calendar_bytes(demo, case["id"])
        expected = {item.key for item in calendar_items(demo, case["id"])}
        assert set(by_key(data)) == expected <= set(everything)
        title = " ".join(case["title"].split())
        assert title in str(icalendar.Calendar.from_ical(data)["x-wr-calname"])
    assert set(everything) == {item.key for item in calendar_items(demo)}


def test_hard_data_is_carried_whole(tmp_path: Path, today: PinDay) -> None:
    today(DAY)
    hard = create_dossier(tmp_path / "hard", name=HEBREW, born="1971-09-03")
    try:
        case = records.create(
            hard,
            "case",
            {"title": "Щитовидная железа: операция?", "decision_deadline": "2026-09-01"},
        ).id
        people = [
            records.create(hard, "contact", {"name": name, "institution": place}).id
            for name, place in ((CYRILLIC, "Больница им. Боткина"), (LATIN, "Hôpital Saint-Éloi"))
        ]
        preparation = ('Bring every scan; the list, with commas, \\ and "quotes".\n' * 60)[:3000]
        assert len(preparation) == 3000
        start = datetime(2026, 5, 13, 8, 0)
        for number in range(300):
            records.create(
                hard,
                "appointment",
                {
                    "case_id": case,
                    "contact_id": people[number % 2],
                    "starts_at": (
                        start + timedelta(days=number, minutes=15 * (number % 4))
                    ).isoformat(),
                    "purpose": f"Консультация {number}",
                    "preparation": preparation if number == 7 else "",
                    "location": "חדר 4, בניין ב׳",
                },
            )
        data = calendar_bytes(hard)
        assert max(len(line) for line in data.split(b"\r\n")) <= 75  # folded, in octets
        parsed = by_key(data)
        read = vevents(data)
        assert len(parsed) == len(read) == 301  # 300 appointments and the deadline
        seventh = parsed["appointment-8"]
        assert preparation in str(seventh["description"])
        assert preparation in read["appointment-8"].description.value
        assert str(seventh["location"]) == "חדר 4, בניין ב׳"
        assert str(seventh["summary"]) == f"{LATIN}: Консультация 7"
        assert read["appointment-1"].summary.value == f"{CYRILLIC}: Консультация 0"
        assert f"Second opinion: {HEBREW}" == str(
            icalendar.Calendar.from_ical(data)["x-wr-calname"]
        )
    finally:
        hard.close()


def _item(number: int, starts: date) -> CalendarItem:
    alarm = Alarm(f"task-{number}@due", datetime.combine(starts, MORNING), timedelta(0))
    return CalendarItem(
        "task", number, None, f"Task {number}", starts, "", "", "2026-01-01T00:00:00", (alarm,)
    )


def test_thousands_of_items_are_bounded_to_the_coming_and_the_latest(today: PinDay) -> None:
    day = today(DAY)
    items = [_item(n, day + timedelta(days=n - 3000)) for n in range(4000)]  # 3000 past
    kept = bounded(items)
    assert len(kept) == MAX_EVENTS
    assert kept == items[4000 - MAX_EVENTS :]  # the 1000 coming and the latest past ones
    assert bounded(items[:10]) == items[:10]
    many_coming = [_item(n, day + timedelta(days=n)) for n in range(MAX_EVENTS + 5)]
    assert bounded(many_coming) == many_coming[:MAX_EVENTS]  # the nearest


def test_a_long_text_is_cut_and_the_calendar_still_reads(planned: Dossier) -> None:
    records.update(planned, "appointment", 1, {"preparation": "x" * 100_000})
    event = by_key(calendar_bytes(planned))["appointment-1"]
    assert 5_000 < len(str(event["description"])) <= 6_000
    assert str(event["description"]).endswith("…")


def test_write_calendar_writes_whole_and_never_through_a_link(
    planned: Dossier, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "calendar.ics"
    target.parent.mkdir()
    assert write_calendar(planned, target) == target
    assert target.read_bytes() == calendar_bytes(planned)
    assert [p.name for p in target.parent.iterdir()] == ["calendar.ics"]  # no temporary left
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    link = target.parent / "link.ics"
    link.symlink_to(victim)
    with pytest.raises(CalendarFileError, match="is a link"):
        write_calendar(planned, link)
    assert victim.read_text() == "mine\n" and link.is_symlink()
    with pytest.raises(CalendarFileError, match="not there"):
        write_calendar(planned, tmp_path / "missing" / "calendar.ics")
    with pytest.raises(CalendarFileError, match="outside the dossier"):
        write_calendar(planned, Path(planned.path) / "calendar.ics")
    assert not (Path(planned.path) / "calendar.ics").exists()


def test_alarms_already_past_are_left_out(planned: Dossier) -> None:
    """A task overdue for a week and an appointment last month: their reminders are past, and
    a calendar given them could show them all at once; the coming ones are kept."""
    records.create(planned, "task", {"title": "Overdue", "due_on": "2026-05-05"})
    records.create(planned, "appointment", {"starts_at": "2026-04-10T09:00"})
    found = by_key(calendar_bytes(planned))
    past = [k for k, e in found.items() if k in ("task-2", "appointment-2")]
    assert sorted(past) == ["appointment-2", "task-2"]  # the events stay in the calendar
    assert all(found[k].walk("VALARM") == [] for k in past)
    assert len(found["appointment-1"].walk("VALARM")) == 2  # 2 June: both still to come


def test_a_decided_case_has_no_decision_deadline_in_the_calendar(
    dossier: Dossier, today: PinDay
) -> None:
    today("2026-05-12")
    case = records.create(dossier, "case", {"title": "Knee", "decision_deadline": "2026-06-01"})
    assert [i.kind for i in calendar_items(dossier)] == ["deadline"]
    records.update(dossier, "case", case.id, {"status": "decided"})
    assert calendar_items(dossier) == []
