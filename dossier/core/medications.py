"""The person's medicines: those taken now, those stopped, what changed between two days,
and one line in words for each (the brief, the packet and the hand-over letter print it).

A medicine is a ``medication`` record (:mod:`.entities`): its name, strength, dose, since
("started_on"), until ("ended_on"), who prescribed it and why. It is taken on a day when it
had started by then (or its start is not known) and had not ended before it.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from . import records
from .bidi import isolate
from .clip import clip_line
from .i18n import tr
from .reports.common import contact_name
from .reports.dates import DateFormatter, format_day, parse_day
from .storage import Dossier

__all__ = [
    "current_medications",
    "medication_changes",
    "medication_line",
    "medication_name",
    "past_medications",
]

# The most of each part one line prints: a 3,000-character field never fills a page.
NAME_CHARS: Final = 120
STRENGTH_CHARS: Final = 40
DOSE_CHARS: Final = 120
WHO_CHARS: Final = 80
REASON_CHARS: Final = 200


def _day(record: dict[str, Any], key: str) -> date | None:
    return parse_day(record.get(key))


def _by_name(record: dict[str, Any]) -> tuple[str, int]:
    return (" ".join((record.get("name") or "").split()).casefold(), int(record["id"]))


def _taken_on(record: dict[str, Any], on: date) -> bool:
    started, ended = _day(record, "started_on"), _day(record, "ended_on")
    return (started is None or started <= on) and (ended is None or ended >= on)


def current_medications(dossier: Dossier, on: date) -> list[dict[str, Any]]:
    """The medicines taken on ``on``: started by then (or since an unknown day), not ended
    before it; by name."""
    taken = [m for m in records.list_records(dossier, "medication") if _taken_on(m, on)]
    return sorted(taken, key=_by_name)


def past_medications(dossier: Dossier, on: date) -> list[dict[str, Any]]:
    """The medicines ended before ``on``, the most recently ended first."""
    ended = [
        m
        for m in records.list_records(dossier, "medication")
        if (day := _day(m, "ended_on")) is not None and day < on
    ]
    ended.sort(key=_by_name)
    return sorted(ended, key=lambda m: _day(m, "ended_on") or date.min, reverse=True)


def _when(medication: dict[str, Any], dates: DateFormatter) -> str:
    start = format_day(medication.get("started_on"), dates)
    end = format_day(medication.get("ended_on"), dates)
    if start and end:
        return tr("from {start} until {end}", start=start, end=end)
    if start:
        return tr("since {day}", day=start)
    if end:
        return tr("until {day}", day=end)
    return ""


def _name(name: str, strength: str) -> str:
    if strength:
        return tr("{medicine} {strength}", medicine=isolate(name), strength=isolate(strength))
    return isolate(name)


def medication_name(medication: dict[str, Any]) -> str:
    """The medicine's name and strength ("Tamoxifen 20 mg"), each isolated; clipped, then
    saying where the whole text is."""
    texts = (medication.get("name") or "", medication.get("strength") or "")
    name, strength = clip_line(texts[0], NAME_CHARS), clip_line(texts[1], STRENGTH_CHARS)
    both = _name(name, strength)
    if (name, strength) != tuple(" ".join(text.split()) for text in texts):
        return tr("{shortened} (full text in the dossier)", shortened=both)
    return both


def medication_line(
    dossier: Dossier,
    medication: dict[str, Any],
    dates: DateFormatter,
    *,
    reason: bool = True,
) -> str:
    """One medicine in words: "Tamoxifen 20 mg, 1 tablet each morning, since 3 February
    2026 (Dr. Weiß), for: hormone therapy after the operation". Only the name is sure to be
    there; each of the person's texts is on one line, clipped (the line then says where the
    whole text is), and isolated so that a name in another script keeps the sentence's
    order."""
    texts = {
        "name": (medication.get("name") or "", NAME_CHARS),
        "strength": (medication.get("strength") or "", STRENGTH_CHARS),
        "dose": (medication.get("dose") or "", DOSE_CHARS),
        "who": (contact_name(dossier, medication.get("prescribed_by_id")), WHO_CHARS),
        "reason": ((medication.get("reason") or "") if reason else "", REASON_CHARS),
    }
    short = {key: clip_line(text, limit) for key, (text, limit) in texts.items()}
    cut = any(short[key] != " ".join(text.split()) for key, (text, _) in texts.items())
    parts = [_name(short["name"], short["strength"])]
    if short["dose"]:
        parts.append(isolate(short["dose"]))
    when, who = _when(medication, dates), short["who"]
    if when and who:
        parts.append(tr("{when} ({who})", when=when, who=isolate(who)))
    elif who:
        parts.append(tr("prescribed by {who}", who=isolate(who)))
    elif when:
        parts.append(when)
    if short["reason"]:
        parts.append(tr("for: {reason}", reason=isolate(short["reason"])))
    line = ", ".join(parts)
    if cut:  # nothing is cut on paper without saying so
        return tr("{shortened} (full text in the dossier)", shortened=line)
    return line


def medication_changes(
    dossier: Dossier, since: date, until: date
) -> list[tuple[str, dict[str, Any]]]:
    """The medicines started (``"started"``) and ended (``"stopped"``) between ``since`` and
    ``until``, both days included; by day, then by name (a medicine started and stopped in
    that time is there twice)."""
    found: list[tuple[date, str, dict[str, Any]]] = []
    for medication in records.list_records(dossier, "medication"):
        for change, key in (("started", "started_on"), ("stopped", "ended_on")):
            day = _day(medication, key)
            if day is not None and since <= day <= until:
                found.append((day, change, medication))
    found.sort(key=lambda f: (f[0], _by_name(f[2]), f[1] == "stopped"))
    return [(change, medication) for _, change, medication in found]
