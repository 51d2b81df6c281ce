"""Opening what a reminder is about: an appointment or a task in the Calendar, a decision
deadline's case on the Cases page, anything else where the search opens it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..dossier_view import DossierView


def open_item(view: DossierView, entity: str, record_id: int) -> None:
    """Show record ``record_id`` of kind ``entity`` in ``view``, chosen in its list."""
    if entity in ("appointment", "task"):
        from ..pages.calendar import CalendarPage

        page = view.show_page("calendar")
        if isinstance(page, CalendarPage):
            page.select(entity, record_id)
        return
    view.open_record(entity, record_id)


__all__ = ["open_item"]
