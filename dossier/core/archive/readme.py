"""The archive's ``README.txt``: what it holds, and what it lacks, in a few plain sentences
for whoever opens the zip file without the program."""

from __future__ import annotations

from typing import Any

from ..i18n import tr


def readme_text(manifest: dict[str, Any]) -> str:
    """The plain-words note that travels inside the archive."""
    person = manifest.get("person") or {}
    text = tr(
        "Second Opinion Dossier archive\n"
        "==============================\n\n"
        "This archive holds the whole dossier of {name}, saved on {when} by Second Opinion "
        "Dossier {version}.\n\n"
        "- files/ holds every document (PDF, pictures, text), named by the SHA-256 of its "
        "content.\n"
        "- manifest.json holds every record (cases, opinions, doctors, appointments, "
        "questions, costs, notes...) in JSON, with readable field names and dates written "
        'YYYY-MM-DD. Its "files" list says which document each file is, with its size '
        "and SHA-256.\n\n"
        "To use it again, choose Dossier > Open an archive file... in Second Opinion Dossier, "
        "or run: dossier import-archive ARCHIVE NEW_FOLDER\n"
        "The format is described in archive-format.md, which comes with the program.\n",
        name=person.get("name") or "?",
        when=str(manifest.get("created_at", ""))[:10],
        version=manifest.get("program", {}).get("version", "?"),
    )
    if manifest.get("images") or manifest.get("missing_images"):
        text += tr(
            "\nImaging studies\n"
            "---------------\n"
            "images/ holds the image files of the imaging studies (CT, MRI, X-rays) as they "
            "came from the disc, in DICOM, named by the SHA-256 of their content and ending "
            'in .dcm: any DICOM viewer opens them. The "images" list of manifest.json says '
            'which image each file is (tables "imaging_study", "imaging_series" and '
            '"imaging_file" hold the studies, their series and their images).\n'
        )
    return text + _missing_documents(manifest) + _missing_images(manifest)


def _missing_documents(manifest: dict[str, Any]) -> str:
    missing = manifest.get("missing_files") or []
    if not missing:
        return ""
    lines = "".join(
        tr(
            "- \u201c{title}\u201d (document {id}, SHA-256 {sha}): {why}.\n",
            title=m["title"],
            id=m["document_id"],
            sha=m["sha256"],
            why=m["why"],
        )
        for m in missing
    )
    return tr(
        "\nDocuments whose file is not in this archive\n"
        "-------------------------------------------\n"
        "These files could not be read when the archive was made, so their records are "
        'here (manifest.json lists them under "missing_files") but not the files:\n'
        "{lines}"
        "If you still have an original of one of them, add it again after opening the "
        "archive: the dossier recognises it by its content and puts it back in its place.\n",
        lines=lines,
    )


def _missing_images(manifest: dict[str, Any]) -> str:
    missing = manifest.get("missing_images") or []
    if not missing:
        return ""
    lines = "".join(
        tr(
            "- \u201c{study}\u201d (imaging study {id}), image {image} (SHA-256 {sha}): {why}.\n",
            study=m["study"],
            id=m["study_id"],
            image=m["image_id"],
            sha=m["sha256"],
            why=m["why"],
        )
        for m in missing
    )
    return tr(
        "\nImages whose file is not in this archive\n"
        "----------------------------------------\n"
        "These image files could not be read when the archive was made, so their records "
        'are here (manifest.json lists them under "missing_images") but not the files; '
        "opened again, their studies say these images are not kept, and the disc itself "
        "still holds them:\n"
        "{lines}",
        lines=lines,
    )


__all__ = ["readme_text"]
