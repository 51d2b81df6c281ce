"""Writing a planned bundle for the second doctor: complete, or nothing at all.

The place chosen (a new folder, or a new ``.zip`` file) must not exist yet: nothing is
ever overwritten. Before a byte is written the drive must have room for the whole bundle.
Then everything is written into a hidden work folder beside that place
(``.<name>.bundling-<random>``, registered as the program's unfinished work,
:mod:`...unfinished`, so one left by a killed run is removed at the next start or bundle):
the papers printed by ``render``, each document's file copied through the vault's checked
reader, each imaging study laid out as a disc, and the contents list last, which names
what was left out. Every file is fsynced; only then is the finished folder (or zip file)
renamed to the place chosen, in one step, and the work folder removed.

A document or study that cannot be included (its file missing, damaged or replaced by a
link) is left out and named with the reason; that is not a failure. Any failure (a full
disk, a USB stick pulled out, Stop) removes the work folder, and the message says what
happened in plain words; nothing is left at the place chosen.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..i18n import language_scope, tr
from ..reports.model import Report
from ..reports.packet_plan import (
    PacketPlan,
    reason_damaged,
    reason_missing,
    reason_replaced,
    short_reason,
)
from ..safe_files import fsync_folder
from ..storage import Dossier
from ..unfinished import FOLDER_MARKS, Work, begin_folder
from ..vault_read import StoredFileRefused
from .bundle_errors import BundleCancelled, BundleError, disk_problem, is_gone, not_enough_room
from .bundle_plan import CONTENTS_PDF, CONTENTS_TEXT, ROOT, BundlePlan, Stored
from .bundle_result import LeftOut, Outcome, PaperDone
from .bundle_sink import FolderSink, Sink, ZipSink
from .bundle_text import as_report, as_text, listing


@dataclass(frozen=True)
class Rendered:
    """What a renderer says of a paper it printed: its pages, and for the packet the
    documents it could not include, with why (title, reason)."""

    pages: int
    not_included: tuple[tuple[str, str], ...] = ()


# Prints a report, or the packet's plan, to a PDF file (the UI and the command line pass
# one made with Qt: dossier.reports.bundle_render).
Render = Callable[[Report | PacketPlan, Path], Rendered]
# Told what is being done, and how far along: (what, done, of how many).
Progress = Callable[[str, int, int], None]


def check_target(dossier: Dossier, target: Path, *, as_zip: bool) -> None:
    """Refuse a place that exists already (a file, a folder, a link), one in a folder that
    does not exist, and one inside the dossier's own folder."""
    if os.path.lexists(target):
        raise BundleError(
            tr(
                "There is already something called {path}: choose a new name, so nothing is "
                "overwritten.",
                path=target,
            )
        )
    if not target.parent.is_dir():
        raise BundleError(
            tr("There is no folder {path}: choose a folder that exists.", path=target.parent)
        )
    inside = os.path.realpath(dossier.path)
    real = Path(os.path.realpath(target.parent)) / target.name
    if real.is_relative_to(inside):
        raise BundleError(
            tr(
                "Choose a place outside the dossier's folder {dossier}: the program keeps the "
                "dossier's own files there.",
                dossier=dossier.path,
            )
        )
    if as_zip and target.suffix.lower() != ".zip":
        raise BundleError(tr("A zip file's name ends in .zip: {path}", path=target))
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise BundleError(
            tr("The folder {path} cannot be written to: choose another place.", path=target.parent)
        )


def check_room(target: Path, needed: int) -> None:
    try:
        free = shutil.disk_usage(target.parent).free
    except OSError:
        return  # the writing says what is wrong with the place
    if free < needed:
        raise not_enough_room(target.parent, needed, free)


class _Job:
    """One bundle being written into its work folder."""

    def __init__(
        self,
        dossier: Dossier,
        plan: BundlePlan,
        sink: Sink,
        render: Render,
        progress: Progress | None,
        cancelled: Callable[[], bool],
    ) -> None:
        self.dossier, self.plan, self.sink, self.render = dossier, plan, sink, render
        self.progress, self.cancelled = progress, cancelled
        self.outcome = Outcome()
        self.done = 0
        self.total = len(plan.papers) + len(plan.originals) + len(plan.translations)
        self.total += len(plan.discs) + 1

    def tick(self) -> None:
        if self.cancelled():
            raise BundleCancelled()

    def step(self, what: str) -> None:
        self.tick()
        if self.progress is not None:
            self.progress(what, self.done, self.total)
        self.done += 1

    def run(self) -> Outcome:
        for paper in self.plan.papers:
            with language_scope(self.plan.printed_in):
                self.step(tr("Printing {name}", name=paper.path.stem))
            rendered = self.sink.add_printed(paper.path, self._printer(paper.content))
            self.outcome.papers.append(
                PaperDone(paper.path, paper.kind, rendered.pages, rendered.not_included)
            )
        for stored in self.plan.originals:
            self._copy(stored, "document", self.outcome.originals)
        for stored in self.plan.translations:
            self._copy(stored, "translation", self.outcome.translations)
        for disc in self.plan.discs:
            self.step(tr("Copying the imaging disc {name}", name=disc.path.name))
            reason = self.sink.add_disc(disc.path, self.dossier, disc.study, self.tick)
            if reason is None:
                self.outcome.discs.append(disc)
            else:
                title = disc.path.name
                self.outcome.left_out.append(
                    LeftOut(title, reason, short_reason("damaged"), "study")
                )
        self.step(tr("Writing the list of contents"))
        listed = listing(self.plan, self.outcome)
        self.sink.add_bytes(ROOT / CONTENTS_TEXT, as_text(listed))
        contents = as_report(listed, self.plan)
        self.sink.add_printed(ROOT / CONTENTS_PDF, self._printer(contents))
        if self.progress is not None:
            self.progress(tr("Finishing"), self.total, self.total)
        return self.outcome

    def _printer(self, content: Report | PacketPlan) -> Callable[[Path], Rendered]:
        return lambda out: self.render(content, out)

    def _copy(self, stored: Stored, kind: str, into: list[Stored]) -> None:
        self.step(tr("Copying {name}", name=stored.path.name))
        document = stored.document
        refused = self.sink.add_stored(
            stored.path,
            self.dossier.vault,
            str(document.get("sha256") or ""),
            int(document.get("size") or 0),
            self.tick,
            media_type=document.get("media_type"),
        )
        if refused is None:
            into.append(stored)
            return
        with language_scope(self.plan.printed_in):
            reason = _reason(refused)
            short = short_reason(refused.problem)
        self.outcome.left_out.append(LeftOut(_title(stored), reason, short, kind))


def _reason(refused: StoredFileRefused) -> str:
    if refused.problem == "missing":
        return reason_missing()
    if refused.problem == "replaced":
        return reason_replaced()
    return reason_damaged()


def _title(stored: Stored) -> str:
    title = " ".join(str(stored.document.get("title") or "").split())
    return title or stored.path.name


def write_bundle(
    dossier: Dossier,
    plan: BundlePlan,
    target: Path,
    *,
    as_zip: bool,
    render: Render,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[Outcome, int]:
    """Write the bundle ``plan`` to ``target`` (a new folder, or a new zip file with
    ``as_zip``), complete or not at all; what was written, and its size in bytes. Raises
    :class:`BundleError` (nothing was left at ``target``)."""
    target = Path(os.path.abspath(target))
    check_target(dossier, target, as_zip=as_zip)
    needed = plan.needed(as_zip=as_zip)
    check_room(target, needed)
    work: Work | None = None
    sink: Sink | None = None
    try:
        name = f".{target.name[:60]}{FOLDER_MARKS['bundle']}{secrets.token_hex(4)}"
        work = begin_folder(
            "bundle", target.parent / name, about=dossier.path, target=target, mode=0o700
        )
        if as_zip:
            sink = ZipSink(work.path / "bundle.zip", work.path / "scratch")
        else:
            sink = FolderSink(work.path / "bundle")
        outcome = _Job(dossier, plan, sink, render, progress, cancelled).run()
        finished = sink.finish()
        size = _size(finished)
        _publish(finished, target)
    except OSError as exc:
        _abandon(work, sink, gone=is_gone(exc, target.parent))
        raise disk_problem(exc, target, needed) from None
    except BaseException:
        _abandon(work, sink, gone=False)
        raise
    with contextlib.suppress(OSError):  # else the next start removes it
        work.remove()
    return outcome, size


def _publish(finished: Path, target: Path) -> None:
    """Rename the finished bundle to ``target``, which must still not exist."""
    if os.path.lexists(target):
        raise BundleError(
            tr(
                "Something called {path} appeared while the bundle was being written; "
                "nothing was overwritten. Choose another name.",
                path=target,
            )
        )
    os.rename(finished, target)
    fsync_folder(target.parent)


def _abandon(work: Work | None, sink: Sink | None, *, gone: bool) -> None:
    if sink is not None:
        sink.close()
    if work is None:
        return
    if gone:
        work.keep_for_later()  # removed by the next clean-up, once the drive is back
        return
    try:
        work.remove()
    except OSError:
        work.keep_for_later()


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _folders, files in os.walk(path):
        for name in files:
            total += os.lstat(os.path.join(root, name)).st_size
    return total


__all__ = ["Progress", "Render", "Rendered", "check_room", "check_target", "write_bundle"]
