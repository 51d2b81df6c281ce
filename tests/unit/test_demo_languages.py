"""The example dossier in each language: the same story, told and dated in that language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from dossier.core import paths, person, records
from dossier.core.demo import build_demo
from dossier.core.demo_content import (
    CONTENT_FILE,
    DemoContentError,
    content_file,
    content_languages,
    content_shape,
    demo_content,
    load_demo_content,
)
from dossier.core.dossier_choice import choose_dossier
from dossier.core.i18n import LANGUAGES, language_scope, set_language
from dossier.core.opening import create_dossier
from dossier.core.resources import resource_path
from dossier.core.storage import Dossier

DAY = date(2026, 5, 20)  # the day the Dutch example is built on
FOLDER = resource_path(CONTENT_FILE).parent
TELLINGS = sorted(FOLDER.glob("content.*.toml"))


def test_every_language_has_its_telling() -> None:
    assert "nl" in content_languages()
    assert set(content_languages()) == set(LANGUAGES)  # every language tells the story
    assert content_file("nl").name == "content.nl.toml"
    assert content_file("en") == content_file(None) == content_file("xx") == FOLDER / "content.toml"


@pytest.mark.parametrize("path", TELLINGS, ids=lambda p: p.name)
def test_every_telling_is_the_same_story_as_the_english(path: Path) -> None:
    told = load_demo_content(path)  # read and checked like the English file
    assert content_shape(told) == content_shape(demo_content())
    english = demo_content()
    assert told.patient_name != english.patient_name  # told in its own words
    assert [d.title for d in told.documents] != [d.title for d in english.documents]


def test_a_telling_that_loses_a_document_differs_in_shape(tmp_path: Path) -> None:
    text = (FOLDER / "content.nl.toml").read_text(encoding="utf-8")
    start = text.index('[[documents]]\nkey = "doc_notes"')
    end = text.index("[[documents]]", start + 1)
    shorter = tmp_path / "content.nl.toml"
    shorter.write_text(text[:start] + text[end:], encoding="utf-8")
    assert content_shape(load_demo_content(shorter)) != content_shape(demo_content())
    shorter.write_text(text.replace('case_id = "knee"', 'case_id = "knie"', 1), "utf-8")
    with pytest.raises(DemoContentError, match="case_id"):
        load_demo_content(shorter)


@pytest.fixture(scope="module")
def dutch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dossier]:
    built = build_demo(tmp_path_factory.mktemp("nl") / "dossier", today=DAY, language="nl")
    yield built
    built.close()


def test_the_dutch_example_is_told_in_dutch(dutch: Dossier) -> None:
    assert person.get_person(dutch)["name"] == "Margaretha (Margriet) Lindeboom"
    assert person.get_person(dutch)["born"] == "1958-04-23"
    titles = {c["title"] for c in records.list_records(dutch, "case")}
    assert "Borstkanker: borstamputatie of borstsparende operatie?" in titles
    insurer = records.get(dutch, "contact", person.get_person(dutch)["insurer_id"])
    assert insurer["name"] == "Havenland Zorgverzekeringen"
    pages = [row[0] for row in dutch.db.execute("SELECT text FROM document_page")]
    assert any("Geachte collega" in text for text in pages)


def test_dates_in_the_dutch_documents_are_written_in_dutch(dutch: Dossier) -> None:
    pages = "\n".join(row[0] for row in dutch.db.execute("SELECT text FROM document_page"))
    visit = DAY - timedelta(days=20)  # Annelies's notes and Dr. Van Dam's letter name it
    assert visit == date(2026, 4, 30)
    assert "Aantekeningen Annelies, bezoek Sint Anna Kliniek, 30 april 2026" in pages
    assert "Op 14 februari 2026 zag ik" in pages.replace("\n", " ")  # the first letter
    assert "April" not in pages and "February" not in pages


def test_the_dutch_example_has_as_many_records_as_the_english() -> None:
    english, dutch = demo_content(), demo_content("nl")
    assert len(dutch.records) == len(english.records)
    assert [d.days_ago for d in dutch.documents] == [d.days_ago for d in english.documents]


def test_the_windows_example_is_made_once_for_each_language() -> None:
    plain = paths.demo_dossier_path()
    dutch = plain.with_name(f"{plain.name} (nl)")
    for folder, name in ((plain, "Maggie"), (dutch, "Margriet")):
        create_dossier(folder, name=name).close()  # made before: reused, not built again
    try:
        set_language("nl")
        assert choose_dossier(None, demo=True) == dutch
        with language_scope("en"):
            assert choose_dossier(None, demo=True) == plain
    finally:
        set_language("en")


def test_an_unknown_language_is_refused_before_anything_is_made(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="nl"):
        build_demo(tmp_path / "x", language="xx")
    assert not (tmp_path / "x").exists()


def test_a_date_that_ends_a_sentence_ends_it_once() -> None:
    """A Russian date ends in "г.": "… пришли 15 ноября 2026 г." has one full stop."""
    from types import SimpleNamespace

    from dossier.core.demo import _Builder
    from dossier.core.i18n import language_scope

    builder = SimpleNamespace(today=date(2026, 12, 5))
    with language_scope("ru"):
        text = _Builder.dated(builder, "Результаты пришли {20 days ago}. Далее")  # type: ignore[arg-type]
    assert text == "Результаты пришли 15 ноября 2026\u202fг. Далее"
