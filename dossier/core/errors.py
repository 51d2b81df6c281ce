"""Errors raised by the core. Every message is plain language, fit to show a patient."""

from __future__ import annotations


class DossierError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(DossierError):
    """Input that cannot be stored. ``errors`` maps each field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


class NotFoundError(DossierError):
    """A record that does not exist (or is in the trash when a live one was asked for)."""


class DossierOpenError(DossierError):
    """A folder that cannot be opened as a dossier: missing, foreign, damaged or too new."""


class ImportRejected(DossierError):
    """A file the import refused, with the reason in plain words."""


class ReadOnlyDossier(DossierOpenError):
    """A change asked of a dossier that is open for reading only; the message says why.

    Raised before anything is touched. A :class:`DossierOpenError`, so the command line
    exits with 2 and the window shows the message.
    """
