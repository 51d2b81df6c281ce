"""The words of the comparison as rich text: a cell with its changed words and sources."""

from __future__ import annotations

from html import escape

from ...core import comparison as cmp
from ...core.bidi import isolate
from ...core.comparison import verdict_marker, verdict_name  # one table, in the core
from ...core.i18n import ntr, tr
from ..formatting import date_text

# Changed words: bold and underlined (never colour alone), on a soft highlight. The
# text colour is set with the highlight, so a dark palette's light text never lands
# on the light yellow.
CHANGED_STYLE = (
    "font-weight:bold; text-decoration:underline; color:#1f1a00; background-color:#fdecb2;"
)


def _multiline(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def cell_html(cell: cmp.Cell, *, mark: bool = True, can_add: bool = True) -> str:
    """The opinion's words, changed words marked (with ``mark``), then its sources as links.

    Each source is followed by a "remove" link (``remove:<index>``); ``add`` adds one.
    """
    if cell.text is None:
        body = "<i>" + escape(tr("Says nothing about this.")) + "</i>"
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
    remove = escape(tr("remove"))
    for index, citation in enumerate(cell.citations):
        where = citation.title or tr("Document")
        if citation.page:
            # Translators: a document's title and a page in it.
            where = tr("{document}, p. {page}", document=isolate(where), page=citation.page)
        if citation.available:
            page = citation.page or 0
            sources.append(f"<a href='doc:{citation.document_id}:{page}'>{escape(where)}</a>")
        else:
            sources.append(escape(tr("{document} (in the trash)", document=isolate(where))))
        sources[-1] += f"&nbsp;(<a href='remove:{index}'>×&nbsp;{remove}</a>)"
    lines = [f"<div style='line-height:125%'>{body}</div>"]
    if sources:
        label = ntr("Source:", "Sources:", len(sources))
        lines.append(
            f"<div style='margin-top:6px'><small>{escape(label)} {'; '.join(sources)}</small></div>"
        )
    if can_add:
        lines.append(
            "<div style='margin-top:4px'><small><a href='add'>"
            + escape(tr("+ Add a source"))
            + "</a></small></div>"
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
    what = origin.label
    if origin.entity == "question":
        text = (
            tr("Asked, answer noted: {what}", what=what)
            if origin.done
            else tr("Question added: {what}", what=what)
        )
    elif origin.done:
        text = tr("Next step done: {what}", what=what)
    elif origin.due_on:
        text = tr("Next step due {date}: {what}", date=date_text(origin.due_on), what=what)
    else:
        text = tr("Next step added: {what}", what=what)
    return f"✓ {text}"


__all__ = [
    "cell_html",
    "column_html",
    "origin_text",
    "verdict_marker",
    "verdict_name",
]
