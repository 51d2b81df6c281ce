"""An invitation's file read with care before a parser sees it: its size, its encoding, and
the shape of its parts (which part may sit in which, how deep, how many).

A calendar file is hostile input like any other: a mail attachment anyone can send. What
is refused here is refused in plain words (:class:`InvitationError`), before anything is
parsed or added. The time zones a file describes itself are checked too: a real time
zone changes its clock at most a few times a year, and a rule that changed it every
second would keep the parser busy for ever.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DossierError
from ..i18n import tr
from ..importer.sniff import is_calendar
from ..importer.store import os_message
from ..locale_format import file_size

MAX_BYTES = 1 << 20  # an invitation is a few kB; 1 MB leaves room for an attachment in it
MAX_EVENTS = 50  # an invitation names one appointment, or a few (a series of treatments)
MAX_PARTS = 1000  # every BEGIN, time zones and alarms included
MAX_DEPTH = 4  # VCALENDAR, VEVENT, PARTICIPANT, VLOCATION (RFC 9073) at the deepest
# A time zone the file describes (one this computer does not know by its name) is worked out
# year by year from its first rule's year: bounded, so that it takes a moment, not minutes.
MAX_ZONE_PARTS = 40  # its rules (STANDARD, DAYLIGHT); a whole history has fewer
MAX_ZONE_DATES = 2000  # its changes of clock listed one by one: a century's, twice over
ZONE_YEAR_MIN = 1583  # the first whole year of the Gregorian calendar (Outlook's is 1601)

# Where each well-known part may sit; a part not named here (X-…) may sit anywhere.
_PARENTS = {
    "VCALENDAR": ("",),
    "VEVENT": ("VCALENDAR",),
    "VTODO": ("VCALENDAR",),
    "VJOURNAL": ("VCALENDAR",),
    "VFREEBUSY": ("VCALENDAR",),
    "VTIMEZONE": ("VCALENDAR",),
    "STANDARD": ("VTIMEZONE",),
    "DAYLIGHT": ("VTIMEZONE",),
    "VALARM": ("VEVENT", "VTODO"),
}
# What the rule of a time zone's change of clock may say, and how many values each.
_ZONE_RULE_PARTS = {
    "FREQ": 1,
    "INTERVAL": 1,
    "UNTIL": 1,
    "COUNT": 1,
    "WKST": 1,
    "BYMONTH": 1,
    "BYDAY": 1,
    "BYMONTHDAY": 7,  # the old way to say "the second Sunday": BYMONTHDAY=8,…,14;BYDAY=SU
}
_FOLD = re.compile(r"\n[ \t]")
_NAME = re.compile(r"[^:;]*")


class InvitationError(DossierError):
    """A calendar file (or one of its appointments) that cannot be added, in plain words."""


def read_bytes(source: Path | str | bytes) -> bytes:
    """The content of ``source`` (a file, or the bytes themselves), at most :data:`MAX_BYTES`."""
    if isinstance(source, bytes):
        content = source
    else:
        path = Path(source)
        try:
            if not path.is_file():  # a pipe or a device is never opened: it could block
                raise InvitationError(_not_a_file(path))
            with path.open("rb") as handle:
                content = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InvitationError(os_message(exc)) from None
    if not content:
        raise InvitationError(tr("The file is empty."))
    if len(content) > MAX_BYTES:
        raise InvitationError(
            tr(
                "This file is too large for a calendar invitation (at most {size}).",
                size=file_size(MAX_BYTES),
            )
        )
    if not is_calendar(content[:256]):
        raise InvitationError(
            tr(
                "This file is not a calendar invitation: an invitation (an .ics file) starts "
                "with BEGIN:VCALENDAR."
            )
        )
    return content


def _not_a_file(path: Path) -> str:
    if path.is_dir():
        return tr("“{path}” is a folder: give the calendar file (.ics) itself.", path=path)
    if not path.exists():
        return tr("There is no file “{path}”.", path=path)
    return tr("“{path}” is not an ordinary file, so it is not read.", path=path)


def decoded(content: bytes) -> str:
    """The text of a calendar file: UTF-8 as the standard says, UTF-16 when it starts so,
    and Windows' Western encoding for the old programs that wrote that."""
    if content.startswith(b"\xef\xbb\xbf"):
        text = content[3:].decode("utf-8", "replace")
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = content.decode("utf-16", "replace")
    else:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            text = content.decode("cp1252", "replace")
    if "\x00" in text:
        raise InvitationError(
            tr("This calendar file is damaged: it holds data that is not text, so it is not read.")
        )
    return text


def unfolded_lines(text: str) -> list[str]:
    """The content lines of ``text``, long lines (folded on several) joined again."""
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    return [line for line in _FOLD.sub("", plain).split("\n") if line.strip()]


def check_shape(lines: list[str]) -> int:
    """Refuse a file whose parts are not an invitation's; return how many events it holds."""
    stack: list[str] = []
    parts = events = calendars = zone_parts = zone_dates = 0
    for line in lines:
        name = _NAME.match(line)
        key = name.group(0).strip().upper() if name else ""
        value = line.partition(":")[2].strip().upper()
        if key == "BEGIN":
            parent = stack[-1] if stack else ""
            if value in _PARENTS and parent not in _PARENTS[value]:
                raise _damaged(_misplaced(value, parent))
            stack.append(value)
            parts += 1
            events += value == "VEVENT"
            zone_parts += value in ("STANDARD", "DAYLIGHT")
            calendars += value == "VCALENDAR"
            if len(stack) > MAX_DEPTH:
                raise _damaged(tr("its parts are nested too deeply."))
            if parts > MAX_PARTS:
                raise _damaged(tr("it has far more parts than an invitation has."))
            if zone_parts > MAX_ZONE_PARTS:
                raise InvitationError(_unreal_zone())
            if events > MAX_EVENTS:
                raise InvitationError(
                    tr(
                        "This calendar file holds more than {n} appointments: it is a whole "
                        "calendar, not an invitation. Add its appointments one by one.",
                        n=MAX_EVENTS,
                    )
                )
        elif key == "END":
            if not stack or stack[-1] != value:
                raise _damaged(tr("a part ends that was not begun."))
            stack.pop()
        elif not stack:
            raise _damaged(tr("it has lines outside the calendar."))
        elif key in ("RRULE", "EXRULE") and stack[-1] in ("STANDARD", "DAYLIGHT"):
            _check_zone_rule(value)
        elif key == "DTSTART" and stack[-1] in ("STANDARD", "DAYLIGHT"):
            if value[:4].isdigit() and int(value[:4]) < ZONE_YEAR_MIN:
                raise InvitationError(_unreal_zone())
        elif key == "RDATE" and stack[-1] in ("STANDARD", "DAYLIGHT"):
            zone_dates += value.count(",") + 1
            if zone_dates > MAX_ZONE_DATES:
                raise InvitationError(_unreal_zone())
    if stack:
        raise _damaged(tr("it ends before its parts are closed; perhaps it was cut off."))
    if calendars != 1:
        raise _damaged(tr("it holds several calendars in one file."))
    return events


def _check_zone_rule(rule: str) -> None:
    """A time zone's rule of change: once a year on one day of one month, as real ones."""
    fields = dict(part.partition("=")[::2] for part in rule.split(";") if part)
    for key, value in fields.items():
        most = _ZONE_RULE_PARTS.get(key.strip())
        if most is None or len(value.split(",")) > most:
            raise InvitationError(_unreal_zone())
    if fields.get("FREQ", "").strip() != "YEARLY":
        raise InvitationError(_unreal_zone())


def _unreal_zone() -> str:
    return tr(
        "The time zone this invitation describes is not a real one (it changes its clock "
        "more often, or from further back, than a real time zone does), so its times cannot "
        "be trusted."
    )


def _damaged(what: str) -> InvitationError:
    # Translators: {what} is one of the reasons, such as "its parts are nested too deeply."
    return InvitationError(tr("This calendar file is damaged: {what}", what=what))


def _misplaced(part: str, parent: str) -> str:
    if not parent:
        return tr("it does not start with the calendar itself.")
    return tr("a {part} part sits inside a {parent} part.", part=part, parent=parent)


__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_EVENTS",
    "MAX_PARTS",
    "MAX_ZONE_DATES",
    "MAX_ZONE_PARTS",
    "ZONE_YEAR_MIN",
    "InvitationError",
    "check_shape",
    "decoded",
    "read_bytes",
    "unfolded_lines",
]
