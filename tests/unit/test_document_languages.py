"""Documents in several languages: the language guessed from a real PDF's text at import
(or as the person said), edited, named in the reader's language; a document marked as the
translation of another (certified, by whom), never of itself nor in a circle; all of it
carried through an archive and a backup, and added to a dossier made before it existed
(schema step 0005)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.archive import export_archive, import_archive
from dossier.core.backup import make_backup
from dossier.core.backup.restore import restore_backup
from dossier.core.document_language import language_name
from dossier.core.errors import ValidationError
from dossier.core.i18n import language_scope
from dossier.core.importer.pipeline import import_paths
from dossier.core.integrity.foreign_schema import schema_differences
from dossier.core.opening import open_dossier
from dossier.core.schema import known_migrations
from dossier.core.storage import Dossier
from dossier.core.textpdf import Block, write_pdf
from dossier.core.trash import empty_trash
from tests.older_schema import dossier_up_to

DUTCH = (
    "Geachte collega, wij zagen uw patiënte op de polikliniek voor een second opinion. "
    "Zij heeft sinds een jaar pijn in de rechterknie en er is een MRI gemaakt. "
    "Op de MRI is een scheur in de meniscus te zien. Wij adviseren om eerst "
    "fysiotherapie te proberen, en bij onvoldoende effect een artroscopie te overwegen. "
    "Met vriendelijke groet, de orthopedisch chirurg van het ziekenhuis."
)
ENGLISH = (
    "Dear colleague, we saw your patient in the clinic for a second opinion. She has had "
    "pain in the right knee for a year and an MRI was made. The MRI shows a tear of the "
    "meniscus. We advise to try physiotherapy first, and to consider an arthroscopy if "
    "that is not enough. With kind regards, the orthopaedic surgeon of the hospital."
)
NEW_COLUMNS = ("language", "translation_of_id", "translation_certified", "translated_by")
DAY = date(2026, 5, 12)


def letter(path: Path, title: str, text: str) -> Path:
    write_pdf(path, [Block(title, "heading"), Block(text)], title=title, author="Dr Test")
    return path


@pytest.fixture
def letters(dossier: Dossier, tmp_path: Path) -> dict[str, int]:
    """A Dutch letter and its English translation, imported from real PDFs; their numbers."""
    files = tmp_path / "files"
    files.mkdir()
    results = import_paths(
        dossier,
        [
            letter(files / "brief-orthopedie.pdf", "Brief orthopedie", DUTCH),
            letter(files / "orthopaedic-letter.pdf", "Orthopaedic letter", ENGLISH),
        ],
    )
    assert [r.status for r in results] == ["imported", "imported"], results
    return {Path(r.path).stem: int(r.document_id or 0) for r in results}


def test_the_language_is_guessed_from_the_text_read_at_import(
    dossier: Dossier, letters: dict[str, int]
) -> None:
    dutch = records.get(dossier, "document", letters["brief-orthopedie"])
    english = records.get(dossier, "document", letters["orthopaedic-letter"])
    assert (dutch["language"], english["language"]) == ("nl", "en")
    assert dutch["translation_of_id"] is None and dutch["translation_certified"] is False
    records.update(dossier, "document", dutch["id"], {"language": "DE"})  # the person corrects it
    assert records.get(dossier, "document", dutch["id"])["language"] == "de"
    records.update(dossier, "document", dutch["id"], {"language": ""})
    assert records.get(dossier, "document", dutch["id"])["language"] is None
    with pytest.raises(ValidationError) as refused:
        records.update(dossier, "document", dutch["id"], {"language": "klingon"})
    assert set(refused.value.errors) == {"language"}
    assert "nl" in refused.value.errors["language"] and "other" in refused.value.errors["language"]


def test_a_language_said_at_import_is_kept_and_a_text_without_words_gets_none(
    dossier: Dossier, tmp_path: Path
) -> None:
    said = import_paths(dossier, [letter(tmp_path / "a.pdf", "Letter", DUTCH)], language="fr")
    assert records.get(dossier, "document", said[0].document_id)["language"] == "fr"
    (tmp_path / "short.txt").write_text("Hb 13.1\n")
    short = import_paths(dossier, [tmp_path / "short.txt"])
    assert records.get(dossier, "document", short[0].document_id)["language"] is None
    with pytest.raises(ValidationError):
        import_paths(dossier, [tmp_path / "short.txt"], language="xx")


def test_a_translation_names_its_original_and_never_itself_or_a_circle(
    dossier: Dossier, letters: dict[str, int]
) -> None:
    original, translated = letters["brief-orthopedie"], letters["orthopaedic-letter"]
    records.update(
        dossier,
        "document",
        translated,
        {
            "translation_of_id": original,
            "translation_certified": True,
            "translated_by": "Vertaalbureau Noord",
        },
    )
    stored = records.get(dossier, "document", translated)
    assert (stored["translation_of_id"], stored["translation_certified"]) == (original, True)
    assert stored["translated_by"] == "Vertaalbureau Noord"

    with pytest.raises(ValidationError) as itself:
        records.update(dossier, "document", translated, {"translation_of_id": translated})
    assert itself.value.errors == {
        "translation_of_id": "A document cannot be a translation of itself."
    }
    with pytest.raises(ValidationError) as circle:
        records.update(dossier, "document", original, {"translation_of_id": translated})
    assert circle.value.errors["translation_of_id"] == (
        "'Orthopaedic letter' is itself a translation of this document, so this document "
        "cannot be a translation of it."
    )
    with pytest.raises(ValidationError) as unknown:
        records.update(dossier, "document", original, {"translation_of_id": 999})
    assert set(unknown.value.errors) == {"translation_of_id"}
    assert records.get(dossier, "document", original)["translation_of_id"] is None

    records.delete(dossier, "document", original)  # in the trash: the link is kept
    assert records.get(dossier, "document", translated)["translation_of_id"] == original
    empty_trash(dossier)  # removed for good: the link is emptied
    assert records.get(dossier, "document", translated)["translation_of_id"] is None


def test_a_longer_circle_is_refused_too(dossier: Dossier, tmp_path: Path) -> None:
    files = [letter(tmp_path / f"{n}.pdf", f"Letter {n}", DUTCH) for n in "abc"]
    a, b, c = (r.document_id for r in import_paths(dossier, files))
    records.update(dossier, "document", b, {"translation_of_id": a})
    records.update(dossier, "document", c, {"translation_of_id": b})
    with pytest.raises(ValidationError) as circle:
        records.update(dossier, "document", a, {"translation_of_id": c})
    assert "'Letter c' is itself a translation of this document" in str(circle.value)


def test_a_language_is_named_in_the_language_of_the_reader() -> None:
    assert language_name("nl") == "Dutch"
    assert language_name("de", "nl") == "Duits"
    assert language_name("nl", "uk") == "Нідерландська"
    assert language_name("en", "he") == "אנגלית"
    assert language_name("other") == "Another language"
    assert language_name(None) == ""
    with language_scope("ru"):
        assert language_name("de") == "Немецкий"


def _document_rows(dossier: Dossier) -> list[dict[str, object]]:
    return list(dossier.db.query("SELECT * FROM document ORDER BY id"))


def test_an_archive_and_a_backup_carry_languages_and_translations(
    dossier: Dossier, letters: dict[str, int], tmp_path: Path
) -> None:
    records.update(
        dossier,
        "document",
        letters["orthopaedic-letter"],
        {"translation_of_id": letters["brief-orthopedie"], "translated_by": "M. de Vries"},
    )
    before = _document_rows(dossier)
    assert {c for c in NEW_COLUMNS} <= set(before[0])
    archive = tmp_path / "letters.zip"
    export_archive(dossier, archive)
    import_archive(archive, tmp_path / "again")
    with open_dossier(tmp_path / "again") as rebuilt:
        assert _document_rows(rebuilt) == before

    folder = dossier.path
    dossier.close()
    backup = make_backup(folder, today=DAY).backup
    with open_dossier(folder) as opened:
        records.update(opened, "document", letters["brief-orthopedie"], {"language": "other"})
        records.update(
            opened, "document", letters["orthopaedic-letter"], {"translation_of_id": None}
        )
    restore_backup(backup.path)
    with open_dossier(folder) as restored:
        assert _document_rows(restored) == before


def dossier_at_0004(folder: Path) -> Path:
    """A dossier as the version before document languages made it (steps 0001 to 0004),
    with a document, its text and a case it belongs to."""
    conn = dossier_up_to(folder, "0004_treatments_sex_and_doctors")
    stamp = "2026-01-05T10:00:00"
    statements = (
        "INSERT INTO person (id, name, born, sex, created_at, updated_at) "
        f"VALUES (1, 'Margaret Lindqvist', '1958-04-23', 'female', '{stamp}', '{stamp}')",
        'INSERT INTO "case" (id, title, kind, created_at, updated_at) '
        f"VALUES (1, 'Right knee', 'surgery', '{stamp}', '{stamp}')",
        "INSERT INTO document (id, title, kind, sha256, size, media_type, page_count, bring, "
        "created_at, updated_at) VALUES (1, 'MRI report', 'imaging_report', "
        f"'{'a' * 64}', 10, 'application/pdf', 1, 1, '{stamp}', '{stamp}')",
        "INSERT INTO document_page (document_id, page, text) VALUES (1, 1, 'Meniscus tear')",
        "INSERT INTO document_case (document_id, case_id) VALUES (1, 1)",
    )
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return folder


def test_a_dossier_made_before_document_languages_is_brought_up_to_date_keeping_its_records(
    tmp_path: Path,
) -> None:
    folder = dossier_at_0004(tmp_path / "older")
    with open_dossier(folder) as opened:
        applied = [r["name"] for r in opened.db.query("SELECT name FROM _sqlite_migrations")]
        assert sorted(applied) == known_migrations()
        assert opened.read_only is None and schema_differences(opened) == []
        document = records.get(opened, "document", 1)
        assert (document["title"], document["kind"], document["bring"]) == (
            "MRI report",
            "imaging_report",
            True,
        )
        assert document["case_ids"] == [1]
        assert [document[c] for c in NEW_COLUMNS] == [None, None, False, None]
        assert records.get(opened, "person", 1)["sex"] == "female"
        records.update(opened, "document", 1, {"language": "nl", "translated_by": "Anna"})
    with open_dossier(folder) as again:  # once up to date, opened again as it is
        assert records.get(again, "document", 1)["language"] == "nl"
        assert again.db.execute("SELECT text FROM document_page").fetchone()[0] == "Meniscus tear"
