"""What the window and the command line say about a document's recognised text."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import ntr, tr
from ..storage import Dossier
from .results import is_poor


@dataclass(frozen=True)
class PageReading:
    page: int
    state: str  # pending, read, refused, stopped or corrected (see .queue)
    confidence: int | None
    reason: str | None


def document_readings(dossier: Dossier, document_id: int) -> dict[int, PageReading]:
    """The reading of each page of a document that has one, by page number."""
    rows = dossier.db.execute(
        "SELECT page, state, confidence, reason FROM page_reading WHERE document_id = ? "
        "ORDER BY page",
        [document_id],
    ).fetchall()
    return {int(r[0]): PageReading(int(r[0]), str(r[1]), r[2], r[3]) for r in rows}


def page_note(reading: PageReading | None) -> str:
    """One line for the page on screen: how its text came to be (empty: from the file)."""
    if reading is None:
        return ""
    if reading.state == "read" and reading.confidence is None:
        return tr("No text was found on this page.")
    if reading.state == "read" and is_poor(reading.confidence):
        return tr(
            "This page was hard to read: its text was recognised automatically and may "
            "hold mistakes ({percent}% sure).",
            percent=reading.confidence,
        )
    if reading.state == "read":
        return tr(
            "The text of this page was recognised automatically ({percent}% sure).",
            percent=reading.confidence,
        )
    if reading.state == "corrected":
        return tr("The text of this page was corrected by hand.")
    if reading.state == "pending":
        return tr("The text of this page has not been read yet: it will be, shortly.")
    if reading.state == "stopped":
        return tr("Reading the text of this page was stopped.")
    return tr("The text of this page could not be read: {reason}", reason=reading.reason or "")


def document_note(readings: dict[int, PageReading]) -> str:
    """A few words for the document's details (empty: all its text came from the file)."""
    if not readings:
        return ""
    values = list(readings.values())
    read = [r for r in values if r.state == "read" and r.confidence is not None]
    lines: list[str] = []
    if read:
        average = round(sum(r.confidence or 0 for r in read) / len(read))
        lines.append(
            ntr(
                "Text recognised automatically on {n} page ({percent}% sure).",
                "Text recognised automatically on {n} pages ({percent}% sure on average).",
                len(read),
                percent=average,
            )
        )
    blank = sum(r.state == "read" and r.confidence is None for r in values)
    if blank:
        lines.append(
            ntr("No text was found on {n} page.", "No text was found on {n} pages.", blank)
        )
    counts = {
        state: sum(r.state == state for r in values)
        for state in ("pending", "stopped", "refused", "corrected")
    }
    poor = [r.page for r in read if is_poor(r.confidence)]
    if poor:
        lines.append(
            ntr(
                "Hard to read, may hold mistakes: page {pages}.",
                "Hard to read, may hold mistakes: pages {pages}.",
                len(poor),
                pages=", ".join(str(p) for p in poor),
            )
        )
    if counts["corrected"]:
        lines.append(
            ntr("{n} page corrected by hand.", "{n} pages corrected by hand.", counts["corrected"])
        )
    if counts["pending"]:
        lines.append(
            ntr("{n} page waits to be read.", "{n} pages wait to be read.", counts["pending"])
        )
    if counts["stopped"]:
        lines.append(
            ntr(
                "Reading was stopped: {n} page not read.",
                "Reading was stopped: {n} pages not read.",
                counts["stopped"],
            )
        )
    if counts["refused"]:
        lines.append(
            ntr("{n} page could not be read.", "{n} pages could not be read.", counts["refused"])
        )
    return " ".join(lines)


__all__ = ["PageReading", "document_note", "document_readings", "page_note"]
