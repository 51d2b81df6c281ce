"""Treatments given or tried in a case, the person's sex and a case's referring and treating
doctors: stored, checked, searched, trashed with their case, carried through an archive and
a backup, and added to a dossier made before they existed (schema step 0004)."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dossier.core import records
from dossier.core.archive import export_archive, import_archive
from dossier.core.archive.format import MANIFEST_NAME
from dossier.core.backup import make_backup
from dossier.core.backup.restore import restore_backup
from dossier.core.errors import ValidationError
from dossier.core.integrity.foreign_schema import schema_differences
from dossier.core.opening import open_dossier
from dossier.core.schema import known_migrations
from dossier.core.search import search
from dossier.core.storage import Dossier
from tests.older_schema import dossier_up_to

DAY = date(2026, 5, 12)
NEW_CASE_COLUMNS = {"referred_by_id", "treating_id"}


def knee_case(dossier: Dossier) -> dict[str, int]:
    """A case with its doctors and two treatments; the numbers by name."""
    gp = records.create(dossier, "contact", {"name": "Dr. Thomas Achterberg"}).id
    surgeon = records.create(dossier, "contact", {"name": "Dr. Samuel Okonkwo"}).id
    case = records.create(
        dossier,
        "case",
        {"title": "Right knee", "referred_by_id": gp, "treating_id": surgeon},
    ).id
    injection = records.create(
        dossier,
        "treatment",
        {
            "case_id": case,
            "name": "Steroid injection into the right knee",
            "kind": "medication",
            "started_on": "2025-06-20",
            "ended_on": "2025-06-20",
            "contact_id": surgeon,
            "place": "Harbour View outpatients",
            "outcome": "Helped only for a short time.",
        },
    ).id
    exercise = records.create(
        dossier,
        "treatment",
        {
            "case_id": case,
            "name": "Supervised exercise therapy",
            "kind": "physiotherapy",
            "started_on": "2026-03-16",
        },
    ).id
    return {
        "gp": gp,
        "surgeon": surgeon,
        "case": case,
        "injection": injection,
        "exercise": exercise,
    }


def test_a_treatment_is_stored_with_its_case_and_listed_oldest_first(dossier: Dossier) -> None:
    ids = knee_case(dossier)
    undated = records.create(
        dossier, "treatment", {"case_id": ids["case"], "name": "Paracetamol", "kind": "Medication"}
    ).id
    listed = records.list_records(dossier, "treatments", case_id=ids["case"])
    assert [t["id"] for t in listed] == [ids["injection"], ids["exercise"], undated]
    assert listed[0]["kind"] == "medication" and listed[0]["contact_id"] == ids["surgeon"]
    assert records.get(dossier, "treatment", undated)["kind"] == "medication"
    other = records.create(dossier, "treatment", {"case_id": ids["case"], "name": "Brace"}).id
    assert records.get(dossier, "treatment", other)["kind"] == "other"  # the default

    with pytest.raises(ValidationError) as caught:
        records.create(dossier, "treatment", {"name": "Knee brace"})
    assert set(caught.value.errors) == {"case_id"}
    with pytest.raises(ValidationError) as caught:
        records.create(
            dossier, "treatment", {"case_id": ids["case"], "name": "X", "kind": "massage"}
        )
    assert "hormone therapy" in caught.value.errors["kind"]
    records.update(dossier, "treatment", ids["exercise"], {"kind": "hormone therapy"})
    assert records.get(dossier, "treatment", ids["exercise"])["kind"] == "hormone_therapy"


def test_the_person_s_sex_and_the_case_s_doctors(dossier: Dossier) -> None:
    ids = knee_case(dossier)
    assert records.get(dossier, "person", 1)["sex"] is None
    records.update(dossier, "person", 1, {"sex": "Female"})
    assert records.get(dossier, "person", 1)["sex"] == "female"
    with pytest.raises(ValidationError) as caught:
        records.update(dossier, "person", 1, {"sex": "unknown"})
    assert "female, male, other" in caught.value.errors["sex"]
    records.update(dossier, "person", 1, {"sex": ""})
    assert records.get(dossier, "person", 1)["sex"] is None

    case = records.get(dossier, "case", ids["case"])
    assert (case["referred_by_id"], case["treating_id"]) == (ids["gp"], ids["surgeon"])
    records.delete(dossier, "contact", ids["gp"])  # a doctor in the trash is not chosen again
    with pytest.raises(ValidationError) as refused:
        records.update(dossier, "case", ids["case"], {"treating_id": ids["gp"]})
    assert set(refused.value.errors) == {"treating_id"}


def test_treatments_are_found_by_search_and_go_to_the_trash_with_their_case(
    dossier: Dossier,
) -> None:
    ids = knee_case(dossier)
    found = {(hit.kind, hit.id) for hit in search(dossier, "injection")}
    assert ("treatment", ids["injection"]) in found
    assert ("treatment", ids["injection"]) in {(h.kind, h.id) for h in search(dossier, "short")}

    change = records.delete(dossier, "case", ids["case"])
    assert {("treatment", ids["injection"]), ("treatment", ids["exercise"])} <= set(change.also)
    assert records.list_records(dossier, "treatment") == []
    assert not search(dossier, "injection")
    records.restore(dossier, "treatment", ids["injection"])  # brings back the whole case
    assert {t["id"] for t in records.list_records(dossier, "treatment")} == {
        ids["injection"],
        ids["exercise"],
    }
    assert records.get(dossier, "case", ids["case"])["title"] == "Right knee"


def _rows(dossier: Dossier, sql: str) -> list[dict[str, Any]]:
    return list(dossier.db.query(sql))


def test_an_archive_carries_treatments_sex_and_doctors(dossier: Dossier, tmp_path: Path) -> None:
    ids = knee_case(dossier)
    records.update(dossier, "person", 1, {"sex": "female"})
    treatments = _rows(dossier, "SELECT * FROM treatment ORDER BY id")
    cases = _rows(dossier, 'SELECT * FROM "case" ORDER BY id')
    archive = tmp_path / "knee.zip"
    export_archive(dossier, archive)
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read(MANIFEST_NAME))
    assert "0004_treatments_sex_and_doctors" in manifest["schema_migrations"]
    assert len(manifest["tables"]["treatment"]["rows"]) == 2

    import_archive(archive, tmp_path / "again")
    with open_dossier(tmp_path / "again") as rebuilt:
        assert _rows(rebuilt, "SELECT * FROM treatment ORDER BY id") == treatments
        assert _rows(rebuilt, 'SELECT * FROM "case" ORDER BY id') == cases
        assert records.get(rebuilt, "person", 1)["sex"] == "female"
        assert ("treatment", ids["exercise"]) in {
            (h.kind, h.id) for h in search(rebuilt, "exercise")
        }


def test_an_archive_made_before_treatments_existed_still_opens(
    dossier: Dossier, tmp_path: Path
) -> None:
    """An archive of the version before step 0004 (no treatment table, no sex, no case
    doctors) rebuilds: the new fields start empty and treatments can be added."""
    case = records.create(dossier, "case", {"title": "Knee"}).id
    archive, older = tmp_path / "a.zip", tmp_path / "older.zip"
    export_archive(dossier, archive)
    with zipfile.ZipFile(archive) as zipped, zipfile.ZipFile(older, "w") as out:
        for item in zipped.infolist():
            data = zipped.read(item)
            if item.filename == MANIFEST_NAME:
                manifest = json.loads(data)
                manifest["schema_migrations"].remove("0004_treatments_sex_and_doctors")
                del manifest["tables"]["treatment"]
                for table, gone in (("person", {"sex"}), ("case", NEW_CASE_COLUMNS)):
                    spec = manifest["tables"][table]
                    spec["columns"] = [c for c in spec["columns"] if c["name"] not in gone]
                    spec["links"] = [link for link in spec["links"] if link["column"] not in gone]
                    for row in spec["rows"]:
                        for name in gone:
                            del row[name]
                if "person" in manifest:
                    manifest["person"].pop("sex", None)
                data = json.dumps(manifest).encode()
            out.writestr(item, data)
    import_archive(older, tmp_path / "new")
    with open_dossier(tmp_path / "new") as rebuilt:
        assert rebuilt.read_only is None
        assert records.get(rebuilt, "person", 1)["sex"] is None
        rebuilt_case = records.get(rebuilt, "case", case)
        assert all(rebuilt_case[name] is None for name in NEW_CASE_COLUMNS)
        records.create(rebuilt, "treatment", {"case_id": case, "name": "Physiotherapy"})


def test_a_backup_restored_brings_the_treatments_back(dossier: Dossier) -> None:
    ids = knee_case(dossier)
    folder = dossier.path
    before = _rows(dossier, "SELECT * FROM treatment ORDER BY id")
    dossier.close()
    backup = make_backup(folder, today=DAY).backup
    with open_dossier(folder) as opened:
        records.delete(opened, "treatment", ids["injection"])
        records.update(opened, "treatment", ids["exercise"], {"ended_on": "2026-05-01"})
    restore_backup(backup.path)
    with open_dossier(folder) as restored:
        assert _rows(restored, "SELECT * FROM treatment ORDER BY id") == before


def dossier_at_0003(folder: Path) -> Path:
    """A dossier as the version before treatments made it (steps 0001 to 0003), with a
    person, a doctor, a case with a diagnosis, and a question set aside at an appointment."""
    conn = dossier_up_to(folder, "0003_questions_set_aside")
    stamp = "2026-01-05T10:00:00"
    statements = (
        "INSERT INTO person (id, name, born, created_at, updated_at) "
        f"VALUES (1, 'Margaret Lindqvist', '1958-04-23', '{stamp}', '{stamp}')",
        "INSERT INTO contact (id, name, created_at, updated_at) "
        f"VALUES (1, 'Dr. Okonkwo', '{stamp}', '{stamp}')",
        'INSERT INTO "case" (id, title, kind, created_at, updated_at) '
        f"VALUES (1, 'Right knee', 'surgery', '{stamp}', '{stamp}')",
        "INSERT INTO diagnosis (id, case_id, name, contact_id, status, created_at, updated_at) "
        f"VALUES (1, 1, 'Osteoarthritis', 1, 'confirmed', '{stamp}', '{stamp}')",
        "INSERT INTO appointment (id, case_id, starts_at, created_at, updated_at) "
        f"VALUES (1, 1, '2026-02-01 10:00', '{stamp}', '{stamp}')",
        "INSERT INTO question (id, case_id, text, set_aside_id, created_at, updated_at) "
        f"VALUES (1, 1, 'Can I wait?', 1, '{stamp}', '{stamp}')",
    )
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return folder


def test_a_dossier_made_before_treatments_is_brought_up_to_date_keeping_its_records(
    tmp_path: Path,
) -> None:
    folder = dossier_at_0003(tmp_path / "older")
    with open_dossier(folder) as opened:
        applied = [r["name"] for r in opened.db.query("SELECT name FROM _sqlite_migrations")]
        assert sorted(applied) == known_migrations()
        assert opened.read_only is None and schema_differences(opened) == []
        person = records.get(opened, "person", 1)
        assert (person["name"], person["born"], person["sex"]) == (
            "Margaret Lindqvist",
            "1958-04-23",
            None,
        )
        case = records.get(opened, "case", 1)
        assert (case["title"], case["referred_by_id"], case["treating_id"]) == (
            "Right knee",
            None,
            None,
        )
        assert records.get(opened, "diagnosis", 1)["contact_id"] == 1
        assert records.get(opened, "question", 1)["set_aside_id"] == 1
        assert records.list_records(opened, "treatment") == []
        records.update(opened, "case", 1, {"treating_id": 1})
        made = records.create(
            opened, "treatment", {"case_id": 1, "name": "Physiotherapy", "kind": "physiotherapy"}
        ).id
    with open_dossier(folder) as again:  # once up to date, opened again as it is
        assert records.get(again, "treatment", made)["case_id"] == 1
        assert records.get(again, "case", 1)["treating_id"] == 1


def test_a_treatment_ending_before_it_started_is_refused_and_nothing_stored(
    dossier: Dossier,
) -> None:
    ids = knee_case(dossier)
    before = _rows(dossier, "SELECT * FROM treatment ORDER BY id")
    with pytest.raises(ValidationError) as refused:
        records.update(dossier, "treatment", ids["exercise"], {"ended_on": "1999-01-01"})
    assert "ended_on" in refused.value.errors
    assert "cannot end before it started" in refused.value.errors["ended_on"]
    assert _rows(dossier, "SELECT * FROM treatment ORDER BY id") == before
