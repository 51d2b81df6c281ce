"""Calendar invitations (.ics) read and added as appointments: the times of Outlook, Google
and hospitals' systems moved into the computer's own zone, what is left out said, hostile
files refused in plain words with nothing added, one step to undo."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.errors import DossierError
from dossier.core.history import ChangeGroup, History
from dossier.core.ical.invitation import (
    AlreadyThere,
    InvitationError,
    add_invitation,
    read_invitation,
    suggested_contact,
)
from dossier.core.ical.invitation_file import MAX_EVENTS
from dossier.core.storage import Dossier
from tests.invitations import (
    CANCEL,
    CYRILLIC,
    GOOGLE,
    GOOGLE_DESCRIPTION,
    JERUSALEM,
    NO_LOCATION,
    OUTLOOK,
    RECURRING,
    WHOLE_DAY,
    computer_zone,
    ics,
)


@pytest.fixture(autouse=True)
def amsterdam() -> Iterator[None]:
    """The computer is in Amsterdam unless a test says otherwise."""
    with computer_zone("Europe/Amsterdam"):
        yield


def appointments(dossier: Dossier) -> list[dict]:
    return records.list_records(dossier, "appointment")


# Real invitations --------------------------------------------------------------------
def test_outlook_invitation_with_a_windows_zone(dossier: Dossier) -> None:
    invitation = read_invitation(OUTLOOK)
    (proposal,) = invitation.proposals
    assert proposal.starts_at == "2026-06-03T09:30"
    assert proposal.ends_at == "2026-06-03T10:15"
    assert proposal.location == "Polikliniek Oncologie, gebouw B, kamer 2.14"
    assert proposal.summary == "Consult oncologie (tweede mening)"
    assert proposal.organiser == "Dr. A. de Vries"
    assert proposal.organiser_email == "a.devries@example-hospital.nl"
    assert proposal.written_as is None  # the same zone as the computer's
    assert invitation.notes() == []
    assert not invitation.cancellation

    change = add_invitation(dossier, invitation)
    (stored,) = appointments(dossier)
    assert change.entity == "appointment" and change.id == stored["id"]
    assert stored["starts_at"] == "2026-06-03T09:30"
    assert stored["location"] == "Polikliniek Oncologie, gebouw B, kamer 2.14"
    assert stored["purpose"] == "Consult oncologie (tweede mening)"
    assert stored["preparation"] == (
        "Until 10:15. Invitation from Dr. A. de Vries.\n\n"
        "Neem uw verzekeringspas en medicijnlijst mee."
    )


def test_google_invitation_in_utc_with_folded_lines() -> None:
    invitation = read_invitation(GOOGLE)
    (proposal,) = invitation.proposals
    assert proposal.starts_at == "2026-06-10T14:30"  # 12:30 UTC is 14:30 in summer
    assert proposal.ends_at == "2026-06-10T15:15"
    assert proposal.written_as == "12:30 UTC"
    assert proposal.description == GOOGLE_DESCRIPTION  # unfolded whole
    assert proposal.location == (
        "Second Opinion Clinic, Boerhaavelaan 12, 2334 EN Leiden, The Netherlands "
        "(second floor, reception B)"
    )
    assert proposal.organiser == "Second Opinion Clinic"


def test_the_same_google_invitation_on_a_computer_in_new_york() -> None:
    with computer_zone("America/New_York"):
        (proposal,) = read_invitation(GOOGLE).proposals
    assert proposal.starts_at == "2026-06-10T08:30"


def test_jerusalem_hospital_in_hebrew(dossier: Dossier) -> None:
    (proposal,) = read_invitation(JERUSALEM).proposals
    assert proposal.starts_at == "2026-06-15T08:00"  # 09:00 in Jerusalem (IDT, +3)
    assert proposal.ends_at == "2026-06-15T08:45"  # DURATION:PT45M
    assert proposal.written_as == "09:00 Asia/Jerusalem"
    assert proposal.summary == "ייעוץ אונקולוגי - חוות דעת שנייה"
    assert proposal.location == "בניין המכון, קומה 3, חדר 12"
    assert proposal.organiser == "ד״ר כהן"
    add_invitation(dossier, read_invitation(JERUSALEM))
    (stored,) = appointments(dossier)
    assert stored["location"] == "בניין המכון, קומה 3, חדר 12"
    assert stored["purpose"] == "ייעוץ אונקולוגי - חוות דעת שנייה"
    assert stored["preparation"] == "Until 08:45. Invitation from ד״ר כהן."


def test_jerusalem_invitation_read_in_jerusalem_keeps_its_time() -> None:
    with computer_zone("Asia/Jerusalem"):
        (proposal,) = read_invitation(JERUSALEM).proposals
    assert proposal.starts_at == "2026-06-15T09:00"
    assert proposal.written_as is None


def test_amsterdam_invitation_read_in_jerusalem_in_winter() -> None:
    winter = CYRILLIC.replace(b"20260701T14", b"20261201T14").replace(
        b"20260701T15", b"20261201T15"
    )
    with computer_zone("Asia/Jerusalem"):
        (proposal,) = read_invitation(winter).proposals
    assert proposal.starts_at == "2026-12-01T15:00"  # +1 in Amsterdam, +2 in Jerusalem
    assert proposal.written_as == "14:00 Europe/Amsterdam"


def test_cyrillic_text_and_line_breaks() -> None:
    (proposal,) = read_invitation(CYRILLIC).proposals
    assert proposal.summary == "Консультация онколога"
    assert proposal.location == "Клиника «Здоровье», кабинет 5"
    assert proposal.description == "Возьмите с собой выписку\nи снимки МРТ."
    assert proposal.starts_at == "2026-07-01T14:00"


def test_a_whole_day_is_put_in_the_morning_and_says_so(dossier: Dossier) -> None:
    invitation = read_invitation(WHOLE_DAY)
    (proposal,) = invitation.proposals
    assert proposal.whole_day
    assert proposal.starts_at == "2026-06-22T09:00"
    assert proposal.ends_at == "2026-06-24"  # DTEND is the day after the last
    (note,) = invitation.notes()
    assert "whole day of 22 Jun 2026" in note and "09:00" in note
    add_invitation(dossier, invitation)
    (stored,) = appointments(dossier)
    assert stored["purpose"] == "Admission for surgery"
    assert (
        stored["preparation"] == "The whole day: the invitation gives no time. Until 24 Jun 2026."
    )


def test_a_repeating_appointment_adds_its_first_time_and_says_so(dossier: Dossier) -> None:
    invitation = read_invitation(RECURRING)
    (proposal,) = invitation.proposals
    assert proposal.starts_at == "2026-07-06T08:15"
    notes = invitation.notes()
    assert any("repeats (every week): only the first time is added" in n for n in notes)
    assert any("later times of a repeating appointment was left out" in n for n in notes)
    add_invitation(dossier, invitation)
    assert [a["starts_at"] for a in appointments(dossier)] == ["2026-07-06T08:15"]


def test_an_invitation_without_a_place(dossier: Dossier) -> None:
    (proposal,) = read_invitation(NO_LOCATION).proposals
    assert proposal.location is None
    assert proposal.starts_at == "2026-06-04T15:00"  # no zone: the computer's own time
    add_invitation(dossier, read_invitation(NO_LOCATION))
    (stored,) = appointments(dossier)
    assert stored["location"] is None
    assert stored["purpose"] == "Video call with Dr. Weber"
    assert stored["preparation"] is None


def test_read_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "invite.ics"
    path.write_bytes(OUTLOOK)
    assert read_invitation(path).proposals[0].starts_at == "2026-06-03T09:30"
    assert read_invitation(str(path)).proposals[0].starts_at == "2026-06-03T09:30"


def test_several_events_each_become_an_appointment_in_one_step(dossier: Dossier) -> None:
    events = [
        line
        for day in ("20260701", "20260708", "20260715")
        for line in (
            "BEGIN:VEVENT",
            f"UID:{day}@lab.example",
            f"DTSTART:{day}T080000Z",
            "SUMMARY:Blood test",
            "LOCATION:Lab",
            "END:VEVENT",
        )
    ]
    invitation = read_invitation(ics("BEGIN:VCALENDAR", "VERSION:2.0", *events, "END:VCALENDAR"))
    assert len(invitation.proposals) == 3
    change = add_invitation(dossier, invitation)
    assert isinstance(change, ChangeGroup)
    assert change.summary == "adding 3 appointments from an invitation"
    assert len(appointments(dossier)) == 3
    history = History()
    history.record(change)
    history.undo(dossier)
    assert appointments(dossier) == []
    history.redo(dossier)
    assert len(appointments(dossier)) == 3


# Adding --------------------------------------------------------------------------------
def test_added_with_case_and_doctor_and_undone(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "Breast lump"}).id
    doctor = records.create(
        dossier, "contact", {"name": "Dr. A. de Vries", "email": "A.deVries@example-hospital.nl"}
    ).id
    invitation = read_invitation(OUTLOOK)
    assert suggested_contact(dossier, invitation) == doctor
    change = add_invitation(dossier, invitation, case_id=case, contact_id=doctor)
    (stored,) = appointments(dossier)
    assert (stored["case_id"], stored["contact_id"]) == (case, doctor)
    history = History()
    history.record(change)
    assert history.undo_text() == (
        "Undo adding appointment '\u2068Consult oncologie (tweede mening) · 2026-06-03 09:30\u2069'"
    )
    history.undo(dossier)
    assert appointments(dossier) == []
    assert records.get(dossier, "case", case)["title"] == "Breast lump"  # only it was undone
    history.redo(dossier)
    assert records.get(dossier, "appointment", change.id)["case_id"] == case


def test_a_duplicate_is_refused_and_named(dossier: Dossier) -> None:
    first = add_invitation(dossier, read_invitation(OUTLOOK)).id
    with pytest.raises(AlreadyThere) as refused:
        add_invitation(dossier, read_invitation(OUTLOOK))
    assert refused.value.appointment_ids == [first]
    assert f"already in the dossier: appointment number {first} (3 Jun 2026, 09:30)" in (
        refused.value.message
    )
    assert len(appointments(dossier)) == 1


def test_only_the_appointments_not_there_yet_are_added(dossier: Dossier) -> None:
    records.create(dossier, "appointment", {"starts_at": "2026-07-08T10:00", "location": "lab"})
    events = [
        line
        for day in ("20260701", "20260708")
        for line in ("BEGIN:VEVENT", f"DTSTART:{day}T080000Z", "LOCATION:Lab", "END:VEVENT")
    ]
    add_invitation(
        dossier, read_invitation(ics("BEGIN:VCALENDAR", "VERSION:2.0", *events, "END:VCALENDAR"))
    )
    assert [a["starts_at"] for a in appointments(dossier)] == [
        "2026-07-01T10:00",
        "2026-07-08T10:00",
    ]


def test_an_unknown_case_adds_nothing(dossier: Dossier) -> None:
    with pytest.raises(DossierError):  # in the case's own words
        add_invitation(dossier, read_invitation(OUTLOOK), case_id=999)
    assert appointments(dossier) == []


def test_a_cancellation_adds_nothing_and_names_the_appointment(dossier: Dossier) -> None:
    added = add_invitation(dossier, read_invitation(OUTLOOK)).id
    invitation = read_invitation(CANCEL)
    assert invitation.cancellation
    with pytest.raises(InvitationError) as refused:
        add_invitation(dossier, invitation)
    message = refused.value.message
    assert message.startswith("This is a cancellation, not an invitation")
    assert "3 Jun 2026, 09:30 at Polikliniek Oncologie" in message
    assert f"appointment {added}" in message
    assert len(appointments(dossier)) == 1


# Hostile files ---------------------------------------------------------------------------
def one_event(*lines: str) -> bytes:
    return ics(
        "BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", *lines, "END:VEVENT", "END:VCALENDAR"
    )


def clinic_zone(since: str, offset: str, *more: str) -> bytes:
    """An invitation in a zone of its own ("Clinic Time", unknown by that name), described
    in the file: ``offset`` from UTC since ``since``."""
    return ics(
        "BEGIN:VCALENDAR",
        "BEGIN:VTIMEZONE",
        "TZID:Clinic Time",
        "BEGIN:STANDARD",
        f"DTSTART:{since}",
        "TZOFFSETFROM:" + offset,
        "TZOFFSETTO:" + offset,
        *more,
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "DTSTART;TZID=Clinic Time:20260603T093000",
        "END:VEVENT",
        "END:VCALENDAR",
    )


NESTED = "BEGIN:X-PART\r\n" * 5000 + "END:X-PART\r\n" * 5000
HOSTILE = {
    "ten megabytes": b"BEGIN:VCALENDAR\r\n" + b"X-FILL:" + b"x" * (10 << 20),
    "ten thousand events": ics(
        "BEGIN:VCALENDAR",
        *[
            f"BEGIN:VEVENT\r\nDTSTART:20260601T{i % 24:02}0000Z\r\nEND:VEVENT"
            for i in range(10_000)
        ],
        "END:VCALENDAR",
    ),
    "binary junk": bytes(range(256)) * 16,
    "junk after the first line": b"BEGIN:VCALENDAR\r\n" + bytes(range(256)) * 4,
    "plain text": b"Dear patient, your appointment is on 3 June at 09:30.",
    "empty": b"",
    "no start": one_event("SUMMARY:Consultation", "LOCATION:Room 1"),
    "year 99999": one_event("DTSTART:999991231T093000Z"),
    "year 2200": one_event("DTSTART:22000101T093000Z"),
    "year 1": one_event("DTSTART:00010101T000000Z"),
    "a start that is not a date": one_event("DTSTART:next Tuesday"),
    "an event in an event": ics(
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "DTSTART:20260601T090000Z",
        "BEGIN:VEVENT",
        "DTSTART:20260602T090000Z",
        "END:VEVENT",
        "END:VEVENT",
        "END:VCALENDAR",
    ),
    "nested five thousand deep": ics("BEGIN:VCALENDAR", NESTED.strip(), "END:VCALENDAR"),
    "cut off": ics("BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20260601T090000Z"),
    "two calendars": OUTLOOK + OUTLOOK,
    "no event": ics("BEGIN:VCALENDAR", "VERSION:2.0", "END:VCALENDAR"),
    "only a task": ics(
        "BEGIN:VCALENDAR", "BEGIN:VTODO", "DUE:20260601T090000Z", "END:VTODO", "END:VCALENDAR"
    ),
    "an answer": OUTLOOK.replace(b"METHOD:REQUEST", b"METHOD:REPLY"),
    "a time zone changing every second": ics(
        "BEGIN:VCALENDAR",
        "BEGIN:VTIMEZONE",
        "TZID:Evil",
        "BEGIN:STANDARD",
        "DTSTART:16010101T020000",
        "TZOFFSETFROM:+0300",
        "TZOFFSETTO:+0200",
        "RRULE:FREQ=SECONDLY",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "DTSTART;TZID=Evil:20260603T093000",
        "END:VEVENT",
        "END:VCALENDAR",
    ),
    "a yearly zone every minute of the year": ics(
        "BEGIN:VCALENDAR",
        "BEGIN:VTIMEZONE",
        "TZID:Evil",
        "BEGIN:STANDARD",
        "DTSTART:16010101T020000",
        "TZOFFSETFROM:+0300",
        "TZOFFSETTO:+0200",
        "RRULE:FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYHOUR=1,2,3;BYMINUTE=1,2",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "DTSTART;TZID=Evil:20260603T093000",
        "END:VEVENT",
        "END:VCALENDAR",
    ),
    "lines after the calendar": OUTLOOK + b"rm -rf /\r\n",
    "a time zone from the year 1": clinic_zone("00010101T020000", "+0500"),
    "a time zone listing 60,000 changes": clinic_zone(
        "19000101T020000", "+0500", "RDATE:" + ",".join(["19500101T020000"] * 60_000)
    ),
    "a time zone of 300 rules": ics(
        "BEGIN:VCALENDAR",
        "BEGIN:VTIMEZONE",
        "TZID:Clinic Time",
        *[
            line
            for year in range(1700, 2000)
            for line in (
                "BEGIN:STANDARD",
                f"DTSTART:{year}0101T020000",
                "TZOFFSETFROM:+0100",
                "TZOFFSETTO:+0100",
                "RRULE:FREQ=YEARLY",
                "END:STANDARD",
            )
        ],
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "DTSTART;TZID=Clinic Time:20260603T093000",
        "END:VEVENT",
        "END:VCALENDAR",
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_files_are_refused_in_plain_words(
    name: str, dossier: Dossier, tmp_path: Path
) -> None:
    path = tmp_path / "invite.ics"
    path.write_bytes(HOSTILE[name])
    started = time.monotonic()
    with pytest.raises(InvitationError) as refused:
        add_invitation(dossier, read_invitation(path))
    assert time.monotonic() - started < 5
    message = refused.value.message
    assert message and message[0].isupper() and message.rstrip().endswith((".", "”"))
    assert not re.search(r"Error|Exception|Traceback|icalendar|\\x|None|b'", message), message
    assert appointments(dossier) == []


def test_the_messages_say_what_is_wrong() -> None:
    def refusal(data: bytes) -> str:
        with pytest.raises(InvitationError) as refused:
            read_invitation(data)
        return refused.value.message

    assert "too large" in refusal(HOSTILE["ten megabytes"])
    assert f"more than {MAX_EVENTS} appointments" in refusal(HOSTILE["ten thousand events"])
    assert "not a calendar invitation" in refusal(HOSTILE["binary junk"])
    assert "no start" in refusal(HOSTILE["no start"])
    assert "cannot be read" in refusal(HOSTILE["year 99999"])
    assert "2200" in refusal(HOSTILE["year 2200"])
    assert "inside a VEVENT part" in refusal(HOSTILE["an event in an event"])
    assert "nested too deeply" in refusal(HOSTILE["nested five thousand deep"])
    assert "cut off" in refusal(HOSTILE["cut off"])
    assert "holds no appointment" in refusal(HOSTILE["no event"])
    assert "answer to an invitation" in refusal(HOSTILE["an answer"])
    assert "not a real one" in refusal(HOSTILE["a time zone changing every second"])
    assert "not a real one" in refusal(HOSTILE["a time zone from the year 1"])


def test_a_bad_event_among_good_ones_is_left_out_with_its_reason() -> None:
    invitation = read_invitation(
        ics(
            "BEGIN:VCALENDAR",
            "BEGIN:VEVENT",
            "DTSTART:20260601T090000Z",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "SUMMARY:No date",
            "END:VEVENT",
            "END:VCALENDAR",
        )
    )
    assert len(invitation.proposals) == 1
    assert any(n.startswith("One appointment was left out: ") for n in invitation.notes())


def test_long_texts_are_shortened_to_what_the_fields_hold(dossier: Dossier) -> None:
    data = one_event(
        "DTSTART:20260601T090000Z",
        "LOCATION:" + "Hall " * 300,
        "DESCRIPTION:" + "Bring your papers. " * 2000,
    )
    invitation = read_invitation(data)
    (proposal,) = invitation.proposals
    assert proposal.location is not None and len(proposal.location) == 500
    assert proposal.description is not None and len(proposal.description) == 5000
    assert any("The place was too long" in n for n in invitation.notes())
    add_invitation(dossier, invitation)
    assert len(appointments(dossier)[0]["location"]) == 500


def test_control_characters_and_overrides_are_dropped() -> None:
    (proposal,) = read_invitation(
        one_event("DTSTART:20260601T090000Z", "SUMMARY:Scan\u202egpj.exe\u0007 room")
    ).proposals
    assert proposal.summary == "Scangpj.exe room"


def test_an_unknown_zone_is_taken_as_written_and_said() -> None:
    invitation = read_invitation(one_event("DTSTART;TZID=Mars/Olympus:20260601T090000"))
    assert invitation.proposals[0].starts_at == "2026-06-01T09:00"
    assert "does not know (“Mars/Olympus”)" in invitation.notes()[0]


def test_a_zone_of_its_own_is_read_from_each_file_afresh() -> None:
    """The library keeps a zone it was told of; a later file's zone of that name wins."""
    first = read_invitation(clinic_zone("19700101T000000", "+0500")).proposals[0]
    second = read_invitation(clinic_zone("19700101T000000", "-0300")).proposals[0]
    assert first.starts_at == "2026-06-03T06:30"  # 09:30 at +5 is 04:30 UTC, 06:30 here
    assert second.starts_at == "2026-06-03T14:30"  # 09:30 at -3 is 12:30 UTC
    assert second.written_as == "09:30 Clinic Time"


def test_a_real_zone_s_name_is_not_redefined_by_a_file() -> None:
    """A file that describes "Europe/Amsterdam" wrongly gets the real Amsterdam."""
    wrong = CYRILLIC.replace(b"TZOFFSETTO:+0200", b"TZOFFSETTO:+0900")
    assert read_invitation(wrong).proposals[0].starts_at == "2026-07-01T14:00"


def test_the_computer_zone_is_restored_after_each_test() -> None:
    with computer_zone("Asia/Jerusalem"):
        assert time.strftime("%Z") in ("IST", "IDT")
    assert os.environ["TZ"] == "Europe/Amsterdam"
