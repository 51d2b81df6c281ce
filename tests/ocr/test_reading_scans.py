"""Scans and phone photos in the five languages, imported and read for real (Tesseract):
found by search for a word on their page, citable by page, read upright, in the right
language; a run stopped part way carries on; text corrected by hand is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.core import records, search
from dossier.core.comparison.ops import set_citations
from dossier.core.importer.pipeline import import_paths
from dossier.core.importer.pool import SandboxPool
from dossier.core.ocr.queue import correct_page, count_pending, queue_again
from dossier.core.ocr.run import recognise_pending
from dossier.core.ocr.settings import dossier_languages, set_dossier_languages
from dossier.core.storage import Dossier
from tests import scans


def readings(dossier: Dossier) -> dict[tuple[int, int], dict[str, object]]:
    rows = dossier.db.execute(
        "SELECT document_id, page, state, confidence, languages, rotation, text "
        "FROM page_reading ORDER BY document_id, page"
    ).fetchall()
    keys = ("state", "confidence", "languages", "rotation", "text")
    return {(r[0], r[1]): dict(zip(keys, r[2:], strict=True)) for r in rows}


def found_on(dossier: Dossier, word: str) -> set[tuple[int, int | None]]:
    return {(hit.id, hit.page) for hit in search.search(dossier, word) if hit.kind == "document"}


@pytest.fixture(scope="module")
def read_dossier(
    tmp_path_factory: pytest.TempPathFactory, scan_folder: Path, readers: SandboxPool
) -> Dossier:
    """A dossier (read in the default languages, English) with every scan and photo read."""
    from dossier.core.opening import create_dossier

    dossier = create_dossier(tmp_path_factory.mktemp("read") / "d", name="Reader")
    results = import_paths(dossier, [scan_folder])
    assert [r.status for r in results] == ["imported"] * 10
    assert count_pending(dossier) == 10  # the import itself reads nothing: it stays quick
    summary = recognise_pending(dossier, pool=readers)
    assert (summary.read, summary.refused, summary.waiting) == (10, 0, 0)
    return dossier


def document_of(dossier: Dossier, name: str) -> int:
    row = dossier.db.execute("SELECT id FROM document WHERE original_name = ?", [name]).fetchone()
    return int(row[0])


@pytest.mark.parametrize("language", scans.LANGUAGES)
def test_a_scan_and_a_photo_in_each_language_are_found_by_a_word_on_their_page(
    read_dossier: Dossier, language: str
) -> None:
    scan = document_of(read_dossier, f"scan-{language}.pdf")
    photo = document_of(read_dossier, f"photo-{language}.jpg")
    assert found_on(read_dossier, scans.KEYWORDS[language]) >= {(scan, 1), (photo, 1)}
    for document in (scan, photo):
        reading = readings(read_dossier)[(document, 1)]
        assert reading["state"] == "read"
        assert isinstance(reading["confidence"], int) and reading["confidence"] >= 60
        assert language in str(reading["languages"]).split(",")
        # The language is found from the text read, though the dossier reads in English.
        assert records.get(read_dossier, "document", document)["language"] == language
        truth = scans.source_text(language)
        assert scans.cer(str(reading["text"]), truth) < (0.03 if document == scan else 0.08)


def test_a_photo_held_sideways_is_read_upright_by_its_exif_orientation(
    read_dossier: Dossier,
) -> None:
    photo = document_of(read_dossier, "photo-en.jpg")
    reading = readings(read_dossier)[(photo, 1)]
    assert reading["rotation"] == 0  # EXIF turned it; the engine did not need to
    assert scans.KEYWORDS["en"] in str(reading["text"])


def test_a_comparison_cites_a_recognised_page(read_dossier: Dossier) -> None:
    photo = document_of(read_dossier, "photo-nl.jpg")
    case = records.create(read_dossier, "case", {"title": "Knie"}).id
    opinion = records.create(read_dossier, "opinion", {"case_id": case}).id
    set_citations(read_dossier, opinion, "diagnosis", [{"document_id": photo, "page": 1}])
    cited = records.get(read_dossier, "opinion", opinion)["citations"]["diagnosis"]
    assert cited == [{"document_id": photo, "page": 1}]


def test_a_page_scanned_upside_down_or_sideways_is_turned_by_the_engine(
    dossier: Dossier, tmp_path: Path, readers: SandboxPool
) -> None:
    scans.scanned_pdf(tmp_path / "upside-down.pdf", "en", rotate=180)
    scans.scanned_pdf(tmp_path / "sideways.pdf", "ru", rotate=90)
    import_paths(dossier, [tmp_path])
    recognise_pending(dossier, pool=readers)
    by_name = {
        name: readings(dossier)[(document_of(dossier, name), 1)]
        for name in ("upside-down.pdf", "sideways.pdf")
    }
    assert by_name["upside-down.pdf"]["rotation"] == 180
    assert by_name["sideways.pdf"]["rotation"] in (90, 270)
    assert scans.KEYWORDS["en"] in str(by_name["upside-down.pdf"]["text"])
    assert scans.KEYWORDS["ru"] in str(by_name["sideways.pdf"]["text"])


def test_only_the_scanned_page_of_a_mixed_pdf_is_read(
    dossier: Dossier, tmp_path: Path, readers: SandboxPool
) -> None:
    scans.mixed_pdf(tmp_path / "mixed.pdf", "nl")
    set_dossier_languages(dossier, ["nl", "en"])
    import_paths(dossier, [tmp_path / "mixed.pdf"])
    document = document_of(dossier, "mixed.pdf")
    assert list(readings(dossier)) == [(document, 2)]
    recognise_pending(dossier, pool=readers)
    assert found_on(dossier, scans.KEYWORDS["nl"]) == {(document, 1), (document, 2)}
    assert readings(dossier)[(document, 2)]["languages"] == "en,nl"


def test_a_stopped_run_carries_on_where_it_stopped(
    dossier: Dossier, scan_folder: Path, readers: SandboxPool
) -> None:
    import_paths(dossier, sorted(scan_folder.glob("scan-*.pdf")))
    seen: list[int] = []

    def progress(done: int, total: int, document: int | None) -> None:
        seen.append(done)

    first = recognise_pending(
        dossier, pool=readers, progress=progress, cancelled=lambda: len(seen) > 1
    )
    assert 1 <= first.read < 5 and first.waiting == 5 - first.read
    second = recognise_pending(dossier, pool=readers)
    assert second.read == 5 - first.read and second.waiting == 0
    assert all(r["state"] == "read" for r in readings(dossier).values())


def test_text_corrected_by_hand_is_kept_when_the_page_is_read_again(
    read_dossier: Dossier, readers: SandboxPool
) -> None:
    photo = document_of(read_dossier, "photo-he.jpg")
    correct_page(read_dossier, photo, 1, "Dr. Пётр Jansen-כהן, corrected by hand")
    assert queue_again(read_dossier, document_id=photo, redo=True) == 0
    assert queue_again(read_dossier, redo=True) == 9  # every read page but the corrected one
    summary = recognise_pending(read_dossier, pool=readers, cancelled=lambda: True)
    assert summary.read == 0 and summary.waiting == 9
    scan = document_of(read_dossier, "scan-he.pdf")
    summary = recognise_pending(read_dossier, pool=readers, document_id=scan)
    assert (summary.read, summary.waiting) == (1, 0)
    reading = readings(read_dossier)[(photo, 1)]
    assert (reading["state"], reading["text"]) == (
        "corrected",
        "Dr. Пётр Jansen-כהן, corrected by hand",
    )
    assert found_on(read_dossier, "Jansen") == {(photo, 1)}


def test_the_language_chosen_for_a_document_is_the_one_it_is_read_in(
    dossier: Dossier, scan_folder: Path, readers: SandboxPool
) -> None:
    import_paths(dossier, [scan_folder / "photo-uk.jpg"])
    document = document_of(dossier, "photo-uk.jpg")
    assert dossier_languages(dossier) == ("en",)
    queue_again(dossier, document_id=document, languages=["uk"])
    recognise_pending(dossier, pool=readers)
    assert readings(dossier)[(document, 1)]["languages"] == "uk"


def test_a_photo_named_by_the_phone_takes_its_title_and_kind_from_its_text(
    dossier: Dossier, tmp_path: Path, readers: SandboxPool
) -> None:
    scans.photo_jpeg(tmp_path / "IMG_2034.jpg", "ru")
    scans.photo_jpeg(tmp_path / "Brief aan de huisarts.jpg", "nl", seed=3)
    import_paths(dossier, [tmp_path])
    phone = document_of(dossier, "IMG_2034.jpg")
    named = document_of(dossier, "Brief aan de huisarts.jpg")
    assert records.get(dossier, "document", phone)["title"] == "IMG 2034"
    recognise_pending(dossier, pool=readers)
    record = records.get(dossier, "document", phone)
    first_line = scans.source_text("ru").splitlines()[0]
    assert (record["title"], record["kind"]) == (first_line, "discharge_summary")
    assert [h.id for h in search.search(dossier, first_line.split()[0])][:1] == [phone]
    # A name the person gave is kept, and so is a document changed since its import.
    assert records.get(dossier, "document", named)["title"] == "Brief aan de huisarts"


def test_a_photo_without_text_is_found_to_hold_none(
    dossier: Dossier, tmp_path: Path, readers: SandboxPool
) -> None:
    from PIL import Image, ImageFilter

    from dossier.core.ocr.summary import document_readings, page_note

    grain = Image.effect_noise((3000, 2000), 40).filter(ImageFilter.GaussianBlur(1))
    grain.convert("RGB").save(tmp_path / "wound.jpg", quality=85)
    import_paths(dossier, [tmp_path / "wound.jpg"])
    summary = recognise_pending(dossier, pool=readers)
    assert (summary.read, summary.poor, summary.refused) == (1, 0, 0)
    document = document_of(dossier, "wound.jpg")
    reading = readings(dossier)[(document, 1)]
    assert (reading["text"], reading["confidence"]) == ("", None)
    note = page_note(document_readings(dossier, document)[1])
    assert note == "No text was found on this page."


def test_a_document_s_language_corrected_reads_its_pages_again_in_it(
    dossier: Dossier, tmp_path: Path, readers: SandboxPool
) -> None:
    scans.scanned_pdf(tmp_path / "brief.pdf", "nl")
    set_dossier_languages(dossier, ["en"])
    import_paths(dossier, [tmp_path / "brief.pdf"])
    document = document_of(dossier, "brief.pdf")
    queue_again(dossier, document_id=document, languages=["en"])  # as if the guess were wrong
    recognise_pending(dossier, pool=readers)
    assert readings(dossier)[(document, 1)]["languages"] == "en"
    records.update(dossier, "document", document, {"language": "de"})
    assert count_pending(dossier) == 0  # not one of the five: nothing to read again
    records.update(dossier, "document", document, {"language": "nl"})
    assert count_pending(dossier) == 1
    recognise_pending(dossier, pool=readers)
    assert readings(dossier)[(document, 1)]["languages"] == "en,nl"
    records.update(dossier, "document", document, {"language": "en"})
    assert count_pending(dossier) == 0  # read in English already


def test_an_archive_carries_the_recognised_and_the_corrected_text(
    read_dossier: Dossier, tmp_path: Path
) -> None:
    from dossier.core.archive import export_archive, import_archive
    from dossier.core.opening import open_dossier

    photo = document_of(read_dossier, "photo-he.jpg")
    correct_page(read_dossier, photo, 1, "Rivka Cohen-Квітчастенко, typed by hand")
    export_archive(read_dossier, tmp_path / "family.zip")
    import_archive(tmp_path / "family.zip", tmp_path / "rebuilt")
    with open_dossier(tmp_path / "rebuilt") as rebuilt:
        # what waited to be read again still waits, and keeps its text meanwhile
        assert count_pending(rebuilt) == count_pending(read_dossier)
        for language in ("en", "nl", "uk", "ru"):
            scan = document_of(rebuilt, f"scan-{language}.pdf")
            assert found_on(rebuilt, scans.KEYWORDS[language]) >= {(scan, 1)}
        assert found_on(rebuilt, "Квітчастенко") == {(photo, 1)}
        assert readings(rebuilt)[(photo, 1)]["state"] == "corrected"
