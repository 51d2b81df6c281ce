"""A copy of a disc for the next doctor: the original files, byte for byte, under a valid
``DICOMDIR`` that any DICOM viewer reads.

pydicom's File-set writes the ``DICOMDIR`` and the standard layout (``PT000000/ST000000/
SE000000/IM000000``) from records made of the catalogue, around small stand-in files; each
stand-in is then replaced by the original, copied from the vault and checked against its
SHA-256 on the way. The hospital's files are never parsed here, nor changed. The folder is
made under a temporary name beside the chosen one and renamed when complete, and the copy
is recorded as a physical item: where it went, to whom, when.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import records
from ..clock import today
from ..errors import DossierError
from ..i18n import tr
from ..storage import Dossier
from ..vault_read import StoredFileRefused, copy_stored

Progress = Callable[[int, int], None]


@dataclass
class ExportedDisc:
    folder: Path
    images: int
    item_id: int


def export_disc(
    dossier: Dossier,
    study_ids: Sequence[int],
    target: Path,
    *,
    sent_to_id: int | None = None,
    progress: Progress | None = None,
) -> ExportedDisc:
    """Write the studies' files with a ``DICOMDIR`` into ``target`` (a new or empty folder:
    a USB stick's own folder will do) and record the copy as a physical item."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.fileset import FileSet, RecordNode

    dossier.require_writable()
    if not study_ids:
        raise DossierError(tr("Choose the imaging study to copy."))
    studies = [records.get(dossier, "study", i) for i in study_ids]
    if sent_to_id is not None:
        records.get(dossier, "contact", sent_to_id)
    images = _images(dossier, studies)
    _check_target(dossier, target)
    partial = target.parent / f".{target.name}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    file_set = None
    try:
        file_set = FileSet()
        file_set.write(partial)  # an empty File-set: its folder, then the instances
        originals: dict[str, dict[str, Any]] = {}
        for study in studies:
            patient = RecordNode(
                _record(
                    "PATIENT", PatientID=_patient_id(study), PatientName=study["patient_name"] or ""
                )
            )
            study_node = RecordNode(
                _record(
                    "STUDY",
                    StudyDate=(study["study_date"] or "").replace("-", ""),
                    StudyTime="",
                    StudyDescription=study["description"] or "",
                    StudyInstanceUID=study["study_uid"],
                    StudyID=str(study["id"])[:16],
                    AccessionNumber=(study["accession_number"] or "")[:16],
                )
            )
            study_node.parent = patient
            for series in study["series"]:
                series_node = RecordNode(
                    _record(
                        "SERIES",
                        Modality=(series["modality"] or "OT")[:16],
                        SeriesInstanceUID=_series_uid(dossier, series["id"]),
                        SeriesNumber=series["number"] if series["number"] is not None else 0,
                    )
                )
                series_node.parent = study_node
                for image in images[series["id"]]:
                    leaf = RecordNode(
                        _record(
                            "IMAGE",
                            InstanceNumber=image["number"] if image["number"] is not None else 0,
                            ReferencedSOPInstanceUIDInFile=image["instance_uid"],
                        )
                    )
                    leaf.parent = series_node
                    stand_in = Dataset()
                    stand_in.file_meta = FileMetaDataset()
                    stand_in.file_meta.MediaStorageSOPClassUID = image["class_uid"]
                    stand_in.file_meta.MediaStorageSOPInstanceUID = image["instance_uid"]
                    stand_in.file_meta.TransferSyntaxUID = image["transfer_syntax"]
                    stand_in.SOPClassUID = image["class_uid"]
                    stand_in.SOPInstanceUID = image["instance_uid"]
                    file_set.add_custom(stand_in, leaf)
                    originals[image["instance_uid"]] = image
        file_set.write()
        for done, instance in enumerate(file_set, 1):
            image = originals[instance.SOPInstanceUID]
            placed = Path(instance.path)
            placed.unlink()
            copy_stored(dossier.vault, image["sha256"], image["size"], placed, mode=0o644)
            if progress is not None:
                progress(done, len(originals))
        if target.exists():
            target.rmdir()  # empty: checked above
        partial.rename(target)
    except StoredFileRefused as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise DossierError(
            tr(
                "An image of this study is missing or damaged in the dossier: {reason}",
                reason=exc.message,
            )
        ) from None
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    finally:
        if file_set is not None:
            _close(file_set)
    item = records.create(
        dossier,
        "physical_item",
        {
            "case_id": studies[0]["case_id"],
            "kind": "disc",
            "description": _item_description(studies),
            "location": str(target),
            "sent_to_id": sent_to_id,
            "sent_on": today().isoformat() if sent_to_id is not None else None,
        },
    )
    return ExportedDisc(target, len(originals), item.id)


def _close(file_set: Any) -> None:
    """Remove the File-set's staging folder now: pydicom leaves it to the garbage
    collector (and a warning about it)."""
    stage = getattr(file_set, "_stage", {}).get("t")
    if stage is not None:
        stage.cleanup()


def _record(kind: str, **values: Any) -> Any:
    from pydicom.dataset import Dataset

    record = Dataset()
    record.DirectoryRecordType = kind
    for name, value in values.items():
        setattr(record, name, value)
    return record


def _patient_id(study: dict[str, Any]) -> str:
    return str(study["patient_number"] or "UNKNOWN")[:64]


def _series_uid(dossier: Dossier, series_id: int) -> str:
    row = dossier.db.execute(
        "SELECT series_uid FROM imaging_series WHERE id = ?", [series_id]
    ).fetchone()
    return str(row[0])


def _images(dossier: Dossier, studies: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    for study in studies:
        if not study["kept"]:
            raise DossierError(
                tr(
                    "The files of {name} were not kept in the dossier, only listed: copy the "
                    "disc itself.",
                    name=study["description"] or tr("this study"),
                )
            )
        for series in study["series"]:
            found[series["id"]] = [
                dict(row)
                for row in dossier.db.query(
                    "SELECT instance_uid, class_uid, transfer_syntax, number, sha256, size "
                    "FROM imaging_file WHERE series_id = ? ORDER BY number IS NULL, number, "
                    "position, id",
                    [series["id"]],
                )
            ]
            if any(row["sha256"] is None for row in found[series["id"]]):
                raise DossierError(
                    tr(
                        "Some images of this study were not kept in the dossier: copy the disc itself."
                    )
                )
    if not any(found.values()):
        raise DossierError(tr("This study holds no image to copy."))
    return found


def _check_target(dossier: Dossier, target: Path) -> None:
    folder = dossier.path.resolve()
    resolved = target.resolve()
    if resolved == folder or folder in resolved.parents:
        raise DossierError(tr("Choose a folder outside the dossier's own folder."))
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise DossierError(tr("Choose a folder to copy the disc into."))
    if target.exists() and any(target.iterdir()):
        raise DossierError(
            tr(
                "The folder {path} is not empty. Choose an empty folder, or make a new one.",
                path=target,
            )
        )
    if not target.parent.is_dir():
        raise DossierError(tr("There is no folder {path}.", path=target.parent))


def _item_description(studies: list[dict[str, Any]]) -> str:
    first = studies[0]
    what = first["description"] or first["modality"] or tr("imaging")
    text = tr("Copy of the imaging disc: {what}", what=what)
    if first["study_date"]:
        text = f"{text}, {first['study_date']}"
    return text[:200]


__all__ = ["ExportedDisc", "export_disc"]
