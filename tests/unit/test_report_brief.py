"""The consultation brief says what a consulting doctor needs, within two pages: the
question whole, what matters first in the history, every diagnosis with its status, the
other current conditions, whose proposal the treatment is, the slides and discs, and the
documents that could not be enclosed (issue 14)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfWriter

from dossier.core import records
from dossier.core.bidi import FSI, PDI, without_isolates
from dossier.core.demo import build_demo
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import open_dossier
from dossier.core.reports.brief import consultation_brief
from dossier.core.reports.brief_history import RANK_DOCUMENT, RANK_FINDING, Event, history_blocks
from dossier.core.reports.dates import long_date
from dossier.core.reports.model import (
    BulletList,
    KeyValues,
    Paragraph,
    Report,
    Section,
    Table,
    block_text,
    cell_text,
)
from dossier.core.storage import Dossier

DAY = date(2026, 11, 22)
LONG_QUESTION = (
    "Should I have the prostate removed, have radiotherapy with hormone treatment, have "
    "focal therapy of the one lesion seen, or go on with active surveillance, that is "
    "repeat MRI and PSA every six months and a biopsy every two years? "
) * 9  # about 1,800 characters


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("november") / "dossier"
    build_demo(folder, today=DAY).close()
    return folder


@pytest.fixture(scope="module")
def demo(demo_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dossier]:
    """The example dossier built on 22 November 2026, read only."""
    copy = tmp_path_factory.mktemp("read") / "dossier"
    shutil.copytree(demo_folder, copy)
    opened = open_dossier(copy)
    yield opened
    opened.close()


@pytest.fixture
def changed(demo_folder: Path, tmp_path: Path) -> Iterator[Dossier]:
    """A copy of it for one test to change."""
    shutil.copytree(demo_folder, tmp_path / "dossier")
    opened = open_dossier(tmp_path / "dossier")
    yield opened
    opened.close()


def case_of(dossier: Dossier, kind: str) -> int:
    return next(c["id"] for c in records.list_records(dossier, "case") if c["kind"] == kind)


def section(report: Report, heading: str) -> Section:
    return next(s for s in report.sections if s.heading == heading)


def plain(report: Report) -> str:
    return without_isolates(report.text())


def versions(report: Report) -> list[Report]:
    return [report, *report.shorter]


def test_the_question_prints_whole_in_every_version(changed: Dossier) -> None:
    case = case_of(changed, "treatment")
    records.update(changed, "case", case, {"question": LONG_QUESTION})
    brief = consultation_brief(changed, case, printed=DAY)
    assert brief.max_pages == 2 and len(brief.shorter) >= 3
    for version in versions(brief):
        question = section(version, "The question for this consultation").blocks[0]
        assert isinstance(question, Paragraph)
        assert question.text == " ".join(LONG_QUESTION.split())
        assert "repeat MRI and PSA every six months" in question.text
        assert "…" not in question.text


def test_shorter_versions_keep_the_identity_and_tell_less(demo: Dossier) -> None:
    brief = consultation_brief(demo, case_of(demo, "treatment"), printed=DAY)
    patient = section(brief, "Patient")
    lengths = []
    for version in versions(brief):
        assert section(version, "Patient") == patient  # the identity is never shortened
        assert version.footer == brief.footer
        lengths.append(len(version.text()))
    assert lengths == sorted(lengths, reverse=True) and lengths[-1] < lengths[0] * 0.85
    history = [section(v, "History").blocks[0] for v in versions(brief)]
    rows = [len(t.rows) for t in history if isinstance(t, Table)]
    assert rows == sorted(rows, reverse=True) and rows[-1] < rows[0]


def test_few_enclosed_documents_are_listed_whole_without_an_index(demo: Dossier) -> None:
    case = case_of(demo, "treatment")
    brief = consultation_brief(demo, case, printed=DAY)
    bring = [d for d in records.list_records(demo, "document", case_id=case) if d["bring"]]
    for version in versions(brief):
        listed = section(version, "Enclosed documents").blocks[0]
        assert isinstance(listed, BulletList) and len(listed.items) == len(bring)
        assert version.appendix == ()


def _import_many(dossier: Dossier, folder: Path, case: int, n: int) -> None:
    folder.mkdir()
    paths = []
    for i in range(n):
        path = folder / f"result-{i:02}.txt"
        path.write_text(f"Blood result number {i}\n", "utf-8")
        paths.append(path)
    locked = folder / "locked.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    locked.write_bytes(buffer.getvalue())
    paths.append(locked)
    for result in import_paths(dossier, paths, case_id=case):
        assert result.document_id is not None, result
        name = Path(result.path).name
        kind = "letter" if name == "locked.pdf" else "lab_result"
        title = "Locked referral letter" if name == "locked.pdf" else f"Blood result {name[7:9]}"
        records.update(
            dossier,
            "document",
            result.document_id,
            {"bring": True, "kind": kind, "title": title, "document_date": "2026-10-01"},
        )


def test_many_enclosed_documents_are_summarised_and_the_index_printed_with_it(
    changed: Dossier, tmp_path: Path
) -> None:
    case = case_of(changed, "surgery")
    _import_many(changed, tmp_path / "incoming", case, 14)
    brief = consultation_brief(changed, case, printed=DAY)
    for version in versions(brief):
        blocks = section(version, "Enclosed documents").blocks
        text = "\n".join(without_isolates(t) for b in blocks for t in block_text(b))
        # 15 to bring: the 14 enclosed are counted by kind, the locked one is not enclosed
        assert "14 documents are enclosed (14 pages); by kind, lab result: 14." in text
        assert "These could not be enclosed (1):" in text
        # the one that could not be enclosed is named, with why
        assert "Locked referral letter: not included (password-protected)" in text
        assert "The full list is in the document index printed with this brief." in text
        assert "Blood result 03" not in text  # the others are only counted
        (index,) = version.appendix
        assert index.kind == "index"
        assert "Blood result 03" in index.text()
        assert "Locked referral letter: not included (password-protected)" in plain(index)


def test_the_knee_brief_says_no_document_is_enclosed_and_where_the_films_are(
    demo: Dossier,
) -> None:
    case = case_of(demo, "surgery")
    brief = consultation_brief(demo, case, printed=DAY)
    held = len(records.list_records(demo, "document", case_id=case))
    enclosed = plain_section(section(brief, "Enclosed documents"))
    assert f"No documents are enclosed. The patient's dossier holds {held} for this case" in (
        enclosed
    )
    said = plain_section(section(brief, "Slides, films and discs"))
    assert (
        "Knee X-ray films, right knee, two views — At home, in the large envelope "
        "(back from Dr. Ingrid Halvorsen · Northfield Joint Clinic on "
    ) in said
    assert "Knee MRI on CD — At home, blue folder" in said  # "CD" says it is a disc


def plain_section(found: Section) -> str:
    return "\n".join(without_isolates(t) for b in found.blocks for t in block_text(b))


def test_the_breast_brief_says_where_the_slides_are(demo: Dossier) -> None:
    text = plain(consultation_brief(demo, case_of(demo, "treatment"), printed=DAY))
    assert "Core biopsy slides, left breast" in text
    assert "sent to Dr. Helena Müller · Lakeshore Pathology Institute on" in text
    assert "Breast MRI on CD (DICOM images) — At home, blue folder" in text


def test_history_keeps_diagnoses_first_and_says_what_it_left_out() -> None:
    diagnosis = Event("2026-01-10", RANK_FINDING, "Diagnosis", "Breast cancer")
    documents = [
        Event(f"2026-{m:02}-{d:02}", RANK_DOCUMENT, "Document", f"Blood count {m}/{d}")
        for m in range(2, 12)
        for d in (5, 20)
    ]
    table, note = history_blocks([diagnosis, *documents], 12, long_date, index_attached=True)
    assert table is not None and len(table.rows) == 12
    assert table.rows[0] == ("10 January 2026", "Diagnosis", "Breast cancer")  # oldest, kept
    assert table.rows[-1][2] == "Blood count 11/20"  # then the newest documents
    assert note is not None
    assert note.text == (
        "Left out of this history for room: 9 documents "
        "(the document index printed with this brief lists them all)."
    )
    table, note = history_blocks([diagnosis, *documents[:3]], 12, long_date, index_attached=False)
    assert table is not None and len(table.rows) == 4 and note is None


def test_every_version_keeps_every_diagnosis_of_the_case(demo: Dossier) -> None:
    case = case_of(demo, "treatment")
    brief = consultation_brief(demo, case, printed=DAY)
    names = [d["name"] for d in records.list_records(demo, "diagnosis", case_id=case)]
    for version in versions(brief):
        table = section(version, "Diagnoses and treatment").blocks[0]
        assert isinstance(table, Table)
        for name in names:  # each with its status, however short the brief
            assert any(str(row[0]).startswith(name[:30]) for row in table.rows), name
    fullest = section(brief, "History").blocks[0]
    assert isinstance(fullest, Table)
    for name in names:  # and in the history while it has room
        assert any(str(row[2]).startswith(name[:30]) for row in fullest.rows), name
    shortest = plain(brief.shorter[-1])
    assert "Left out of this history for room: " in shortest
    assert not isinstance(section(brief.shorter[-1], "History").blocks[0], Table)


def test_diagnoses_carry_their_status(demo: Dossier) -> None:
    care = consultation_brief(demo, case_of(demo, "administrative"), printed=DAY)
    history = section(care, "History").blocks[0]
    assert isinstance(history, Table)
    rows = {row[2]: row[1] for row in history.rows}
    fracture = next(k for k in rows if str(k).startswith("Fracture of the neck"))
    assert rows[fracture] == "Diagnosis ruled out"
    table = section(care, "Diagnoses and treatment").blocks[0]
    assert isinstance(table, Table)  # every diagnosis, those that hold first, with its status
    statuses = {str(row[0])[:20]: row[1] for row in table.rows}
    assert statuses["Fracture of the neck"] == "ruled out"
    assert list(statuses.values())[-1] == "ruled out"
    breast = consultation_brief(demo, case_of(demo, "treatment"), printed=DAY)
    history = section(breast, "History").blocks[0]
    assert isinstance(history, Table)
    what = {str(row[2])[:20]: row[1] for row in history.rows}
    assert what["Ductal carcinoma in "] == "Diagnosis, later revised"
    assert what["Second area of enhan"] == "Suspected diagnosis"
    assert what["Invasive ductal carci"[:20]] == "Diagnosis"


def test_the_knee_brief_tells_of_the_breast_cancer_and_its_treatment(demo: Dossier) -> None:
    brief = consultation_brief(demo, case_of(demo, "surgery"), printed=DAY)
    for version in versions(brief):  # however short the brief, the drugs stay named
        other = section(version, "Other current conditions and treatment").blocks[0]
        assert isinstance(other, Table)
        assert other.headers == ("Case and diagnoses", "Treatment")
        row = next(r for r in other.rows if "Breast cancer" in cell_text(r[0]))
        diagnoses = without_isolates(cell_text(row[0]))
        treatment = without_isolates(cell_text(row[1]))
        assert not any("Appeal" in cell_text(r[0]) for r in other.rows)  # not a medical case
        assert diagnoses.startswith("Breast cancer: mastectomy or breast-conserving surgery?\n")
        assert "Invasive ductal carcinoma, left breast (C50.4), confirmed" in diagnoses
        assert "Second area of enhancement on the breast MRI (R92.8), suspected" in diagnoses
        assert "Proposed by Dr. Jürgen Weiß, " in treatment and "Mastectomy" in treatment
        assert "breast-conserving surgery" in treatment
        assert treatment.count("aromatase inhibitor") == 2
        assert "Not decided yet; to be decided by 20 December 2026." in treatment
    # the breast case's own brief does not repeat itself as "other"
    breast = consultation_brief(demo, case_of(demo, "treatment"), printed=DAY)
    other = section(breast, "Other current conditions and treatment").blocks[0]
    assert isinstance(other, Table)
    assert not any("Breast cancer" in cell_text(r[0]) for r in other.rows)


def test_a_closed_case_is_not_a_current_condition(changed: Dossier) -> None:
    records.update(changed, "case", case_of(changed, "treatment"), {"status": "closed"})
    brief = consultation_brief(changed, case_of(changed, "surgery"), printed=DAY)
    assert "Invasive ductal carcinoma" not in plain(brief)


def test_the_treatment_proposed_is_attributed_and_differences_said(demo: Dossier) -> None:
    brief = consultation_brief(demo, case_of(demo, "treatment"), printed=DAY)
    blocks = section(brief, "Diagnoses and treatment").blocks
    said = [b for b in blocks if isinstance(b, Paragraph)]
    assert said[-1].text == "Treatment proposed so far: the opinions propose different treatments."
    each = blocks[-1]
    assert isinstance(each, BulletList)
    weiss, martinez = (without_isolates(i) for i in each.items)
    assert weiss.startswith("Dr. Jürgen Weiß, ") and "Mastectomy of the left breast" in weiss
    assert martinez.startswith("Dr. Zoë Martínez, ") and "MRI-guided biopsy" in martinez
    shortest = section(brief.shorter[-1], "Diagnoses and treatment").blocks[-1]
    assert isinstance(shortest, BulletList)  # each proposal whole even in the shortest
    assert all(i.endswith("aromatase inhibitor for five years.\u2069") for i in shortest.items)


def test_a_single_or_agreeing_proposal_says_whose_it_is(changed: Dossier) -> None:
    case = case_of(changed, "surgery")
    okonkwo, halvorsen = records.list_records(changed, "opinion", case_id=case)
    records.update(changed, "opinion", halvorsen["id"], {"treatment": okonkwo["treatment"]})
    text = plain(consultation_brief(changed, case, printed=DAY))
    # the verdict the person stored in their comparison wins over the app's reading
    assert "the opinions propose different treatments" in text
    for comparison in records.list_records(changed, "comparison", case_id=case):
        records.delete(changed, "comparison", comparison["id"])
    text = plain(consultation_brief(changed, case, printed=DAY))
    assert "Treatment proposed so far: Dr. Samuel Okonkwo, " in text
    assert " and Dr. Ingrid Halvorsen, " in text
    assert "propose the same treatment: Total knee replacement of the right knee." in text
    records.delete(changed, "opinion", halvorsen["id"])
    text = plain(consultation_brief(changed, case, printed=DAY))
    day = long_date(date.fromisoformat(okonkwo["given_on"]))
    assert (
        f"Treatment proposed so far, by Dr. Samuel Okonkwo, {day}: "
        "Total knee replacement of the right knee." in text
    )


def test_a_hebrew_name_is_isolated_inside_an_english_line(changed: Dossier) -> None:
    case = case_of(changed, "surgery")
    doctor = records.create(changed, "contact", {"name": "ד״ר מרים לוי", "role": "doctor"}).id
    okonkwo = records.list_records(changed, "opinion", case_id=case)[0]
    records.update(changed, "opinion", okonkwo["id"], {"contact_id": doctor})
    brief = consultation_brief(changed, case, printed=DAY)
    each = section(brief, "Diagnoses and treatment").blocks[-1]
    assert isinstance(each, BulletList)
    # the name alone is isolated: the date after it stays in the English line's order
    assert each.items[0].startswith(f"{FSI}ד״ר מרים לוי{PDI}, ")
    assert f"2026: {FSI}Total knee replacement" in each.items[0]


def test_sex_doctors_and_treatments_so_far(demo: Dossier) -> None:
    case = case_of(demo, "surgery")
    brief = consultation_brief(demo, case, printed=DAY)
    patient = section(brief, "Patient").blocks[0]
    assert isinstance(patient, KeyValues)
    said = dict(patient.items)
    assert said["Sex"] == "female"
    assert said["Treating doctor"] == "Dr. Samuel Okonkwo · Harbour View Orthopaedic Centre"
    assert said["Referred by"] == "Dr. Thomas Achterberg · Elm Street Family Practice"
    table = section(brief, "Treatments so far").blocks[0]
    assert isinstance(table, Table)
    assert table.headers == ("Treatment", "When", "Given by, where", "Outcome")
    rows = {str(r[0]).split("\n")[0]: r for r in table.rows}
    tablets = rows["Paracetamol tablets and diclofenac gel for the knee pain"]
    assert tablets[1] == "" and tablets[2].startswith("Dr. Thomas Achterberg")  # type: ignore[union-attr]
    injection = rows["Steroid injection into the right knee"]
    assert injection[1] == long_date(DAY - timedelta(days=330))  # one day, said once
    assert injection[3] == "Helped only for a short time."
    exercise = rows["Supervised exercise therapy, 18 sessions"]
    assert exercise[1] == "since " + long_date(DAY - timedelta(days=56))
    # the history dates what was started, among the findings
    history = section(brief, "History").blocks[0]
    assert isinstance(history, Table)
    assert ("Treatment", "Supervised exercise therapy, 18 sessions") in [
        (r[1], r[2]) for r in history.rows
    ]
    # and the breast brief tells of them under the other conditions
    other = plain(consultation_brief(demo, case_of(demo, "treatment"), printed=DAY))
    assert "Supervised exercise therapy, 18 sessions, since" in other
    assert "Paracetamol tablets and diclofenac gel for the knee pain" in other


def test_a_treatment_with_a_place_and_an_end(changed: Dossier) -> None:
    case = case_of(changed, "treatment")
    records.create(
        changed,
        "treatment",
        {
            "case_id": case,
            "name": "Letrozole 2.5 mg",
            "kind": "hormone_therapy",
            "started_on": "2026-07-01",
            "ended_on": "2026-09-01",
            "place": "Riverside General Hospital",
            "outcome": "Stopped for joint pain",
        },
    )
    brief = consultation_brief(changed, case, printed=DAY)
    table = section(brief, "Treatments so far").blocks[0]
    assert isinstance(table, Table)
    assert table.rows == (
        (
            "Letrozole 2.5 mg",
            "1 July 2026 to 1 September 2026",
            "Riverside General Hospital",
            "Stopped for joint pain",
        ),
    )
