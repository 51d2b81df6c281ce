"""Slides, blocks, films and discs: what cannot go in an envelope of paper, and where it is.

The brief, the document index and the packet's contents page all list them the same way:
what the item is, and where it is now (sent to whom and when, back again, or where it is
kept), so the consulting doctor knows what exists and how to get it.
"""

from __future__ import annotations

from typing import Any

from .. import records
from ..bidi import isolate
from ..i18n import N_, tr
from ..storage import Dossier
from .common import contact_name, one_line
from .dates import DateFormatter, format_day

# Translators: kinds of physical item (glass slides, X-ray films, a CD or DVD of images,
# paraffin tissue blocks), in small letters after the item's description.
ITEM_KIND_WORDS = {
    "slides": N_("slides"),
    "films": N_("films"),
    "disc": N_("disc"),
    "blocks": N_("tissue blocks"),
    "other": "",
}
# Words in a description that already say the kind ("MRI on CD" needs no "(disc)").
_KIND_SAID = {
    "slides": ("slide",),
    "films": ("film",),
    "disc": ("disc", "disk", "cd", "dvd"),
    "blocks": ("block",),
}


def case_items(dossier: Dossier, case_id: int | None) -> list[dict[str, Any]]:
    """The physical items of the case (of the whole dossier when ``case_id`` is None), in
    the order they were recorded."""
    if case_id is None:
        return records.list_records(dossier, "physical_item")
    return records.list_records(dossier, "physical_item", case_id=case_id)


def item_kind(item: dict[str, Any]) -> str:
    word = ITEM_KIND_WORDS.get(item.get("kind") or "other", "")
    return tr(word) if word else ""


def item_whereabouts(dossier: Dossier, item: dict[str, Any], dates: DateFormatter) -> str:
    """Where the item is now, in plain words: "with Dr. Müller since 13 October 2026
    (Lakeshore Pathology Institute)", "at home, in the large envelope (back from
    Dr. Halvorsen on 25 September 2026)"."""
    sent_to = contact_name(dossier, item.get("sent_to_id"))
    sent_on = format_day(item.get("sent_on"), dates)
    returned_on = format_day(item.get("returned_on"), dates)
    location = one_line(item.get("location"))
    if sent_to and not returned_on:  # away: with whom, since when; the place if it adds
        said = (
            tr("sent to {whom} on {day}", whom=isolate(sent_to), day=sent_on)
            if sent_on
            else tr("sent to {whom}", whom=isolate(sent_to))
        )
        named = [part.strip().lower() for part in sent_to.split("·")]
        if location and not any(part and part in location.lower() for part in named):
            said = tr("{said}; {place}", said=said, place=isolate(location))
        return said
    if returned_on:
        back = (
            tr("back from {whom} on {day}", whom=isolate(sent_to), day=returned_on)
            if sent_to
            else tr("back on {day}", day=returned_on)
        )
        return tr("{place} ({back})", place=isolate(location), back=back) if location else back
    return location or tr("where it is has not been recorded")


def item_line(dossier: Dossier, item: dict[str, Any], dates: DateFormatter) -> str:
    """ "Knee X-ray films, right knee (films) — at home, in the large envelope"."""
    what = one_line(item.get("description"))
    kind = item_kind(item)
    # The kind is not repeated when the description already says it, in English or in
    # the words the kind is printed in ("Coupes naaldbiopsie" needs no "(coupes)").
    said = (
        *_KIND_SAID.get(item.get("kind") or "", ()),
        *(w for w in kind.casefold().split() if len(w) >= 4),
    )
    words = set(what.casefold().replace(",", " ").replace("(", " ").replace(")", " ").split())
    if kind and not any(w.startswith(s) for w in words for s in said):
        what = tr("{item} ({kind})", item=isolate(what), kind=kind)
    return tr("{item} — {where}", item=isolate(what), where=item_whereabouts(dossier, item, dates))
