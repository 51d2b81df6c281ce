"""What each kind of record holds: fields, their types, allowed values, links.

One declarative table drives validation, the generic record operations, the
search index and the command line, so a field added here is handled everywhere.
"""

from __future__ import annotations

from .entity_choices import ASPECTS as ASPECTS
from .entity_choices import CASE_KINDS as CASE_KINDS
from .entity_choices import CASE_STATUSES as CASE_STATUSES
from .entity_choices import CLAIM_STATUSES as CLAIM_STATUSES
from .entity_choices import CONTACT_ROLES as CONTACT_ROLES
from .entity_choices import DIAGNOSIS_STATUSES as DIAGNOSIS_STATUSES
from .entity_choices import DOCUMENT_KINDS as DOCUMENT_KINDS
from .entity_choices import HAND_OVER_KINDS as HAND_OVER_KINDS
from .entity_choices import ITEM_KINDS as ITEM_KINDS
from .entity_choices import LANGUAGE_CHOICES as LANGUAGE_CHOICES
from .entity_choices import PLAN_STEPS as PLAN_STEPS
from .entity_choices import PRIORITIES as PRIORITIES
from .entity_choices import REQUEST_STATUSES as REQUEST_STATUSES
from .entity_choices import SEXES as SEXES
from .entity_choices import TASK_KINDS as TASK_KINDS
from .entity_choices import TREATMENT_KINDS as TREATMENT_KINDS
from .entity_choices import VERDICTS as VERDICTS
from .entity_model import TODAY as TODAY
from .entity_model import Entity as Entity
from .entity_model import Field as Field
from .entity_model import FieldKind as FieldKind
from .errors import DossierError
from .i18n import N_, NC_, tr

_CASE = Field("case_id", "ref", N_("case"), ref="case")
_CASE_REQUIRED = Field("case_id", "ref", N_("case"), required=True, ref="case")
# Where a question or a task came from: the comparison and the aspect it was made from.
_FROM_COMPARISON = Field("comparison_id", "ref", N_("from the comparison"), ref="comparison")
_FROM_ASPECT = Field("aspect", "choice", N_("asked because of the aspect"), choices=ASPECTS)


def _contact(name: str = "contact_id", label: str = N_("contact")) -> Field:
    return Field(name, "ref", label, ref="contact")


ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        Entity(
            "person",
            "person",
            N_("person"),
            "person",
            (
                Field("name", label=N_("name"), required=True),
                Field("born", "date", N_("date of birth")),
                Field("sex", "choice", N_("sex"), choices=SEXES),
                Field("phone", label=N_("phone")),
                Field("email", label=N_("email")),
                Field("address", "longtext", label=N_("address")),
                _contact("insurer_id", N_("insurer")),
                Field("insurance_number", label=N_("insurance number")),
                Field("medications", "longtext", label=N_("other notes on medicines")),
                Field("allergies", "longtext", label=N_("allergies")),
                Field("notes", "longtext", label=N_("notes")),
            ),
            ("name",),
        ),
        Entity(
            "contact",
            "contact",
            N_("contact"),
            "contacts",
            (
                Field("name", label=NC_("contact", "name"), required=True),
                Field("role", "choice", label=N_("role"), choices=CONTACT_ROLES, default="doctor"),
                Field("specialty", label=N_("specialty")),
                Field("institution", label=N_("institution")),
                Field("phone", label=N_("phone")),
                Field("email", label=N_("email")),
                Field("address", "longtext", label=N_("address")),
                Field("notes", "longtext", label=N_("notes")),
                Field("reimburse_percent", "percent", N_("share reimbursed (%)")),
                Field("cap_per_consultation", "money", N_("most reimbursed per consultation")),
                Field(
                    "consultations_per_year",
                    "int",
                    N_("consultations reimbursed a year"),
                    minimum=0,
                    maximum=365,
                ),
                Field(
                    "prior_approval_required", "bool", N_("prior approval needed"), default=False
                ),
                Field("currency", label=N_("currency")),
            ),
            ("name", "institution"),
        ),
        Entity(
            "case",
            "case",
            N_("case"),
            "cases",
            (
                Field("title", label=N_("title"), required=True),
                Field("kind", "choice", label=N_("kind"), choices=CASE_KINDS, default="diagnosis"),
                Field("question", "longtext", N_("question to answer")),
                Field("description", "longtext", label=N_("description")),
                _contact("referred_by_id", N_("referred by")),
                _contact("treating_id", N_("treating doctor")),
                Field(
                    "status", "choice", label=N_("status"), choices=CASE_STATUSES, default="open"
                ),
                Field("opened_on", "date", N_("date opened")),
                Field("decision_deadline", "date", N_("decision deadline")),
                Field("motive", "longtext", N_("why a second opinion")),
                Field(
                    "handover_report_id",
                    "ref",
                    N_("report sent with the hand-over letter"),
                    ref="document",
                ),
            ),
            ("title",),
        ),
        Entity(
            "medication",
            "medication",
            N_("medicine"),
            "medications",
            (
                Field("name", label=NC_("medicine", "name"), required=True),
                Field("strength", label=N_("strength")),
                Field("dose", label=N_("dose")),
                Field("started_on", "date", N_("since")),
                Field("ended_on", "date", N_("until")),
                _contact("prescribed_by_id", N_("prescribed by")),
                Field("reason", "longtext", N_("why")),
                Field("notes", "longtext", label=N_("notes")),
            ),
            ("name", "strength"),
            aliases=("medicine", "medicines"),
        ),
        Entity(
            "diagnosis",
            "diagnosis",
            N_("diagnosis"),
            "diagnoses",
            (
                _CASE_REQUIRED,
                Field("name", label=NC_("diagnosis", "name"), required=True),
                Field("icd10", label=N_("ICD-10 code")),
                Field("diagnosed_on", "date", N_("date of diagnosis")),
                _contact(label=N_("diagnosed by")),
                Field(
                    "status",
                    "choice",
                    label=N_("status"),
                    choices=DIAGNOSIS_STATUSES,
                    default="suspected",
                ),
                Field("stage", label=N_("stage or severity")),
                Field("notes", "longtext", label=N_("notes")),
            ),
            ("name",),
            owned_by_case=True,
        ),
        Entity(
            "treatment",
            "treatment",
            N_("treatment"),
            "treatments",
            (
                _CASE_REQUIRED,
                Field("name", label=N_("treatment"), required=True),
                Field("kind", "choice", label=N_("kind"), choices=TREATMENT_KINDS, default="other"),
                Field("started_on", "date", N_("started")),
                Field("ended_on", "date", N_("ended")),
                _contact(label=N_("given by")),
                Field("place", label=N_("where")),
                Field("outcome", "longtext", N_("result or why it stopped")),
                Field("notes", "longtext", label=N_("notes")),
            ),
            ("name",),
            owned_by_case=True,
        ),
        Entity(
            "opinion",
            "opinion",
            N_("opinion"),
            "opinions",
            (
                _CASE_REQUIRED,
                _contact(label=N_("doctor")),
                Field("institution", label=N_("institution")),
                Field("given_on", "date", N_("date of the opinion")),
                Field("ordinal", "int", N_("which opinion"), default=1, minimum=1, maximum=20),
                Field("diagnosis", "longtext", N_("diagnosis as stated")),
                Field("stage", "longtext", N_("stage or severity")),
                Field("treatment", "longtext", N_("recommended treatment")),
                Field("alternatives", "longtext", N_("alternatives mentioned")),
                Field("risks", "longtext", N_("risks and side effects")),
                Field("urgency", "longtext", N_("urgency and time to decide")),
                Field("tests", "longtext", N_("further tests asked for")),
                Field("outcome", "longtext", N_("expected outcome")),
                Field("reasoning", "longtext", label=N_("reasoning")),
                Field("uncertainty", "longtext", label=N_("uncertainty")),
                Field("follow_up", "longtext", N_("follow-up")),
                Field("cost", "longtext", label=NC_("opinion", "cost")),
                Field("report_document_id", "ref", N_("written report"), ref="document"),
                Field("notes", "longtext", label=N_("notes")),
            ),
            ("institution", "given_on"),
            owned_by_case=True,
            links=("citations",),  # {aspect: [{"document_id": int, "page": int | None}]}
        ),
        Entity(
            "comparison",
            "comparison",
            N_("comparison"),
            "comparisons",
            (
                _CASE_REQUIRED,
                Field("title", label=N_("title")),
                Field("summary", "longtext", N_("summary of differences")),
                Field("next_steps", "longtext", N_("next steps")),
                Field("decision", "longtext", label=N_("decision")),
                Field("decision_reason", "longtext", N_("reasons for the decision")),
                Field("decided_on", "date", N_("date of the decision")),
                Field("decision_participants", "text", N_("who took part in the decision")),
            ),
            ("title",),
            owned_by_case=True,
            links=("opinion_ids", "aspects"),
        ),
        Entity(
            "document",
            "document",
            N_("document"),
            "documents",
            (
                Field("title", label=N_("title"), required=True),
                Field("kind", "choice", label=N_("kind"), choices=DOCUMENT_KINDS, default="other"),
                Field("document_date", "date", N_("date of the document")),
                Field("source", label=N_("source")),
                Field("bring", "bool", N_("bring to next consultation"), default=False),
                Field("notes", "longtext", label=N_("notes")),
                Field("language", "choice", N_("language"), choices=LANGUAGE_CHOICES),
                Field("translation_of_id", "ref", N_("translation of"), ref="document"),
                Field("translation_certified", "bool", N_("certified translation"), default=False),
                Field("translated_by", label=N_("translated by")),
            ),
            ("title",),
            links=("case_ids", "opinion_ids", "tags"),
        ),
        Entity(
            "physical_item",
            "physical_item",
            N_("physical item"),
            "physical_items",
            (
                _CASE,
                Field("description", label=N_("description"), required=True),
                Field("kind", "choice", label=N_("kind"), choices=ITEM_KINDS, default="other"),
                Field("location", label=N_("where it is")),
                _contact("sent_to_id", N_("sent to")),
                Field("sent_on", "date", N_("date sent")),
                Field("returned_on", "date", N_("date returned")),
                Field("notes", "longtext", label=N_("notes")),
            ),
            ("description",),
            owned_by_case=True,
            aliases=("item", "items"),
        ),
        Entity(
            "study",
            "imaging_study",
            N_("imaging study"),
            "studies",
            (
                _CASE,
                Field("description", label=N_("description")),
                Field("study_date", "date", N_("date of the study")),
                Field("modality", label=N_("modality")),
                Field("institution", label=N_("institution")),
                Field("referring_physician", label=N_("referring doctor")),
                Field("accession_number", label=N_("accession number")),
                Field("disc_item_id", "ref", N_("disc"), ref="physical_item"),
                Field("bring", "bool", N_("bring to next consultation"), default=False),
                Field("notes", "longtext", label=N_("notes")),
            ),
            ("description", "study_date"),
            aliases=("imaging_study", "imaging_studies"),
        ),
        Entity(
            "records_request",
            "records_request",
            N_("records request"),
            "records_requests",
            (
                _CASE,
                _contact(label=N_("facility contact")),
                Field("facility", label=N_("facility")),
                Field("what", "longtext", N_("what was asked for"), required=True),
                Field("requested_on", "date", N_("date requested")),
                Field("due_on", "date", N_("date due")),
                Field(
                    "status",
                    "choice",
                    label=N_("status"),
                    choices=REQUEST_STATUSES,
                    default="requested",
                ),
                Field("notes", "longtext", label=N_("notes")),
            ),
            ("facility", "what"),
            owned_by_case=True,
            aliases=("request", "requests"),
        ),
        Entity(
            "appointment",
            "appointment",
            N_("appointment"),
            "appointments",
            (
                _CASE,
                _contact(label=N_("with whom")),
                Field("starts_at", "datetime", N_("date and time"), required=True),
                Field("location", label=N_("where")),
                Field("purpose", "longtext", label=N_("purpose")),
                Field("companion", label=N_("companion")),
                Field("preparation", "longtext", label=N_("preparation")),
                Field("outcome", "longtext", label=N_("outcome")),
            ),
            ("purpose", "starts_at"),
            owned_by_case=True,
        ),
        Entity(
            "task",
            "task",
            N_("deadline or task"),
            "tasks",
            (
                _CASE,
                Field("title", label=N_("title"), required=True),
                Field("kind", "choice", label=N_("kind"), choices=TASK_KINDS, default="other"),
                Field("due_on", "date", N_("due date")),
                Field("done", "bool", label=N_("done"), default=False),
                Field("done_on", "date", N_("date done")),
                Field("notes", "longtext", label=N_("notes")),
                _FROM_COMPARISON,
                _FROM_ASPECT,
                Field("plan_step", "choice", N_("step of the plan"), choices=PLAN_STEPS),
            ),
            ("title",),
            owned_by_case=True,
            aliases=("deadline", "deadlines"),
        ),
        Entity(
            "question",
            "question",
            N_("question"),
            "questions",
            (
                _CASE,
                Field("appointment_id", "ref", N_("appointment"), ref="appointment"),
                Field("text", "longtext", N_("question"), required=True),
                Field("category", label=N_("category")),
                Field(
                    "priority", "choice", label=N_("priority"), choices=PRIORITIES, default="normal"
                ),
                Field("position", "int", N_("order"), default=0, minimum=0, maximum=100000),
                Field("asked", "bool", label=N_("asked"), default=False),
                Field("answer", "longtext", label=N_("answer")),
                _contact("answered_by_id", N_("answered by")),
                _FROM_COMPARISON,
                _FROM_ASPECT,
                Field("set_aside_id", "ref", N_("taken off the list of"), ref="appointment"),
            ),
            ("text",),
            owned_by_case=True,
        ),
        Entity(
            "cost",
            "cost",
            N_("cost"),
            "costs",
            (
                _CASE,
                Field("description", label=N_("description"), required=True),
                Field("amount", "money", label=N_("amount"), required=True),
                Field("currency", label=N_("currency")),
                Field("incurred_on", "date", N_("date")),
                _contact("insurer_id", N_("insurer")),
                Field("opinion_id", "ref", N_("opinion"), ref="opinion"),
                Field("appointment_id", "ref", N_("appointment"), ref="appointment"),
                Field("is_consultation", "bool", N_("counts as a consultation"), default=False),
                Field(
                    "prior_approval_obtained", "bool", N_("prior approval obtained"), default=False
                ),
                Field(
                    "claim_status",
                    "choice",
                    N_("claim"),
                    choices=CLAIM_STATUSES,
                    default="not_claimed",
                ),
                Field("reimbursed", "money", N_("amount reimbursed")),
            ),
            ("description",),
            owned_by_case=True,
            aliases=("claim", "claims"),
        ),
        Entity(
            "hand_over",
            "hand_over",
            N_("hand-over"),
            "hand_overs",
            (
                _CASE_REQUIRED,
                _contact(label=N_("to whom")),
                Field("kind", "choice", N_("kind"), choices=HAND_OVER_KINDS, default="told"),
                Field("done_on", "date", N_("date"), default=TODAY),
                Field("how", label=N_("how")),
                Field("what", "longtext", N_("what was sent or said")),
                Field("notes", "longtext", label=N_("notes")),
            ),
            ("kind", "done_on"),
            owned_by_case=True,
            aliases=("handover", "handovers"),
        ),
        Entity(
            "note",
            "note",
            N_("note"),
            "notes",
            (
                _CASE,
                Field("title", label=N_("title")),
                Field("text", "longtext", N_("note"), required=True),
                Field("written_on", "date", N_("date"), default=TODAY),
            ),
            ("title", "text"),
            owned_by_case=True,
        ),
    )
}

# Order in which a case's records are listed, deleted and restored.
CASE_CHILDREN = tuple(e.name for e in ENTITIES.values() if e.owned_by_case)


def _lookup_table() -> dict[str, str]:
    names: dict[str, str] = {}
    for entity in ENTITIES.values():
        for alias in (entity.name, entity.plural, *entity.aliases):
            names[alias] = entity.name
            names[alias.replace("_", "-")] = entity.name
    return names


_NAMES = _lookup_table()


def entity(name: str) -> Entity:
    """The entity called ``name`` (singular or plural, ``-`` or ``_``)."""
    key = name.strip().lower()
    if key not in _NAMES:
        raise DossierError(
            tr(
                "There is no kind of record called '{name}'. Known kinds: {known}.",
                name=name,
                known=", ".join(sorted(ENTITIES)),
            )
        )
    return ENTITIES[_NAMES[key]]
