"""Contacts: doctors, institutions, insurers (with their reimbursement rules), companions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ..models.record_table import Column
from ..session import Session
from .record_page import RecordPage


def contacts_page(session: Session, parent: QWidget | None = None) -> RecordPage:
    t = QCoreApplication.translate
    columns = [
        Column("name", t("contacts", "Name")),
        Column("role", t("contacts", "Role")),
        Column("specialty", t("contacts", "Specialty")),
        Column("institution", t("contacts", "Institution")),
        Column("phone", t("contacts", "Phone")),
    ]
    return RecordPage(
        session,
        "contact",
        columns,
        title=t("contacts", "Contacts"),
        intro=t(
            "contacts",
            "Doctors, hospitals, records offices, your insurer and the people who help you. "
            "For an insurer, note its rules so the app can work out what you will get back.",
        ),
        parent=parent,
    )
