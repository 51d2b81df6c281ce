"""Calendar invitations as hospitals, Outlook and Google send them, made in the test (not
a test module). Shared by the core, command-line and window tests of invitations."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager


def ics(*lines: str) -> bytes:
    """A calendar file of ``lines``, each ended by CRLF as the standard says."""
    return "".join(f"{line}\r\n" for line in lines).encode("utf-8")


def fold(line: str) -> list[str]:
    """``line`` folded as calendar programs write it: 75 bytes, then CRLF and a space."""
    parts, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 74:
            parts.append(current)
            current = " "
        current += char
    return [*parts, current]


@contextmanager
def computer_zone(name: str) -> Iterator[None]:
    """This computer's time zone is ``name`` (TZ) inside the block; as it was after."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


AMSTERDAM_ZONE = (
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Amsterdam",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)

JERUSALEM_ZONE = (
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Jerusalem",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0300",
    "TZNAME:IDT",
    "DTSTART:19700327T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1FR",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0300",
    "TZOFFSETTO:+0200",
    "TZNAME:IST",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)

# Outlook: a Windows time zone's name, described in the file; METHOD:REQUEST.
OUTLOOK = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "VERSION:2.0",
    "METHOD:REQUEST",
    "X-MS-OLK-FORCEINSPECTOROPEN:TRUE",
    "BEGIN:VTIMEZONE",
    "TZID:W. Europe Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16011028T030000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010325T020000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",
    'ORGANIZER;CN="Dr. A. de Vries":mailto:a.devries@example-hospital.nl',
    'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Anna":mailto:anna@example.org',
    "DESCRIPTION;LANGUAGE=nl-NL:Neem uw verzekeringspas en medicijnlijst mee.\\n",
    "UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A6B7C8D9",
    "SUMMARY;LANGUAGE=nl-NL:Consult oncologie (tweede mening)",
    "DTSTART;TZID=W. Europe Standard Time:20260603T093000",
    "DTEND;TZID=W. Europe Standard Time:20260603T101500",
    "CLASS:PUBLIC",
    "PRIORITY:5",
    "DTSTAMP:20260512T081500Z",
    "TRANSP:OPAQUE",
    "STATUS:CONFIRMED",
    "SEQUENCE:0",
    "LOCATION;LANGUAGE=nl-NL:Polikliniek Oncologie\\, gebouw B\\, kamer 2.14",
    "BEGIN:VALARM",
    "TRIGGER:-PT15M",
    "ACTION:DISPLAY",
    "DESCRIPTION:Reminder",
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
)

# Google: times in UTC ("Z"), a long description folded over several lines.
GOOGLE_DESCRIPTION = (
    "Please arrive 15 minutes early and bring your referral letter, the CD with your "
    "scans and a list of the medicines you take. Parking is available at the main "
    "entrance; the clinic is on the second floor."
)
GOOGLE = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:REQUEST",
    "X-WR-TIMEZONE:Europe/Amsterdam",
    "BEGIN:VEVENT",
    "DTSTART:20260610T123000Z",
    "DTEND:20260610T131500Z",
    "DTSTAMP:20260512T090000Z",
    "ORGANIZER;CN=Second Opinion Clinic:mailto:appointments@example-clinic.com",
    "UID:7kukuqrfedlm2f7t2sasdf8vmsd@google.com",
    *fold(f"DESCRIPTION:{GOOGLE_DESCRIPTION}"),
    *fold(
        "LOCATION:Second Opinion Clinic\\, Boerhaavelaan 12\\, 2334 EN Leiden\\, "
        "The Netherlands (second floor\\, reception B)"
    ),
    "SEQUENCE:0",
    "STATUS:CONFIRMED",
    "SUMMARY:Second opinion consultation",
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
)

# A hospital's system in Israel: its own zone, Hebrew text.
JERUSALEM = ics(
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Hadassah//Appointments 3.1//HE",
    "METHOD:PUBLISH",
    *JERUSALEM_ZONE,
    "BEGIN:VEVENT",
    "UID:appt-88123@hospital.example.il",
    "DTSTAMP:20260512T070000Z",
    "DTSTART;TZID=Asia/Jerusalem:20260615T090000",
    "DURATION:PT45M",
    "SUMMARY:ייעוץ אונקולוגי - חוות דעת שנייה",
    "LOCATION:בניין המכון\\, קומה 3\\, חדר 12",
    "ORGANIZER;CN=ד״ר כהן:mailto:cohen@hospital.example.il",
    "END:VEVENT",
    "END:VCALENDAR",
)

# A clinic in Ukraine or Russia writes Cyrillic; the event in the person's own zone.
CYRILLIC = ics(
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Clinic//RU",
    *AMSTERDAM_ZONE,
    "BEGIN:VEVENT",
    "UID:ru-1@clinic.example",
    "DTSTART;TZID=Europe/Amsterdam:20260701T140000",
    "DTEND;TZID=Europe/Amsterdam:20260701T150000",
    "SUMMARY:Консультация онколога",
    "LOCATION:Клиника «Здоровье»\\, кабинет 5",
    "DESCRIPTION:Возьмите с собой выписку\\nи снимки МРТ.",
    "END:VEVENT",
    "END:VCALENDAR",
)

WHOLE_DAY = ics(
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Hospital//Admissions//EN",
    "BEGIN:VEVENT",
    "UID:admission-5@hospital.example",
    "DTSTART;VALUE=DATE:20260622",
    "DTEND;VALUE=DATE:20260625",
    "SUMMARY:Admission for surgery",
    "LOCATION:Ward 4",
    "END:VEVENT",
    "END:VCALENDAR",
)

RECURRING = ics(
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Hospital//Radiotherapy//EN",
    *AMSTERDAM_ZONE,
    "BEGIN:VEVENT",
    "UID:rt-series@hospital.example",
    "DTSTART;TZID=Europe/Amsterdam:20260706T081500",
    "DTEND;TZID=Europe/Amsterdam:20260706T083000",
    "RRULE:FREQ=WEEKLY;COUNT=5;BYDAY=MO",
    "SUMMARY:Radiotherapy session",
    "LOCATION:Radiotherapy department",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:rt-series@hospital.example",
    "RECURRENCE-ID;TZID=Europe/Amsterdam:20260713T081500",
    "DTSTART;TZID=Europe/Amsterdam:20260713T100000",
    "SUMMARY:Radiotherapy session (moved)",
    "END:VEVENT",
    "END:VCALENDAR",
)

CANCEL = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "VERSION:2.0",
    "METHOD:CANCEL",
    "BEGIN:VEVENT",
    "UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A6B7C8D9",
    "DTSTART:20260603T073000Z",
    "DTEND:20260603T081500Z",
    "STATUS:CANCELLED",
    "SUMMARY:Canceled: Consult oncologie (tweede mening)",
    "LOCATION:Polikliniek Oncologie\\, gebouw B\\, kamer 2.14",
    "SEQUENCE:1",
    "END:VEVENT",
    "END:VCALENDAR",
)

NO_LOCATION = ics(
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Telehealth//EN",
    "BEGIN:VEVENT",
    "UID:video-1@telehealth.example",
    "DTSTART:20260604T150000",
    "SUMMARY:Video call with Dr. Weber",
    "END:VEVENT",
    "END:VCALENDAR",
)
