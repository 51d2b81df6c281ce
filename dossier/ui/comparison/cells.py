"""The words of the comparison as rich text: a cell with its changed words and sources."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from ...core import comparison as cmp
from ...core.bidi import isolate
from ...core.comparison import verdict_marker, verdict_name  # one table, in the core
from ..formatting import date_text

# Changed words: bold and underlined (never colour alone), on a soft highlight. The
# text colour is set with the highlight, so a dark palette's light text never lands
# on the light yellow.
CHANGED_STYLE = (
    "font-weight:bold; text-decoration:underline; color:#1f1a00; background-color:#fdecb2;"
)


def _t(text: str) -> str:
    return QCoreApplication.translate("comparison", text)


def _multiline(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def cell_html(cell: cmp.Cell, *, mark: bool = True, can_add: bool = True) -> str:
    """The opinion's words, changed words marked (with ``mark``), then its sources as links.

    Each source is followed by a "remove" link (``remove:<index>``); ``add`` adds one.
    """
    if cell.text is None:
        body = f"<i>{escape(_t('Says nothing about this.'))}</i>"
    elif cell.segments and mark:
        body = "".join(
            f"<span style='{CHANGED_STYLE}'>{_multiline(s.text)}</span>"
            if s.changed and s.text.strip()
            else _multiline(s.text)
            for s in cell.segments
        )
    else:
        body = _multiline(cell.text)
    sources = []
    remove = escape(_t("remove"))
    for index, citation in enumerate(cell.citations):
        where = citation.title or _t("Document")
        if citation.page:
            where = _t("%1, p. %2").replace("%1", isolate(where)).replace("%2", str(citation.page))
        if citation.available:
            page = citation.page or 0
            sources.append(f"<a href='doc:{citation.document_id}:{page}'>{escape(where)}</a>")
        else:
            sources.append(escape(_t("%1 (in the trash)").replace("%1", isolate(where))))
        sources[-1] += f"&nbsp;(<a href='remove:{index}'>×&nbsp;{remove}</a>)"
    lines = [f"<div style='line-height:125%'>{body}</div>"]
    if sources:
        label = _t("Source:") if len(sources) == 1 else _t("Sources:")
        lines.append(
            f"<div style='margin-top:6px'><small>{escape(label)} {'; '.join(sources)}</small></div>"
        )
    if can_add:
        lines.append(
            f"<div style='margin-top:4px'><small><a href='add'>"
            f"{escape(_t('+ Add a source'))}</a></small></div>"
        )
    return "".join(lines)


def column_html(column: cmp.Column) -> str:
    """The top of an opinion's column: who, where, when, which opinion."""
    which = column.ordinal_label[:1].upper() + column.ordinal_label[1:]
    lines = [f"<b>{escape(column.who)}</b>"]
    if column.institution and column.institution != column.who:
        lines.append(escape(column.institution))
    when = date_text(column.given_on)
    lines.append(escape(f"{which} · {when}" if when else which))
    return "<br>".join(lines)


def origin_text(origin: cmp.Origin) -> str:
    if origin.entity == "question":
        text = _t("Asked, answer noted") if origin.done else _t("Question added")
        return f"✓ {text}: {origin.label}"
    if origin.done:
        return f"✓ {_t('Next step done')}: {origin.label}"
    if origin.due_on:
        due = _t("Next step due %1").replace("%1", date_text(origin.due_on))
        return f"✓ {due}: {origin.label}"
    return f"✓ {_t('Next step added')}: {origin.label}"


__all__ = [
    "cell_html",
    "column_html",
    "origin_text",
    "verdict_marker",
    "verdict_name",
]
