"""Dossiers for the report tests: the demo, and one with very long texts and non-Latin names."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfWriter

from dossier.core import person, records
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier
from dossier.core.storage import Dossier
from dossier.core.textpdf import Block, write_pdf

HEBREW_NAME = "שרה כהן-לוי"
CYRILLIC_DOCTOR = "Д-р Ольга Васильевна Петренко"
ACCENTED = "Ångström-Øyvind Ñúñez"
LONG = " ".join(
    ["The biopsy specimen showed features that different pathologists read differently;"] * 40
)


def build_long_dossier(folder: Path) -> tuple[Dossier, int]:
    """A dossier whose person is named in Hebrew, with very long texts everywhere.

    Returns the dossier and the case id. Documents: a good PDF (bring), an encrypted PDF
    (bring), a PDF whose vault file was removed (bring), a PNG (bring) and a text file.
    """
    dossier = create_dossier(folder, name=HEBREW_NAME, born="1971-09-03")
    insurer = records.create(
        dossier, "contact", {"name": "Клалит Health Services", "role": "insurer"}
    ).id
    doctor = records.create(
        dossier,
        "contact",
        {"name": CYRILLIC_DOCTOR, "institution": "Больница им. Боткина", "role": "doctor"},
    ).id
    other = records.create(
        dossier, "contact", {"name": ACCENTED, "institution": "Hôpital Saint-Éloi"}
    ).id
    person.update_person(
        dossier,
        {
            "phone": "+972 3 555 0199",
            "email": "sara@example.org",
            "address": "רחוב הרצל 12\nתל אביב",
            "insurer_id": insurer,
            "insurance_number": "IL-" + "9" * 30,
            "medications": "Herbal tea in the evening\nתה צמחים בערב\nТравяной чай вечером",
            "allergies": "Penicillin\nאגוזים (nuts)\nЛатекс (latex)",
        },
    )
    _medications(dossier, doctor)
    case = records.create(
        dossier,
        "case",
        {
            "title": "Thyroid nodule: surgery or watchful waiting? " + "ניתוח או מעקב",
            "question": "Should the nodule be removed? " + LONG,
            "description": LONG,
            "decision_deadline": "2031-01-01",
        },
    ).id
    for i in range(6):
        records.create(
            dossier,
            "diagnosis",
            {
                "case_id": case,
                "name": f"Diagnosis {i}: " + LONG[:300],
                "status": "confirmed",
                "diagnosed_on": f"2030-0{i + 1}-10",
                "stage": "Supercalifragilisticexpialidocious" * 4,
            },
        )
    for i, who in enumerate((doctor, other, None), start=1):
        records.create(
            dossier,
            "opinion",
            {
                "case_id": case,
                "contact_id": who,
                "institution": "Клиника" if who is None else None,
                "ordinal": i,
                "given_on": f"2030-0{i + 2}-15",
                "diagnosis": LONG,
                "treatment": LONG,
            },
        )
    for i in range(30):
        records.create(
            dossier,
            "question",
            {
                "case_id": case,
                "text": f"Question {i + 1}: "
                + ("האם צריך ניתוח? " if i % 3 == 0 else "")
                + LONG[:400],
            },
        )
    records.create(
        dossier,
        "records_request",
        {
            "case_id": case,
            "facility": "Больница им. Боткина",
            "what": "everything",
            "due_on": "2031-02-01",
        },
    )
    _import_documents(dossier, folder.parent / "incoming", case)
    return dossier, case


def _medications(dossier: Dossier, doctor: int) -> None:
    """25 medicines taken now, in three scripts, each with a long reason; one stopped."""
    names = ("Левотироксин натрия", "לבותירוקסין", "Levothyroxine sodium Ångström")
    for i in range(25):
        records.create(
            dossier,
            "medication",
            {
                "name": f"{names[i % 3]} {i}",
                "strength": "10 mg",
                "dose": "twice a day, " + "with food " * 8,
                "started_on": f"2025-{i % 12 + 1:02d}-01",
                "prescribed_by_id": doctor,
                "reason": LONG[:2000],
            },
        )
    records.create(
        dossier,
        "medication",
        {"name": "Stopped medicine", "started_on": "2024-01-01", "ended_on": "2024-02-01"},
    )


def _import_documents(dossier: Dossier, temp: Path, case: int) -> None:
    temp.mkdir(exist_ok=True)
    good = temp / "report.pdf"
    write_pdf(good, [Block("Pathology report", "title"), Block("Benign follicular nodule. " * 80)])
    locked = temp / "locked.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    locked.write_bytes(buffer.getvalue())
    gone = temp / "gone.pdf"
    write_pdf(gone, [Block("This file will go missing", "title")])
    picture = temp / "scan.png"
    from PIL import Image

    Image.new("RGB", (300, 500), (200, 200, 200)).save(picture)
    note = temp / "notes.txt"
    note.write_text("Notes from the phone call.\n" + "שלום " * 50, "utf-8")
    results = import_paths(dossier, [good, locked, gone, picture, note], case_id=case)
    titles = {
        "report.pdf": "Pathology report",
        "locked.pdf": "Locked letter",
        "gone.pdf": "Missing letter",
        "scan.png": "Scan photo",
        "notes.txt": "Phone notes",
    }
    for result in results:
        assert result.document_id is not None, result
        name = Path(result.path).name
        records.update(
            dossier,
            "document",
            result.document_id,
            {"title": titles[name], "bring": name != "notes.txt", "document_date": "2030-05-01"},
        )
        if name == "gone.pdf":
            doc = records.get(dossier, "document", result.document_id)
            dossier.vault.path_for(doc["sha256"]).unlink()
