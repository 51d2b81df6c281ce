"""Whether a dossier is protected with a passphrase, known without loading any cipher.

A protected dossier has a key file, ``dossier.key``, beside its database. Opening an
unprotected dossier must stay quick, so this module imports nothing of the ciphers.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DossierOpenError
from ..i18n import tr

KEY_FILE = "dossier.key"


def is_protected(folder: Path) -> bool:
    """True when the dossier in ``folder`` is protected with a passphrase (it has a key
    file, or a link or anything else in that name, which opening then refuses)."""
    return os.path.lexists(folder / KEY_FILE)


class PassphraseNeeded(DossierOpenError):
    """The dossier is protected and has not been unlocked in this program yet: ask for its
    passphrase (or recovery key), then open it again. ``path``: its folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__(
            tr(
                "The dossier in {path} is protected with a passphrase. Enter its passphrase "
                "to open it.",
                path=folder,
            )
        )
        self.path = folder


__all__ = ["KEY_FILE", "PassphraseNeeded", "is_protected"]
