"""What else the consulting doctor must know: the treatments given or tried, whose
proposal the treatment under discussion is, and the patient's other current conditions
(a knee surgeon must hear of the breast cancer, its planned operation and the hormone
tablets).
"""

from __future__ import annotations

from typing import Any

from .. import comparison as cmp
from .. import records
from ..bidi import isolate
from ..i18n import tr
from ..storage import Dossier
from .common import clip, clip_noted, contact_name, one_line, opinion_doctor
from .dates import DateFormatter, format_day
from .diagnosis_words import CURRENT, with_status
from .model import BulletList, Paragraph, Rich, Span, Table

OPINIONS_MAX = 4  # proposals shown side by side


def case_treatments(dossier: Dossier, case_id: int) -> list[dict[str, Any]]:
    """The treatments given or tried for the case, oldest first, undated first (given
    for long, such as tablets)."""
    found = records.list_records(dossier, "treatment", case_id=case_id)
    return sorted(found, key=lambda t: (t.get("started_on") or "", t["id"]))


def treatment_when(treatment: dict[str, Any], dates: DateFormatter) -> str:
    start = format_day(treatment.get("started_on"), dates)
    end = format_day(treatment.get("ended_on"), dates)
    if start and end:
        return start if start == end else tr("{start} to {end}", start=start, end=end)
    if start:
        return tr("since {start}", start=start)
    if end:
        return tr("until {end}", end=end)
    return ""


def treatments_table(
    dossier: Dossier, treatments: list[dict[str, Any]], dates: DateFormatter, chars: int
) -> Table | None:
    """Treatments so far: what, when, by whom and where, and how it went."""
    if not treatments:
        return None
    rows = []
    for t in treatments:
        where = [contact_name(dossier, t.get("contact_id")), one_line(t.get("place"))]
        rows.append(
            (
                one_line(t.get("name")),
                treatment_when(t, dates),
                "\n".join(w for w in where if w),
                clip_noted(t.get("outcome"), chars),
            )
        )
    return Table(
        (tr("Treatment"), tr("When"), tr("Given by, where"), tr("Outcome")),
        tuple(rows),
        (28, 20, 24, 28),
    )


def proposals(
    dossier: Dossier, case_id: int, opinions: list[dict[str, Any]], dates: DateFormatter, chars: int
) -> list[Paragraph | BulletList]:
    """Whose treatment proposal is on the table: one opinion's, named; several that agree,
    said so; several that differ, each one's proposal."""
    proposing = [o for o in opinions if one_line(o.get("treatment"))][-OPINIONS_MAX:]
    if not proposing:
        return []
    if len(proposing) == 1:
        o = proposing[0]
        return [
            Paragraph(
                tr(
                    "Treatment proposed so far, by {who}: {plan}",
                    who=_who_when(dossier, o, dates),
                    plan=isolate(plan_text(dossier, o, chars)),
                )
            )
        ]
    if _agree(dossier, case_id, proposing):
        latest = proposing[-1]
        names = tr(" and ").join(_who_when(dossier, o, dates) for o in proposing)
        return [
            Paragraph(
                tr(
                    "Treatment proposed so far: {names} propose the same treatment: {plan}",
                    names=names,
                    plan=isolate(plan_text(dossier, latest, chars)),
                )
            )
        ]
    return [
        Paragraph(tr("Treatment proposed so far: the opinions propose different treatments.")),
        BulletList(
            tuple(
                tr(
                    "{who}: {plan}",
                    who=_who_when(dossier, o, dates),
                    plan=isolate(plan_text(dossier, o, chars)),
                )
                for o in proposing
            )
        ),
    ]


def other_conditions(
    dossier: Dossier, case_id: int, dates: DateFormatter, chars: int
) -> Table | None:
    """The patient's other medical cases still open or decided (not an administrative one,
    such as an appeal to a council): their diagnoses, and the treatment given, decided or
    proposed there."""
    rows = []
    for case in records.list_records(dossier, "case"):
        if case["id"] == case_id or case.get("status") == "closed":
            continue
        if case.get("kind") == "administrative":
            continue
        diagnoses = [
            with_status(d)
            for d in records.list_records(dossier, "diagnosis", case_id=case["id"])
            if d.get("status") in CURRENT
        ]
        spans = [Span(one_line(case.get("title")), bold=True)]
        spans.extend(Span("\n" + isolate(d)) for d in diagnoses)
        rows.append(
            (
                Rich(tuple(spans)),
                "\n".join(_treatment_lines(dossier, case, dates, chars))
                or tr("no treatment recorded"),
            )
        )
    if not rows:
        return None
    return Table((tr("Case and diagnoses"), tr("Treatment")), tuple(rows), (40, 60))


def _treatment_lines(
    dossier: Dossier, case: dict[str, Any], dates: DateFormatter, chars: int
) -> list[str]:
    out = []
    for t in case_treatments(dossier, case["id"]):
        when = treatment_when(t, dates)
        name = one_line(t.get("name"))
        out.append(tr("{treatment}, {when}", treatment=isolate(name), when=when) if when else name)
    decided = [
        c
        for c in records.list_records(dossier, "comparison", case_id=case["id"])
        if (c.get("decision") or "").strip()
    ]
    if decided:
        latest = max(decided, key=lambda c: (c.get("decided_on") or "", c["id"]))
        day = format_day(latest.get("decided_on"), dates)
        what = isolate(clip_noted(latest["decision"], chars))
        out.append(
            tr("Decided on {day}: {decision}", day=day, decision=what)
            if day
            else tr("Decided: {decision}", decision=what)
        )
        return out
    opinions = records.list_records(dossier, "opinion", case_id=case["id"])
    for o in [o for o in opinions if one_line(o.get("treatment"))][-OPINIONS_MAX:]:
        out.append(
            tr(
                "Proposed by {who}: {plan}",
                who=_who_when(dossier, o, dates),
                plan=isolate(plan_text(dossier, o, chars)),
            )
        )
    if case.get("decision_deadline"):
        out.append(
            tr(
                "Not decided yet; to be decided by {day}.",
                day=format_day(case["decision_deadline"], dates),
            )
        )
    return out


def plan_text(dossier: Dossier, opinion: dict[str, Any], chars: int) -> str:
    """The treatment an opinion proposes, whole when it fits ``chars``; shortened, it says
    where the full text is: the doctor's written opinion when it is enclosed."""
    text = one_line(opinion.get("treatment"))
    short = clip(text, chars)
    if short == text:
        return text
    report_id = opinion.get("report_document_id")
    if report_id is not None:
        try:
            report = records.get(dossier, "document", report_id)
        except records.NotFoundError:
            report = None
        if report is not None and report.get("bring"):
            return tr(
                "{shortened} (full text in the enclosed written opinion, “{title}”)",
                shortened=short,
                title=isolate(one_line(report.get("title"))),
            )
    return clip_noted(text, chars)


def _who_when(dossier: Dossier, opinion: dict[str, Any], dates: DateFormatter) -> str:
    """ "Dr. Weiß, 19 August 2026": the name isolated on its own, so a Hebrew name keeps
    the date after it in the line's order."""
    who = isolate(opinion_doctor(dossier, opinion))
    day = format_day(opinion.get("given_on"), dates)
    return tr("{who}, {day}", who=who, day=day) if day else who


def _agree(dossier: Dossier, case_id: int, opinions: list[dict[str, Any]]) -> bool:
    """Whether the opinions propose the same treatment: the verdict of a stored comparison
    of them, else the app's own reading of the texts."""
    ids = [int(o["id"]) for o in opinions]
    found = cmp.find(dossier, case_id, ids)
    if found is not None:
        for row in cmp.load(dossier, found).rows:
            if row.aspect == "treatment":
                return row.verdict == "same"
    return cmp.propose_verdict([o["treatment"] for o in opinions]) == "same"
