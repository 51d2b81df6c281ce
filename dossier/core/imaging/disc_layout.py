"""The layout of a copied imaging disc: a ``DICOMDIR`` that any DICOM viewer reads, and
where under it each original image goes.

pydicom's File-set writes the ``DICOMDIR`` and the standard layout (``PT000000/ST000000/
SE000000/IM000000``) from records made of the catalogue, around small stand-in files; the
caller then puts each original, copied from the vault and checked against its SHA-256,
where its stand-in is (:mod:`.export` for a disc copy, the bundle for the second doctor
for a study in it). The hospital's files are never parsed here, nor changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DossierError
from ..i18n import tr
from ..storage import Dossier


@dataclass(frozen=True)
class Placed:
    """One image of the disc: where its stand-in was written, and its catalogue row
    (``sha256``, ``size``, ``instance_uid``…)."""

    path: Path
    image: dict[str, Any]


def disc_images(dossier: Dossier, studies: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """The images of each series of ``studies`` (by series id), in order; DossierError when
    a study's files were not kept in the dossier, or it holds no image."""
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


def lay_out_disc(
    dossier: Dossier,
    studies: list[dict[str, Any]],
    images: dict[int, list[dict[str, Any]]],
    folder: Path,
) -> list[Placed]:
    """Write the ``DICOMDIR`` of ``studies`` with a stand-in for each image into ``folder``
    (new or empty); each image with where its stand-in is, in the File-set's order."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.fileset import FileSet, RecordNode

    file_set = FileSet()
    try:
        file_set.write(folder)  # an empty File-set: its folder, then the instances
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
        return [
            Placed(Path(instance.path), originals[instance.SOPInstanceUID]) for instance in file_set
        ]
    finally:
        _close(file_set)


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


__all__ = ["Placed", "disc_images", "lay_out_disc"]
