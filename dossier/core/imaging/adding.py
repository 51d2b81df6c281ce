"""Adding what a disc holds (:mod:`.scan`) to the dossier.

The images not yet in the dossier are copied into the vault (named by content, so a second
import of the same disc stores nothing again), made durable together, and only then are the
studies, series and images recorded, in one transaction. With ``keep=False`` nothing is
copied: the study is only catalogued, and the disc itself is recorded as a physical item
saying where it is. A study whose files name another person is added only when the caller
says so (``other_patient=True``): the person has seen the warning and decided.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import safe_files, searchindex
from ..clock import now_iso
from ..entities import ENTITIES
from ..errors import DossierError
from ..i18n import tr
from ..importer.store import os_message
from ..integrity.inflight import import_in_flight
from ..locale_format import long_date
from ..records import get
from ..sql_driver import sqlite3
from ..storage import Dossier
from ..vault import Vault
from ..vault_read import stored_state
from .files import used_hashes
from .names import display_name
from .scan import DiscScan, FoundImage, FoundStudy

Progress = Callable[[int, int], None]

COPIERS = 2  # threads copying files into the vault (hashing them on the way)
FLUSHERS = 4  # threads flushing the copied files to the disk meanwhile


@dataclass
class DiscAdded:
    study_ids: list[int] = field(default_factory=list)
    images_added: int = 0
    images_known: int = 0  # already in the dossier
    bytes_added: int = 0
    disc_item_id: int | None = None


def add_disc(
    dossier: Dossier,
    scan: DiscScan,
    *,
    keep: bool = True,
    case_id: int | None = None,
    location: str | None = None,
    studies: Collection[str] | None = None,
    other_patient: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> DiscAdded:
    """Record the studies of ``scan`` (those whose UIDs are in ``studies``, else all)."""
    dossier.require_writable()
    chosen = [s for s in scan.studies if studies is None or s.uid in studies]
    if not chosen:
        raise DossierError(tr("There is no imaging study on this disc to add."))
    if case_id is not None:
        get(dossier, "case", case_id)
    for study in chosen:
        if study.check.mismatch and not other_patient:
            raise DossierError(study.check.message)
        _not_in_trash(dossier, study)
    known = _known_instances(dossier, chosen)
    images = [image for study in chosen for series in study.series for image in series.images]
    new_count = sum(image.instance not in known for image in images)
    result = DiscAdded(images_known=len(images) - new_count)
    to_copy = [image for image in images if keep and _needs_copy(dossier, known, image)]
    stored: dict[str, tuple[str, int]] = {}  # instance UID -> (sha256, size)
    added_hashes: set[str] = set()
    vault = dossier.vault
    with import_in_flight(vault.root):
        try:
            _store(vault, to_copy, stored, added_hashes, progress, cancelled)
            with dossier.db.atomic():
                _record(dossier, scan, chosen, stored, known, result, keep, case_id, location)
        except BaseException:
            _drop_unused(dossier, added_hashes)
            raise
        _drop_unused(dossier, added_hashes)  # a file the disc now holds differently
    result.images_added = new_count
    result.bytes_added = sum(size for _sha, size in stored.values())
    return result


def _needs_copy(dossier: Dossier, known: dict[str, str | None], image: FoundImage) -> bool:
    """A new image; one only listed so far; or one whose stored file has gone missing or
    was damaged (the disc brings it back: files are stored by content)."""
    if image.instance not in known:
        return True
    sha = known[image.instance]
    return sha is None or stored_state(dossier.vault, sha, image.size) is not None


def _store(
    vault: Vault,
    images: list[FoundImage],
    stored: dict[str, tuple[str, int]],
    added: set[str],
    progress: Progress | None,
    cancelled: Callable[[], bool],
) -> None:
    """Copy ``images`` into the vault and make them durable, before any record names them.

    :data:`COPIERS` threads copy and hash (hashing and writing let other threads run), and
    each copied file is flushed to the disk by :data:`FLUSHERS` other threads while the next
    ones are copied, so the disk writes while the processor hashes; the folders are synced
    last. Every copied file is in ``added`` whatever happens, so a failure can take it out."""
    stop = threading.Event()

    def copy(image: FoundImage) -> tuple[str, int]:
        if stop.is_set():
            raise DossierError(tr("Adding the disc was stopped; nothing was added."))
        try:
            return vault.add_copy(image.path, durable=False)
        except OSError as exc:  # the disc taken out, a read error, a full disk…
            raise _not_copied(image, os_message(exc)) from exc

    def flush(sha: str) -> None:
        if not stop.is_set():
            fd = safe_files.open_file(vault.folder, vault.relative_for(sha))
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    copiers = ThreadPoolExecutor(COPIERS, thread_name_prefix="disc-copy")
    flushers = ThreadPoolExecutor(FLUSHERS, thread_name_prefix="disc-flush")
    copies = {copiers.submit(copy, image): image for image in images}
    flushes = []
    try:
        for done, future in enumerate(as_completed(copies), 1):
            sha, size = future.result()
            image = copies[future]
            stored[image.instance] = (sha, size)
            added.add(sha)
            if size != image.size:  # not the file that was read: the disc changed since
                raise _not_copied(image, tr("It changed since the disc was read."))
            flushes.append(flushers.submit(flush, sha))
            if cancelled():
                raise DossierError(tr("Adding the disc was stopped; nothing was added."))
            if progress is not None:
                progress(done, len(images))
        for flushed in flushes:
            flushed.result()
    except OSError as exc:
        stop.set()
        raise DossierError(os_message(exc)) from exc
    except BaseException:
        stop.set()
        raise
    finally:
        copiers.shutdown(wait=True, cancel_futures=True)
        flushers.shutdown(wait=True, cancel_futures=True)
        for future in copies:  # copied by a thread after the failure: taken out too
            if future.done() and not future.cancelled() and future.exception() is None:
                added.add(future.result()[0])
    vault.sync_folders({vault.path_for(sha).parent for sha in added})


def _not_copied(image: FoundImage, reason: str) -> DossierError:
    return DossierError(
        tr(
            "The file {name} of the disc could not be added: {reason} Nothing was added.",
            name=image.path.name,
            reason=reason,
        )
    )


def _not_in_trash(dossier: Dossier, study: FoundStudy) -> None:
    row = dossier.db.execute(
        "SELECT deleted_at FROM imaging_study WHERE study_uid = ?", [study.uid]
    ).fetchone()
    if row is not None and row[0]:
        raise DossierError(
            tr(
                "The study {name} is in the dossier's trash; restore it from there.",
                name=study.description or study.uid,
            )
        )


def _known_instances(dossier: Dossier, studies: list[FoundStudy]) -> dict[str, str | None]:
    """The images already in the dossier, with their stored file's SHA-256 (None: only
    listed)."""
    uids = [i.instance for s in studies for series in s.series for i in series.images]
    known: dict[str, str | None] = {}
    for start in range(0, len(uids), 500):
        chunk = uids[start : start + 500]
        known.update(
            (str(r[0]), r[1])
            for r in dossier.db.execute(
                f"SELECT instance_uid, sha256 FROM imaging_file WHERE instance_uid IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            )
        )
    return known


def _record(
    dossier: Dossier,
    scan: DiscScan,
    studies: list[FoundStudy],
    stored: dict[str, tuple[str, int]],
    known: dict[str, str | None],
    result: DiscAdded,
    keep: bool,
    case_id: int | None,
    location: str | None,
) -> None:
    db = dossier.db
    stamp = now_iso()
    if not keep or location:
        result.disc_item_id = _disc_item(dossier, studies, case_id, location, stamp)
    for study in studies:
        study_id = _study_row(dossier, study, keep, case_id, result.disc_item_id, stamp)
        result.study_ids.append(study_id)
        for series in study.series:
            row = db.execute(
                "SELECT id FROM imaging_series WHERE series_uid = ?", [series.uid]
            ).fetchone()
            if row is None:
                cursor = db.execute(
                    "INSERT INTO imaging_series (study_id, series_uid, number, modality, "
                    "body_part, description, patient_name) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        study_id,
                        series.uid,
                        series.number,
                        series.modality,
                        series.body_part,
                        series.description,
                        series.patient_name,
                    ],
                )
                series_id = int(cursor.lastrowid or 0)
            else:
                series_id = int(row[0])
            for image in series.images:
                copy = stored.get(image.instance)
                if image.instance not in known:
                    _image_row(dossier, series_id, image, copy, scan.files.root)
                elif copy is not None and known[image.instance] is None:  # listed, now kept
                    db.execute(
                        "UPDATE imaging_file SET sha256 = ?, size = ? WHERE instance_uid = ?",
                        [copy[0], copy[1], image.instance],
                    )
            db.execute(
                "UPDATE imaging_series SET image_count = "
                "(SELECT count(*) FROM imaging_file WHERE series_id = ?) WHERE id = ?",
                [series_id, series_id],
            )
        db.execute(
            "UPDATE imaging_study SET kept = NOT EXISTS (SELECT 1 FROM imaging_file f JOIN "
            "imaging_series s ON s.id = f.series_id WHERE s.study_id = ? AND f.sha256 IS NULL) "
            "WHERE id = ?",
            [study_id, study_id],
        )
        searchindex.index_record(db, ENTITIES["study"], get(dossier, "study", study_id))


def _study_row(
    dossier: Dossier,
    study: FoundStudy,
    keep: bool,
    case_id: int | None,
    disc_item_id: int | None,
    stamp: str,
) -> int:
    db = dossier.db
    row = db.execute(
        "SELECT id, kept FROM imaging_study WHERE study_uid = ?", [study.uid]
    ).fetchone()
    if row is not None:
        study_id = int(row[0])
        db.execute(
            "UPDATE imaging_study SET updated_at = ?, "
            "disc_item_id = coalesce(disc_item_id, ?), case_id = coalesce(case_id, ?) "
            "WHERE id = ?",
            [stamp, disc_item_id, case_id, study_id],
        )
        return study_id
    patient = study.patient
    cursor = db.execute(
        "INSERT INTO imaging_study (case_id, study_uid, description, study_date, modality, "
        "institution, referring_physician, accession_number, patient_name, patient_born, "
        "patient_number, patient_check, kept, disc_item_id, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            case_id,
            study.uid,
            study.description,
            study.date,
            study.modality,
            study.institution,
            display_name(study.referring) or None,
            study.accession,
            " / ".join(dict.fromkeys(p.name for p in study.patients if p.name)) or None,
            patient.born,
            patient.number,
            study.check.result,
            int(keep),
            disc_item_id,
            stamp,
            stamp,
        ],
    )
    return int(cursor.lastrowid or 0)


def _image_row(
    dossier: Dossier,
    series_id: int,
    image: FoundImage,
    stored: tuple[str, int] | None,
    root: Path,
) -> None:
    tags = image.tags
    try:
        disc_path = image.path.relative_to(root).as_posix()
    except ValueError:
        disc_path = image.path.name
    try:
        dossier.db.execute(
            "INSERT INTO imaging_file (series_id, instance_uid, class_uid, transfer_syntax, "
            "number, position, frames, rows, columns, sha256, size, disc_path) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                series_id,
                image.instance,
                tags["class"],
                tags["syntax"],
                tags["number"],
                tags["position"],
                tags["frames"],
                tags["rows"],
                tags["columns"],
                stored[0] if stored else None,
                stored[1] if stored else image.size,
                disc_path[:500],
            ],
        )
    except sqlite3.IntegrityError:  # already there (the same image under two names)
        return


def _disc_item(
    dossier: Dossier,
    studies: list[FoundStudy],
    case_id: int | None,
    location: str | None,
    stamp: str,
) -> int:
    first = studies[0]
    what = first.description or first.modality or tr("imaging")
    description = tr("Imaging disc: {what}", what=what)
    if first.date:
        description = f"{description}, {long_date(date.fromisoformat(first.date))}"
    cursor = dossier.db.execute(
        "INSERT INTO physical_item (case_id, description, kind, location, created_at, "
        "updated_at) VALUES (?, ?, 'disc', ?, ?, ?)",
        [case_id, description[:200], (location or "").strip()[:200] or None, stamp, stamp],
    )
    item_id = int(cursor.lastrowid or 0)
    item = get(dossier, "physical_item", item_id)
    searchindex.index_record(dossier.db, ENTITIES["physical_item"], item)
    return item_id


def _drop_unused(dossier: Dossier, hashes: set[str]) -> None:
    """Take out the files this attempt copied that no record uses (after a failure)."""
    used = used_hashes(dossier)
    for sha in hashes - used:
        dossier.vault.remove(sha)


__all__ = ["DiscAdded", "add_disc"]
