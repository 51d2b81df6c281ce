"""What each kind of record holds: fields, their types, allowed values, links.

One declarative table drives validation, the generic record operations, the
search index and the command line, so a field added here is handled everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .errors import DossierError
from .i18n import N_, tr
from .language_guess import DOCUMENT_LANGUAGES

FieldKind = Literal[
    "text", "longtext", "date", "datetime", "int", "bool", "money", "percent", "choice", "ref"
]


TODAY = "today"
"""A date field's default: the day the record is stored (a note is dated when written)."""


@dataclass(frozen=True)
class Field:
    name: str
    kind: FieldKind = "text"
    label: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # entity a "ref" field points to
    default: object = None
    minimum: int | None = None
    maximum: int | None = None

    @property
    def plain_label(self) -> str:
        return self.label or self.name.replace("_", " ")


@dataclass(frozen=True)
class Entity:
    name: str  # singular, as in the command line and the trash
    table: str
    label: str  # plain words, singular
    plural: str  # for the command line
    fields: tuple[Field, ...]
    title_fields: tuple[str, ...]  # what names a record in lists, trash and search hits
    owned_by_case: bool = False  # deleted and restored together with its case
    links: tuple[str, ...] = ()  # extra keys handled by the records layer (many-to-many)
    aliases: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    def field(self, name: str) -> Field:
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def text_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.kind in ("text", "longtext"))


CASE_KINDS = ("diagnosis", "treatment", "surgery", "administrative")
CASE_STATUSES = ("open", "decided", "closed")
SEXES = ("female", "male", "other")
TREATMENT_KINDS = (
    "operation",
    "chemotherapy",
    "radiotherapy",
    "hormone_therapy",
    "medication",
    "physiotherapy",
    "other",
)
DIAGNOSIS_STATUSES = ("suspected", "confirmed", "revised", "ruled_out")
CONTACT_ROLES = ("doctor", "institution", "insurer", "records_office", "companion", "other")
DOCUMENT_KINDS = (
    "lab_result",
    "imaging_report",
    "image",
    "pathology",
    "letter",
    "referral",
    "discharge_summary",
    "prescription",
    "insurance",
    "written_opinion",
    "other",
)
# The languages a document can be marked as written in: ISO 639-1 codes, and "other".
LANGUAGE_CHOICES = (*DOCUMENT_LANGUAGES, "other")
ITEM_KINDS = ("slides", "films", "disc", "blocks", "other")
REQUEST_STATUSES = ("requested", "received", "forwarded")
TASK_KINDS = ("decision", "insurer_approval", "records", "follow_up", "other")
PRIORITIES = ("high", "normal", "low")
CLAIM_STATUSES = ("not_claimed", "submitted", "approved", "partly_paid", "paid", "rejected")
VERDICTS = ("same", "partly", "different", "not_addressed")

# The aspects along which opinions are compared, in display order.
ASPECTS = (
    "diagnosis",
    "stage",
    "treatment",
    "alternatives",
    "risks",
    "urgency",
    "tests",
    "outcome",
    "reasoning",
    "uncertainty",
    "follow_up",
    "cost",
)

_CASE = Field("case_id", "ref", "case", ref="case")
_CASE_REQUIRED = Field("case_id", "ref", "case", required=True, ref="case")
# Where a question or a task came from: the comparison and the aspect it was made from.
_FROM_COMPARISON = Field("comparison_id", "ref", "from the comparison", ref="comparison")
_FROM_ASPECT = Field("aspect", "choice", "asked because of the aspect", choices=ASPECTS)


def _contact(name: str = "contact_id", label: str = "contact") -> Field:
    return Field(name, "ref", label, ref="contact")


ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        Entity(
            "person",
            "person",
            "person",
            "person",
            (
                Field("name", label="name", required=True),
                Field("born", "date", "date of birth"),
                Field("sex", "choice", "sex", choices=SEXES),
                Field("phone"),
                Field("email"),
                Field("address", "longtext"),
                _contact("insurer_id", "insurer"),
                Field("insurance_number", label="insurance number"),
                Field("medications", "longtext"),
                Field("allergies", "longtext"),
                Field("notes", "longtext"),
            ),
            ("name",),
        ),
        Entity(
            "contact",
            "contact",
            "contact",
            "contacts",
            (
                Field("name", required=True),
                Field("role", "choice", choices=CONTACT_ROLES, default="doctor"),
                Field("specialty"),
                Field("institution"),
                Field("phone"),
                Field("email"),
                Field("address", "longtext"),
                Field("notes", "longtext"),
                Field("reimburse_percent", "percent", "share reimbursed (%)"),
                Field("cap_per_consultation", "money", "most reimbursed per consultation"),
                Field(
                    "consultations_per_year",
                    "int",
                    "consultations reimbursed a year",
                    minimum=0,
                    maximum=365,
                ),
                Field("prior_approval_required", "bool", "prior approval needed", default=False),
                Field("currency"),
            ),
            ("name", "institution"),
        ),
        Entity(
            "case",
            "case",
            "case",
            "cases",
            (
                Field("title", required=True),
                Field("kind", "choice", choices=CASE_KINDS, default="diagnosis"),
                Field("question", "longtext", "question to answer"),
                Field("description", "longtext"),
                _contact("referred_by_id", "referred by"),
                _contact("treating_id", "treating doctor"),
                Field("status", "choice", choices=CASE_STATUSES, default="open"),
                Field("opened_on", "date", "date opened"),
                Field("decision_deadline", "date", "decision deadline"),
            ),
            ("title",),
        ),
        Entity(
            "diagnosis",
            "diagnosis",
            "diagnosis",
            "diagnoses",
            (
                _CASE_REQUIRED,
                Field("name", required=True),
                Field("icd10", label="ICD-10 code"),
                Field("diagnosed_on", "date", "date of diagnosis"),
                _contact(label="diagnosed by"),
                Field("status", "choice", choices=DIAGNOSIS_STATUSES, default="suspected"),
                Field("stage", label="stage or severity"),
                Field("notes", "longtext"),
            ),
            ("name",),
            owned_by_case=True,
        ),
        Entity(
            "treatment",
            "treatment",
            "treatment",
            "treatments",
            (
                _CASE_REQUIRED,
                Field("name", label="treatment", required=True),
                Field("kind", "choice", choices=TREATMENT_KINDS, default="other"),
                Field("started_on", "date", "started"),
                Field("ended_on", "date", "ended"),
                _contact(label="given by"),
                Field("place", label="where"),
                Field("outcome", "longtext", "result or why it stopped"),
                Field("notes", "longtext"),
            ),
            ("name",),
            owned_by_case=True,
        ),
        Entity(
            "opinion",
            "opinion",
            "opinion",
            "opinions",
            (
                _CASE_REQUIRED,
                _contact(label="doctor"),
                Field("institution"),
                Field("given_on", "date", "date of the opinion"),
                Field("ordinal", "int", "which opinion", default=1, minimum=1, maximum=20),
                Field("diagnosis", "longtext", "diagnosis as stated"),
                Field("stage", "longtext", "stage or severity"),
                Field("treatment", "longtext", "recommended treatment"),
                Field("alternatives", "longtext", "alternatives mentioned"),
                Field("risks", "longtext", "risks and side effects"),
                Field("urgency", "longtext", "urgency and time to decide"),
                Field("tests", "longtext", "further tests asked for"),
                Field("outcome", "longtext", "expected outcome"),
                Field("reasoning", "longtext"),
                Field("uncertainty", "longtext"),
                Field("follow_up", "longtext", "follow-up"),
                Field("cost", "longtext"),
                Field("report_document_id", "ref", "written report", ref="document"),
                Field("notes", "longtext"),
            ),
            ("institution", "given_on"),
            owned_by_case=True,
            links=("citations",),  # {aspect: [{"document_id": int, "page": int | None}]}
        ),
        Entity(
            "comparison",
            "comparison",
            "comparison",
            "comparisons",
            (
                _CASE_REQUIRED,
                Field("title"),
                Field("summary", "longtext", "summary of differences"),
                Field("next_steps", "longtext", "next steps"),
                Field("decision", "longtext"),
                Field("decision_reason", "longtext", "reasons for the decision"),
                Field("decided_on", "date", "date of the decision"),
                Field("decision_participants", "text", "who took part in the decision"),
            ),
            ("title",),
            owned_by_case=True,
            links=("opinion_ids", "aspects"),
        ),
        Entity(
            "document",
            "document",
            "document",
            "documents",
            (
                Field("title", required=True),
                Field("kind", "choice", choices=DOCUMENT_KINDS, default="other"),
                Field("document_date", "date", "date of the document"),
                Field("source", label="source"),
                Field("bring", "bool", "bring to next consultation", default=False),
                Field("notes", "longtext"),
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
            "physical item",
            "physical_items",
            (
                _CASE,
                Field("description", required=True),
                Field("kind", "choice", choices=ITEM_KINDS, default="other"),
                Field("location", label="where it is"),
                _contact("sent_to_id", "sent to"),
                Field("sent_on", "date", "date sent"),
                Field("returned_on", "date", "date returned"),
                Field("notes", "longtext"),
            ),
            ("description",),
            owned_by_case=True,
            aliases=("item", "items"),
        ),
        Entity(
            "records_request",
            "records_request",
            "records request",
            "records_requests",
            (
                _CASE,
                _contact(label="facility contact"),
                Field("facility"),
                Field("what", "longtext", "what was asked for", required=True),
                Field("requested_on", "date", "date requested"),
                Field("due_on", "date", "date due"),
                Field("status", "choice", choices=REQUEST_STATUSES, default="requested"),
                Field("notes", "longtext"),
            ),
            ("facility", "what"),
            owned_by_case=True,
            aliases=("request", "requests"),
        ),
        Entity(
            "appointment",
            "appointment",
            "appointment",
            "appointments",
            (
                _CASE,
                _contact(label="with whom"),
                Field("starts_at", "datetime", "date and time", required=True),
                Field("location", label="where"),
                Field("purpose", "longtext"),
                Field("companion"),
                Field("preparation", "longtext"),
                Field("outcome", "longtext"),
            ),
            ("purpose", "starts_at"),
            owned_by_case=True,
        ),
        Entity(
            "task",
            "task",
            "deadline or task",
            "tasks",
            (
                _CASE,
                Field("title", required=True),
                Field("kind", "choice", choices=TASK_KINDS, default="other"),
                Field("due_on", "date", "due date"),
                Field("done", "bool", default=False),
                Field("done_on", "date", "date done"),
                Field("notes", "longtext"),
                _FROM_COMPARISON,
                _FROM_ASPECT,
            ),
            ("title",),
            owned_by_case=True,
            aliases=("deadline", "deadlines"),
        ),
        Entity(
            "question",
            "question",
            "question",
            "questions",
            (
                _CASE,
                Field("appointment_id", "ref", "appointment", ref="appointment"),
                Field("text", "longtext", "question", required=True),
                Field("category"),
                Field("priority", "choice", choices=PRIORITIES, default="normal"),
                Field("position", "int", "order", default=0, minimum=0, maximum=100000),
                Field("asked", "bool", default=False),
                Field("answer", "longtext"),
                _contact("answered_by_id", "answered by"),
                _FROM_COMPARISON,
                _FROM_ASPECT,
                Field("set_aside_id", "ref", "taken off the list of", ref="appointment"),
            ),
            ("text",),
            owned_by_case=True,
        ),
        Entity(
            "cost",
            "cost",
            "cost",
            "costs",
            (
                _CASE,
                Field("description", required=True),
                Field("amount", "money", required=True),
                Field("currency"),
                Field("incurred_on", "date", "date"),
                _contact("insurer_id", "insurer"),
                Field("opinion_id", "ref", "opinion", ref="opinion"),
                Field("appointment_id", "ref", "appointment", ref="appointment"),
                Field("is_consultation", "bool", "counts as a consultation", default=False),
                Field("prior_approval_obtained", "bool", "prior approval obtained", default=False),
                Field(
                    "claim_status", "choice", "claim", choices=CLAIM_STATUSES, default="not_claimed"
                ),
                Field("reimbursed", "money", "amount reimbursed"),
            ),
            ("description",),
            owned_by_case=True,
            aliases=("claim", "claims"),
        ),
        Entity(
            "note",
            "note",
            "note",
            "notes",
            (
                _CASE,
                Field("title"),
                Field("text", "longtext", "note", required=True),
                Field("written_on", "date", "date", default=TODAY),
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
