"""What became of one file in an import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Status = Literal["imported", "duplicate", "rejected", "cancelled"]


@dataclass
class ImportResult:
    path: str
    status: Status
    reason: str | None = None
    document_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "reason": self.reason,
            "document_id": self.document_id,
        }
