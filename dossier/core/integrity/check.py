"""The integrity check: everything that can be looked at without changing anything.

* the database: SQLite's ``quick_check`` and ``foreign_key_check``, and tables, indexes,
  triggers or views this program did not put there (:mod:`.foreign_schema`);
* every document's file in the vault, with its SHA-256, and its thumbnail;
* files that no record uses, and temporary files left by an interrupted import;
* copies left beside the dossier by an interrupted restore or opening of an archive
  (and a leftover export), and look-alikes without the program's mark;
* the search index against the records.

It changes nothing (only :mod:`.repair` does), so it can run beside the window, on its own
connection. For a large dossier reading every file takes a while: ``progress`` is told
what is being looked at, and ``cancelled`` can stop it (:class:`CheckCancelled`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import DossierError
from ..i18n import ntr, tr
from ..storage import Dossier
from .database_checks import check_database
from .files import documents, examine, file_findings
from .findings import CheckReport, Finding, Item
from .foreign_schema import schema_findings
from .image_files import image_bytes, image_findings
from .inflight import no_import_in_flight
from .leftovers import Leftover, find_leftovers
from .search_index import search_index_finding, search_index_problems
from .unfinished_work import unfinished_findings


@dataclass(frozen=True)
class Progress:
    """Where the check is: a stage in plain words, and bytes read of the files so far."""

    stage: str
    done: int = 0
    total: int = 0


ProgressCallback = Callable[[Progress], None]


class CheckCancelled(DossierError):
    def __init__(self) -> None:
        super().__init__(tr("The check was stopped."))


def check_dossier(
    dossier: Dossier,
    *,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    hashes: bool = True,
) -> CheckReport:
    """Look at the whole dossier and say what is wrong, in plain words."""
    tell = progress or (lambda _p: None)
    report = CheckReport()

    def stage(text: str) -> None:
        if cancelled():
            raise CheckCancelled
        tell(Progress(text))

    stage(tr("Checking the database…"))
    report.findings += check_database(dossier)
    if "database_damaged" in report.codes():
        return report  # nothing read from a damaged database can be trusted
    report.findings += schema_findings(dossier)
    docs = documents(dossier)
    total = (sum(d.size for d in docs) + image_bytes(dossier)) if hashes else 0
    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        if cancelled():
            raise CheckCancelled
        tell(Progress(tr("Checking the files of the documents…"), done, total))

    stage(tr("Checking the files of the documents…"))
    state = examine(dossier, docs, hashes=hashes, step=step)
    report.documents = len(docs)
    report.files_bytes = done
    report.damaged_documents = {d.id for d in state.damaged}
    report.findings += file_findings(state)
    stage(tr("Checking the images of the imaging studies…"))
    report.findings += image_findings(dossier, hashes=hashes, step=step)
    report.files_bytes = done
    stage(tr("Looking for files that do not belong…"))
    report.findings += leftover_findings(dossier)
    report.findings += unfinished_findings(dossier.path)  # beside the dossier, and ours
    stage(tr("Checking the search index…"))
    finding = search_index_finding(search_index_problems(dossier))
    if finding is not None:
        report.findings.append(finding)
    return report


def leftover_findings(dossier: Dossier) -> list[Finding]:
    """Unused and temporary files; a note instead while an import is running."""
    if dossier.read_only is not None:  # nothing adds files to it, and no lock file is made
        leftovers = find_leftovers(dossier)
    else:
        with no_import_in_flight(dossier.vault.root) as alone:
            if not alone:
                return [
                    Finding(
                        "not_checked",
                        tr(
                            "Files are being added to the dossier right now, so the check did "
                            "not look for files that do not belong."
                        ),
                        tr("Check again when adding the files has finished."),
                    )
                ]
            leftovers = find_leftovers(dossier)
    unused = [x for x in leftovers if x.kind != "temp"]
    temporary = [x for x in leftovers if x.kind == "temp"]
    found: list[Finding] = []
    if unused:
        found.append(
            Finding(
                "unused_files",
                ntr(
                    "One file in the vault belongs to no record of the dossier.",
                    "{n} files in the vault belong to no record of the dossier.",
                    len(unused),
                ),
                tr(
                    "They are probably left from an import that was interrupted. Repair moves "
                    "them to the quarantine folder inside the dossier; nothing is deleted."
                ),
                _items(dossier, unused),
            )
        )
    if temporary:
        found.append(
            Finding(
                "temporary_files",
                ntr(
                    "One partly copied file was left when adding files was interrupted.",
                    "{n} partly copied files were left when adding files was interrupted.",
                    len(temporary),
                ),
                tr(
                    "Repair moves them to the quarantine folder inside the dossier; nothing is "
                    "deleted. Add those files again if they are not in the dossier."
                ),
                _items(dossier, temporary),
            )
        )
    return found


def _items(dossier: Dossier, leftovers: list[Leftover]) -> tuple[Item, ...]:
    return tuple(
        Item(leftover.reason, None, leftover.path.relative_to(dossier.path).as_posix())
        for leftover in leftovers
    )
