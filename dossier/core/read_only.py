"""A dossier open for reading only, and why: its drive cannot be written to, or its database
holds things this program did not put there.

Reading works as usual (look, search, print, export, check); every change is refused with
the reason before anything is touched (:class:`~dossier.core.errors.ReadOnlyDossier`),
at the one place every change of the database passes, ``Database.atomic``, and at the
start of an import, which writes files before its rows.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .i18n import ntr, tr

if TYPE_CHECKING:
    from .schema_compare import Difference

Cause = Literal["medium", "foreign"]
_NAMED = 3  # foreign objects named in the message; the check lists every one


class ReadOnly:
    """Why a dossier is open for reading only: ``cause``, in plain words ``why``, and what
    to do about it, ``remedy`` (the window says that part its own way: a button).

    (A plain class, not a dataclass: it is defined at every start, and making a dataclass
    costs start-up time.)
    """

    __slots__ = ("cause", "differences", "remedy", "why")

    def __init__(
        self, cause: Cause, why: str, differences: tuple[Difference, ...] = (), remedy: str = ""
    ) -> None:
        self.cause = cause
        self.why = why
        self.differences = differences
        self.remedy = remedy

    def __repr__(self) -> str:
        return f"ReadOnly({self.cause!r}, {self.why!r})"

    @property
    def notice(self) -> str:
        """What the window says at the top of a read-only dossier."""
        return tr(
            "This dossier is open for reading only: you can look at it, search it, print "
            "and export it, but not change it. {why}",
            why=self.reason,
        )

    @property
    def refusal(self) -> str:
        """What a change that was asked for is told (nothing was changed)."""
        return tr(
            "This dossier is open for reading only, so nothing was changed. {why}",
            why=self.reason,
        )

    @property
    def reason(self) -> str:
        """Why, then what to do."""
        return f"{self.why} {self.remedy}" if self.remedy else self.why


def notice_lead() -> str:
    """The first sentence of every :attr:`ReadOnly.notice` (the window's notice shows it
    as its headline, with the reason under it)."""
    return ReadOnly("medium", "").notice.strip()


def refusal_lead() -> str:
    """The first sentence of every :attr:`ReadOnly.refusal`, which the window shows as the
    message's headline, with the reason under it (see :func:`split_refusal`)."""
    return ReadOnly("medium", "").refusal.strip()


def split_refusal(message: str) -> tuple[str, str]:
    """A refused change's message as (headline, reason); ("", message) for any other."""
    lead = refusal_lead()
    if message.startswith(lead):
        return lead, message[len(lead) :].strip()
    return "", message


def cannot_write(folder: Path, db_path: Path) -> bool:
    """True when this program may not write to the dossier's folder or its database (a
    read-only drive such as a CD, a write-protected stick, or a folder it may only read)."""
    return cannot_write_in(folder) or cannot_write_in(db_path)


def cannot_write_in(path: Path) -> bool:
    """True when this program may not write to ``path`` (a read-only drive says so even
    to root; a folder's permissions only to others)."""
    return not os.access(path, os.W_OK)


def on_read_only_drive() -> ReadOnly:
    return ReadOnly(
        "medium",
        tr(
            "It is on a drive or in a folder that cannot be written to (such as a CD, a "
            "write-protected USB stick, or a folder you may only read)."
        ),
        remedy=tr(
            "To change it, copy the whole dossier folder to a place you can write to and "
            "open the copy."
        ),
    )


def with_foreign_objects(differences: list[Difference]) -> ReadOnly:
    named = "; ".join(d.describe() for d in differences[:_NAMED])
    more = len(differences) - _NAMED
    if more > 0:
        named = ntr("{named} and {n} more", "{named} and {n} more", more, named=named)
    return ReadOnly(
        "foreign",
        tr(
            "Its database holds things this program did not put there ({objects}), which "
            "could change or delete records unseen.",
            objects=named,
        ),
        tuple(differences),
        remedy=tr(
            "Check the dossier (Dossier → Check the dossier…, or dossier check --repair) to "
            "remove them; a backup is made first."
        ),
    )


__all__ = [
    "Cause",
    "ReadOnly",
    "cannot_write",
    "cannot_write_in",
    "notice_lead",
    "on_read_only_drive",
    "refusal_lead",
    "split_refusal",
    "with_foreign_objects",
]
