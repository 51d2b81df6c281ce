"""The imaging studies on paper (issue 17): the brief, the document index and the packet's
contents page list each study of the case in plain words ("CT chest · 12 March 2026 ·
3 series, 412 images · Amsterdam UMC — disc sent to Dr. X on …"), with a warning under a
study whose files carry another patient's name, in the report's language; many studies
are summarised in the brief and listed in the index printed with it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dossier.core import records
from dossier.core.bidi import without_isolates
from dossier.core.i18n import language_scope
from dossier.core.imaging.export import export_disc
from dossier.core.pseudo import OPEN
from dossier.core.reports.brief import consultation_brief
from dossier.core.reports.dates import long_date
from dossier.core.reports.document_index import document_index
from dossier.core.reports.imaging_lines import (
    LINE_BREAK,
    LINE_LIMIT,
    counts,
    study_line,
    warning,
)
from dossier.core.reports.imaging_words import study_name
from dossier.core.reports.model import BulletList, Paragraph, Report, Rich, Section, Table
from dossier.core.reports.packet_contents import packet_contents
from dossier.core.reports.packet_plan import packet_plan
from dossier.core.reports.print_kinds import PrintChoices, print_content
from dossier.core.storage import Dossier
from tests.dicom_discs import SeriesSpec, StudySpec, add_study
from tests.imaging_reports import CYRILLIC, DAY, HEBREW, MANY, Imaging, build_imaging_dossier

CAUTION = (
    "Caution: series 3 (SCOUT) is labelled with another patient's name (Pieter Jansen); "
    "check that its images are this patient's before relying on them."
)


@pytest.fixture(scope="module")
def imaging(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Imaging]:
    built = build_imaging_dossier(tmp_path_factory.mktemp("imaging"))
    yield built
    built.dossier.close()


@pytest.fixture(autouse=True)
def _day(today: Any) -> None:
    today(DAY)


def section(report: Report, heading: str) -> Section:
    return next(s for s in report.sections if s.heading == heading)


def headings(report: Report) -> list[str | None]:
    return [s.heading for s in report.sections]


def plain(text: str) -> str:
    return without_isolates(text)


def lines_of(report: Report, heading: str) -> list[str]:
    (block,) = [b for b in section(report, heading).blocks if isinstance(b, BulletList)]
    return [plain(item) for item in block.items]


def study_section(report: Report) -> Section:
    """The section of the report's imaging lines, whatever its heading's language."""
    (found,) = [
        s
        for s in report.sections
        if any(isinstance(b, BulletList) and "THORAX MET" in b.items[-1] for b in s.blocks)
    ]
    return found


def expected_lines(imaging: Imaging) -> list[str]:
    """The case's studies as the brief and the contents page say them, oldest first."""
    return [
        f"{CYRILLIC} · 10 September 2025 · 1 series, 2 images · Клиника имени Пирогова — "
        "images included on the enclosed disc copy",
        "MRI knee · 4 November 2025 · 2 series, 5 images · Lakeshore Clinic — "
        "images kept by the patient",
        f"{HEBREW} · 2 January 2026 · 1 series, 1 image · המרכז הרפואי שיבא — "
        "images kept by the patient",
        "CT THORAX MET CONTRAST · 12 March 2026 · 3 series, 24 images · Amsterdam UMC — "
        f"disc sent to {imaging.doctor} on 22 November 2026",
    ]


def test_the_brief_lists_each_study_with_where_its_images_are(imaging: Imaging) -> None:
    brief = consultation_brief(imaging.dossier, imaging.case_id, printed=DAY)
    *first, ct = expected_lines(imaging)
    assert lines_of(brief, "Imaging") == [*first, f"{ct}{LINE_BREAK}{CAUTION}"]
    assert headings(brief).index("Imaging") == headings(brief).index("Enclosed documents") + 1
    # The discs the lines speak of are not listed again; the slides are.
    assert lines_of(brief, "Slides, films and discs") == ["Biopsy slides — home"]
    assert "RX THORAX" not in brief.text()  # a study of no case
    assert not brief.appendix  # four studies, no documents: no index needed
    for shorter in brief.shorter:  # every version of it lists them
        assert len(lines_of(shorter, "Imaging")) == 4


def test_the_document_index_has_an_imaging_section(imaging: Imaging) -> None:
    index = document_index(imaging.dossier, imaging.case_id, printed=DAY)
    (table,) = section(index, "Imaging").blocks
    assert isinstance(table, Table)
    assert table.headers == ("Date", "Study", "Images", "Where the images are")
    rows = [tuple(plain(c if isinstance(c, str) else c.text) for c in row) for row in table.rows]
    assert [r[0] for r in rows] == [
        "10 September 2025",
        "4 November 2025",
        "2 January 2026",
        "12 March 2026",
    ]
    assert rows[1][1:] == (
        "MRI knee\nLakeshore Clinic · accession number A2026-0312-77",
        "2 series, 5 images",
        "images kept by the patient: at home, blue folder",
    )
    ct_cell = table.rows[3][1]
    assert isinstance(ct_cell, Rich)
    assert [plain(s.text) for s in ct_cell.spans] == [
        "CT THORAX MET CONTRAST",
        "\nAmsterdam UMC · accession number A2026-0312-77",
        f"\n{CAUTION}",
    ]
    assert ct_cell.spans[2].bold  # the warning stands out, without colour
    assert rows[3][3] == f"disc sent to {imaging.doctor} on 22 November 2026"
    # The description whole in the index, however long (the brief shortens it).
    assert rows[0][1].startswith(CYRILLIC)
    (items,) = section(index, "Slides, films and discs").blocks
    assert isinstance(items, Table) and [r[0] for r in items.rows] == ["Biopsy slides\nslides"]
    assert headings(index) == [None, "Imaging", "Slides, films and discs"]


def test_the_whole_dossiers_index_lists_every_study(imaging: Imaging) -> None:
    index = document_index(imaging.dossier, None, printed=DAY)
    (table,) = section(index, "Imaging").blocks
    assert isinstance(table, Table)
    assert len(table.rows) == 5 + MANY
    studies = [plain(c.text) for _day, c, *_ in table.rows if isinstance(c, Rich)]
    assert len(studies) == len(table.rows)
    # An X-ray whose description says so ("RX"): not "X-ray: RX THORAX PA".
    assert "RX THORAX PA\nAmsterdam UMC · accession number A2026-0312-77" in studies


def test_the_packets_contents_page_lists_the_imaging(imaging: Imaging) -> None:
    plan = packet_plan(imaging.dossier, imaging.case_id, printed=DAY)
    *first, ct = expected_lines(imaging)
    assert [plain(line) for line in plan.imaging] == [*first, f"{ct}\n{CAUTION}"]
    assert [plain(line) for line in plan.items] == ["Biopsy slides — home"]
    contents = packet_contents([], plan.items, plan.footer, total_pages=4, imaging=plan.imaging)
    assert headings(contents)[-2:] == ["Imaging", "Sent separately or brought by the patient"]
    said, table = section(contents, "Imaging").blocks
    assert isinstance(said, Paragraph) and "cannot be printed" in said.text
    assert isinstance(table, Table) and len(table.rows) == 4
    alone = packet_contents([], (), plan.footer, total_pages=4, imaging=plan.imaging)
    assert section(alone, "Sent separately or brought by the patient").blocks == (
        Paragraph("No other slides, films or discs are recorded for this case."),
    )
    none = packet_contents([], (), plan.footer, total_pages=4)
    assert "Imaging" not in headings(none)


def test_many_studies_are_summarised_and_listed_in_the_index(imaging: Imaging) -> None:
    brief = consultation_brief(imaging.dossier, imaging.many_case, printed=DAY)
    (summary,) = section(brief, "Imaging").blocks
    assert isinstance(summary, Paragraph)
    assert summary.text == (
        "30 imaging studies (CT: 8, MRI: 8, X-ray: 7, Ultrasound: 7), from 15 January 2020 "
        "to 15 June 2024. Where the images are: kept by the patient, 30. The document index "
        "printed with this brief lists each study."
    )
    (index,) = brief.appendix
    (table,) = section(index, "Imaging").blocks
    assert isinstance(table, Table) and len(table.rows) == MANY
    plan = packet_plan(imaging.dossier, imaging.many_case, printed=DAY)
    assert len(plan.imaging) == MANY


def test_a_summary_still_lists_the_studies_to_check(imaging: Imaging) -> None:
    """With many studies, the one carrying another patient's name keeps its line and its
    warning in the brief."""
    db = imaging.dossier
    records.update(db, "study", imaging.ct, {"case_id": imaging.many_case})
    try:
        brief = consultation_brief(db, imaging.many_case, printed=DAY)
        summary, flagged = section(brief, "Imaging").blocks
        assert isinstance(summary, Paragraph) and summary.text.startswith("31 imaging studies")
        assert "on discs sent to doctors, 1; kept by the patient, 30." in plain(summary.text)
        assert isinstance(flagged, BulletList) and len(flagged.items) == 1
        assert plain(flagged.items[0]).endswith(CAUTION)
    finally:
        records.update(db, "study", imaging.ct, {"case_id": imaging.case_id})


def test_a_study_in_the_trash_is_not_printed(imaging: Imaging) -> None:
    db = imaging.dossier
    records.delete(db, "study", imaging.ultrasound)
    try:
        brief = consultation_brief(db, imaging.case_id, printed=DAY)
        assert len(lines_of(brief, "Imaging")) == 3
        assert HEBREW not in brief.text()
    finally:
        records.restore(db, "study", imaging.ultrasound)


@pytest.mark.parametrize(("language", "month"), [("nl", "maart"), ("he", "במרץ"), ("ru", "марта")])
def test_the_lines_are_in_the_reports_language(imaging: Imaging, language: str, month: str) -> None:
    brief = print_content(
        imaging.dossier, "brief", PrintChoices(imaging.case_id), language=language, printed=DAY
    )
    assert isinstance(brief, Report)
    (block,) = study_section(brief).blocks
    assert isinstance(block, BulletList)
    ct = plain(block.items[-1])
    with language_scope(language):
        day = long_date(date(2026, 3, 12))
    assert month in day
    assert ct.startswith(f"CT THORAX MET CONTRAST · {day} · ")
    assert "24" in ct


def test_every_word_of_the_lines_is_translated(imaging: Imaging) -> None:
    """In the pseudo-language each standard word of the lines went through the catalogue
    (the hospital's words and the person's stay as written)."""
    brief = print_content(
        imaging.dossier, "brief", PrintChoices(imaging.case_id), language="pseudo", printed=DAY
    )
    assert isinstance(brief, Report)
    imaging_section = study_section(brief)
    assert (imaging_section.heading or "").startswith(OPEN)
    (block,) = imaging_section.blocks
    assert isinstance(block, BulletList)
    mri = plain(block.items[1])
    assert mri.startswith(OPEN)  # "MRI knee": the words and the template
    assert "Lakeshore Clinic" in mri
    assert mri.count(OPEN) >= 6  # the name, the counts (three), where the images are


def test_counts_say_series_and_images_in_the_right_number() -> None:
    def study(series: int, images: int) -> dict[str, Any]:
        return {"series": [{}] * series, "image_count": images}

    assert counts(study(1, 1)) == "1 series, 1 image"
    assert counts(study(3, 412)) == "3 series, 412 images"
    assert counts(study(2, 0)) == "2 series, 0 images"


@pytest.mark.parametrize(
    ("description", "modality", "parts", "name"),
    [
        ("CT THORAX MET CONTRAST", "CT", ("CHEST",), "CT THORAX MET CONTRAST"),
        ("", "CT", ("CHEST",), "CT chest"),
        ("CT 123", "CT", ("CHEST",), "CT chest"),  # cryptic: its series' body part
        ("1.2.840.113619.2.55", "MR", ("KNEE",), "MRI knee"),
        ("STUDY", "MR", ("LSPINE",), "MRI lumbar spine"),
        ("KNIE LINKS", "MR", ("KNEE",), "MRI: KNIE LINKS"),  # says what, not how
        ("MRI-KNEE LEFT", "MR", ("KNEE",), "MRI-KNEE LEFT"),
        ("X-RAY CHEST PA", "DX", ("CHEST",), "X-RAY CHEST PA"),
        ("Echo abdomen", "US", ("ABDOMEN",), "Echo abdomen"),
        ("אולטרסאונד בטן", "US", ("ABDOMEN",), "אולטרסאונד בטן"),
        ("Рентгенография грудной клетки", "CR", ("CHEST",), "Рентгенография грудной клетки"),
        ("органов грудной клетки", "CT", ("CHEST",), "CT: органов грудной клетки"),
        ("", "PT, CT", ("WHOLEBODY",), "PET-CT whole body"),
        ("", "CT, SR", ("HEAD", "NECK"), "CT head, neck"),
        ("", "MR", ("", "UNUSUAL PART"), "MRI unusual part"),
        ("", "MR", (), "MRI"),
        ("ROUTINE", "", (), "ROUTINE"),
        ("", "", (), "Imaging study"),
    ],
)
def test_a_study_is_named_in_a_few_plain_words(
    description: str, modality: str, parts: tuple[str, ...], name: str
) -> None:
    study = {
        "description": description,
        "modality": modality,
        "series": [{"modality": modality, "body_part": part} for part in parts],
    }
    assert plain(study_name(study)) == name


def test_long_descriptions_are_shortened_in_a_line_but_not_in_the_index(
    imaging: Imaging,
) -> None:
    long_hebrew = ("בדיקת אולטרסאונד של הבטן העליונה והתחתונה עם דופלר צבעוני " * 5).strip()
    long_russian = ("Магнитно-резонансная томография коленного сустава с контрастом " * 5).strip()
    for long in (long_hebrew, long_russian):
        study = {
            "description": long,
            "modality": "MR",
            "study_date": "2026-01-02",
            "series": [{"number": 1, "modality": "MR"}],
            "image_count": 1,
            "patient_check": "match",
        }
        line = plain(study_line(imaging.dossier, study, long_date))
        shown = line.split(" · ")[0].removeprefix("MRI: ")
        assert shown.endswith("…") and len(shown) <= LINE_LIMIT
        assert long.startswith(shown[:-1])
        assert plain(study_name(study)).endswith(long)  # whole where there is room


def test_the_warning_says_which_series_are_another_patients(imaging: Imaging) -> None:
    def study(*names: str, check: str = "mismatch") -> dict[str, Any]:
        return {
            "patient_check": check,
            "series": [
                {"number": n, "description": f"S{n}", "patient_name": name}
                for n, name in enumerate(names, start=1)
            ],
        }

    ours, theirs = "EXAMPLE^MARGARET", "JANSEN^PIETER"
    db = imaging.dossier
    assert warning(db, study(ours, theirs, theirs)) == (
        "Caution: series 2 (S2), 3 (S3) are labelled with another patient's name "
        "(\u2068Pieter Jansen\u2069); check that their images are this patient's before "
        "relying on them."
    ).replace("(S2)", "(\u2068S2\u2069)").replace("(S3)", "(\u2068S3\u2069)")
    assert plain(warning(db, study(theirs))) == (
        "Caution: the images are labelled with another patient's name (Pieter Jansen); check "
        "that they are this patient's before relying on them."
    )
    assert plain(warning(db, study(ours))) == (  # another date of birth
        "Caution: the patient's details in the files (name or date of birth) differ from "
        "this patient's; check that the images are this patient's before relying on them."
    )
    assert warning(db, study(theirs, check="match")) == ""
    assert warning(db, study(theirs, check="unknown")) == ""


def test_a_copy_for_the_next_doctor_becomes_the_disc_of_its_study(
    dossier: Dossier, tmp_path: Path
) -> None:
    """The copy export records is the disc the study's line speaks of; a second copy does
    not take its place, and is listed among the discs."""
    records.update(dossier, "person", 1, {"name": "Margaret Example", "born": "1958-02-14"})
    spec = StudySpec(7, description="MRI KNEE", series=(SeriesSpec(1, "T1", "MR", "KNEE", 2, 16),))
    study_id = add_study(dossier, tmp_path / "disc", spec)
    case_id = records.create(dossier, "case", {"title": "Knee", "kind": "diagnosis"}).id
    records.update(dossier, "study", study_id, {"case_id": case_id})
    doctor = records.create(dossier, "contact", {"name": "Dr. Ada Weiss"}).id
    first = export_disc(dossier, [study_id], tmp_path / "copy", sent_to_id=doctor)
    assert records.get(dossier, "study", study_id)["disc_item_id"] == first.item_id
    second = export_disc(dossier, [study_id], tmp_path / "copy-2")
    assert records.get(dossier, "study", study_id)["disc_item_id"] == first.item_id
    brief = consultation_brief(dossier, case_id, printed=DAY)
    assert lines_of(brief, "Imaging")[0].endswith(
        "— disc sent to Dr. Ada Weiss on 22 November 2026"
    )
    (item,) = lines_of(brief, "Slides, films and discs")
    assert item.startswith("Copy of the imaging disc: MRI KNEE")
    assert second.item_id != first.item_id
