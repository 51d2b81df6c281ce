"""Which vault files the imaging studies use, beside the documents'."""

from __future__ import annotations

from ..storage import Dossier


def used_hashes(dossier: Dossier) -> set[str]:
    """The content hash of every stored file a record uses: documents and images, those in
    the trash included."""
    db = dossier.db
    found = {str(r[0]) for r in db.execute("SELECT sha256 FROM document")}
    found.update(
        str(r[0]) for r in db.execute("SELECT sha256 FROM imaging_file WHERE sha256 IS NOT NULL")
    )
    return found


def image_hashes_of_deleted_studies(dossier: Dossier) -> set[str]:
    """The stored files of the studies in the trash."""
    return {
        str(r[0])
        for r in dossier.db.execute(
            "SELECT f.sha256 FROM imaging_file f JOIN imaging_series s ON s.id = f.series_id "
            "JOIN imaging_study t ON t.id = s.study_id "
            "WHERE t.deleted_at IS NOT NULL AND f.sha256 IS NOT NULL"
        )
    }


__all__ = ["image_hashes_of_deleted_studies", "used_hashes"]
