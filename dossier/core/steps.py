"""The six steps of a second opinion, and how far each case has come along them.

The steps (issue 3, after the sources summed up in DESIGN.md):

1. **Records requested**: the file is asked for (scans and slides, not only reports)
   and has arrived.
2. **Second doctor chosen**: someone other than the first doctor looks at the case.
3. **Insurer checked**: what the insurer pays, and whether it wants approval first.
4. **Questions prepared**: the questions to ask are written down.
5. **Opinions in**: at least two opinions are recorded.
6. **Decision made**: the decision is written down (or the case marked decided).

Before them comes knowing what one is unsure about (:attr:`CaseSteps.identify`): the
case says which question it should answer, or names the diagnosis in doubt.

Each step follows from the case's own records by a rule that fits in one sentence
(:attr:`Step.rule`), so the window can say why a step is ticked, and each step
carries the records that prove it (:attr:`Step.proof`). Nothing here is stored:
the steps are worked out again whenever they are asked for.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import records
from .clock import today
from .entities import ENTITIES
from .i18n import tr
from .storage import Dossier

STEP_KEYS = ("records", "doctor", "insurer", "questions", "opinions", "decision")
_CHILDREN = (
    "diagnosis",
    "opinion",
    "comparison",
    "records_request",
    "appointment",
    "task",
    "question",
    "cost",
)
_RULE_FIELDS = ("reimburse_percent", "cap_per_consultation", "consultations_per_year")


@dataclass(frozen=True)
class Proof:
    """A record that shows a step is done (or under way)."""

    entity: str
    record_id: int
    label: str


@dataclass(frozen=True)
class Step:
    key: str  # one of STEP_KEYS, or "identify"
    number: int  # 1 to 6; 0 for "identify", which comes before the six
    title: str  # "Records requested"
    done: bool
    started: bool  # something is under way, e.g. a request that has not arrived yet
    status: str  # where the step stands, in plain words
    hint: str  # what to do next for this step; may be advice even when done, or ""
    rule: str  # when the step counts as done, in one sentence
    proof: tuple[Proof, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data = self.__dict__.copy()
        data["proof"] = [p.__dict__.copy() for p in self.proof]
        return data


@dataclass(frozen=True)
class CaseSteps:
    case: dict[str, Any]
    identify: Step
    steps: tuple[Step, ...]  # the six, in order
    days_left: int | None  # until the decision deadline; negative when it has passed
    decision: dict[str, Any] | None = None  # the comparison in which a decision is written

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def decided(self) -> bool:
        return self.step("decision").done

    def step(self, key: str) -> Step:
        for item in (self.identify, *self.steps):
            if item.key == key:
                return item
        raise KeyError(key)

    def next_step(self) -> Step | None:
        """The first step not yet done; None once the decision is made or the case closed."""
        if self.decided or self.case.get("status") == "closed":
            return None
        return next((s for s in (self.identify, *self.steps) if not s.done), None)


@dataclass
class _Facts:
    """Everything the rules look at, loaded once for any number of cases."""

    person: dict[str, Any]
    contacts: dict[int, dict[str, Any]]
    by_case: dict[str, dict[int, list[dict[str, Any]]]] = field(default_factory=dict)
    documented_opinions: set[int] = field(default_factory=set)  # with a live document
    today: date = field(default_factory=today)

    def of(self, name: str, case_id: int) -> list[dict[str, Any]]:
        return self.by_case[name].get(case_id, [])


def case_steps(dossier: Dossier, case_id: int) -> CaseSteps:
    """Where one case stands along the six steps (NotFoundError if there is no such case)."""
    case = records.get(dossier, "case", case_id)
    return _steps_of(case, _load(dossier, case_id))


def all_case_steps(dossier: Dossier, *, include_closed: bool = False) -> list[CaseSteps]:
    """The steps of every case (closed ones only if asked), loading the dossier once."""
    facts = _load(dossier, None)
    return [
        _steps_of(case, facts)
        for case in records.list_records(dossier, "case")
        if include_closed or case["status"] != "closed"
    ]


def next_step(dossier: Dossier, case_id: int) -> Step | None:
    """What to do next for a case: its first step not yet done (None when decided)."""
    return case_steps(dossier, case_id).next_step()


# Loading -------------------------------------------------------------------------------


def _load(dossier: Dossier, case_id: int | None) -> _Facts:
    facts = _Facts(
        person=records.get(dossier, "person", 1),
        contacts={c["id"]: c for c in records.list_records(dossier, "contact")},
    )
    for name in _CHILDREN:
        grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for record in records.list_records(dossier, name, case_id=case_id):
            if record.get("case_id") is not None:
                grouped[record["case_id"]].append(record)
        facts.by_case[name] = grouped
    facts.documented_opinions = {
        int(row[0])
        for row in dossier.db.execute(
            "SELECT link.opinion_id FROM document_opinion AS link "
            "JOIN document ON document.id = link.document_id WHERE document.deleted_at IS NULL"
        )
    }
    return facts


# The rules -----------------------------------------------------------------------------


def _steps_of(case: dict[str, Any], facts: _Facts) -> CaseSteps:
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


def _identify(case: dict[str, Any], facts: _Facts) -> Step:
    diagnoses = facts.of("diagnosis", case["id"])
    question = " ".join((case.get("question") or "").split())
    done = bool(question or diagnoses)
    if question:
        status = tr("The question: {question}", question=_short(question, 140))
    elif diagnoses:
        status = _plural(
            len(diagnoses), "One diagnosis is written down.", "{n} diagnoses are written down."
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
        _proofs("diagnosis", diagnoses),
    )


def _records(case: dict[str, Any], facts: _Facts) -> Step:
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
        where = _facility(first, facts)
        status = tr("Waiting for the records from {where}.", where=where)
        due = first.get("due_on")
        if due and _days(due, facts) < 0:
            hint = tr(
                "The records from {where} were due {when}: ask for them again.",
                where=where,
                when=_when(_days(due, facts)),
            )
        elif due:
            hint = tr(
                "The records from {where} are due {when}.",
                where=where,
                when=_when(_days(due, facts)),
            )
        else:
            hint = tr("Ask {where} when the records will come.", where=where)
        if len(waiting) > 1:
            hint += " " + _plural(
                len(waiting) - 1,
                "One more request is waiting too.",
                "{n} more requests are waiting too.",
            )
    else:
        places = _join(dict.fromkeys(_facility(r, facts) for r in arrived))
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
        _proofs("records_request", requests),
    )


def _doctor(case: dict[str, Any], facts: _Facts) -> Step:
    opinions = facts.of("opinion", case["id"])
    later = [o for o in opinions if (o.get("ordinal") or 1) >= 2]
    first_opinions = [o for o in opinions if (o.get("ordinal") or 1) < 2]
    first_doctors = {o["contact_id"] for o in first_opinions if o.get("contact_id")}
    first_doctors |= {
        d["contact_id"] for d in facts.of("diagnosis", case["id"]) if d.get("contact_id")
    }
    meetings = [
        a
        for a in facts.of("appointment", case["id"])
        if a.get("contact_id") is not None
        and a["contact_id"] not in first_doctors
        and facts.contacts.get(a["contact_id"], {}).get("role") == "doctor"
    ]
    administrative = case.get("kind") == "administrative"
    hint = ""
    if later:
        chosen = later[0]
        status = tr("Second opinion from {who}.", who=_opinion_by(chosen, facts))
        proof = _proofs("opinion", later)
        chosen_place = chosen.get("institution") or _contact_field(chosen, "institution", facts)
    elif meetings:
        chosen = meetings[0]
        who = _contact_name(chosen["contact_id"], facts)
        days = _days(chosen["starts_at"], facts)
        status = (
            tr("Appointment with {who} {when}.", who=who, when=_when(days))
            if days >= 0
            else tr("Seen by {who}.", who=who)
        )
        proof = _proofs("appointment", meetings)
        chosen_place = _contact_field(chosen, "institution", facts)
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


def _insurer(case: dict[str, Any], facts: _Facts) -> Step:
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
    with_rules = [i for i in insurers if _has_rules(i)]
    unapproved = [
        c
        for c in costs
        if c.get("is_consultation")
        and not c.get("prior_approval_obtained")
        and _insurer_of(c, facts).get("prior_approval_required")
    ]
    done = bool(with_rules or done_tasks) and not open_tasks and not unapproved
    hint = ""
    if open_tasks:
        task = open_tasks[0]
        status = tr("Still to do: {task}.", task=task["title"])
        hint = _task_hint(task, facts)
    elif unapproved:
        cost = unapproved[0]
        name = _insurer_of(cost, facts).get("name") or tr("the insurer")
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
    proof = _proofs("contact", with_rules) + _proofs("task", tasks)
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


def _questions(case: dict[str, Any], facts: _Facts) -> Step:
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
        status = _plural(
            len(questions),
            "One question written down, {open} not answered yet.",
            "{n} questions written down, {open} not answered yet.",
            open=len(unanswered),
        )
        coming = _coming_appointments(case, facts)
        if unanswered and coming:
            hint = tr(
                "Take the questions to the appointment {when}, and ask for a written report.",
                when=_when(_days(coming[0]["starts_at"], facts)),
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
        _proofs("question", questions),
    )


def _opinions(case: dict[str, Any], facts: _Facts) -> Step:
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
        who = _join(_opinion_by(o, facts) for o in opinions)
        status = _plural(count, "One opinion in: {who}.", "{n} opinions in: {who}.", who=who)
        if count == 1:
            coming = [
                a
                for a in _coming_appointments(case, facts)
                if a.get("contact_id") not in {o.get("contact_id") for o in opinions}
            ]
            hint = (
                tr(
                    "After the appointment with {who} {when}, add the second opinion.",
                    who=_contact_name(coming[0].get("contact_id"), facts),
                    when=_when(_days(coming[0]["starts_at"], facts)),
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
                hint = tr("Ask {who} for a written report.", who=_opinion_by(unwritten[0], facts))
    return Step(
        "opinions",
        5,
        tr("Opinions in"),
        count >= 2,
        count >= 1,
        status,
        hint,
        tr("Done when at least two opinions are recorded for the case."),
        _proofs("opinion", opinions),
    )


def _decision(
    case: dict[str, Any], facts: _Facts, days_left: int | None
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
        status = tr("Decided: {what}", what=_short(decision["decision"], 160))
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
                when=_when(days_left),
            )
        elif days_left is not None:
            hint += " " + tr("Decide by the deadline, {when}.", when=_when(days_left))
    step = Step(
        "decision",
        6,
        tr("Decision made"),
        decision is not None or status_done,
        bool(comparisons),
        status,
        hint,
        tr("Done when a comparison records a decision, or the case is marked decided."),
        _proofs("comparison", decided or comparisons),
    )
    return step, decision


# Small helpers -------------------------------------------------------------------------


def _proofs(name: str, rows: list[dict[str, Any]]) -> tuple[Proof, ...]:
    spec = ENTITIES[name]
    return tuple(Proof(name, r["id"], records.label_of(spec, r)) for r in rows)


def _has_rules(insurer: dict[str, Any]) -> bool:
    return bool(insurer.get("prior_approval_required")) or any(
        insurer.get(name) is not None for name in _RULE_FIELDS
    )


def _insurer_of(cost: dict[str, Any], facts: _Facts) -> dict[str, Any]:
    insurer_id = cost.get("insurer_id") or facts.person.get("insurer_id")
    return facts.contacts.get(insurer_id, {}) if insurer_id is not None else {}


def _contact_name(contact_id: int | None, facts: _Facts) -> str:
    contact = facts.contacts.get(contact_id) if contact_id is not None else None
    return str(contact["name"]) if contact else tr("the doctor")


def _contact_field(record: dict[str, Any], name: str, facts: _Facts) -> str | None:
    contact = facts.contacts.get(record.get("contact_id") or -1)
    value = contact.get(name) if contact else None
    return str(value) if value else None


def _opinion_by(opinion: dict[str, Any], facts: _Facts) -> str:
    if opinion.get("contact_id") in facts.contacts:
        return _contact_name(opinion["contact_id"], facts)
    return str(opinion.get("institution") or tr("the doctor"))


def _facility(request: dict[str, Any], facts: _Facts) -> str:
    if request.get("facility"):
        return str(request["facility"])
    contact = facts.contacts.get(request.get("contact_id") or -1)
    if contact:
        return str(contact.get("institution") or contact["name"])
    return tr("the records office")


def _coming_appointments(case: dict[str, Any], facts: _Facts) -> list[dict[str, Any]]:
    return [a for a in facts.of("appointment", case["id"]) if _days(a["starts_at"], facts) >= 0]


def _task_hint(task: dict[str, Any], facts: _Facts) -> str:
    due = task.get("due_on")
    if not due:
        return tr("{task}.", task=task["title"])
    days = _days(due, facts)
    if days < 0:
        return tr("Overdue since {when}: {task}.", when=_when(days), task=task["title"])
    return tr("{task}: due {when}.", task=task["title"], when=_when(days))


def _days(iso: str, facts: _Facts) -> int:
    return (date.fromisoformat(iso[:10]) - facts.today).days


def _when(days: int) -> str:
    """A number of days from today in words: "today", "in 3 days", "5 days ago"."""
    if days == 0:
        return tr("today")
    if days == 1:
        return tr("tomorrow")
    if days == -1:
        return tr("yesterday")
    if days > 1:
        return tr("in {n} days", n=days)
    return tr("{n} days ago", n=-days)


def _plural(n: int, one: str, many: str, **values: object) -> str:
    """``one`` or ``many`` (with ``{n}``), whole sentences so translators see each."""
    return tr(one, n=n, **values) if n == 1 else tr(many, n=n, **values)


def _join(parts: Any) -> str:
    items = [str(p) for p in parts]
    if len(items) <= 1:
        return "".join(items)
    return tr("{first} and {last}", first=", ".join(items[:-1]), last=items[-1])


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


__all__ = [
    "STEP_KEYS",
    "CaseSteps",
    "Proof",
    "Step",
    "all_case_steps",
    "case_steps",
    "next_step",
]
