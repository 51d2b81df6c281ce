"""The case's details form: its fields in the order a person thinks of them (the question,
then the real motive for asking), with a word of help where a field needs one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPlainTextEdit

from ...core.i18n import tr
from ..widgets.editors import RefEditor
from ..widgets.record_form import RecordForm

#: The case's fields in the details form: the motive right after the question it is about.
DETAILS = (
    "title",
    "kind",
    "question",
    "motive",
    "description",
    "referred_by_id",
    "treating_id",
    "status",
    "opened_on",
    "decision_deadline",
    "handover_report_id",
)


def explain_case_fields(form: RecordForm, case_id: Callable[[], int | None]) -> None:
    """Help on the motive (the guides' usual reasons, as an example in the empty field) and on
    the report sent with the hand-over letter, chosen among the documents of the case shown
    (``case_id()``): a list of every document in the dossier would be slow and confusing."""
    motive = form.editors["motive"].widget
    if isinstance(motive, QPlainTextEdit):
        motive.setPlaceholderText(
            tr(
                "Say it honestly, in your own words. For example: I doubt the diagnosis; the "
                "treatment does not help; it is a major operation or a rare disease; I want "
                "to be sure before I decide."
            )
        )
    motive.setToolTip(
        tr(
            "Why you want a second opinion. The cover letter tells the second doctor, so "
            "they can answer what really worries you."
        )
    )
    report = form.editors["handover_report_id"]
    assert isinstance(report, RefEditor)
    report.only = lambda: {"case_id": case_id()} if case_id() is not None else None
    report.widget.setToolTip(
        tr(
            "The second opinion's written report, among the documents of this case: it goes "
            "with the hand-over letter to your GP and the treating team."
        )
    )


__all__ = ["DETAILS", "explain_case_fields"]
