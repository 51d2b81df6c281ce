"""The dossier folder: creating, opening, and refusing what is not a dossier of ours.

Every refused open must leave the folder exactly as it was: same file names, sizes,
modification times and bytes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.errors import DossierOpenError, ValidationError
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.schema import APPLICATION_ID, MIGRATIONS, known_migrations
from dossier.core.sql_driver import sqlite3
from dossier.core.storage import DB_NAME, VAULT_NAME, Dossier, is_dossier

Snapshot = dict[str, tuple[str, int, int, bytes]]


def snapshot(folder: Path) -> Snapshot:
    """Everything on disk under ``folder``: kind, size, mtime and bytes of each entry."""
    found: Snapshot = {}
    if not folder.exists():
        return found
    for path in sorted(folder.rglob("*")):
        stat = path.stat()
        rel = str(path.relative_to(folder))
        if path.is_dir():
            found[rel] = ("dir", 0, stat.st_mtime_ns, b"")
        else:
            found[rel] = ("file", stat.st_size, stat.st_mtime_ns, path.read_bytes())
    return found


def assert_plain(message: str) -> None:
    """A message fit for a patient: one or two sentences, no technical debris."""
    assert message.strip()
    assert len(message) < 400
    for debris in ("Traceback", "sqlite3.", "DatabaseError", "OperationalError", "Errno"):
        assert debris not in message


def pragma(dossier: Dossier, name: str) -> object:
    return dossier.db.execute(f"PRAGMA {name}").fetchone()[0]


# --- creating and opening -----------------------------------------------------------------


def test_create_then_open_round_trip(tmp_path: Path) -> None:
    folder = tmp_path / "Mum's dossier"
    with create_dossier(folder, name="Anna Müller", born="1948-11-02") as created:
        case = records.create(created, "case", {"title": "Second opinion on knee surgery"})
    assert is_dossier(folder)
    assert (folder / DB_NAME).is_file()
    assert (folder / VAULT_NAME).is_dir()

    with open_dossier(folder) as opened:
        person = records.get(opened, "person", 1)
        assert person["name"] == "Anna Müller"
        assert person["born"] == "1948-11-02"
        assert records.get(opened, "case", case.id)["title"] == "Second opinion on knee surgery"
        applied = [
            row["name"]
            for row in opened.db.query(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATIONS.name]
            )
        ]
        assert applied == known_migrations()


def test_create_accepts_an_existing_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    with create_dossier(folder, name="Bo") as made:
        assert records.get(made, "person", 1)["born"] is None
    assert is_dossier(folder)


@pytest.mark.parametrize("how", ["create", "open"])
def test_connection_settings(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "d"
    made = create_dossier(folder, name="Cy")
    if how == "open":
        made.close()
        made = open_dossier(folder)
    with made:
        assert str(pragma(made, "journal_mode")).lower() == "wal"
        assert pragma(made, "synchronous") == 2  # FULL
        assert pragma(made, "foreign_keys") == 1
        assert pragma(made, "application_id") == APPLICATION_ID


def test_application_id_is_in_the_file_header(tmp_path: Path) -> None:
    create_dossier(tmp_path / "d", name="Di").close()
    header = (tmp_path / "d" / DB_NAME).read_bytes()[:100]
    assert header.startswith(b"SQLite format 3\x00")
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID


def test_open_twice_in_a_row_changes_nothing_in_the_data(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    with create_dossier(folder, name="Ed") as made:
        records.create(made, "note", {"text": "kept"})
    for _ in range(2):
        with open_dossier(folder) as opened:
            assert [n["text"] for n in records.list_records(opened, "note")] == ["kept"]


# --- refusing to create -------------------------------------------------------------------


def test_create_in_a_non_empty_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"not really a photo")
    before = snapshot(tmp_path)
    with pytest.raises(DossierOpenError) as caught:
        create_dossier(folder, name="Fay")
    assert "not empty" in caught.value.message
    assert_plain(caught.value.message)
    assert snapshot(tmp_path) == before


def test_create_over_an_existing_dossier_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    with create_dossier(folder, name="Gus") as made:
        records.create(made, "case", {"title": "keep me"})
    before = snapshot(folder)
    with pytest.raises(DossierOpenError):
        create_dossier(folder, name="Someone else")
    assert snapshot(folder) == before


def test_create_on_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "a file"
    target.write_text("hello", encoding="utf-8")
    with pytest.raises(DossierOpenError):
        create_dossier(target, name="Hal")
    assert target.read_text(encoding="utf-8") == "hello"


@pytest.mark.parametrize(
    ("name", "born", "field"),
    [
        ("Ida", "2026-02-30", "born"),
        ("Ida", "14/03/1950", "born"),
        ("Ida", "1899-12-31", "born"),
        ("Ida", "2999-01-01", "born"),
        ("", None, "name"),
        ("   ", "1950-01-01", "name"),
    ],
)
def test_invalid_person_refused_with_nothing_written(
    tmp_path: Path, name: str, born: str | None, field: str
) -> None:
    folder = tmp_path / "parent" / "new dossier"
    with pytest.raises(ValidationError) as caught:
        create_dossier(folder, name=name, born=born)
    assert field in caught.value.errors
    assert_plain(caught.value.message)
    assert not folder.exists()
    assert not (tmp_path / "parent").exists()


def test_born_in_the_future_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        create_dossier(tmp_path / "d", name="Jo", born="2099-01-01")
    assert "future" in caught.value.errors["born"]
    assert not (tmp_path / "d").exists()


# --- refusing to open ---------------------------------------------------------------------


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "no such folder"


def _no_database(tmp_path: Path) -> Path:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "letter.txt").write_text("Dear doctor", encoding="utf-8")
    (folder / "vault").mkdir()
    return folder


def _random_bytes(tmp_path: Path) -> Path:
    folder = tmp_path / "random"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(os.urandom(8192))
    return folder


def _short_file(tmp_path: Path) -> Path:
    folder = tmp_path / "short"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)
    return folder


def _empty_file(tmp_path: Path) -> Path:
    folder = tmp_path / "zero"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"")
    return folder


def _foreign_sqlite(tmp_path: Path) -> Path:
    folder = tmp_path / "foreign"
    folder.mkdir()
    conn = sqlite3.connect(folder / DB_NAME)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO recipes (name) VALUES ('soup')")
    conn.commit()
    conn.close()
    return folder


def _foreign_sqlite_wal(tmp_path: Path) -> Path:
    folder = tmp_path / "foreign-wal"
    folder.mkdir()
    conn = sqlite3.connect(folder / DB_NAME)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT)")
    conn.commit()
    conn.close()
    return folder


def _ours_without_migrations(tmp_path: Path) -> Path:
    """Our application id in the header, but no migrations table: damaged."""
    folder = tmp_path / "half"
    folder.mkdir()
    conn = sqlite3.connect(folder / DB_NAME)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE something (id INTEGER)")
    conn.commit()
    conn.close()
    return folder


def _truncated_dossier(tmp_path: Path) -> Path:
    folder = tmp_path / "truncated"
    with create_dossier(folder, name="Kim") as made:
        for number in range(50):
            records.create(made, "note", {"text": f"note {number} " + "words " * 200})
        made.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = (folder / DB_NAME).read_bytes()
    (folder / DB_NAME).write_bytes(data[: len(data) // 3])
    return folder


def _newer_version(tmp_path: Path) -> Path:
    folder = tmp_path / "newer"
    with create_dossier(folder, name="Lee") as made:
        made.db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            [MIGRATIONS.name, "9999_from_the_future", "2030-01-01 00:00:00"],
        )
        made.db.conn.commit()
    return folder


REFUSALS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing folder": (_missing, "There is no dossier"),
    "folder without a database": (_no_database, "not a dossier"),
    "random bytes": (_random_bytes, "damaged"),
    "short file": (_short_file, "damaged"),
    "empty file": (_empty_file, "damaged"),
    "foreign SQLite file": (_foreign_sqlite, "not a dossier of this program"),
    "foreign SQLite file in WAL mode": (_foreign_sqlite_wal, "not a dossier of this program"),
    "our header, no migrations table": (_ours_without_migrations, "damaged"),
    "truncated dossier": (_truncated_dossier, "damaged"),
    "dossier of a newer version": (_newer_version, "newer version"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refused_open_says_why_and_changes_nothing(tmp_path: Path, case: str) -> None:
    make, words = REFUSALS[case]
    folder = make(tmp_path)
    before = snapshot(tmp_path)

    with pytest.raises(DossierOpenError) as caught:
        open_dossier(folder)

    assert words in caught.value.message
    assert_plain(caught.value.message)
    assert str(caught.value) == caught.value.message
    assert snapshot(tmp_path) == before, "a refused open must not touch the folder"


def test_newer_version_message_says_nothing_was_changed(tmp_path: Path) -> None:
    folder = _newer_version(tmp_path)
    with pytest.raises(DossierOpenError) as caught:
        open_dossier(folder)
    assert "Update the program" in caught.value.message
    assert "nothing was changed" in caught.value.message


def test_refused_open_is_repeatable(tmp_path: Path) -> None:
    """Refusing twice gives the same answer (the first refusal left nothing behind)."""
    folder = _foreign_sqlite(tmp_path)
    messages = []
    for _ in range(2):
        with pytest.raises(DossierOpenError) as caught:
            open_dossier(folder)
        messages.append(caught.value.message)
    assert messages[0] == messages[1]
    conn = sqlite3.connect(folder / DB_NAME)
    assert conn.execute("SELECT name FROM recipes").fetchall() == [("soup",)]
    conn.close()


def test_is_dossier(tmp_path: Path) -> None:
    assert not is_dossier(tmp_path / "nothing")
    assert not is_dossier(_no_database(tmp_path))
    create_dossier(tmp_path / "real", name="Max").close()
    assert is_dossier(tmp_path / "real")


def test_relative_paths_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    create_dossier("relative", name="Rel").close()
    with open_dossier("relative") as opened:
        assert opened.path == tmp_path / "relative"


def test_a_new_dossier_can_be_opened_again_while_still_open(tmp_path: Path) -> None:
    with create_dossier(tmp_path / "new", name="New") as first, open_dossier(first.path) as second:
        assert second.db.execute("SELECT name FROM person").fetchone() == ("New",)
