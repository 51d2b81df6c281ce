"""The check's findings and the repair's summary as simple HTML, for the check window."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from ...core.integrity.findings import CheckReport, Finding
from ...core.integrity.quarantine import Moved

SHOWN_ITEMS = 8  # per finding; the rest is counted


def _t(text: str) -> str:
    return QCoreApplication.translate("check", text)


def findings_html(report: CheckReport, *, can_repair: bool = True) -> str:
    """Each finding: what is wrong (bold), the documents or files, and what to do.
    ``can_repair``: False when repair cannot change this dossier at all (a CD)."""
    parts: list[str] = []
    for finding in report.findings:
        parts.append(_finding_html(finding, can_repair=can_repair))
    return "".join(parts)


def _finding_html(finding: Finding, *, can_repair: bool) -> str:
    lines = [f"<p><b>{escape(finding.message)}</b></p>"]
    if finding.items:
        shown = [
            escape(item.label)
            + (
                f" <small>({escape(item.path)})</small>"
                if item.path and not item.document_id
                else ""
            )
            for item in finding.items[:SHOWN_ITEMS]
        ]
        more = len(finding.items) - SHOWN_ITEMS
        if more > 0:
            shown.append(escape(_t("and %1 more").replace("%1", str(more))))
        lines.append("<ul>" + "".join(f"<li>{s}</li>" for s in shown) + "</ul>")
    advice = escape(finding.advice)
    if finding.repairable and can_repair:
        advice = f"<b>{escape(_t('Repair can fix this.'))}</b> " + advice
    lines.append(f"<p>{advice}</p>")
    return "".join(lines)


def swept_html(moved: list[Moved]) -> str:
    if not moved:
        return ""
    folder = moved[0].target
    while folder.parent.name != "quarantine" and folder.parent != folder:
        folder = folder.parent
    text = (
        _t(
            "When the dossier was opened, %1 files left by an interrupted import were moved "
            "to the quarantine folder %2. Nothing was deleted."
        )
        .replace("%1", str(len(moved)))
        .replace("%2", str(folder))
    )
    return f"<p>{escape(text)}</p>"


def lines_html(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"
