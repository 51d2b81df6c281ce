"""What the check found: each kind of problem once, in plain words, with what to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Code = Literal[
    "database_damaged",
    "broken_links",
    "file_missing",
    "file_damaged",
    "file_replaced",
    "thumbnail_missing",
    "thumbnail_damaged",
    "unused_files",
    "temporary_files",
    "search_index",
    "not_checked",
    "foreign_schema",
    "schema_changed",
    "unfinished_work",  # copies interrupted operations left (core/unfinished.py)
    "unknown_leftovers",  # look-alikes of those, without the program's mark
]
# What a repair can do something about: move (unused and temporary files, links in place
# of documents' files) or make again. Foreign things in the database are removed from it,
# after a backup.
REPAIRABLE: frozenset[Code] = frozenset(
    {
        "file_replaced",
        "thumbnail_missing",
        "thumbnail_damaged",
        "unused_files",
        "temporary_files",
        "search_index",
        "foreign_schema",
    }
)


@dataclass(frozen=True)
class Item:
    """One thing a finding is about: a document, a file, or a database row."""

    label: str
    document_id: int | None = None
    path: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "document_id": self.document_id, "path": self.path}


@dataclass(frozen=True)
class Finding:
    code: Code
    message: str  # what is wrong, in plain words
    advice: str  # what to do about it
    items: tuple[Item, ...] = ()

    @property
    def repairable(self) -> bool:
        return self.code in REPAIRABLE

    @property
    def is_problem(self) -> bool:
        """False for a note (a part that could not be looked at now), True otherwise."""
        return self.code != "not_checked"

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "advice": self.advice,
            "repairable": self.repairable,
            "items": [item.as_dict() for item in self.items],
        }


@dataclass
class CheckReport:
    """Everything one check found, and how much it looked at."""

    findings: list[Finding] = field(default_factory=list)
    documents: int = 0  # documents whose file was looked at
    files_bytes: int = 0  # bytes read to compare their SHA-256
    damaged_documents: set[int] = field(default_factory=set)  # ids: file not what was stored

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.is_problem]

    @property
    def repairable(self) -> bool:
        return any(f.repairable for f in self.findings)

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "repairable": self.repairable,
            "documents": self.documents,
            "bytes_read": self.files_bytes,
            "findings": [f.as_dict() for f in self.findings],
        }
