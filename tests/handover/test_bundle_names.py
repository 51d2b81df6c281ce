"""Names in a bundle: safe on Windows, macOS, Linux and a FAT32 stick, whatever the title."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from dossier.core.handover.bundle_names import (
    STEM_BYTES,
    STEM_CHARACTERS,
    NameBook,
    safe_ending,
    safe_stem,
)

ROOT = PurePosixPath(".")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("Lpt1", "_Lpt1"),
        ("COM¹", "_COM¹"),
        ("CONSULTATION", "CONSULTATION"),
        ("a/b:c*?", "a-b - c"),
        ("Histopathology report: core biopsy", "Histopathology report - core biopsy"),
        ('The "second" look | <draft>', "The 'second' look - draft"),
        ("\u202eevil\x00\x1b[31m", "evil [31m"),
        ("  ...hidden. ", "hidden"),
        ("מכתב מבית החולים", "מכתב מבית החולים"),
        ("Заключение МРТ", "Заключение МРТ"),
        ("e\u0301te\u0301", "été"),  # composed, as macOS and Windows compare names
        ("", "fallback"),
        ("?*:", "fallback"),
    ],
)
def test_safe_stem(title: str, expected: str) -> None:
    assert safe_stem(title, "fallback") == expected


@pytest.mark.parametrize("title", ["x" * 300, "שלום " * 80, "Ж" * 300, "😀" * 300, "a " * 300])
def test_long_titles_are_cut_and_say_so(title: str) -> None:
    stem = safe_stem(title, "fallback")
    assert stem.endswith("…")
    assert len(stem) <= STEM_CHARACTERS and len(stem.encode("utf-8")) <= STEM_BYTES
    assert len(stem.encode("utf-16-le")) // 2 <= 255  # FAT32's long names


def test_a_bracket_left_open_by_the_cut_goes() -> None:
    stem = safe_stem("10 2026-04-24 " + "word " * 14 + "(Dr. Martínez and colleagues)", "x")
    assert "(" not in stem and stem.endswith("…")


def test_names_are_unique_where_case_does_not_count() -> None:
    book = NameBook()
    book.reserve(ROOT, "CONTENTS.txt")
    assert book.name(ROOT, "contents", ".TXT") == ROOT / "contents (2).TXT"
    assert book.name(ROOT, "Lab", ".pdf") == ROOT / "Lab.pdf"
    assert book.name(ROOT, "LAB", ".pdf") == ROOT / "LAB (2).pdf"
    assert book.name(ROOT, "lab", ".pdf") == ROOT / "lab (3).pdf"
    assert book.name(PurePosixPath("Documents"), "Lab", ".pdf") == PurePosixPath(
        "Documents/Lab.pdf"
    )
    long = safe_stem("y" * 300, "x")
    again = book.name(ROOT, long, ".pdf")
    twice = book.name(ROOT, long, ".pdf")
    assert twice.name.endswith(" (2).pdf") and len(twice.stem) <= STEM_CHARACTERS
    assert again != twice


@pytest.mark.parametrize(
    ("ending", "expected"), [(".PDF", ".pdf"), (".t x/t", ".txt"), ("", ""), (".\u202etxt", ".txt")]
)
def test_safe_ending(ending: str, expected: str) -> None:
    assert safe_ending(ending) == expected


def test_a_long_case_title_is_named_by_its_part_before_the_colon(tmp_path: Path) -> None:
    from dossier.core import records
    from dossier.core.handover.bundle_choices import bundle_name
    from dossier.core.opening import create_dossier

    dossier = create_dossier(tmp_path / "d", name="Олена Коваленко")
    try:
        long = "Щитоподібна залоза: операція зараз чи спостереження за вузлом?"
        case = records.create(dossier, "case", {"title": long}).id
        assert bundle_name(dossier, case, None) == "Second opinion - Щитоподібна залоза"
        plain = "Right knee replacement now or exercise therapy first and decide again later"
        other = records.create(dossier, "case", {"title": plain}).id
        assert bundle_name(dossier, other, None) == (
            "Second opinion - Right knee replacement now or exercise therapy"
        )
    finally:
        dossier.close()
