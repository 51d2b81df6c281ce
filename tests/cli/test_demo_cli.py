"""``dossier demo PATH --language CODE``: the example dossier in the language asked for."""

from __future__ import annotations

from pathlib import Path

from dossier.core import person, records
from dossier.core.opening import open_dossier
from tests.cli.runner import run, run_json
from tests.pinned_day import PinDay


def test_demo_in_dutch(tmp_path: Path, today: PinDay) -> None:
    today("2026-05-20")
    made = run_json("demo", str(tmp_path / "voorbeeld"), "--language", "nl")
    assert made["records"]["case"] == 4
    with open_dossier(Path(made["path"])) as opened:
        assert person.get_person(opened)["name"] == "Margaretha (Margriet) Lindeboom"
        titles = [d["title"] for d in records.list_records(opened, "document")]
        assert "Ontslagbrief na een val" in titles
        pages = "\n".join(row[0] for row in opened.db.execute("SELECT text FROM document_page"))
        assert "30 april 2026" in pages


def test_demo_refuses_a_language_it_does_not_speak(tmp_path: Path) -> None:
    result = run("demo", str(tmp_path / "x"), "--language", "xx", check=2)
    assert "'xx'" in result.stderr
    assert (
        "en (English), nl (Nederlands), he (עברית), uk (Українська), ru (Русский)" in result.stderr
    )
    assert not (tmp_path / "x").exists()
