"""Documents in several languages on paper: the document index names each document's language
in the report's language and marks translations; the packet, asked to use translations into
a language, prints the translated copy in place of its original and lists on its contents
page what still needs translating (read back from the PDF with pdfium); and the same from
``dossier print packet --translations``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core import records
from dossier.core.i18n import language_scope
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.reports.document_index import document_index
from dossier.core.reports.packet_plan import DocumentPart, packet_plan
from dossier.core.storage import Dossier
from dossier.core.textpdf import Block, write_pdf
from dossier.reports.packet_pdf import render_packet
from tests.cli.runner import run
from tests.reports.pdf_reading import pdfium_pages
from tests.unit.test_document_languages import DUTCH, ENGLISH

GERMAN = (
    "Sehr geehrte Kollegin, die Patientin wurde in unserer Sprechstunde gesehen. Die "
    "Untersuchung des Knies ergab einen Riss des Meniskus. Wir empfehlen zunächst eine "
    "Physiotherapie und eine Kontrolle in drei Monaten. Mit freundlichen Grüßen."
)


def letter(path: Path, title: str, text: str) -> Path:
    write_pdf(path, [Block(title, "heading"), Block(text)], title=title, author="Dr Test")
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A case with three documents to bring: a Dutch letter with a certified English
    translation (not itself marked to bring), a German letter without one, and an English
    lab result; built once, read by every test."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_HOME", str(tmp_path_factory.mktemp("home")))
        base = tmp_path_factory.mktemp("translations")
        files = base / "files"
        files.mkdir()
        path = base / "dossier"
        dossier = create_dossier(path, name="Margaret Lindqvist", born="1958-04-23")
        case = records.create(dossier, "case", {"title": "Right knee"}).id
        results = import_paths(
            dossier,
            [
                letter(files / "dutch.pdf", "Brief orthopedie", DUTCH),
                letter(files / "english.pdf", "Orthopaedic letter (translation)", ENGLISH),
                letter(files / "german.pdf", "Arztbrief Kniegelenk", GERMAN),
                letter(files / "lab.pdf", "Blood results", ENGLISH),
            ],
        )
        dutch, english, german, lab = (r.document_id for r in results)
        for document in (dutch, german, lab):
            records.update(dossier, "document", document, {"case_ids": [case], "bring": True})
        records.update(dossier, "document", german, {"language": "de"})
        records.update(
            dossier,
            "document",
            english,
            {
                "translation_of_id": dutch,
                "translation_certified": True,
                "translated_by": "Vertaalbureau Noord",
            },
        )
        dossier.close()
    return path


@pytest.fixture
def dossier(folder: Path) -> Iterator[Dossier]:
    with open_dossier(folder) as opened:
        yield opened


def test_the_index_names_each_language_and_marks_the_translation(dossier: Dossier) -> None:
    text = document_index(dossier).text()
    assert "Dutch" in text and "German" in text and "English" in text
    assert (
        "Translation of '\u2068Brief orthopedie\u2069', certified by \u2068Vertaalbureau Noord"
        in (text)
    )
    with language_scope("nl"):
        dutch = document_index(dossier).text()
    assert "Nederlands" in dutch and "Duits" in dutch and "Engels" in dutch
    with language_scope("uk"):
        assert "Нідерландська" in document_index(dossier).text()


def _documents(plan_parts: tuple[object, ...]) -> list[str]:
    return [p.document["title"] for p in plan_parts if isinstance(p, DocumentPart)]


def test_the_packet_takes_the_translation_and_lists_what_still_needs_translating(
    dossier: Dossier, tmp_path: Path
) -> None:
    plain = packet_plan(dossier, 1)
    assert sorted(_documents(plain.parts)) == [
        "Arztbrief Kniegelenk",
        "Blood results",
        "Brief orthopedie",
    ]
    assert plain.untranslated == ()

    plan = packet_plan(dossier, 1, translations="en")
    assert sorted(_documents(plan.parts)) == [
        "Arztbrief Kniegelenk",
        "Blood results",
        "Orthopaedic letter (translation)",
    ]
    assert [(u.title, u.language) for u in plan.untranslated] == [
        ("Arztbrief Kniegelenk", "German")
    ]
    out = tmp_path / "packet.pdf"
    render_packet(plan, out)
    pages = pdfium_pages(out)
    whole = " ".join(pages)
    assert "Dear colleague" in whole and "Geachte collega" not in whole
    contents = next(page for page in pages if "Contents of this packet" in page)
    assert "Still to be translated" in contents
    assert "no translation of them into this language: English." in contents
    assert "Arztbrief Kniegelenk German" in contents

    into_dutch = packet_plan(dossier, 1, translations="nl")  # the Dutch letter stays itself
    assert "Brief orthopedie" in _documents(into_dutch.parts)
    assert sorted(u.title for u in into_dutch.untranslated) == [
        "Arztbrief Kniegelenk",
        "Blood results",
    ]


def test_dossier_print_packet_with_translations(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "packet.pdf"
    done = json.loads(
        run(
            "--dossier", str(folder), "print", "packet", "--case", "1", "--out", str(out),
            "--translations", "--json",
        ).stdout
    )  # fmt: skip
    assert done["translations"] == "en"
    assert done["to_translate"] == [{"title": "Arztbrief Kniegelenk", "language": "German"}]
    assert "Orthopaedic letter (translation)" in [part["title"] for part in done["parts"]]
    said = run(
        "--dossier", str(folder), "print", "packet", "--case", "1", "--out", str(out),
        "--translations", "de",
    ).stdout  # fmt: skip
    assert "Still to be translated: Brief orthopedie (Dutch)" in said
    refused = run(
        "--dossier", str(folder), "print", "packet", "--case", "1", "--out", str(out),
        "--translations", "xx", check=2,
    )  # fmt: skip
    assert "'xx' is not a language a document can be marked as written in" in refused.stderr
