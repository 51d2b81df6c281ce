"""A form's place field filled from the doctor chosen: an opinion's institution, an
appointment's "where". Only an empty field is filled; what the person typed stays."""

from __future__ import annotations

from ...core import records
from ...core.errors import DossierError
from .record_form import RecordForm

__all__ = ["fill_place_from_doctor"]


def fill_place_from_doctor(form: RecordForm, place: str, *, doctor: str = "contact_id") -> None:
    """When the person picks a doctor in ``form``, write the doctor's institution into the
    field ``place`` if it is empty."""
    chooser, target = form.editors[doctor], form.editors[place]

    def fill() -> None:
        contact_id = chooser.value()
        if contact_id is None or str(target.value() or "").strip():
            return
        try:
            contact = records.get(form.session.dossier, "contact", contact_id)
        except DossierError:
            return
        if contact.get("institution"):
            target.set_value(contact["institution"])

    chooser.edited.connect(fill)
