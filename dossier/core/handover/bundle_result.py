"""What a bundle for the second doctor turned out to hold: each file written, each piece
left out with the reason, and the whole bundle's summary for the person and for scripts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..bidi import without_isolates
from ..i18n import ntr, tr
from .bundle_plan import BundlePlan, Disc, Stored


@dataclass(frozen=True)
class LeftOut:
    """A piece that could not go in: its title, why (a sentence, and a few words), and
    whether it is an original document, a translated copy or an imaging study."""

    title: str
    reason: str
    short: str
    kind: str  # "document", "translation" or "study"

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "kind": self.kind, "reason": self.reason, "short": self.short}


@dataclass(frozen=True)
class PaperDone:
    """A paper printed into the bundle; for the packet, the documents its pages stand in for."""

    path: PurePosixPath
    kind: str
    pages: int
    not_included: tuple[tuple[str, str], ...] = ()  # (title, reason)


@dataclass
class Outcome:
    """What was written, as it was written."""

    papers: list[PaperDone] = field(default_factory=list)
    originals: list[Stored] = field(default_factory=list)
    translations: list[Stored] = field(default_factory=list)
    discs: list[Disc] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)


@dataclass(frozen=True)
class BundleResult:
    path: Path
    as_zip: bool
    size: int  # bytes written
    plan: BundlePlan
    outcome: Outcome
    seconds: float = 0.0
    hand_over_id: int | None = None
    hand_over_problem: str = ""  # why the hand-over was not recorded, when it was not

    @property
    def files(self) -> int:
        """Files at the top and in the document folders, and disc folders."""
        done = self.outcome
        return len(done.papers) + len(done.originals) + len(done.translations) + len(done.discs) + 2

    def summary(self) -> str:
        """ "cover letter, brief, packet, 14 documents, 2 translations, 1 imaging study":
        what was sent, for the hand-over record (in the current language)."""
        words = {
            "cover-letter": tr("cover letter"),
            "brief": tr("brief"),
            "packet": tr("packet"),
        }
        parts = [words.get(p.kind, p.kind) for p in self.outcome.papers]
        done = self.outcome
        parts.append(ntr("{n} document", "{n} documents", len(done.originals)))
        if done.translations:
            parts.append(ntr("{n} translation", "{n} translations", len(done.translations)))
        if done.discs:
            parts.append(ntr("{n} imaging study", "{n} imaging studies", len(done.discs)))
        return ", ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        plan, done = self.plan, self.outcome
        return {
            "path": str(self.path),
            "zip": self.as_zip,
            "size": self.size,
            "files": self.files,
            "seconds": round(self.seconds, 2),
            "case_id": plan.contents.case_id,
            "to_id": plan.contents.to_id,
            "language": plan.language,
            "printed_in": plan.printed_in,
            "in_english_instead": plan.in_english_instead,
            "papers": [
                {
                    "file": p.path.as_posix(),
                    "kind": p.kind,
                    "pages": p.pages,
                    "not_included": [{"title": t, "reason": r} for t, r in p.not_included],
                }
                for p in done.papers
            ],
            "documents": [_stored(s) for s in done.originals],
            "translations": [_stored(s) for s in done.translations],
            "imaging": [
                {"folder": d.path.as_posix(), "study_id": d.study["id"]} for d in done.discs
            ],
            "left_out": [item.as_dict() for item in done.left_out],
            "not_translated": [
                {"title": u.title, "language": u.language} for u in plan.contents.untranslated
            ],
            "sent_separately": [without_isolates(line) for line in plan.contents.separately],
            "hand_over_id": self.hand_over_id,
            "hand_over_problem": self.hand_over_problem or None,
            "summary": self.summary(),
        }


def _stored(stored: Stored) -> dict[str, Any]:
    out: dict[str, Any] = {"file": stored.path.as_posix(), "document_id": stored.document["id"]}
    if stored.original is not None:
        out["translation_of"] = stored.original["id"]
    return out


__all__ = ["BundleResult", "LeftOut", "Outcome", "PaperDone"]
