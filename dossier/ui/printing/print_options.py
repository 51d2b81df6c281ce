"""What the print dialog offers to choose for a report: which reports there are (their
titles and what each holds), and the form of choices: the case, for the question sheet and
the packet the appointment, for a letter to a doctor whom it goes to, large print (for
every report), the paper and the language the report is printed in (the window's unless
another is chosen)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QWidget

from ...core import records
from ...core.errors import DossierError
from ...core.i18n import LANGUAGE_NAMES, LANGUAGES, current_language, tr
from ...core.reports.letters import TO_LETTERS
from ...core.reports.question_sheet import next_appointment
from ..formatting import datetime_text
from ..session import Session
from ..widgets.check_label import wrapped_check
from .recipient_choice import RecipientChoice
from .report_kinds import KINDS as KINDS  # the reports offered, for the dialog and its users
from .runner import default_paper

LETTERS = ("request-letter", *TO_LETTERS)  # printed from a text the person may change
WHOLE_DOSSIER = -1  # the document index of every document, not of one case


def report_title(kind: str) -> str:
    """The print dialog's title for the report ``kind``, also the report's own by default."""
    return {
        "brief": tr("Print the consultation brief"),
        "questions": tr("Print the question sheet"),
        "comparison": tr("Print the comparison of opinions"),
        "request-letter": tr("Print a records request letter"),
        "index": tr("Print the document index"),
        "packet": tr("Print the consultation packet"),
        "plan": tr("Print the plan"),
        "cover-letter": tr("Print the cover letter to the second doctor"),
        "tell-first-doctor": tr("Print a letter to the first doctor"),
        "handover": tr("Print the hand-over letter"),
    }[kind]


def report_intro(kind: str) -> str:
    """What the report ``kind`` holds, in a sentence at the top of its dialog."""
    return {
        "brief": tr(
            "One or two pages for the consulting doctor: who you are, your question, "
            "the history so far, treatment, medications and the enclosed documents."
        ),
        "questions": tr(
            "Your questions in order, with room to write the answers during the appointment."
        ),
        "request-letter": tr(
            "A letter asking a hospital or practice for a complete copy of your records."
        ),
        "comparison": tr(
            "The opinions side by side on landscape pages: what each says on every "
            "aspect, your verdicts and notes, the sources, the summary and the decision."
        ),
        "index": tr("Every document with its date, kind, source and number of pages."),
        "packet": tr(
            "The brief, the question sheet and every document marked to bring, "
            "in one PDF with page numbers."
        ),
        "plan": tr(
            "One page for the family: the decision deadline, each step with the day it "
            "must be done by, and what to do first."
        ),
        "cover-letter": tr(
            "A one-page letter to the doctor giving the second opinion: your question, why "
            "you ask, what is enclosed, what comes separately and when you must decide."
        ),
        "tell-first-doctor": tr(
            "A short, courteous letter telling your treating doctor that you are asking for "
            "a second opinion, and asking for your records. Sending it is up to you."
        ),
        "handover": tr(
            "After the decision, a one-page letter to your family doctor and the treating "
            "team: the opinions, what you decided and why, what happens next and the changes "
            "to your medicines, with the second opinion's written report enclosed."
        ),
    }[kind]


def _label(text: str, buddy: QWidget) -> QLabel:
    """A field's label that is never squeezed: a long choice beside it narrows instead."""
    label = QLabel(text)
    label.setBuddy(buddy)
    label.setMinimumSize(label.sizeHint())
    return label


def _narrowable(combo: QComboBox) -> QComboBox:
    """``combo`` sized for about 30 characters, not for its longest choice (a long case
    title would otherwise push the dialog, and the labels beside it, out of shape); the
    choice shown is cut at the end, the whole of it is in the list."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(30)
    return combo


class PrintOptions(QWidget):
    """The choices for the report ``kind`` of the dossier in ``session``; the case
    ``case_id`` is chosen at first when it can be, else the first open case."""

    def __init__(
        self,
        session: Session,
        kind: str,
        *,
        case_id: int | None,
        locale: QLocale,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.kind = kind
        self.case_combo = QComboBox()
        self.case_combo.setObjectName("printCase")
        self.case_combo.setAccessibleName(tr("Case"))
        self.appointment_combo = QComboBox()
        self.appointment_combo.setObjectName("printAppointment")
        self.appointment_combo.setAccessibleName(tr("Appointment"))
        self.large_print = QCheckBox(tr("&Large print"))
        self.large_print.setObjectName("printLargePrint")
        self.large_print.setAccessibleName(tr("Large print"))
        self.translations = QCheckBox()  # its words wrap beside it: a long choice
        self.translations.setObjectName("printTranslations")
        self.translations_row = wrapped_check(
            self.translations,
            tr("Use &translations into the packet's language where there are any"),
        )
        self.translations_row.setVisible(kind == "packet")  # only the packet takes them
        self.translations.setToolTip(
            tr(
                "A document marked as the translation of another is printed in place of its "
                "original, and the contents page lists the documents still to be translated."
            )
        )
        self.recipient = RecipientChoice(session.dossier, kind) if kind in TO_LETTERS else None
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("printPaper")
        self.paper_combo.setAccessibleName(tr("Paper size"))
        self.paper_combo.addItem(tr("A4 (210 × 297 mm)"), "a4")
        self.paper_combo.addItem(tr("Letter (8.5 × 11 in)"), "letter")
        self.paper_combo.setCurrentIndex(self.paper_combo.findData(default_paper(locale)))
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("printLanguage")
        self.language_combo.setAccessibleName(tr("Language of the report"))
        for code in LANGUAGES:  # each by its own name, as a reader of it looks for it
            self.language_combo.addItem(LANGUAGE_NAMES[code], code)
        window_language = current_language()
        if self.language_combo.findData(window_language) < 0:  # a test language
            self.language_combo.addItem(window_language, window_language)
        self.language_combo.setCurrentIndex(self.language_combo.findData(window_language))

        # A grid, not a form layout: its label column is as wide as the widest label.
        form = QGridLayout(self)
        form.setContentsMargins(0, 0, 0, 0)  # it lines up with the rest of the dialog
        form.setColumnStretch(1, 1)
        for combo in (self.case_combo, self.appointment_combo, self.paper_combo,
                      self.language_combo):  # fmt: skip
            _narrowable(combo)
        rows: list[tuple[QLabel | None, QWidget]] = [
            (_label(tr("&Case:"), self.case_combo), self.case_combo)
        ]
        if self.asks_appointment():
            rows.append(
                (_label(tr("&Questions of:"), self.appointment_combo), self.appointment_combo)
            )
        if self.recipient is not None:
            _narrowable(self.recipient)
            rows.append((_label(tr("&To:"), self.recipient), self.recipient))
        if kind == "packet":
            rows.append((None, self.translations_row))
        rows.append((None, self.large_print))  # every report can be printed larger
        rows.append((_label(tr("&Paper:"), self.paper_combo), self.paper_combo))
        rows.append((_label(tr("Lan&guage:"), self.language_combo), self.language_combo))
        for row, (label, field) in enumerate(rows):
            if label is not None:
                form.addWidget(label, row, 0)
            form.addWidget(field, row, 1)
        self._fill_cases(case_id)

    def asks_appointment(self) -> bool:
        """True for the reports of one appointment's questions (and the packet)."""
        return self.kind in ("questions", "packet")

    def _fill_cases(self, case_id: int | None) -> None:
        cases = records.list_records(self.session.dossier, "case")
        for case in cases:
            title = case.get("title") or tr("Case {id}", id=case["id"])
            if case.get("status") == "closed":
                title = tr("{title} (closed)", title=title)
            self.case_combo.addItem(title, case["id"])
        if self.kind == "index":
            self.case_combo.addItem(tr("All documents in the dossier"), WHOLE_DOSSIER)
        wanted = case_id
        if wanted is None or self.case_combo.findData(wanted) < 0:
            open_ones = [c["id"] for c in cases if c.get("status") != "closed"]
            wanted = (open_ones or [c["id"] for c in cases] or [WHOLE_DOSSIER])[0]
        if self.kind == "handover":
            wanted = self._decided_first(wanted, cases)
        self.case_combo.setCurrentIndex(max(0, self.case_combo.findData(wanted)))

    def _decided_first(self, wanted: int, cases: list[dict[str, Any]]) -> int:
        """The hand-over letter tells a decision: ``wanted`` when it is decided, else the
        first decided case (the letter the person came for, not an empty editor saying the
        case on screen is not decided yet), else ``wanted`` (which then says so)."""
        from ...core.handover.told import is_decided

        dossier = self.session.dossier
        try:
            if is_decided(dossier, wanted):
                return wanted
            live = [c["id"] for c in cases if c.get("status") != "closed"]
            return next((c for c in live if is_decided(dossier, c)), wanted)
        except DossierError:
            return wanted

    def case_id(self) -> int | None:
        """The case chosen; None for the whole dossier (or when the dossier has none)."""
        value = self.case_combo.currentData()
        return None if value in (None, WHOLE_DOSSIER) else int(value)

    def appointment_id(self) -> int | None:
        """The appointment whose questions are wanted; None for the case's open questions."""
        value = self.appointment_combo.currentData()
        return None if value is None else int(value)

    def paper(self) -> str:
        return str(self.paper_combo.currentData())

    def to_id(self) -> int | None:
        """The contact a letter goes to; None for the one it suggests (or no letter)."""
        return self.recipient.contact_id() if self.recipient is not None else None

    def fill_recipients(self) -> None:
        """For a letter to a doctor: the contact suggested for the case chosen now."""
        if self.recipient is not None:
            self.recipient.fill(self.case_id())

    def translations_into(self) -> str | None:
        """The language whose translations the packet takes (the packet's own), or None."""
        return self.language() if self.translations.isChecked() else None

    def language(self) -> str:
        """The language the report is to be printed in (a code of LANGUAGES)."""
        return str(self.language_combo.currentData())

    def fill_appointments(self) -> None:
        """The appointments of the case chosen now; for the question sheet, the next one
        chosen."""
        combo = self.appointment_combo
        combo.clear()
        case_id = self.case_id()
        if self.kind == "packet":
            combo.addItem(tr("The next appointment (or the case's open questions)"), None)
        else:
            combo.addItem(tr("The whole case (questions not yet answered)"), None)
        if case_id is None:
            return
        for appointment in records.list_records(
            self.session.dossier, "appointment", case_id=case_id
        ):
            when = datetime_text(appointment.get("starts_at"))
            purpose = (appointment.get("purpose") or "").strip()
            combo.addItem(f"{when} · {purpose}" if purpose else when, appointment["id"])
        if self.kind == "questions":
            upcoming = next_appointment(self.session.dossier, case_id)
            index = combo.findData(upcoming) if upcoming is not None else -1
            combo.setCurrentIndex(max(0, index))

    def set_busy(self, busy: bool) -> None:
        """While the preview is made, the choices stay as they are."""
        for widget in (self.case_combo, self.appointment_combo, self.large_print,
                       self.paper_combo, self.language_combo,
                       self.translations_row):  # fmt: skip
            widget.setEnabled(not busy)
        if self.recipient is not None:
            self.recipient.setEnabled(not busy)
