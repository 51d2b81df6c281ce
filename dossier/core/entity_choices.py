"""The values a choice field of a record may hold (stored codes that never change; their
words are in :mod:`.choice_labels`), declared with the records in :mod:`.entities`."""

from __future__ import annotations

from .language_guess import DOCUMENT_LANGUAGES

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
# The steps of a case's plan, in order (dossier.core.plan); a task may be made for one.
PLAN_STEPS = (
    "records_requested",
    "records_received",
    "doctor_chosen",
    "insurer_approval",
    "appointment_booked",
    "consultation",
    "report",
    "decision",
)
# A hand-over of a case: its records sent to a doctor, or someone told of the decision.
HAND_OVER_KINDS = ("sent", "told")
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
