"""The check's findings and the repair's summary as simple HTML, for the check window."""

from __future__ import annotations

from collections.abc import Collection
from html import escape

from ...core.i18n import ntr, tr
from ...core.integrity.findings import CheckReport, Finding
from ...core.integrity.quarantine import Moved

SHOWN_ITEMS = 8  # per finding at first; "show all" lists the rest
WHOLE_ITEMS = 2000  # per finding at most, even when all are asked for
SHOW_ALL = "show-all:"  # the link that lists every item of a finding: SHOW_ALL + its number


def findings_html(
    report: CheckReport, *, can_repair: bool = True, whole: Collection[int] = ()
) -> str:
    """Each finding: what is wrong (bold), the documents or files, and what to do.
    ``can_repair``: False when repair cannot change this dossier at all (a CD). ``whole``:
    the numbers of the findings whose every item is listed (the others show a few and a
    link to list them all)."""
    parts: list[str] = []
    for number, finding in enumerate(report.findings):
        limit = WHOLE_ITEMS if number in whole else SHOWN_ITEMS
        parts.append(_finding_html(finding, number, limit, can_repair=can_repair))
    return "".join(parts)


def _finding_html(finding: Finding, number: int, limit: int, *, can_repair: bool) -> str:
    lines = [f"<p><b>{escape(finding.message)}</b></p>"]
    if finding.items:
        shown = [
            escape(item.label)
            + (
                f" <small>({escape(item.path)})</small>"
                if item.path and not item.document_id
                else ""
            )
            for item in finding.items[:limit]
        ]
        more = len(finding.items) - limit
        if more > 0:
            text = escape(ntr("and {n} more", "and {n} more", more))
            if limit < WHOLE_ITEMS:
                text += (
                    f' (<a href="{SHOW_ALL}{number}">'
                    + escape(tr("show all {count}", count=len(finding.items)))
                    + "</a>)"
                )
            shown.append(text)
        lines.append("<ul>" + "".join(f"<li>{s}</li>" for s in shown) + "</ul>")
    advice = escape(finding.advice)
    if finding.repairable and can_repair:
        advice = "<b>" + escape(tr("Repair can fix this.")) + "</b> " + advice
    lines.append(f"<p>{advice}</p>")
    return "".join(lines)


def swept_html(moved: list[Moved]) -> str:
    if not moved:
        return ""
    folder = moved[0].target
    while folder.parent.name != "quarantine" and folder.parent != folder:
        folder = folder.parent
    text = ntr(
        "When the dossier was opened, {n} file left by an interrupted import was moved "
        "to the quarantine folder {folder}. Nothing was deleted.",
        "When the dossier was opened, {n} files left by an interrupted import were moved "
        "to the quarantine folder {folder}. Nothing was deleted.",
        len(moved),
        folder=str(folder),
    )
    return f"<p>{escape(text)}</p>"


def lines_html(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"
