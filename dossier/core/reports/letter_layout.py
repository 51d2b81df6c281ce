"""What the patient's letters share: the sender's block, the recipient's block, the
greeting, how to reach the patient, a long text shortened with a word on where the rest
is, and the layout of a letter's text (edited or not) as a report.

A letter is plain text the person may edit, its paragraphs separated by blank lines: the
sender, the recipient, the date, the subject, "Dear …,", the body and the closing; the
signature line is added below it. The blocks before the subject are set apart as in a
printed letter, the subject is set in bold, and so is a short question (:func:`letter_report`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from .. import records
from ..bidi import isolate
from ..errors import DossierError
from ..i18n import current_language, is_right_to_left, tr
from ..storage import Dossier
from .common import clip, footer_for, lines, one_line
from .dates import DateFormatter, format_day, long_date
from .greeting import greeting as greeting_for
from .letter_facts import contact_recipient
from .model import Block, Paragraph, ParagraphStyle, Report, Sections, SignatureLine, lead_style

LINE_BREAK: Final = "\u2028"  # a new line within one paragraph (an address block)
MAX_LETTER_CHARS: Final = 30_000  # an edited letter longer than this is refused
BLOCK_LINES: Final = 7  # the most lines of an address block
LINE_CHARS: Final = 120  # the most characters of one line of an address block


class LetterTooLong(DossierError):
    """An edited letter too long to be a letter."""


@dataclass(frozen=True)
class Telling:
    """A shorter telling of a letter (for one that must keep to a number of pages): its
    text, whether its head blocks are set apart by blank lines, and the paragraphs set in
    smaller type (a long question that must stay whole)."""

    text: str
    spaced: bool = True
    small: tuple[str, ...] = ()


def block(items: Sequence[str]) -> str:
    """Lines of one paragraph (an address block), at most :data:`BLOCK_LINES`, each on one
    line and at most :data:`LINE_CHARS` long."""
    kept = [clip(line, LINE_CHARS) for line in items if one_line(line)]
    return "\n".join(kept[:BLOCK_LINES])


def sender(dossier: Dossier, *, compact: bool = False) -> str:
    """The patient's block at the top: name, address, phone, email; ``compact``: on three
    lines (the name, the address, the phone and email)."""
    person = records.get(dossier, "person", 1)
    address = lines(person.get("address"))[: BLOCK_LINES - 3]
    reach = []
    if person.get("phone"):
        reach.append(tr("Phone: {phone}", phone=one_line(person["phone"])))
    if person.get("email"):
        reach.append(tr("Email: {email}", email=one_line(person["email"])))
    if compact:
        return block([one_line(person["name"]), ", ".join(address), " · ".join(reach)])
    return block([one_line(person["name"]), *address, *reach])


def patient(dossier: Dossier, dates: DateFormatter = long_date) -> str:
    """ "Margaret Lindqvist, born 23 April 1958" (the name alone when no birthday)."""
    person = records.get(dossier, "person", 1)
    name = isolate(one_line(person["name"]))
    born = format_day(person.get("born"), dates)
    return tr("{name}, born {born}", name=name, born=born) if born else name


def reach_me(dossier: Dossier) -> str:
    """How the recipient can reach the patient, in a sentence."""
    person = records.get(dossier, "person", 1)
    phone, email = one_line(person.get("phone")), one_line(person.get("email"))
    if phone and email:
        return tr(
            "You can reach me by phone at {phone}, by email at {email}, or at the address above.",
            phone=isolate(phone),
            email=isolate(email),
        )
    if phone:
        return tr(
            "You can reach me by phone at {phone} or at the address above.", phone=isolate(phone)
        )
    if email:
        return tr(
            "You can reach me by email at {email} or at the address above.", email=isolate(email)
        )
    return tr("You can reach me at the address above.")


def recipient(
    dossier: Dossier, contact_id: int | None, nobody: str, *, compact: bool = False
) -> tuple[str, str, dict[str, Any]]:
    """The recipient's block (``nobody`` when no contact is chosen; ``compact``: the name,
    then the rest on one line), the greeting ("Dear Dr. Weiß,"; "Dear Doctor," when no
    one is chosen, "Dear Sir or Madam," for a contact who is not a doctor) and the contact
    (empty when none). Raises NotFoundError for an unknown contact."""
    if contact_id is None:
        return nobody, tr("Dear Doctor,"), {}
    contact = records.get(dossier, "contact", contact_id)
    lines_, addressee = contact_recipient(dossier, contact_id)
    name = one_line(contact.get("name"))
    if not addressee and contact.get("role") == "doctor" and name:
        addressee = name
    if addressee:
        greeting = greeting_for(name)  # "Dear Dr. Weiß,", "Уважаемая Наталья Олеговна!"
    else:  # an institution, an office: no doctor to greet by name
        greeting = tr("Dear Sir or Madam,")
    if compact and len(lines_) > 2:
        lines_ = (lines_[0], ", ".join(lines_[1:]))
    return block(lines_) or nobody, greeting, contact


def contact_only(dossier: Dossier, contact_id: int | None) -> str:
    """A contact's name, with the institution only when there is no name ("" for none)."""
    if contact_id is None:
        return ""
    try:
        contact = records.get(dossier, "contact", contact_id)
    except records.NotFoundError:
        return ""
    return one_line(contact.get("name")) or one_line(contact.get("institution"))


def shortened(text: str | None, limit: int) -> str:
    """``text`` whole (its lines kept) when at most ``limit`` characters (0: no limit),
    else on one line, shortened, saying the rest can be had: nothing is cut on paper
    without saying so."""
    whole = "\n".join(lines(text))
    if not limit or len(whole) <= limit:
        return whole
    return tr("{shortened} (full text on request)", shortened=clip(text, limit))


def listed(items: Sequence[str], most: int, more: Callable[[int], str]) -> str:
    """``items`` as "– item" lines of one paragraph, at most ``most`` of them, then what
    ``more`` says of the number left out, when some were."""
    shown = [f"– {item}" for item in items[:most]]
    if len(items) > most:
        shown.append("– " + more(len(items) - most))
    return "\n".join(shown)


def paragraphs_of(body: str) -> list[str]:
    """The paragraphs of a letter's text (separated by blank lines), without empty ones."""
    found = [p.strip("\n") for p in re.split(r"\n\s*\n", body.replace("\r\n", "\n"))]
    return [p for p in found if p.strip()]


def letter_report(
    dossier: Dossier,
    body: str,
    *,
    kind: str,
    subjects: Collection[str],
    bold: Collection[str] = (),
    dates: DateFormatter = long_date,
    printed: date | None = None,
    shorter: Sequence[Telling] = (),
    max_pages: int = 0,
    spaced: bool = True,
    small: Collection[str] = (),
) -> Report:
    """The letter ``body`` laid out as a report ``kind``: the paragraph that is one of
    ``subjects`` in bold, the blocks before it set apart (unless not ``spaced``); a
    paragraph of ``bold`` (the question) in bold when it is short, one of ``small`` in
    smaller type; the signature line below. ``shorter``: the same letter told more briefly
    (for a letter that must keep to ``max_pages``). Raises :class:`LetterTooLong` for a
    text too long to be a letter."""
    if len(body) > MAX_LETTER_CHARS:
        raise LetterTooLong(
            tr(
                "The letter is too long to print ({n} characters; a letter can have up to "
                "{most}). Shorten it, or restore the suggested wording.",
                n=f"{len(body):,}",
                most=f"{MAX_LETTER_CHARS:,}",
            )
        )
    paragraphs = paragraphs_of(body)
    wanted = {s.strip() for s in subjects}
    strong = {b.strip() for b in bold if lead_style(b.strip()) == "lead"}
    smaller = {t.strip() for t in small}
    subject_at = next((i for i, p in enumerate(paragraphs) if p.strip() in wanted), None)
    blocks: list[Block] = []
    rtl = is_right_to_left(current_language())
    for index, paragraph in enumerate(paragraphs):
        rows = [line.rstrip() for line in paragraph.split("\n")]
        if rtl and len(rows) > 1:  # each line read on its own (an address block, a list)
            rows = [isolate(row.strip()) for row in rows]
        joined = LINE_BREAK.join(rows)
        emphasis = index == subject_at or paragraph.strip() in strong
        style: ParagraphStyle = "lead" if emphasis else "body"
        blocks.append(Paragraph(joined, "small" if paragraph.strip() in smaller else style))
        head = index < subject_at if subject_at is not None else index < 2 and "\n" in paragraph
        if head and spaced:
            blocks.append(Paragraph(""))  # a blank line, as between the blocks of a letter
    person = records.get(dossier, "person", 1)
    out = Sections()
    out.add(None, *blocks)
    out.add(None, SignatureLine(one_line(person["name"])))
    return Report(
        kind=kind,
        title="",
        footer=footer_for(dossier, dates, printed),
        sections=out.done(),
        max_pages=max_pages,
        shorter=tuple(
            letter_report(
                dossier,
                telling.text,
                kind=kind,
                subjects=subjects,
                bold=bold,
                dates=dates,
                printed=printed,
                spaced=telling.spaced,
                small=telling.small,
            )
            for telling in shorter
        ),
    )
