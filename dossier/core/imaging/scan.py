"""Reading a disc: every DICOM file's tags, in the sandboxed readers, grouped into studies
and series, each study checked against the dossier's person. Nothing is stored: the person
sees what is on the disc (and whose it is) before deciding to add it (:mod:`.adding`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DossierError
from ..i18n import tr
from ..importer.pool import SandboxPool
from ..person import get_person
from ..storage import Dossier
from . import worker
from .disc import DiscFiles, find_files
from .names import iso_date
from .patient import PatientCheck, PatientOnDisc, check_patient
from .zipped import is_zip, unpacked

Progress = Callable[[int, int], None]

BATCH = 32  # files whose tags a reader is asked for at once


@dataclass
class FoundImage:
    path: Path
    size: int
    tags: dict[str, Any]

    @property
    def instance(self) -> str:
        return str(self.tags["instance"])


@dataclass
class FoundSeries:
    uid: str
    number: int | None
    modality: str | None
    body_part: str | None
    description: str | None
    patient_name: str | None
    images: list[FoundImage] = field(default_factory=list)


@dataclass
class FoundStudy:
    uid: str
    description: str | None
    date: str | None  # YYYY-MM-DD
    institution: str | None
    referring: str | None
    accession: str | None
    patients: list[PatientOnDisc]
    series: list[FoundSeries]
    check: PatientCheck
    existing_id: int | None = None  # already in the dossier (a second import of the disc)
    known_images: int = 0  # of its images, those the dossier has already

    @property
    def modality(self) -> str | None:
        found = dict.fromkeys(s.modality for s in self.series if s.modality)
        return ", ".join(found) or None

    @property
    def image_count(self) -> int:
        return sum(len(s.images) for s in self.series)

    @property
    def size(self) -> int:
        return sum(i.size for s in self.series for i in s.images)

    @property
    def patient(self) -> PatientOnDisc:
        return self.patients[0] if self.patients else PatientOnDisc(None, None, None)


@dataclass
class DiscScan:
    source: Path
    files: DiscFiles
    studies: list[FoundStudy]
    refused: list[tuple[str, str]]  # (path on the disc, plain reason)

    @property
    def image_count(self) -> int:
        return sum(s.image_count for s in self.studies)


@contextmanager
def opened_disc(path: Path) -> Iterator[Path]:
    """The folder of a disc given as a folder, or a ``.zip`` unpacked for the while."""
    if path.is_dir():
        yield path
    elif is_zip(path):
        with unpacked(path) as folder:
            yield folder
    elif not path.exists():
        raise DossierError(tr("There is nothing at {path}.", path=path))
    else:
        raise DossierError(
            tr("Choose the disc itself, the folder that holds its files, or a .zip of them.")
        )


def scan_disc(
    dossier: Dossier,
    folder: Path,
    *,
    source: Path | None = None,
    pool: SandboxPool | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> DiscScan:
    """What the disc in ``folder`` holds (``source``: the path the person chose)."""
    own = pool is None
    active = pool or SandboxPool(reader="imaging")
    try:
        files = find_files(folder, active, cancelled)
        headers, refused = _read_headers(active, files.files, folder, progress, cancelled)
    finally:
        if own:
            active.close()
    studies = _group(dossier, [p for p in files.files if p in headers], headers)
    return DiscScan(source or folder, files, studies, sorted(refused))


def _read_headers(
    pool: SandboxPool,
    paths: list[Path],
    root: Path,
    progress: Progress | None,
    cancelled: Callable[[], bool],
) -> tuple[dict[Path, dict[str, Any]], list[tuple[str, str]]]:
    """The tags of each file, read in batches (one round trip to a reader for up to
    :data:`BATCH` files). A batch whose reader stopped or took too long is read again one
    file at a time, so that only the file that caused it is refused."""
    headers: dict[Path, dict[str, Any]] = {}
    refused: list[tuple[str, str]] = []
    size = max(1, min(BATCH, len(paths) // (pool.size * 4)))
    batches = [paths[start : start + size] for start in range(0, len(paths), size)]
    again: list[Path] = []
    done = 0

    def taken(path: Path, outcome: Any) -> None:
        nonlocal done
        if isinstance(outcome, dict):
            headers[path] = outcome
        else:
            refused.append((_relative(path, root), str(outcome)))
        done += 1
        if progress is not None:
            progress(done, len(paths))

    tasks = ((index, batch[0], worker.batch(batch)) for index, batch in enumerate(batches))
    for (index, _path, _what), outcome in pool.run(tasks, cancelled=cancelled):
        batch = batches[index]
        if not (isinstance(outcome, list) and len(outcome) == len(batch)):
            again += batch
            continue
        for path, (status, payload) in zip(batch, outcome, strict=True):
            taken(path, payload if status == "ok" else str(payload))
    singles = ((index, path, worker.HEADER) for index, path in enumerate(again))
    for (index, _path, _what), outcome in pool.run(singles, cancelled=cancelled):
        taken(again[index], outcome)
    return headers, refused


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _group(
    dossier: Dossier, paths: list[Path], headers: dict[Path, dict[str, Any]]
) -> list[FoundStudy]:
    studies: dict[str, FoundStudy] = {}
    series_of: dict[str, FoundSeries] = {}
    instances: set[str] = set()
    person = get_person(dossier)
    for path in paths:
        tags = headers[path]
        if tags["instance"] in instances:  # the same image twice on the disc
            continue
        instances.add(tags["instance"])
        study = studies.get(tags["study"])
        if study is None:
            study = studies[tags["study"]] = FoundStudy(
                tags["study"],
                tags["study_description"],
                iso_date(tags["study_date"]),
                tags["institution"],
                tags["referring"],
                tags["accession"],
                [],
                [],
                check_patient({}, []),
            )
        patient = PatientOnDisc(
            tags["patient_name"], iso_date(tags["patient_born"]), tags["patient_number"]
        )
        if patient not in study.patients:
            study.patients.append(patient)
        series = series_of.get(tags["series"])
        if series is None:
            series = series_of[tags["series"]] = FoundSeries(
                tags["series"],
                tags["series_number"],
                tags["modality"],
                tags["body_part"],
                tags["series_description"],
                tags["patient_name"],
            )
            study.series.append(series)
        try:
            size = os.path.getsize(path)
        except OSError:
            continue
        series.images.append(FoundImage(path, size, tags))
    for study in studies.values():
        study.check = check_patient(person, study.patients)
        study.series.sort(key=lambda s: (s.number is None, s.number or 0, s.uid))
        for series in study.series:
            series.images.sort(key=_slice_order)
        _known(dossier, study)
    return sorted(studies.values(), key=lambda s: (s.date or "", s.uid))


def _slice_order(image: FoundImage) -> tuple[bool, int, float, str]:
    number = image.tags.get("number")
    position = image.tags.get("position")
    return (number is None, number or 0, position or 0.0, image.instance)


def _known(dossier: Dossier, study: FoundStudy) -> None:
    db = dossier.db
    row = db.execute("SELECT id FROM imaging_study WHERE study_uid = ?", [study.uid]).fetchone()
    study.existing_id = int(row[0]) if row else None
    uids = [i.instance for s in study.series for i in s.images]
    known = 0
    for start in range(0, len(uids), 500):
        chunk = uids[start : start + 500]
        known += int(
            db.execute(
                f"SELECT count(*) FROM imaging_file WHERE instance_uid IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            ).fetchone()[0]
        )
    study.known_images = known


__all__ = [
    "DiscScan",
    "FoundImage",
    "FoundSeries",
    "FoundStudy",
    "opened_disc",
    "scan_disc",
]
