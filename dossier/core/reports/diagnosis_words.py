"""A diagnosis on paper always says how sure it is: "suspected", "revised", "ruled out".

A ruled-out diagnosis printed bare reads as a diagnosis the patient has; wherever a report
names a diagnosis it goes through here, so its status travels with it.
"""

from __future__ import annotations

from typing import Any

from ..bidi import isolate
from ..i18n import tr
from .common import one_line

# Statuses of a diagnosis that still describes the patient (the others were replaced).
CURRENT = ("confirmed", "suspected")


def status_words(status: str | None) -> str:
    """ "confirmed", "suspected", "revised", "ruled out"."""
    return {
        "confirmed": tr("confirmed"),
        "suspected": tr("suspected"),
        "revised": tr("revised"),
        "ruled_out": tr("ruled out"),
    }.get(status or "", (status or "").replace("_", " "))


def history_label(status: str | None) -> str:
    """What a diagnosis is called in a history: "Diagnosis", "Suspected diagnosis",
    "Diagnosis, later revised", "Ruled out"."""
    return {
        "suspected": tr("Suspected diagnosis"),
        "revised": tr("Diagnosis, later revised"),
        "ruled_out": tr("Diagnosis ruled out"),
    }.get(status or "", tr("Diagnosis"))


def diagnosis_name(diagnosis: dict[str, Any]) -> str:
    """The name with its ICD-10 code: "Primary osteoarthritis of the right knee (M17.1)"."""
    name = one_line(diagnosis.get("name"))
    code = one_line(diagnosis.get("icd10"))
    return f"{name} ({code})" if code else name


def with_status(diagnosis: dict[str, Any]) -> str:
    """ "Invasive ductal carcinoma, left breast (C50.4), confirmed"."""
    return tr(
        "{diagnosis}, {status}",
        diagnosis=isolate(diagnosis_name(diagnosis)),
        status=status_words(diagnosis.get("status")),
    )
