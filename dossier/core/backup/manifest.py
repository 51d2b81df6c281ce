"""What one backup holds, as written in its ``manifest.json`` and ``files.json``.

``manifest.json`` is small (when, by which version, whose dossier, how much), so a list
of backups is quick to show; ``files.json`` lists every vault file of the backup with
its SHA-256 and size (the content itself is in the store's shared ``files/``).
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

FORMAT = 1
KIND = "second-opinion-dossier-backup"
MANIFEST_NAME = "manifest.json"
FILES_NAME = "files.json"
DB_COPY_NAME = "dossier.sqlite"
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
            "good": self.good,
            "problem": self.problem,
            "not_included": list(self.not_included),
        }


def size_text(count: int) -> str:
    """Bytes as people say them: '812 kB', '3.4 MB', in the current language."""
    return file_size(count)


def manifest_json(info: BackupInfo) -> dict[str, Any]:
    """The ``manifest.json`` of ``info``."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "kind": KIND,
        "made_at": info.made_at,
        "program_version": info.program_version,
        "automatic": info.automatic,
        "dossier_id": info.dossier_id,
        "person": info.person,
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
    put_path(data, "dossier_path", info.dossier_path)
    put_path(data, "backup_folder", info.backup_folder)
    return data


def files_json(entries: list[FileEntry]) -> dict[str, Any]:
    return {"format": FORMAT, "files": [e.as_json() for e in entries]}
