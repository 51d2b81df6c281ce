"""Above the form of the opinion chosen: "Second opinion from Dr. …", and links to its
doctor and to its documents (its written report and the documents linked to it)."""

from __future__ import annotations

from contextlib import suppress
from html import escape
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout

from ...core import records
from ...core.bidi import isolate
from ...core.entities import ENTITIES
from ...core.errors import NotFoundError
from ...core.i18n import tr
from ..session import Session
from .case_records import CaseRecordPage
from .labels import ordinal_text


class OpinionHeader(QObject):
    """Puts a heading and a line of links into the form of ``opinions``; follows the links."""

    open_record = Signal(str, int)  # entity name, record id (the doctor)
    open_document = Signal(int)

    def __init__(
        self, session: Session, opinions: CaseRecordPage, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.opinions = opinions
        self.links = QLabel()
        self.links.setObjectName("opinionLinks")
        self.links.setAccessibleName(tr("The doctor and documents of this opinion"))
        self.links.setWordWrap(True)
        self.links.setTextFormat(Qt.TextFormat.RichText)
        self.links.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.links.linkActivated.connect(self._follow_link)
        opinion_form = opinions.form.layout()
        assert isinstance(opinion_form, QVBoxLayout)
        opinion_form.insertWidget(2, self.links)
        # "Second opinion from Dr. …" instead of the form's own heading (institution · date).
        self.heading = QLabel()
        self.heading.setObjectName("opinionHeading")
        self.heading.setWordWrap(True)
        self.heading.setFont(opinions.form.heading.font())
        self.heading.hide()
        opinion_form.insertWidget(1, self.heading)
        opinions.selected.connect(self.show_opinion)

    def show_opinion(self, opinion: dict[str, Any] | None) -> None:
        """The heading and links of ``opinion``; None: the form's own heading, no links."""
        if opinion is None:
            self.links.clear()
            self.links.hide()
            self.heading.hide()
            self.opinions.form.heading.show()
            return
        dossier = self.session.dossier
        parts: list[str] = []
        contact_id = opinion.get("contact_id")
        heading = ordinal_text(opinion)
        if contact_id is not None:
            try:
                doctor = records.get(dossier, "contact", contact_id, include_deleted=True)
                # Translators: "Second opinion from Dr. de Vries".
                heading = tr(
                    "{opinion} from {doctor}", opinion=heading, doctor=isolate(doctor["name"])
                )
                parts.append(
                    escape(tr("Doctor:")) + " "
                    f"<a href='contact:{contact_id}'>{escape(str(doctor['name']))}</a>"
                )
            except NotFoundError:
                pass
        documents = self._documents_of(opinion)
        if documents:
            links = ", ".join(
                f"<a href='document:{d['id']}'>{escape(str(d['title']))}</a>" for d in documents
            )
            parts.append(escape(tr("Documents:")) + f" {links}")
        else:
            parts.append(
                escape(
                    tr(
                        "No written report is linked to this opinion yet. Choose it under "
                        "“Written report” below (a document filed under this case on the "
                        "Documents page), or ask the doctor for one."
                    )
                )
            )
        self.heading.setText(heading)
        self.heading.show()
        self.opinions.form.heading.hide()
        self.links.setText("<br>".join(parts))
        self.links.show()

    def _documents_of(self, opinion: dict[str, Any]) -> list[dict[str, Any]]:
        dossier = self.session.dossier
        found: dict[int, dict[str, Any]] = {}
        report = opinion.get("report_document_id")
        if report is not None:
            with suppress(NotFoundError):
                found[report] = records.get(dossier, "document", report)
        for document in records.list_records(dossier, "document", case_id=opinion["case_id"]):
            if opinion["id"] in document.get("opinion_ids", []):
                found.setdefault(document["id"], document)
        return list(found.values())

    def _follow_link(self, link: str) -> None:
        kind, _, number = link.partition(":")
        if not number.isdigit():
            return
        if kind == "document":
            self.open_document.emit(int(number))
        elif kind in ENTITIES:
            self.open_record.emit(kind, int(number))
