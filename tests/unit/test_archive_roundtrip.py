"""A whole dossier to an archive and back: the same records, links, files and search.

Real dossiers in temporary folders, real zip files; the rebuild reads the documents again
in the import's real sandboxed reader processes.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from dossier.core import records
from dossier.core.archive import ArchiveRejected, export_archive, import_archive
from dossier.core.archive.format import FORMAT_NAME, FORMAT_VERSION, MANIFEST_NAME, README_NAME
from dossier.core.hashing import sha256_file
from dossier.core.importer.pipeline import import_paths
from dossier.core.integrity.check import check_dossier
from dossier.core.opening import open_dossier
from dossier.core.search import search
from dossier.core.sql_driver import sqlite3
from dossier.core.storage import Dossier

QUERIES = ("mammography", "knee", "Lindqvist", "radi", "biopsy", "pathology", "penicillin", "weiss")


def table_rows(db_path: Path, table: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2'))
    finally:
        conn.close()


def user_tables(db_path: Path) -> list[str]:
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return [r[0] for r in rows if not r[0].startswith(("sqlite_", "search_fts_"))]
    finally:
        conn.close()


def hits(dossier: Dossier, query: str) -> set[tuple[str, int, int | None]]:
    return {(h.kind, h.id, h.page) for h in search(dossier, query, limit=500)}


@pytest.fixture
def demo_with_trash(demo_copy: Path) -> Path:
    """The example dossier with a case (and its records) in the trash, and an extra tag."""
    with open_dossier(demo_copy) as opened:
        cases = records.list_records(opened, "case")
        records.delete(opened, "case", cases[-1]["id"])
        document = records.list_records(opened, "document")[0]
        records.update(opened, "document", document["id"], {"tags": ["kept in the archive"]})
    return demo_copy


def test_round_trip_keeps_every_record_link_file_and_search(
    demo_with_trash: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "maggie.zip"
    with open_dossier(demo_with_trash) as original:
        exported = export_archive(original, archive)
        before = {q: hits(original, q) for q in QUERIES}
    assert exported.files == 21 and exported.size == archive.stat().st_size
    rebuilt = tmp_path / "rebuilt"
    result = import_archive(archive, rebuilt)
    assert result.path == rebuilt and result.documents == 21 and result.unreadable == ()
    assert result.person == "Margaret (Maggie) Lindqvist"
    assert result.records == exported.records

    old_db, new_db = demo_with_trash / "dossier.sqlite", rebuilt / "dossier.sqlite"
    tables = user_tables(old_db)
    assert user_tables(new_db) == tables
    for table in tables:
        if table in ("search_map", "search_fts", "_sqlite_migrations"):
            continue  # rebuilt or remade: compared through search and opening below
        assert table_rows(new_db, table) == table_rows(old_db, table), table
    assert table_rows(old_db, "trash"), "the trash travelled"

    old_vault = {p.name for p in (demo_with_trash / "vault").glob("??/*")}
    new_vault = {p.name for p in (rebuilt / "vault").glob("??/*")}
    assert new_vault == old_vault  # every file and every thumbnail
    for path in (rebuilt / "vault").glob("??/*"):
        if not path.name.endswith(".thumb.png"):
            assert sha256_file(path) == path.name

    with open_dossier(rebuilt) as again:
        assert again.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert again.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert {q: hits(again, q) for q in QUERIES} == before
        assert all(before[q] for q in QUERIES)
        tagged = search(again, "kept in the archive")
        assert tagged and tagged[0].kind == "document"
        # What was in the trash comes back from it with its pages searchable again.
        trashed = [r for r in table_rows(new_db, "trash") if r[1] == "case"]
        records.restore(again, "case", trashed[0][2])
        assert hits(again, "knee") >= before["knee"]


def test_the_archive_is_readable_without_the_program(demo_copy: Path, tmp_path: Path) -> None:
    archive = tmp_path / "out.zip"
    with open_dossier(demo_copy) as opened:
        export_archive(opened, archive)
        cases = records.list_records(opened, "case")
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        manifest = json.loads(zipped.read(MANIFEST_NAME))
        readme = zipped.read(README_NAME).decode("utf-8")
        assert zipped.testzip() is None
        for file in manifest["files"]:
            data = zipped.read(file["path"])
            assert len(data) == file["size"]
            assert hashlib.sha256(data).hexdigest() == file["sha256"]
    assert manifest["format"] == FORMAT_NAME and manifest["format_version"] == FORMAT_VERSION
    assert manifest["person"]["name"] == "Margaret (Maggie) Lindqvist"
    assert "Margaret (Maggie) Lindqvist" in readme
    assert set(names) == {MANIFEST_NAME, README_NAME} | {f["path"] for f in manifest["files"]}
    assert all(f["path"].startswith("files/") for f in manifest["files"])
    assert {f["path"].rsplit(".", 1)[-1] for f in manifest["files"]} <= {"pdf", "jpg", "txt"}
    # Records with readable field names and ISO dates; links described per table.
    case_rows = manifest["tables"]["case"]["rows"]
    assert [r["title"] for r in case_rows] == [
        c["title"] for c in sorted(cases, key=lambda c: c["id"])
    ]
    assert case_rows[0]["opened_on"][4] == "-"
    links = manifest["tables"]["diagnosis"]["links"]
    assert {
        "column": "case_id",
        "table": "case",
        "to_column": "id",
        "on_delete": "CASCADE",
    } in links
    # Derived tables are left out and say so.
    for derived in ("search_fts", "search_map", "document_page", "_sqlite_migrations"):
        assert derived not in manifest["tables"]
        assert derived in manifest["left_out"]
    assert not any(name.startswith("search_fts_") for name in manifest["tables"])
    assert manifest["schema_migrations"][0] == "0001_initial"


def test_a_table_added_by_a_later_migration_is_archived(dossier: Dossier, tmp_path: Path) -> None:
    """Tables are read from the schema: one made after this code was written is exported."""
    dossier.db.execute(
        "CREATE TABLE backup_place (id INTEGER PRIMARY KEY, folder TEXT NOT NULL, "
        'case_id INTEGER REFERENCES "case"(id) ON DELETE SET NULL)'
    )
    dossier.db.execute("INSERT INTO backup_place (folder) VALUES ('E:/Backups')")
    archive = tmp_path / "a.zip"
    export_archive(dossier, archive)
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read(MANIFEST_NAME))
    table = manifest["tables"]["backup_place"]
    assert table["rows"] == [{"id": 1, "folder": "E:/Backups", "case_id": None}]
    assert [c["name"] for c in table["columns"]] == ["id", "folder", "case_id"]
    assert table["links"][0]["table"] == "case"
    # This version's schema has no such table: the rebuild refuses it plainly.
    with pytest.raises(ArchiveRejected, match="a kind this program does not know"):
        import_archive(archive, tmp_path / "new")
    assert not (tmp_path / "new").exists()


def test_an_empty_dossier_round_trips_into_an_existing_empty_folder(
    dossier: Dossier, tmp_path: Path
) -> None:
    records.create(dossier, "note", {"text": "Ask about the side effects — «важно»."})
    archive = tmp_path / "empty.zip"
    export_archive(dossier, archive)
    target = tmp_path / "here"
    target.mkdir()
    result = import_archive(archive, target)
    assert result.documents == 0
    with open_dossier(target) as again:
        assert records.get(again, "person", 1)["name"] == "Test Person"
        assert records.get(again, "person", 1)["born"] == "1960-05-17"
        assert [n["text"] for n in records.list_records(again, "note")] == [
            "Ask about the side effects — «важно»."
        ]
        assert search(again, "важно")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_archive_saved_without_unreadable_files_opens_and_they_can_come_back(
    demo_copy: Path, tmp_path: Path
) -> None:
    """The documents come back as records whose file is missing: the check names them, and
    adding the original file again puts it back in its place."""
    with open_dossier(demo_copy) as opened:
        document = records.list_records(opened, "document")[0]
        stored = opened.vault.path_for(document["sha256"])
        original = tmp_path / "original.pdf"
        original.write_bytes(stored.read_bytes())
        stored.unlink()
        exported = export_archive(opened, tmp_path / "a.zip", skip_unreadable=True)
    assert [f.document_id for f in exported.left_out] == [document["id"]]
    result = import_archive(tmp_path / "a.zip", tmp_path / "rebuilt")
    assert result.documents == 21 and result.missing == ((document["id"], document["title"]),)
    assert result.as_dict()["missing_files"] == [
        {"document_id": document["id"], "title": document["title"]}
    ]
    with open_dossier(tmp_path / "rebuilt") as rebuilt:
        again = records.get(rebuilt, "document", document["id"])
        assert again["sha256"] == document["sha256"] and not again["has_thumbnail"]
        report = check_dossier(rebuilt)
        assert [f.code for f in report.problems] == ["file_missing"]
        assert report.problems[0].items[0].document_id == document["id"]
        [added] = import_paths(rebuilt, [original])
        assert added.status == "duplicate" and "put back" in added.reason
        assert check_dossier(rebuilt).ok


def test_an_archive_made_before_a_column_was_added_still_opens(
    dossier: Dossier, tmp_path: Path
) -> None:
    """An archive from the version before questions could be taken off an appointment's
    list (no question.set_aside_id, two schema changes) rebuilds: the column starts empty."""
    case = records.create(dossier, "case", {"title": "Knee"}).id
    asked = records.create(dossier, "question", {"case_id": case, "text": "Can I run?"}).id
    archive, older = tmp_path / "a.zip", tmp_path / "older.zip"
    export_archive(dossier, archive)
    with zipfile.ZipFile(archive) as zipped, zipfile.ZipFile(older, "w") as out:
        for item in zipped.infolist():
            data = zipped.read(item)
            if item.filename == MANIFEST_NAME:
                manifest = json.loads(data)
                manifest["schema_migrations"].remove("0003_questions_set_aside")
                table = manifest["tables"]["question"]
                table["columns"] = [c for c in table["columns"] if c["name"] != "set_aside_id"]
                for row in table["rows"]:
                    del row["set_aside_id"]
                data = json.dumps(manifest).encode()
            out.writestr(item, data)
    import_archive(older, tmp_path / "new")
    with open_dossier(tmp_path / "new") as rebuilt:
        question = records.get(rebuilt, "question", asked)
        assert question["text"] == "Can I run?" and question["set_aside_id"] is None
        assert rebuilt.read_only is None
