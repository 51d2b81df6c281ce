"""The words a stored choice is shown with: 'ruled_out' is stored, "Ruled out" is shown.

The stored values never change (they are codes in the database); each has its label here,
translated when shown, in the context of the field it belongs to (an "Open" case is not an
"Open" button, and "High" takes the gender of "priority" in Russian or Hebrew).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from ..core.i18n import trc

LABELS: Final[dict[str, Callable[[], str]]] = {
    "diagnosis": lambda: trc("case kind", "Diagnosis"),
    "treatment": lambda: trc("case kind", "Treatment"),
    "surgery": lambda: trc("case kind", "Surgery"),
    "administrative": lambda: trc("case kind", "Administrative"),
    "open": lambda: trc("case status", "Open"),
    "decided": lambda: trc("case status", "Decided"),
    "closed": lambda: trc("case status", "Closed"),
    "female": lambda: trc("sex", "Female"),
    "male": lambda: trc("sex", "Male"),
    "other": lambda: trc("choice", "Other"),
    "operation": lambda: trc("treatment kind", "Operation"),
    "chemotherapy": lambda: trc("treatment kind", "Chemotherapy"),
    "radiotherapy": lambda: trc("treatment kind", "Radiotherapy"),
    "hormone_therapy": lambda: trc("treatment kind", "Hormone therapy"),
    "medication": lambda: trc("treatment kind", "Medication"),
    "physiotherapy": lambda: trc("treatment kind", "Physiotherapy"),
    "suspected": lambda: trc("diagnosis status", "Suspected"),
    "confirmed": lambda: trc("diagnosis status", "Confirmed"),
    "revised": lambda: trc("diagnosis status", "Revised"),
    "ruled_out": lambda: trc("diagnosis status", "Ruled out"),
    "doctor": lambda: trc("contact role", "Doctor"),
    "institution": lambda: trc("contact role", "Institution"),
    "insurer": lambda: trc("contact role", "Insurer"),
    "records_office": lambda: trc("contact role", "Records office"),
    "companion": lambda: trc("contact role", "Companion"),
    "lab_result": lambda: trc("document kind", "Lab result"),
    "imaging_report": lambda: trc("document kind", "Imaging report"),
    "image": lambda: trc("document kind", "Image"),
    "pathology": lambda: trc("document kind", "Pathology"),
    "letter": lambda: trc("document kind", "Letter"),
    "referral": lambda: trc("document kind", "Referral"),
    "discharge_summary": lambda: trc("document kind", "Discharge summary"),
    "prescription": lambda: trc("document kind", "Prescription"),
    "insurance": lambda: trc("document kind", "Insurance"),
    "written_opinion": lambda: trc("document kind", "Written opinion"),
    "slides": lambda: trc("item kind", "Slides"),
    "films": lambda: trc("item kind", "Films"),
    "disc": lambda: trc("item kind", "Disc"),
    "blocks": lambda: trc("item kind", "Blocks"),
    "requested": lambda: trc("request status", "Requested"),
    "received": lambda: trc("request status", "Received"),
    "forwarded": lambda: trc("request status", "Forwarded"),
    "decision": lambda: trc("task kind", "Decision"),
    "insurer_approval": lambda: trc("task kind", "Insurer approval"),
    "records": lambda: trc("task kind", "Records"),
    "follow_up": lambda: trc("task kind", "Follow up"),
    "high": lambda: trc("priority", "High"),
    "normal": lambda: trc("priority", "Normal"),
    "low": lambda: trc("priority", "Low"),
    "not_claimed": lambda: trc("claim status", "Not claimed"),
    "submitted": lambda: trc("claim status", "Submitted"),
    "approved": lambda: trc("claim status", "Approved"),
    "partly_paid": lambda: trc("claim status", "Partly paid"),
    "paid": lambda: trc("claim status", "Paid"),
    "rejected": lambda: trc("claim status", "Rejected"),
    "stage": lambda: trc("comparison aspect", "Stage"),
    "alternatives": lambda: trc("comparison aspect", "Alternatives"),
    "risks": lambda: trc("comparison aspect", "Risks"),
    "urgency": lambda: trc("comparison aspect", "Urgency"),
    "tests": lambda: trc("comparison aspect", "Tests"),
    "outcome": lambda: trc("comparison aspect", "Outcome"),
    "reasoning": lambda: trc("comparison aspect", "Reasoning"),
    "uncertainty": lambda: trc("comparison aspect", "Uncertainty"),
    "cost": lambda: trc("comparison aspect", "Cost"),
}


def choice_label(value: str) -> str:
    """The label of the stored choice ``value`` in the current language. A value without a
    label (none is known today) is shown as written, its underscores made spaces."""
    label = LABELS.get(value)
    if label is not None:
        return label()
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]
