"""Contacts: doctors, institutions, insurers (with their reimbursement rules), companions."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...core.i18n import tr
from ..models.record_table import Column
from ..session import Session
from .record_page import RecordPage

INSURER_FIELDS = (
    "reimburse_percent",
    "cap_per_consultation",
    "consultations_per_year",
    "prior_approval_required",
    "currency",
)


def contacts_page(session: Session, parent: QWidget | None = None) -> RecordPage:
    columns = [
        Column("name", tr("Name")),
        Column("role", tr("Role")),
        Column("specialty", tr("Specialty")),
        Column("institution", tr("Institution")),
        Column("phone", tr("Phone")),
    ]
    page = RecordPage(
        session,
        "contact",
        columns,
        title=tr("Contacts"),
        intro=tr(
            "Doctors, hospitals, records offices, your insurer and the people who help you. "
            "For an insurer, note its rules so the app can work out what you will get back.",
        ),
        parent=parent,
    )
    role = page.form.editors["role"]

    def show_insurer_rules() -> None:
        insurer = role.value() == "insurer"
        for name in INSURER_FIELDS:
            page.form.set_field_visible(name, insurer)

    role.edited.connect(show_insurer_rules)
    page.form.loaded.connect(show_insurer_rules)
    show_insurer_rules()
    return page
