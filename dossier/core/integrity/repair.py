"""Repair: only moves and rebuilds; never deletes a record or a file.

* files that no record uses, and leftover temporary files, move to quarantine;
* a link (or anything else that is not a regular file) in place of a document's file moves
  to quarantine as it is, never followed: what it points to is not touched, and a
  document's own regular file is never moved;
* missing or damaged thumbnails are made again from their documents (a damaged one is
  moved to quarantine first);
* the search index is built again from the records;
* tables, indexes, triggers and views this program did not put in the database are
  removed after a backup (:mod:`.foreign_schema`); until they are gone nothing else is
  changed. A dossier on a drive that cannot be written to is not repaired at all.

A missing or damaged document file cannot be made again: the check says how to get it
back (a backup, or adding the original again). After repairing, the dossier is checked
again (without reading every file a second time: repair never changes their content).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import safe_files
from ..i18n import ntr, tr
from ..storage import Dossier
from .check import CheckCancelled, Progress, ProgressCallback, check_dossier
from .files import documents, examine
from .findings import CheckReport
from .foreign_schema import SchemaRepair, repair_schema
from .inflight import no_import_in_flight
from .quarantine import Moved, Quarantine
from .search_index import rebuild_search_index, search_index_problems
from .sweep import sweep
from .thumbnails import ThumbnailsResult, rebuild_thumbnails


@dataclass
class RepairResult:
    moved: list[Moved] = field(default_factory=list)
    quarantine: list[Path] = field(default_factory=list)  # the folders files were moved to
    thumbnails: ThumbnailsResult = field(default_factory=ThumbnailsResult)
    index_rebuilt: bool = False
    import_running: bool = False  # unused files could not be moved: an import was running
    after: CheckReport = field(default_factory=CheckReport)
    schema: SchemaRepair | None = None  # what was done about foreign things in the database

    def summary(self) -> list[str]:
        """What was done, one sentence each, in plain words."""
        lines: list[str] = self.schema.summary() if self.schema is not None else []
        if self.moved:
            where = ", ".join(str(p) for p in self.quarantine)
            lines.append(
                ntr(
                    "Moved one file into the quarantine folder {path}.",
                    "Moved {n} files into the quarantine folder {path}.",
                    len(self.moved),
                    path=where,
                )
            )
        if self.thumbnails.made:
            lines.append(
                ntr(
                    "Made one small picture again.",
                    "Made {n} small pictures again.",
                    len(self.thumbnails.made),
                )
            )
        for document, why in self.thumbnails.failed:
            lines.append(
                tr(
                    "The small picture of {document} could not be made again: {why}",
                    document=document.label,
                    why=why,
                )
            )
        if self.index_rebuilt:
            lines.append(tr("Built the search index again."))
        if self.import_running:
            lines.append(
                tr(
                    "Files are being added right now, so files that do not belong were not "
                    "moved. Repair again when adding has finished."
                )
            )
        if not lines:
            lines.append(tr("There was nothing to repair."))
        return lines

    def as_dict(self) -> dict[str, object]:
        return {
            "moved_to_quarantine": [
                {"from": str(m.source), "to": str(m.target), "reason": m.reason} for m in self.moved
            ],
            "quarantine_folders": [str(p) for p in self.quarantine],
            "thumbnails_made": [d.id for d in self.thumbnails.made],
            "thumbnails_failed": [
                {"document_id": d.id, "reason": why} for d, why in self.thumbnails.failed
            ],
            "search_index_rebuilt": self.index_rebuilt,
            "database_schema": self.schema.as_dict() if self.schema is not None else None,
            "summary": self.summary(),
            "after": self.after.as_dict(),
        }


def repair(
    dossier: Dossier,
    before: CheckReport,
    *,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> RepairResult:
    """Repair what ``before`` (a check just made) found that can be repaired, then check again.

    Raises :class:`~dossier.core.errors.ReadOnlyDossier` for a dossier on a drive that
    cannot be written to, before changing anything.
    """
    tell = progress or (lambda _p: None)
    dossier.require_writable_drive()
    result = RepairResult()
    if dossier.read_only is not None or "foreign_schema" in before.codes():
        tell(Progress(tr("Removing what does not belong in the database…")))
        result.schema = repair_schema(dossier)
    if dossier.read_only is not None:  # what is left there only a backup can mend
        result.after = _check_again(dossier, before, progress, cancelled)
        return result
    quarantine = Quarantine(dossier.path)
    try:
        _move_and_remake(dossier, before, quarantine, result, tell, cancelled)
    finally:
        quarantine.write_note()
        result.moved = list(quarantine.moved)
    if cancelled():
        raise CheckCancelled
    tell(Progress(tr("Checking the search index…")))
    if search_index_problems(dossier):
        tell(Progress(tr("Building the search index again…")))
        rebuild_search_index(dossier)
        result.index_rebuilt = True
    result.quarantine = sorted({_folder_of(dossier, m) for m in result.moved})
    result.after = _check_again(dossier, before, progress, cancelled)
    return result


def _check_again(
    dossier: Dossier,
    before: CheckReport,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool],
) -> CheckReport:
    after = check_dossier(dossier, progress=progress, cancelled=cancelled, hashes=False)
    # Repair never touches documents' files: what the first check found about them stands.
    carried = [f for f in before.findings if f.code == "file_damaged"]
    after.findings = carried + after.findings
    after.documents, after.files_bytes = before.documents, before.files_bytes
    after.damaged_documents = before.damaged_documents
    return after


def _move_and_remake(
    dossier: Dossier,
    before: CheckReport,
    quarantine: Quarantine,
    result: RepairResult,
    tell: ProgressCallback,
    cancelled: Callable[[], bool],
) -> None:
    """Leftover files to quarantine, then thumbnails made again."""
    tell(Progress(tr("Moving files that do not belong to the quarantine…")))
    with no_import_in_flight(dossier.vault.root) as alone:
        if alone:
            sweep(dossier, quarantine)
            _move_what_replaced_files(dossier, quarantine)
        else:
            result.import_running = True
    if cancelled():
        raise CheckCancelled
    tell(Progress(tr("Making the small pictures again…")))
    state = examine(dossier, documents(dossier), hashes=False)
    redo = [
        d
        for d in state.thumbnail_missing + state.thumbnail_damaged
        if d.id not in before.damaged_documents and state.intact(d)
    ]
    result.thumbnails = rebuild_thumbnails(dossier, redo, quarantine, cancelled=cancelled)


def _move_what_replaced_files(dossier: Dossier, quarantine: Quarantine) -> None:
    """Move each link (or folder, pipe…) standing in place of documents' files, itself,
    to quarantine; looked at again just before, so a regular file is never moved."""
    state = examine(dossier, documents(dossier), hashes=False)
    by_path: dict[str, list[str]] = {}
    for replaced in state.replaced:
        by_path.setdefault(replaced.path, []).append(replaced.document.label)
    for path, labels in by_path.items():
        found = safe_files.look(dossier.path, path)
        if found.kind in ("file", "missing") or "/".join(found.at) != path:
            continue  # put right meanwhile (the original added again): nothing to move
        reason = tr(
            "a link, or something else that is not an ordinary file, that had taken the "
            "place of the file of {documents}",
            documents=", ".join(labels[:3]) + (" …" if len(labels) > 3 else ""),
        )
        with contextlib.suppress(OSError):  # cannot be moved: the check after says so
            quarantine.move(dossier.path / path, reason)


def _folder_of(dossier: Dossier, moved: Moved) -> Path:
    relative = moved.target.relative_to(dossier.path)
    return dossier.path / relative.parts[0] / relative.parts[1]
