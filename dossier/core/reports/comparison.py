"""The comparison report (landscape): the opinions side by side, aspect by aspect.

One column per opinion (doctor, institution, date), then the verdict and the note; words
that differ between the opinions in bold and underlined; the sources each opinion cites
under its text; the summary, what the sources on second opinions advise, and the decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .. import comparison as cmp
from .. import records
from ..bidi import isolate
from ..comparison import Cell, Citation, Column, ComparisonTable, Decision, Row
from ..i18n import tr
from ..storage import Dossier
from .common import decision_status, footer_for, one_line
from .dates import DateFormatter, format_day, long_date
from .model import KeyValues, Paragraph, Report, Rich, Sections, Span, Table, lead_style

ASPECT_WIDTH = 12
VERDICT_WIDTH = 10
NOTE_WIDTH = 16
# Changed words are marked only where the texts share much: when more than this share of
# every text differs, marking nearly every word says nothing the verdict does not.
MARK_SHARE = 0.5


def comparison_report(
    dossier: Dossier,
    case_id: int,
    opinion_ids: Sequence[int] | None = None,
    *,
    dates: DateFormatter = long_date,
    printed: date | None = None,
) -> Report:
    """The comparison of ``case_id`` (its stored comparison of these opinions, else the
    opinions side by side with suggested verdicts). Raises DossierError when the case has
    fewer than two opinions."""
    case = records.get(dossier, "case", case_id)
    table = cmp.for_case(dossier, case_id, opinion_ids)
    summary = cmp.summary(table)
    out = Sections()
    question = one_line(case.get("question"))  # whole, however long
    out.add(
        tr("The question"),
        Paragraph(question, lead_style(question)) if question else None,
        decision_status(dossier, case, dates),
    )
    out.add(
        tr("The opinions side by side"),
        Paragraph(
            tr(
                "Where two texts are mostly alike, the words that differ are in bold and "
                "underlined. A verdict marked “suggested” was proposed by the app and not yet "
                "confirmed."
            ),
            "small",
        ),
        _table(table, dates),
    )
    out.add(
        tr("Summary"),
        Paragraph(one_line(table.summary_text)) if table.summary_text else None,
        Paragraph(summary.text),
        Paragraph(summary.advice) if summary.advice else None,
        KeyValues(((tr("Next steps"), one_line(table.next_steps)),)) if table.next_steps else None,
        Paragraph(summary.disclaimer, "small"),
    )
    out.add(tr("Decision"), _decision(table.decision, dates))
    return Report(
        kind="comparison",
        title=tr("Comparison of opinions"),
        subtitle=one_line(case.get("title")),
        footer=footer_for(dossier, dates, printed),
        sections=out.done(),
        landscape=True,
    )


def column_header(column: Column, dates: DateFormatter) -> str:
    """ "Dr. Weiß\nUniversity Hospital\n14 March 2026" (the ordinal when nothing else)."""
    parts = [column.doctor or column.ordinal_label]
    if column.institution and column.institution != column.doctor:
        parts.append(one_line(column.institution))
    if column.given_on:
        parts.append(format_day(column.given_on, dates))
    return "\n".join(one_line(p) for p in parts)


def citation_text(citation: Citation) -> str:
    """ "Source: Clinic letter, p. 2" (the whole document when no page is given)."""
    title = isolate(one_line(citation.title) or tr("document {id}", id=citation.document_id))
    if citation.page is not None:
        text = tr("Source: {title}, p. {page}", title=title, page=citation.page)
    else:
        text = tr("Source: {title}", title=title)
    if not citation.available:
        text = tr("{source} (in the trash)", source=text)
    return text


def _cell(cell: Cell, mark: bool) -> Rich:
    """An opinion's whole text on one aspect, the words that differ marked when ``mark``,
    and the sources it cites under it."""
    if cell.text is None:
        spans = [Span(tr("not addressed"), italic=True)]
    elif mark and cell.segments:
        spans = [
            Span(s.text, bold=s.changed, underline=s.changed and bool(s.text.strip()))
            for s in cell.segments
        ]
    else:
        spans = [Span(cell.text)]
    for citation in cell.citations:
        spans.append(Span("\n" + citation_text(citation), italic=True, small=True))
    return Rich(tuple(spans))


def worth_marking(row: Row) -> bool:
    """Whether the row's changed words are worth marking: not when the verdict is "the
    same", nor when the texts share little (nearly every word would be marked, and the
    verdict says they differ already)."""
    if row.verdict == "same":
        return False
    shares = []
    for cell in row.cells:
        total = sum(len(s.text.strip()) for s in cell.segments)
        if total:
            shares.append(sum(len(s.text.strip()) for s in cell.segments if s.changed) / total)
    return len(shares) > 1 and any(shares) and min(shares) <= MARK_SHARE


def _verdict(row: Row) -> Rich:
    spans = [Span(cmp.verdict_words(row.verdict), bold=True)]
    if row.verdict_source == "proposed":
        spans.append(Span("\n" + tr("(suggested)"), italic=True, small=True))
    return Rich(tuple(spans))


def _table(table: ComparisonTable, dates: DateFormatter) -> Table:
    shown = [row for row in table.rows if not row.empty or row.stored or row.note]
    n = len(table.columns)
    opinion_width = (100 - ASPECT_WIDTH - VERDICT_WIDTH - NOTE_WIDTH) // max(n, 1)
    return Table(
        (
            tr("Aspect"),
            *(column_header(c, dates) for c in table.columns),
            tr("Verdict"),
            tr("Note"),
        ),
        tuple(
            (
                row.label[:1].upper() + row.label[1:],
                *(_cell(c, marked) for c in row.cells),
                _verdict(row),
                one_line(row.note),
            )
            for row in shown
            for marked in (worth_marking(row),)
        ),
        (ASPECT_WIDTH, *(opinion_width,) * n, VERDICT_WIDTH, NOTE_WIDTH),
    )


def _decision(decision: Decision, dates: DateFormatter) -> KeyValues | Paragraph:
    if not decision.made:
        return Paragraph(tr("No decision has been recorded yet."))
    items = [(tr("Decision"), one_line(decision.text))]
    if decision.reason:
        items.append((tr("Why"), one_line(decision.reason)))
    if decision.decided_on:
        items.append((tr("Decided on"), format_day(decision.decided_on, dates)))
    if decision.participants:
        items.append((tr("Who took part"), one_line(decision.participants)))
    if decision.deadline:
        deadline = format_day(decision.deadline, dates)
        if decision.within_deadline is True:
            said = tr("{day}; the decision was made in time", day=deadline)
        elif decision.within_deadline is False:
            said = tr("{day}; the decision was made after it", day=deadline)
        else:
            said = deadline
        items.append((tr("Deadline"), said))
    return KeyValues(tuple(items))
