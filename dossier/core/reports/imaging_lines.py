"""The imaging studies on paper: one line each, the same words in the brief, the document
index and the packet's contents page.

"CT THORAX MET CONTRAST · 12 March 2026 · 3 series, 24 images · Amsterdam UMC — disc sent
to Dr. Weiß on 14 March 2026": what was imaged (:mod:`.imaging_words`), when, how much,
where, and where the images are now, so the consulting doctor knows whether they have them
or whom to ask. A study whose files carry another patient's name or date of birth gets a
plain warning line of its own. A disc the line speaks of (the study's ``disc_item_id``: the
catalogued disc, or the copy made for the next doctor) is not listed again among the
slides, films and discs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from .. import records
from ..bidi import isolate
from ..i18n import ntr, tr, trc
from ..imaging.names import display_name
from ..imaging.patient import PatientOnDisc, check_patient
from ..storage import Dossier
from .common import contact_name, one_line
from .dates import DateFormatter, format_day
from .imaging_words import modality_codes, modality_word, study_name
from .model import Block, BulletList, Paragraph, Rich, Span, Table

LINE_LIMIT = 70  # characters of a description in a line of the brief or the contents page
LINE_BREAK = "\u2028"  # a new line within a list's item (a new block would be a new item)

ENCLOSED, SENT, KEPT = "enclosed", "sent", "kept"


def case_studies(dossier: Dossier, case_id: int | None) -> list[dict[str, Any]]:
    """The imaging studies of the case (of the whole dossier when ``case_id`` is None),
    oldest first, undated last."""
    if case_id is None:
        found = records.list_records(dossier, "study")
    else:
        found = records.list_records(dossier, "study", case_id=case_id)
    return sorted(found, key=lambda s: (s["study_date"] is None, s["study_date"] or "", s["id"]))


def disc_ids(studies: Iterable[dict[str, Any]]) -> set[int]:
    """The physical items the studies' lines speak of (their discs)."""
    return {int(s["disc_item_id"]) for s in studies if s.get("disc_item_id") is not None}


def without_discs(
    items: list[dict[str, Any]], studies: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``items`` less the discs the imaging lines already speak of."""
    told = disc_ids(studies)
    return [i for i in items if i["id"] not in told]


def counts(study: dict[str, Any]) -> str:
    """ "3 series, 412 images"."""
    series = len(study.get("series") or ())
    images = int(study.get("image_count") or 0)
    # Translators: how much an imaging study holds: "3 series, 412 images".
    return tr(
        "{series}, {images}",
        series=ntr("{n} series", "{n} series", series),
        images=ntr("{n} image", "{n} images", images),
    )


def _disc(dossier: Dossier, study: dict[str, Any]) -> dict[str, Any] | None:
    item_id = study.get("disc_item_id")
    if item_id is None:
        return None
    try:
        return records.get(dossier, "physical_item", int(item_id))
    except records.NotFoundError:
        return None


def _where(dossier: Dossier, study: dict[str, Any]) -> tuple[str, str, dict[str, Any] | None]:
    """(ENCLOSED, SENT or KEPT; to whom it was sent; the disc)."""
    item = _disc(dossier, study)
    if item is not None and not item.get("returned_on"):
        whom = contact_name(dossier, item.get("sent_to_id"))
        if whom:
            return SENT, whom, item
    if study.get("bring"):
        return ENCLOSED, "", item
    return KEPT, "", item


def whereabouts(
    dossier: Dossier, study: dict[str, Any], dates: DateFormatter, *, place: bool = False
) -> str:
    """Where the study's images are, in plain words: "disc sent to Dr. Weiß on 14 March
    2026", "images included on the enclosed disc copy", "images kept by the patient" (with
    ``place``, where the patient keeps the disc, when that is recorded)."""
    where, whom, item = _where(dossier, study)
    if where == SENT and item is not None:
        day = format_day(item.get("sent_on"), dates)
        if day:
            return tr("disc sent to {whom} on {day}", whom=isolate(whom), day=day)
        return tr("disc sent to {whom}", whom=isolate(whom))
    if where == ENCLOSED:
        if study.get("kept"):
            return tr("images included on the enclosed disc copy")
        return tr("images on the enclosed disc")
    said = tr("images kept by the patient")
    location = one_line(item.get("location")) if item is not None else ""
    if place and location:
        return tr("{said}: {place}", said=said, place=isolate(location))
    return said


def warning(dossier: Dossier, study: dict[str, Any]) -> str:
    """A plain warning when the study's files are not all the patient's ("mismatch"), else
    "": which series carry another name, and what to do."""
    if study.get("patient_check") != "mismatch":
        return ""
    person = records.get(dossier, "person", 1)
    series = study.get("series") or []
    others = {
        name
        for name in dict.fromkeys(str(s["patient_name"]) for s in series if s.get("patient_name"))
        if check_patient(person, [PatientOnDisc(name, None, None)]).mismatch
    }
    marked = [s for s in series if s.get("patient_name") in others]
    names = ", ".join(isolate(display_name(n) or n) for n in sorted(others))
    if marked and len(marked) < len(series):
        listed = ", ".join(
            tr("{number} ({description})", number=s["number"], description=isolate(d))
            if (d := one_line(s.get("description")))
            else str(s["number"])
            for s in marked
        )
        return ntr(
            "Caution: series {series} is labelled with another patient's name ({names}); "
            "check that its images are this patient's before relying on them.",
            "Caution: series {series} are labelled with another patient's name ({names}); "
            "check that their images are this patient's before relying on them.",
            len(marked),
            series=listed,
            names=names,
        )
    if others:
        return tr(
            "Caution: the images are labelled with another patient's name ({names}); check "
            "that they are this patient's before relying on them.",
            names=names,
        )
    return tr(
        "Caution: the patient's details in the files (name or date of birth) differ from "
        "this patient's; check that the images are this patient's before relying on them."
    )


def study_line(
    dossier: Dossier,
    study: dict[str, Any],
    dates: DateFormatter,
    *,
    limit: int = LINE_LIMIT,
    newline: str = LINE_BREAK,
) -> str:
    """ "CT THORAX MET CONTRAST · 12 March 2026 · 3 series, 24 images · Amsterdam UMC —
    disc sent to Dr. Weiß on 14 March 2026", and the study's warning on a line of its own
    (after ``newline``) when it has one."""
    parts = [
        study_name(study, limit),
        format_day(study.get("study_date"), dates),
        counts(study),
        isolate(one_line(study.get("institution"))),
    ]
    line = " · ".join(p for p in parts if p)
    said = tr("{study} — {where}", study=line, where=whereabouts(dossier, study, dates))
    caution = warning(dossier, study)
    return f"{said}{newline}{caution}" if caution else said


def brief_blocks(
    dossier: Dossier, studies: list[dict[str, Any]], dates: DateFormatter, *, list_max: int
) -> tuple[tuple[Block, ...], bool]:
    """The brief's "Imaging" part: a line per study when there are at most ``list_max``,
    else a summary that points to the document index (then True: print the index with the
    brief) and the lines of the studies with a warning."""
    if not studies:
        return (), False
    if len(studies) <= list_max:
        return (BulletList(tuple(study_line(dossier, s, dates) for s in studies)),), False
    flagged = tuple(study_line(dossier, s, dates) for s in studies if warning(dossier, s))
    listed = (BulletList(flagged),) if flagged else ()
    return (Paragraph(summary(dossier, studies, dates)), *listed), True


def summary(dossier: Dossier, studies: list[dict[str, Any]], dates: DateFormatter) -> str:
    """Many studies in a few sentences: how many of which kind, over which years, where
    their images are, and that the document index lists each one."""
    kinds = Counter(
        modality_word(modality_codes(s)) or trc("imaging study kind", "other") for s in studies
    )
    by_kind = ", ".join(tr("{kind}: {n}", kind=k, n=n) for k, n in kinds.most_common())
    studied = ntr("{n} imaging study", "{n} imaging studies", len(studies))
    days = sorted(s["study_date"] for s in studies if s.get("study_date"))
    if days and days[0] != days[-1]:
        said = tr(
            "{studies} ({kinds}), from {first} to {last}.",
            studies=studied,
            kinds=by_kind,
            first=format_day(days[0], dates),
            last=format_day(days[-1], dates),
        )
    else:
        said = tr("{studies} ({kinds}).", studies=studied, kinds=by_kind)
    where = Counter(_where(dossier, s)[0] for s in studies)
    parts = [
        text
        for key, text in (
            (ENCLOSED, tr("on the enclosed discs, {n}", n=where[ENCLOSED])),
            (SENT, tr("on discs sent to doctors, {n}", n=where[SENT])),
            (KEPT, tr("kept by the patient, {n}", n=where[KEPT])),
        )
        if where[key]
    ]
    return " ".join(
        (
            said,
            tr("Where the images are: {parts}.", parts="; ".join(parts)),
            tr("The document index printed with this brief lists each study."),
        )
    )


def index_table(dossier: Dossier, studies: list[dict[str, Any]], dates: DateFormatter) -> Table:
    """The document index's imaging: date, the study (with the institution, the accession
    number a hospital finds it by, and any warning), how much, where the images are."""
    rows = []
    for study in studies:
        about = " · ".join(
            part
            for part in (
                isolate(one_line(study.get("institution"))),
                tr(
                    "accession number {number}",
                    number=isolate(one_line(study["accession_number"])),
                )
                if one_line(study.get("accession_number"))
                else "",
            )
            if part
        )
        spans = [Span(study_name(study))]
        if about:
            spans.append(Span("\n" + about, italic=True, small=True))
        caution = warning(dossier, study)
        if caution:
            spans.append(Span("\n" + caution, bold=True, small=True))
        rows.append(
            (
                format_day(study.get("study_date"), dates),
                Rich(tuple(spans)),
                counts(study),
                whereabouts(dossier, study, dates, place=True),
            )
        )
    return Table(
        (
            tr("Date"),
            trc("an imaging study", "Study"),
            trc("an imaging study's", "Images"),
            tr("Where the images are"),
        ),
        tuple(rows),
        (18, 40, 16, 26),
    )


def contents_lines(
    dossier: Dossier, studies: list[dict[str, Any]], dates: DateFormatter
) -> tuple[str, ...]:
    """The packet's contents page: each study's line, its warning under it."""
    return tuple(study_line(dossier, s, dates, newline="\n") for s in studies)


__all__ = [
    "brief_blocks",
    "case_studies",
    "contents_lines",
    "counts",
    "disc_ids",
    "index_table",
    "study_line",
    "summary",
    "warning",
    "whereabouts",
    "without_discs",
]
