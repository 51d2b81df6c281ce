"""Migration 0010: a dossier whose medicines were one free-text field gets them as a list,
one medicine a line, found by search, nothing else changed."""

from __future__ import annotations

from pathlib import Path

from dossier.core import records
from dossier.core.opening import open_dossier
from dossier.core.schema import known_migrations
from dossier.core.search import search
from dossier.core.validation import TEXT_MAX
from tests.older_schema import dossier_up_to

STAMP = "2026-01-05T10:00:00"
LONG = "Metformine " + "x" * 700


def dossier_at_0009(folder: Path, medications: str | None) -> Path:
    """A dossier as the version before the medicine list made it (steps 0001 to 0009)."""
    conn = dossier_up_to(folder, "0009_plan_and_reminders")
    conn.execute(
        "INSERT INTO person (id, name, medications, allergies, created_at, updated_at) "
        "VALUES (1, 'Анна Коэн אנה', ?, 'penicillin', ?, ?)",
        [medications, STAMP, STAMP],
    )
    conn.execute(
        'INSERT INTO "case" (id, title, created_at, updated_at) VALUES (1, ?, ?, ?)',
        ["Knee", STAMP, STAMP],
    )
    conn.commit()
    conn.close()
    return folder


def test_each_line_becomes_a_medicine_and_the_field_is_emptied(tmp_path: Path) -> None:
    text = "Amlodipine 5 mg once a day\r\n\n  Атorvastatin 20 mg  \nאקמול לפי הצורך\n" + LONG
    folder = dossier_at_0009(tmp_path / "older", text)
    with open_dossier(folder) as opened:
        applied = [r["name"] for r in opened.db.query("SELECT name FROM _sqlite_migrations")]
        assert sorted(applied) == known_migrations()
        medicines = records.list_records(opened, "medication")
        names = [m["name"] for m in medicines]
        assert names[:3] == ["Amlodipine 5 mg once a day", "Атorvastatin 20 mg", "אקמול לפי הצורך"]
        assert len(names) == 4
        assert len(names[3]) == TEXT_MAX and names[3].endswith("…")
        assert medicines[3]["notes"] == LONG  # the whole line kept
        assert all(m["created_at"] == STAMP for m in medicines)
        person = records.get(opened, "person", 1)
        assert person["medications"] is None and person["allergies"] == "penicillin"
        hits = search(opened, "Amlodipine")
        assert [(h.kind, h.id) for h in hits] == [("medication", medicines[0]["id"])]
        # the long one can be edited and saved again through the ordinary checks
        records.update(opened, "medication", medicines[3]["id"], {"dose": "twice a day"})
        assert records.get(opened, "case", 1)["motive"] is None


def test_a_dossier_without_medicines_gets_an_empty_list(tmp_path: Path) -> None:
    folder = dossier_at_0009(tmp_path / "older", "  \n ")
    with open_dossier(folder) as opened:
        assert records.list_records(opened, "medication") == []
        assert records.list_records(opened, "hand_over", case_id=1) == []
