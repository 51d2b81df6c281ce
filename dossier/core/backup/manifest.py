"""What one backup holds, as written in its ``manifest.json`` and ``files.json``.

``manifest.json`` is small (when, by which version, whose dossier, how much), so a list
of backups is quick to show; ``files.json`` lists every vault file of the backup with
its SHA-256 and size (the content itself is in the store's shared ``files/``).

The backup of a dossier protected with a passphrase (:mod:`.protected`) is written in
format 2: its manifest names the key it is encrypted with and its key file, and holds the
person's name and the folders sealed (never in plain); its list of files says that the
names are the vault's keyed names, each file's SHA-256 that of the encrypted bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..bidi import isolate
from ..i18n import ntr, tr
from ..locale_format import file_size
from .pathjson import put_path

FORMAT = 1  # written for an unprotected dossier's backup (as before protection came)
PROTECTED_FORMAT = 2  # written for a protected dossier's backup
READ_FORMAT = PROTECTED_FORMAT  # the newest this version reads
KIND = "second-opinion-dossier-backup"
MANIFEST_NAME = "manifest.json"
FILES_NAME = "files.json"
DB_COPY_NAME = "dossier.sqlite"
KEY_COPY_NAME = "dossier.key"  # a protected dossier's key file, carried in its backups
BACKUP_NAME_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{6}(-[0-9]+)?\Z")


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative to vault/, with "/"
    sha256: str
    size: int
    mtime_ns: int = 0  # when seen in the dossier (a hint to skip re-reading thumbnails)

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "size": self.size,
            "mtime_ns": self.mtime_ns,
        }


@dataclass(frozen=True)
class BackupInfo:
    """One backup, as its manifest describes it; ``problem`` says why it cannot be used."""

    path: Path
    made_at: str = ""
    program_version: str = ""
    dossier_id: str = ""
    dossier_path: str = ""
    person: str = ""
    cases: int = 0
    documents: int = 0
    files: int = 0
    bytes: int = 0
    automatic: bool = False
    database_sha256: str = ""
    database_size: int = 0
    migrations: tuple[str, ...] = ()
    backup_folder: str | None = None
    not_included: tuple[dict[str, str], ...] = field(default=())
    problem: str | None = None
    # A protected dossier's backup: the fingerprint of its master key, its key file, the
    # sealed fields (person, folders), and whether they could be opened here (``locked``:
    # no unlocked dossier or key given has that master key; person and folders are "").
    protected: bool = False
    key_id: str = ""
    key_file_sha256: str = ""
    key_file_size: int = 0
    sealed: dict[str, str] | None = None
    locked: bool = False

    @property
    def good(self) -> bool:
        return self.problem is None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def made_on(self) -> date:
        try:
            return date.fromisoformat(self.made_at[:10])
        except ValueError:
            return date.min

    def contents(self) -> str:
        """'3 cases, 1 document, 24 files (3.4 MB)'."""
        return tr(
            "{cases}, {documents}, {files} ({size})",
            cases=ntr("{n} case", "{n} cases", self.cases),
            documents=ntr("{n} document", "{n} documents", self.documents),
            files=ntr("{n} file", "{n} files", self.files),
            size=isolate(size_text(self.bytes)),  # "(3.4 MB)", not "(MB 3.4)" in Hebrew
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "path": str(self.path),
            "made_at": self.made_at,
            "program_version": self.program_version,
            "dossier_id": self.dossier_id,
            "dossier_path": self.dossier_path,
            "person": self.person,
            "counts": {
                "cases": self.cases,
                "documents": self.documents,
                "files": self.files,
                "bytes": self.bytes,
            },
            "automatic": self.automatic,
            "protected": self.protected,
            "locked": self.locked,
            "good": self.good,
            "problem": self.problem,
            "not_included": list(self.not_included),
        }


def size_text(count: int) -> str:
    """Bytes as people say them: '812 kB', '3.4 MB', in the current language."""
    return file_size(count)


def manifest_json(info: BackupInfo) -> dict[str, Any]:
    """The ``manifest.json`` of ``info``. A protected dossier's (``info.protected``, its
    ``sealed`` fields made by :func:`.protected.seal`) names neither the person nor a
    folder in plain."""
    data: dict[str, Any] = {
        "format": PROTECTED_FORMAT if info.protected else FORMAT,
        "kind": KIND,
        "made_at": info.made_at,
        "program_version": info.program_version,
        "automatic": info.automatic,
        "dossier_id": info.dossier_id,
        "person": "" if info.protected else info.person,
        "counts": {
            "cases": info.cases,
            "documents": info.documents,
            "files": info.files,
            "bytes": info.bytes,
        },
        "database": {
            "name": DB_COPY_NAME,
            "sha256": info.database_sha256,
            "size": info.database_size,
        },
        "migrations": list(info.migrations),
        "not_included": list(info.not_included),
    }
    if info.protected:
        assert info.sealed is not None
        data["protected"] = {
            "key_id": info.key_id,
            "key_file": {
                "name": KEY_COPY_NAME,
                "sha256": info.key_file_sha256,
                "size": info.key_file_size,
            },
            "sealed": dict(info.sealed),
        }
        return data
    put_path(data, "dossier_path", info.dossier_path)
    put_path(data, "backup_folder", info.backup_folder)
    return data


def files_json(entries: list[FileEntry], *, keyed: bool = False) -> dict[str, Any]:
    """The ``files.json`` of a backup. ``keyed``: a protected dossier's, whose files are
    under the vault's keyed names, each SHA-256 that of the encrypted bytes stored."""
    if keyed:
        return {
            "format": PROTECTED_FORMAT,
            "names": "keyed",
            "files": [e.as_json() for e in entries],
        }
    return {"format": FORMAT, "files": [e.as_json() for e in entries]}
