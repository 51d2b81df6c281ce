"""What the print dialog previews: the report chosen, its content read from the dossier now
(on the UI thread) in the language chosen for it, into a :class:`~.runner.RenderJob` that a
task then lays out in that language."""

from __future__ import annotations

from ...core.errors import DossierError
from ...core.i18n import language_scope, tr
from ...core.reports.packet_plan import PacketPlan
from ...core.reports.print_kinds import PrintChoices, print_content
from .print_options import LETTERS, PrintOptions, report_title
from .runner import RenderJob

# A letter's name, for the preview's title and the suggested file name.
_LETTER_TITLES = {
    "request-letter": lambda: tr("Records request letter"),
    "cover-letter": lambda: tr("Cover letter"),
    "tell-first-doctor": lambda: tr("Letter to the first doctor"),
    "handover": lambda: tr("Hand-over letter"),
}


def render_job(options: PrintOptions, letter: str | None = None) -> RenderJob:
    """The report ``options`` ask for (``letter`` the text of a letter as the person
    edited it; None: the suggested wording), in the language ``options`` chose; raises the
    core's DossierError."""
    kind = options.kind
    case_id = options.case_id()
    if case_id is None and kind != "index":
        raise DossierError(tr("Choose a case first: this dossier has none yet."))
    if kind in LETTERS and letter is not None and not letter.strip():
        raise DossierError(tr("The letter is empty. Write it, or restore the suggested wording."))
    language = options.language()
    large_print = options.large_print.isChecked()
    choices = PrintChoices(
        case_id,
        appointment_id=options.appointment_id() if options.asks_appointment() else None,
        large_print=large_print,
        letter=letter,
        translations=options.translations_into() if kind == "packet" else None,
        to_id=options.to_id(),
    )
    content = print_content(options.session.dossier, kind, choices, language=language)
    with language_scope(language):  # the title, as the file name suggests it
        if isinstance(content, PacketPlan):  # the packet, or a letter with its enclosure
            title = _LETTER_TITLES[kind]() if kind in _LETTER_TITLES else tr("Consultation packet")
            return RenderJob(title, options.paper(), plan=content, language=language)
        if kind in _LETTER_TITLES:
            title = _LETTER_TITLES[kind]()
        else:
            title = content.title or report_title(kind)
    return RenderJob(title, options.paper(), report=content, large_print=large_print,
                     language=language)  # fmt: skip
