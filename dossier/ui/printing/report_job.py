"""What the print dialog previews: the report chosen, its content read from the dossier now
(on the UI thread) in the language chosen for it, into a :class:`~.runner.RenderJob` that a
task then lays out in that language."""

from __future__ import annotations

from ...core.errors import DossierError
from ...core.i18n import language_scope, tr
from ...core.reports.packet_plan import PacketPlan
from ...core.reports.print_kinds import PrintChoices, print_content
from .print_options import PrintOptions, report_title
from .runner import RenderJob


def render_job(options: PrintOptions, letter: str | None = None) -> RenderJob:
    """The report ``options`` ask for (``letter`` the text of a request letter), in the
    language ``options`` chose; raises the core's DossierError."""
    kind = options.kind
    case_id = options.case_id()
    if case_id is None and kind != "index":
        raise DossierError(tr("Choose a case first: this dossier has none yet."))
    if kind == "request-letter" and not (letter or "").strip():
        raise DossierError(tr("The letter is empty. Write it, or restore the suggested wording."))
    language = options.language()
    large_print = options.large_print.isChecked()
    choices = PrintChoices(
        case_id,
        appointment_id=options.appointment_id() if options.asks_appointment() else None,
        large_print=large_print,
        letter=letter,
        translations=options.translations_into() if kind == "packet" else None,
    )
    content = print_content(options.session.dossier, kind, choices, language=language)
    with language_scope(language):  # the title, as the file name suggests it
        if isinstance(content, PacketPlan):
            return RenderJob(tr("Consultation packet"), options.paper(), plan=content,
                             language=language)  # fmt: skip
        if kind == "request-letter":
            title = tr("Records request letter")
        else:
            title = content.title or report_title(kind)
    return RenderJob(title, options.paper(), report=content, large_print=large_print,
                     language=language)  # fmt: skip
