"""What a button or heading says for a new record of each kind: "New contact", "New note".

One whole message per kind, not "New {kind}" around the kind's label: the word for "new"
agrees with the noun in many languages ("Nieuwe notitie" but "Nieuw stuk" in Dutch,
"Новый контакт" but "Новая заметка" in Russian), which one sentence cannot do.
"""

from __future__ import annotations

from typing import Final

from .i18n import N_, tr

__all__ = ["NEW_RECORD_TITLES", "new_record_title"]

#: Each kind of record (:data:`dossier.core.entities.ENTITIES`) with its "New …" message.
NEW_RECORD_TITLES: Final[dict[str, str]] = {
    "person": N_("New person"),
    "contact": N_("New contact"),
    "case": N_("New case"),
    "medication": N_("New medicine"),
    "diagnosis": N_("New diagnosis"),
    "treatment": N_("New treatment"),
    "opinion": N_("New opinion"),
    "comparison": N_("New comparison"),
    "document": N_("New document"),
    "physical_item": N_("New physical item"),
    "study": N_("New imaging study"),
    "records_request": N_("New records request"),
    "appointment": N_("New appointment"),
    "task": N_("New deadline or task"),
    "question": N_("New question"),
    "cost": N_("New cost"),
    "hand_over": N_("New hand-over"),
    "note": N_("New note"),
}


def new_record_title(entity: str) -> str:
    """The translated "New …" of the kind of record named ``entity`` ("contact")."""
    return tr(NEW_RECORD_TITLES[entity])
