"""What a stored choice is called in words: 'ruled_out' is shown as "ruled out".

The stored values (:mod:`.entities`) are codes that never change; their labels here are
marked for the catalogue with a context naming the field (Russian and Ukrainian give
"other" a different ending for a document than for a case), and translated where they are
shown by :func:`choice_label`, in the current language. Labels are lower case, to sit
inside a sentence ("lab result: 14"); a list or a form capitalises the first letter.

A document's language is the one choice named by CLDR rather than by the catalogue
(:func:`.document_language.language_name`: "Dutch", "нідерландська"): its entry here lists
the codes, and :func:`choice_label` asks CLDR for their names.
"""

from __future__ import annotations

from typing import Final

from .document_language import language_name
from .entities import ASPECTS, ENTITIES, LANGUAGE_CHOICES
from .i18n import NC_, tr

#: (entity, field) → stored value → its label, marked but not yet translated.
CHOICE_LABELS: Final[dict[tuple[str, str], dict[str, str]]] = {
    ("person", "sex"): {
        "female": NC_("sex", "female"),
        "male": NC_("sex", "male"),
        "other": NC_("sex", "other"),
    },
    ("contact", "role"): {
        "doctor": NC_("contact role", "doctor"),
        "institution": NC_("contact role", "institution"),
        "insurer": NC_("contact role", "insurer"),
        "records_office": NC_("contact role", "records office"),
        "companion": NC_("contact role", "companion"),
        "other": NC_("contact role", "other"),
    },
    ("case", "kind"): {
        "diagnosis": NC_("case kind", "diagnosis"),
        "treatment": NC_("case kind", "treatment"),
        "surgery": NC_("case kind", "surgery"),
        "administrative": NC_("case kind", "administrative"),
    },
    ("case", "status"): {
        "open": NC_("case status", "open"),
        "decided": NC_("case status", "decided"),
        "closed": NC_("case status", "closed"),
    },
    ("diagnosis", "status"): {
        "suspected": NC_("diagnosis status", "suspected"),
        "confirmed": NC_("diagnosis status", "confirmed"),
        "revised": NC_("diagnosis status", "revised"),
        "ruled_out": NC_("diagnosis status", "ruled out"),
    },
    ("hand_over", "kind"): {
        "sent": NC_("hand-over kind", "records sent"),
        "told": NC_("hand-over kind", "told of the decision"),
    },
    ("treatment", "kind"): {
        "operation": NC_("treatment kind", "operation"),
        "chemotherapy": NC_("treatment kind", "chemotherapy"),
        "radiotherapy": NC_("treatment kind", "radiotherapy"),
        "hormone_therapy": NC_("treatment kind", "hormone therapy"),
        "medication": NC_("treatment kind", "medication"),
        "physiotherapy": NC_("treatment kind", "physiotherapy"),
        "other": NC_("treatment kind", "other"),
    },
    ("document", "kind"): {
        "lab_result": NC_("document kind", "lab result"),
        "imaging_report": NC_("document kind", "imaging report"),
        "image": NC_("document kind", "image"),
        "pathology": NC_("document kind", "pathology"),
        "letter": NC_("document kind", "letter"),
        "referral": NC_("document kind", "referral"),
        "discharge_summary": NC_("document kind", "discharge summary"),
        "prescription": NC_("document kind", "prescription"),
        "insurance": NC_("document kind", "insurance"),
        "written_opinion": NC_("document kind", "written opinion"),
        "other": NC_("document kind", "other"),
    },
    # Named by CLDR (language_name), not by the catalogue: each code stands for itself.
    ("document", "language"): {code: code for code in LANGUAGE_CHOICES},
    ("physical_item", "kind"): {
        # Translators: glass slides of tissue, kept for a pathologist's second look.
        "slides": NC_("physical item kind", "slides"),
        # Translators: X-ray films.
        "films": NC_("physical item kind", "films"),
        # Translators: a CD or DVD with scans.
        "disc": NC_("physical item kind", "disc"),
        # Translators: paraffin blocks of tissue, kept by the pathology lab.
        "blocks": NC_("physical item kind", "blocks"),
        "other": NC_("physical item kind", "other"),
    },
    ("records_request", "status"): {
        "requested": NC_("records request status", "requested"),
        "received": NC_("records request status", "received"),
        "forwarded": NC_("records request status", "forwarded"),
    },
    ("task", "kind"): {
        "decision": NC_("task kind", "decision"),
        "insurer_approval": NC_("task kind", "insurer approval"),
        "records": NC_("task kind", "records"),
        "follow_up": NC_("task kind", "follow-up"),
        "other": NC_("task kind", "other"),
    },
    ("task", "plan_step"): {
        "records_requested": NC_("plan step", "records asked for"),
        "records_received": NC_("plan step", "records received"),
        "doctor_chosen": NC_("plan step", "second doctor chosen"),
        "insurer_approval": NC_("plan step", "insurer's approval"),
        "appointment_booked": NC_("plan step", "appointment booked"),
        "consultation": NC_("plan step", "consultation"),
        "report": NC_("plan step", "written report received"),
        "decision": NC_("plan step", "decision"),
    },
    ("question", "priority"): {
        "high": NC_("question priority", "high"),
        "normal": NC_("question priority", "normal"),
        "low": NC_("question priority", "low"),
    },
    ("cost", "claim_status"): {
        "not_claimed": NC_("claim status", "not claimed"),
        "submitted": NC_("claim status", "submitted"),
        "approved": NC_("claim status", "approved"),
        "partly_paid": NC_("claim status", "partly paid"),
        "paid": NC_("claim status", "paid"),
        "rejected": NC_("claim status", "rejected"),
    },
}

#: Each comparison aspect's label: the opinion form's label of that aspect ("recommended
#: treatment"), marked in :mod:`.entities`.
ASPECT_LABELS: Final[dict[str, str]] = {
    aspect: ENTITIES["opinion"].field(aspect).plain_label for aspect in ASPECTS
}
for _entity in ("question", "task"):
    CHOICE_LABELS[(_entity, "aspect")] = ASPECT_LABELS


def choice_label(entity: str, field: str, value: str | None) -> str:
    """The label of ``value`` stored in ``entity``'s ``field``, in the current language (a
    value this program does not know is shown as stored, its underscores as spaces; no
    value gives "")."""
    if not value:
        return ""
    if (entity, field) == ("document", "language"):
        return language_name(value)
    label = CHOICE_LABELS.get((entity, field), {}).get(value)
    return tr(label) if label is not None else value.replace("_", " ")


def aspect_label(aspect: str) -> str:
    """The plain name of a comparison aspect in the current language ("recommended treatment")."""
    label = ASPECT_LABELS.get(aspect)
    return tr(label) if label is not None else aspect.replace("_", " ")
