"""The reports the print dialog offers, by kind: a module of its own, so a page can ask
whether a report is there without loading the reports (the Overview asks at start)."""

from __future__ import annotations

KINDS = (
    "brief",
    "questions",
    "comparison",
    "request-letter",
    "index",
    "packet",
    "plan",
    "cover-letter",
    "tell-first-doctor",
    "handover",
)

__all__ = ["KINDS"]
