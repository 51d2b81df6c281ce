"""What "Send to the second doctor" suggests before anything is chosen: the doctor (the one
the case's next appointment is with, who has not given an opinion yet), the languages
worth offering (the program's five, and those the case's documents have translations
into), and a name for the bundle."""

from __future__ import annotations

from .. import records
from ..clock import today
from ..i18n import LANGUAGES, tr
from ..storage import Dossier
from .bundle_names import safe_stem
from .contents import BundleContents


def default_doctor(dossier: Dossier, case_id: int) -> int | None:
    """The contact of the case's next appointment (today or later, the soonest first)
    who has not given an opinion in this case yet; None when there is none."""
    gave = {
        int(o["contact_id"])
        for o in records.list_records(dossier, "opinion", case_id=case_id)
        if o.get("contact_id") is not None
    }
    coming = sorted(
        (
            a
            for a in records.list_records(dossier, "appointment", case_id=case_id)
            if str(a.get("starts_at") or "")[:10] >= today().isoformat()
            and a.get("contact_id") is not None
        ),
        key=lambda a: str(a["starts_at"]),
    )
    for appointment in coming:
        if int(appointment["contact_id"]) not in gave:
            return int(appointment["contact_id"])
    return None


def offered_languages(dossier: Dossier, case_id: int) -> list[str]:
    """The program's languages, then each other language the case's documents have a
    translation into (document-language codes)."""
    found = dossier.db.execute(
        "SELECT DISTINCT t.language FROM document t "
        "JOIN document_case o ON o.document_id = t.translation_of_id "
        "WHERE o.case_id = ? AND t.deleted_at IS NULL AND t.language IS NOT NULL "
        "ORDER BY t.language",
        [case_id],
    ).fetchall()
    others = [str(row[0]) for row in found if row[0] not in LANGUAGES and row[0] != "other"]
    return [*LANGUAGES, *others]


def bundle_name(dossier: Dossier, case_id: int, to_id: int | None) -> str:
    """ "Second opinion - Right knee - Dr. Halvorsen": the name suggested for the bundle
    (without .zip), safe as a file or folder name."""
    case = records.get(dossier, "case", case_id)
    title = _words(str(case.get("title") or ""), 50)
    if to_id is not None:
        doctor = _words(str(records.get(dossier, "contact", to_id).get("name") or ""), 30)
        # Translators: the name suggested for a bundle: the case's title, the doctor's name.
        name = tr("Second opinion - {case} - {doctor}", case=title, doctor=doctor)
    else:
        # Translators: the name suggested for a bundle: the case's title.
        name = tr("Second opinion - {case}", case=title)
    return safe_stem(name, "Second opinion")


def rough_size(dossier: Dossier, contents: BundleContents) -> int:
    """About how many bytes the bundle's documents, translations and images take (the
    printed papers are small beside them)."""
    size = sum(int(d.get("size") or 0) for d in contents.documents)
    size += sum(int(t.translation.get("size") or 0) for t in contents.translations)
    for study in contents.studies:
        found = dossier.db.execute(
            "SELECT COALESCE(SUM(f.size), 0) FROM imaging_file f "
            "JOIN imaging_series s ON s.id = f.series_id WHERE s.study_id = ?",
            [study["id"]],
        ).fetchone()
        size += int(found[0] or 0)
    return size


def _words(text: str, limit: int) -> str:
    """``text`` on one line; when longer than ``limit``, its first part before a colon
    ("Thyroid nodule: operate now or watch?" is "Thyroid nodule"), else cut after a whole
    word."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    head = flat[:limit].split(":", 1)[0].strip()
    if ":" in flat[:limit] and len(head) >= 8:
        return head
    cut = flat[:limit]
    return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,;:-")


__all__ = ["bundle_name", "default_doctor", "offered_languages", "rough_size"]
