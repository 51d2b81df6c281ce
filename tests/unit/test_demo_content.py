"""The example dossier's words are data (resources/demo/content.toml), read by a loader that
checks them: a slip in the file is told in one line naming its place, before anything is
built."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.core.demo_content import (
    CONTENT_FILE,
    Citation,
    DemoContentError,
    Moment,
    demo_content,
    load_demo_content,
)
from dossier.core.entities import ENTITIES

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / CONTENT_FILE


def test_the_shipped_content_is_read_and_typed() -> None:
    content = demo_content()

    assert content.patient_name == "Margaret (Maggie) Lindqvist"
    assert content.patient["insurer_id"] == "nordhaven" in content.contacts
    assert list(content.cases) == ["breast", "knee", "care", "thyroid"]
    assert {r.name for r in content.records} <= set(ENTITIES)
    moments = [v for r in content.records for v in r.fields.values() if isinstance(v, Moment)]
    assert Moment(7, "10:30") in moments  # the next appointment, a week ahead
    cited = [r.fields["citations"] for r in content.records if "citations" in r.fields]
    assert cited
    assert all(isinstance(c, Citation) for a in cited for pages in a.values() for c in pages)
    files = [d.file for d in content.documents]
    assert len(files) == len(set(files)) == 21
    assert {Path(f).suffix for f in files} == {".pdf", ".txt", ".jpg"}


def with_change(tmp_path: Path, old: str, new: str) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "content.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('phone = "555-0110"', 'telephone = "555-0110"', r"^contacts\.weiss\.telephone: a contact has no field 'telephone'$"),
        ('case_id = "breast"', 'case_id = "elbow"', r"^records\[0\]\.case_id: no case 'elbow' made before it$"),
        ('diagnosed_on = -125', 'diagnosed_on = "-125"', r"^records\[0\]\.diagnosed_on: expected a whole number of days"),
        ('starts_at = { days = -95, time = "09:30" }', 'starts_at = { days = -95, time = "9.30" }', r"^records\[\d+\]\.starts_at: expected \{ days = N"),
        ('record = "diagnosis"', 'record = "diagnoses"', r"^records\[0\]\.record: no kind of record 'diagnoses'$"),
        ('key = "op_martinez"', 'key = "op_weiss"', r"^records\[\d+\]\.key: the key 'op_weiss' is used twice$"),
        ('file = "mammography-report.pdf"', 'file = "mammography-report.docx"', r"^documents\[0\]\.file: expected a name ending \.pdf, \.txt, \.jpg$"),
        ('file = "mammography-report.pdf"', 'file = "../mammography-report.pdf"', r"^documents\[0\]\.file: expected a name ending"),
        ('opinion = "op_weiss"', 'opinion = "op_nobody"', r"^documents\[\d+\]\.opinion: no opinion 'op_nobody'$"),
        ('{ document = "doc_opinion_weiss", page = 1 }', '{ document = "doc_nowhere", page = 1 }', r"^records\[\d+\]\.citations\.diagnosis\[0\]\.document: no document 'doc_nowhere'"),
        ("[patient]", "[patient\n", r"^content\.toml: "),
    ],
)  # fmt: skip
def test_a_slip_in_the_file_is_named_in_one_line(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    with pytest.raises(DemoContentError, match=said) as caught:
        load_demo_content(with_change(tmp_path, old, new))
    assert "\n" not in str(caught.value)


def test_a_missing_file_is_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(DemoContentError, match=r"^nothing\.toml: .*No such file"):
        load_demo_content(tmp_path / "nothing.toml")
