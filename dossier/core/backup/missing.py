"""The documents a restored dossier has no file for: neither the backup nor the dossier it
replaces had an intact copy. They are restored as records all the same, and named.

Read from the staged copy of the database before it is swapped in (with the dossier's key,
for a protected dossier's backup, whose files are under keyed names). Each is named by the
document's title and its file's name, as a person knows it; ``dossier check`` then lists
them among the missing files, as for any missing file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import tr
from ..sql_driver import sqlite3
from ..storage import VAULT_NAME, keyed
from ..untrusted import SHA256_RE

if TYPE_CHECKING:
    from ..crypto.keys import MasterKey


@dataclass(frozen=True)
class MissingFile:
    document_id: int
    title: str
    file_name: str  # the name it had when it was added, else its name in the vault
    path: str  # under vault/ ("ab/ab12…"); "" when the record names no usable file
    in_trash: bool

    def label(self) -> str:
        """'“Knee MRI report” (mri-2024.pdf)'."""
        if self.in_trash:
            return tr("“{title}” ({name}, in the trash)", title=self.title, name=self.file_name)
        return tr("“{title}” ({name})", title=self.title, name=self.file_name)

    def as_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "title": self.title,
            "file_name": self.file_name,
            "path": f"{VAULT_NAME}/{self.path}" if self.path else "",
            "in_trash": self.in_trash,
        }


@dataclass(frozen=True)
class Document:
    """What a document record of the restored database says about its file."""

    id: int
    title: str
    sha256: str
    size: int
    original_name: str
    in_trash: bool
    # Its name in the vault ("ab/ab12…", keyed in a protected dossier); "" when its
    # SHA-256 is not one (no file can be found).
    path: str = ""

    def missing(self) -> MissingFile:
        name = self.original_name or self.path or self.sha256
        return MissingFile(self.id, self.title, name, self.path, self.in_trash)


def documents(database: Path, key: MasterKey | None = None) -> list[Document]:
    """Every document record of the database copy at ``database`` (the trash too);
    ``key``: a protected dossier's master key.

    Raises sqlite3.Error when it is not a dossier's database.
    """
    conn = keyed(sqlite3.connect(f"{database.as_uri()}?mode=ro&immutable=1", uri=True), key)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        rows = conn.execute(
            "SELECT id, title, sha256, size, original_name, deleted_at FROM document ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    return [
        Document(
            int(r[0]),
            str(r[1]),
            str(r[2]),
            r[3] if isinstance(r[3], int) and r[3] >= 0 else 0,
            str(r[4] or ""),
            r[5] is not None,
            _vault_path(str(r[2]), key),
        )
        for r in rows
    ]


def _vault_path(sha256: str, key: MasterKey | None) -> str:
    if not SHA256_RE.match(sha256):
        return ""
    name = key.vault_name(sha256) if key is not None else sha256
    return f"{name[:2]}/{name}"
