"""The rule of each step: when it counts as done, where it stands, what to do next.

Each rule reads only the :class:`~.facts.Facts` of one case and says so in one sentence
(:attr:`~.model.Step.rule`); nothing here writes or is stored.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..i18n import ntr, tr
from .facts import (
    Facts,
    coming_appointments,
    contact_field,
    contact_name,
    days_until,
    facility,
    has_rules,
    insurer_of,
    join_words,
    opinion_by,
    proofs,
    second_doctor_meetings,
    shorten,
    task_hint,
    when_words,
)
from .model import CaseSteps, Step


def steps_of(case: dict[str, Any], facts: Facts) -> CaseSteps:
    deadline = case.get("decision_deadline")
    days_left = (date.fromisoformat(deadline) - facts.today).days if deadline else None
    decision_step, decision = _decision(case, facts, days_left)
    steps = (
        _records(case, facts),
        _doctor(case, facts),
        _insurer(case, facts),
        _questions(case, facts),
        _opinions(case, facts),
        decision_step,
    )
    return CaseSteps(case, _identify(case, facts), steps, days_left, decision)


def _identify(case: dict[str, Any], facts: Facts) -> Step:
    diagnoses = facts.of("diagnosis", case["id"])
    question = " ".join((case.get("question") or "").split())
    done = bool(question or diagnoses)
    if question:
        status = tr("The question: {question}", question=shorten(question, 140))
    elif diagnoses:
        status = ntr(
            "One diagnosis is written down.", "{n} diagnoses are written down.", len(diagnoses)
        )
    else:
        status = tr("Not written down yet.")
    return Step(
        "identify",
        0,
        tr("What you are unsure about"),
        done,
        done,
        status,
        ""
        if done
        else tr(
            "Write down in one sentence what you are unsure about (the case's "
            "“question to answer”), or add the diagnosis that is in doubt."
        ),
        tr("Done when the case has a question to answer or a diagnosis."),
        proofs("diagnosis", diagnoses),
    )


def _records(case: dict[str, Any], facts: Facts) -> Step:
    requests = facts.of("records_request", case["id"])
    waiting = sorted(
        (r for r in requests if r["status"] == "requested"),
        key=lambda r: (r.get("due_on") is None, r.get("due_on") or ""),
    )
    arrived = [r for r in requests if r["status"] != "requested"]
    hint = ""
    if not requests:
        status = tr("No records asked for yet.")
        hint = tr(
            "Ask the hospital that treated you for your whole file: the scans and slides "
            "as well as the written reports. Add it as a records request."
        )
    elif waiting:
        first = waiting[0]
        where = facility(first, facts)
        status = tr("Waiting for the records from {where}.", where=where)
        due = first.get("due_on")
        if due and days_until(due, facts) < 0:
            hint = tr(
                "The records from {where} were due {when}: ask for them again.",
                where=where,
                when=when_words(days_until(due, facts)),
            )
        elif due:
            hint = tr(
                "The records from {where} are due {when}.",
                where=where,
                when=when_words(days_until(due, facts)),
            )
        else:
            hint = tr("Ask {where} when the records will come.", where=where)
        if len(waiting) > 1:
            hint += " " + ntr(
                "One more request is waiting too.",
                "{n} more requests are waiting too.",
                len(waiting) - 1,
            )
    else:
        places = join_words(dict.fromkeys(facility(r, facts) for r in arrived))
        status = tr("Records received from {where}.", where=places)
    return Step(
        "records",
        1,
        tr("Records requested"),
        bool(requests) and not waiting,
        bool(requests),
        status,
        hint,
        tr("Done when records were asked for and every request has been received or forwarded."),
        proofs("records_request", requests),
    )


def _doctor(case: dict[str, Any], facts: Facts) -> Step:
    opinions = facts.of("opinion", case["id"])
    later = [o for o in opinions if (o.get("ordinal") or 1) >= 2]
    first_opinions = [o for o in opinions if (o.get("ordinal") or 1) < 2]
    meetings = second_doctor_meetings(case, facts)
    administrative = case.get("kind") == "administrative"
    hint = ""
    if later:
        chosen = later[0]
        status = tr("Second opinion from {who}.", who=opinion_by(chosen, facts))
        proof = proofs("opinion", later)
        chosen_place = chosen.get("institution") or contact_field(chosen, "institution", facts)
    elif meetings:
        chosen = meetings[0]
        who = contact_name(chosen["contact_id"], facts)
        days = days_until(chosen["starts_at"], facts)
        status = (
            tr("Appointment with {who} {when}.", who=who, when=when_words(days))
            if days >= 0
            else tr("Seen by {who}.", who=who)
        )
        proof = proofs("appointment", meetings)
        chosen_place = contact_field(chosen, "institution", facts)
    else:
        status = tr("No second doctor chosen yet.")
        proof = ()
        chosen_place = None
        if administrative:
            hint = tr(
                "Find out who can review this decision (an objection or appeal, an "
                "independent assessor or advisor), and record their view as the second opinion."
            )
        else:
            first_place = next(
                (o["institution"] for o in first_opinions if o.get("institution")), None
            )
            hint = (
                tr(
                    "Choose a doctor for a second opinion, preferably at another hospital than "
                    "{place}. Add the appointment with that doctor as the contact.",
                    place=first_place,
                )
                if first_place
                else tr(
                    "Choose a doctor for a second opinion, preferably at another hospital. "
                    "Add the appointment with that doctor as the contact."
                )
            )
    first_places = {o.get("institution") for o in first_opinions} - {None, ""}
    if chosen_place and chosen_place in first_places:
        hint = tr(
            "The second doctor works at {place}, like the first. A doctor at another "
            "hospital may look at the case more freshly.",
            place=chosen_place,
        )
    return Step(
        "doctor",
        2,
        tr("Second doctor chosen"),
        bool(later or meetings),
        bool(later or meetings),
        status,
        hint,
        tr(
            "Done when there is a second (or later) opinion, or an appointment with a doctor "
            "other than the one who gave the first opinion or made the diagnosis."
        ),
        proof,
    )


def _insurer(case: dict[str, Any], facts: Facts) -> Step:
    costs = facts.of("cost", case["id"])
    tasks = [t for t in facts.of("task", case["id"]) if t["kind"] == "insurer_approval"]
    open_tasks = [t for t in tasks if not t["done"]]
    done_tasks = [t for t in tasks if t["done"]]
    insurer_ids = list(
        dict.fromkeys(
            i
            for i in (facts.person.get("insurer_id"), *(c.get("insurer_id") for c in costs))
            if i is not None and i in facts.contacts
        )
    )
    insurers = [facts.contacts[i] for i in insurer_ids]
    with_rules = [i for i in insurers if has_rules(i)]
    unapproved = [
        c
        for c in costs
        if c.get("is_consultation")
        and not c.get("prior_approval_obtained")
        and insurer_of(c, facts).get("prior_approval_required")
    ]
    done = bool(with_rules or done_tasks) and not open_tasks and not unapproved
    hint = ""
    if open_tasks:
        task = open_tasks[0]
        status = tr("Still to do: {task}.", task=task["title"])
        hint = task_hint(task, facts)
    elif unapproved:
        cost = unapproved[0]
        name = insurer_of(cost, facts).get("name") or tr("the insurer")
        status = tr(
            "{name} pays only with prior approval, and none is recorded for “{cost}”.",
            name=name,
            cost=cost["description"],
        )
        hint = tr(
            "Ask {name} whether it will still pay, or ask for approval before the next "
            "consultation.",
            name=name,
        )
    elif with_rules:
        insurer = with_rules[0]
        status = (
            tr("{name} pays only with prior approval; approval is recorded.", name=insurer["name"])
            if insurer.get("prior_approval_required") and done_tasks
            else tr("The rules of {name} are written down.", name=insurer["name"])
        )
        if (
            insurer.get("prior_approval_required")
            and not done_tasks
            and case.get("kind") != "administrative"
        ):
            hint = tr(
                "{name} pays only with prior approval: ask for it before a second-opinion "
                "appointment.",
                name=insurer["name"],
            )
    elif done_tasks:
        status = tr("Approval obtained: {task}.", task=done_tasks[0]["title"])
    elif insurers:
        status = tr("What {name} pays is not written down yet.", name=insurers[0]["name"])
        hint = tr(
            "Ask {name} what it pays for a second opinion and whether it wants approval "
            "first, and note its rules with the contact.",
            name=insurers[0]["name"],
        )
    else:
        status = tr("No insurer recorded.")
        hint = tr(
            "Ask your insurer what it pays for a second opinion and whether it wants "
            "approval first. Add the insurer as a contact with its rules."
        )
    proof = proofs("contact", with_rules) + proofs("task", tasks)
    return Step(
        "insurer",
        3,
        tr("Insurer checked"),
        done,
        bool(insurers or tasks),
        status,
        hint,
        tr(
            "Done when the insurer's rules are written down or an approval was obtained, "
            "no insurer task is still open, and no consultation lacks an approval the "
            "insurer requires."
        ),
        proof,
    )


def _questions(case: dict[str, Any], facts: Facts) -> Step:
    questions = facts.of("question", case["id"])
    unanswered = [q for q in questions if not q.get("answer")]
    hint = ""
    if not questions:
        status = tr("No questions written down yet.")
        hint = tr(
            "Write down what you want to ask the doctor, most important first, and take "
            "the list to the appointment."
        )
    else:
        status = ntr(
            "One question written down, {open} not answered yet.",
            "{n} questions written down, {open} not answered yet.",
            len(questions),
            open=len(unanswered),
        )
        coming = coming_appointments(case, facts)
        if unanswered and coming:
            hint = tr(
                "Take the questions to the appointment {when}, and ask for a written report.",
                when=when_words(days_until(coming[0]["starts_at"], facts)),
            )
    return Step(
        "questions",
        4,
        tr("Questions prepared"),
        bool(questions),
        bool(questions),
        status,
        hint,
        tr("Done when at least one question is written down for the case."),
        proofs("question", questions),
    )


def _opinions(case: dict[str, Any], facts: Facts) -> Step:
    opinions = facts.of("opinion", case["id"])
    count = len(opinions)
    hint = ""
    if count == 0:
        status = tr("No opinions recorded yet.")
        hint = (
            tr(
                "Write down the decision you doubt as the first opinion: who decided, what, "
                "and for which reasons."
            )
            if case.get("kind") == "administrative"
            else tr(
                "Write down the first doctor's advice as an opinion: what they found, what "
                "they recommend, and why."
            )
        )
    else:
        who = join_words(opinion_by(o, facts) for o in opinions)
        status = ntr("One opinion in: {who}.", "{n} opinions in: {who}.", count, who=who)
        if count == 1:
            coming = [
                a
                for a in coming_appointments(case, facts)
                if a.get("contact_id") not in {o.get("contact_id") for o in opinions}
            ]
            hint = (
                tr(
                    "After the appointment with {who} {when}, add the second opinion.",
                    who=contact_name(coming[0].get("contact_id"), facts),
                    when=when_words(days_until(coming[0]["starts_at"], facts)),
                )
                if coming and coming[0].get("contact_id")
                else tr("When the second doctor has seen you, add their opinion.")
            )
        else:
            unwritten = [
                o
                for o in opinions
                if not o.get("report_document_id") and o["id"] not in facts.documented_opinions
            ]
            if unwritten:
                hint = tr("Ask {who} for a written report.", who=opinion_by(unwritten[0], facts))
    return Step(
        "opinions",
        5,
        tr("Opinions in"),
        count >= 2,
        count >= 1,
        status,
        hint,
        tr("Done when at least two opinions are recorded for the case."),
        proofs("opinion", opinions),
    )


def _decision(
    case: dict[str, Any], facts: Facts, days_left: int | None
) -> tuple[Step, dict[str, Any] | None]:
    comparisons = facts.of("comparison", case["id"])
    decided = sorted(
        (c for c in comparisons if (c.get("decision") or "").strip()),
        key=lambda c: (c.get("decided_on") or "", c["id"]),
    )
    decision = decided[-1] if decided else None
    status_done = case.get("status") in ("decided", "closed")
    hint = ""
    if decision is not None:
        status = tr("Decided: {what}", what=shorten(decision["decision"], 160))
    elif status_done:
        status = tr("The case is marked as decided.")
    else:
        status = tr("Not decided yet.")
        opinions = len(facts.of("opinion", case["id"]))
        if opinions >= 2 and not comparisons:
            hint = tr(
                "Lay the opinions side by side in a comparison, talk it over with both "
                "doctors, then write down your decision."
            )
        elif comparisons:
            hint = tr(
                "Read the comparison again, ask both doctors about where they differ, "
                "then write down your decision and why."
            )
        else:
            hint = tr("When the opinions are in, compare them and decide.")
        if days_left is not None and days_left < 0:
            hint += " " + tr(
                "The decision deadline passed {when}: decide now, or set a new date with "
                "your doctor.",
                when=when_words(days_left),
            )
        elif days_left is not None:
            hint += " " + tr("Decide by the deadline, {when}.", when=when_words(days_left))
    step = Step(
        "decision",
        6,
        tr("Decision made"),
        decision is not None or status_done,
        bool(comparisons),
        status,
        hint,
        tr("Done when a comparison records a decision, or the case is marked decided."),
        proofs("comparison", decided or comparisons),
    )
    return step, decision


__all__ = ["steps_of"]
