"""``dossier plan``: the plans as text and JSON, a step made into a task, the durations set
and refused; ``dossier print plan`` writes one page."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from dossier.core import records
from dossier.core.opening import create_dossier, open_dossier
from tests.cli.runner import run, run_json
from tests.pinned_day import PinDay

TITLE = "Ruth Levi-Коган / רות לוי: " + "thyroid nodule, operation or wait? " * 8


@pytest.fixture
def late(tmp_path: Path, today: PinDay) -> Path:
    """A dossier whose one case cannot meet its deadline (the first free appointment is
    too late); a second, administrative case, which has no plan."""
    today("2026-05-12")
    folder = tmp_path / "d"
    with create_dossier(folder, name="Ruth Levi-Коган") as dossier:
        case = records.create(dossier, "case", {"title": TITLE, "decision_deadline": "2026-06-01"})
        doctor = records.create(dossier, "contact", {"name": "Dr. Sørensen", "role": "doctor"})
        records.create(
            dossier,
            "appointment",
            {"case_id": case.id, "contact_id": doctor.id, "starts_at": "2026-05-27T10:30"},
        )
        records.create(dossier, "case", {"title": "Appeal", "kind": "administrative"})
    return folder


def test_the_plan_as_text_and_as_json(late: Path) -> None:
    shown = run("plan", "--dossier", str(late)).stdout
    assert "Decision deadline: 1 Jun 2026" in shown
    assert "Does not fit: The decision could come on 5 Jun 2026 at the earliest" in shown
    assert "[will be late] Consultation: by 23 May 2026; booked for 27 May 2026" in shown
    assert "Appeal" not in shown  # an administrative case has no plan
    data = run_json("plan", "--case", "1", "--dossier", str(late))
    (plan,) = data["plans"]
    assert plan["fits"] is False and plan["days_over"] == 4
    assert [s["key"] for s in plan["steps"]][-3:] == ["consultation", "report", "decision"]
    assert data["durations"]["records"] == 14
    refused = run("plan", "--case", "2", "--dossier", str(late), check=1)
    assert "administrative case" in refused.stderr


def test_a_step_made_into_a_task_and_durations_set(late: Path) -> None:
    made = run("plan", "--case", "1", "--task", "report", "--dossier", str(late)).stdout
    assert "Task 1 made: Get the second doctor's written report" in made
    again = run("plan", "--case", "1", "--task", "report", "--dossier", str(late), check=1)
    assert "This step has a task already" in again.stderr
    run("plan", "--set", "report=3", "--set", "decide=0", "--dossier", str(late))
    fits = run_json("plan", "--case", "1", "--dossier", str(late))["plans"][0]
    assert fits["fits"] is True and fits["problem"] == ""
    with open_dossier(late) as dossier:
        task = records.get(dossier, "task", 1)
        assert (task["plan_step"], task["due_on"]) == ("report", "2026-05-30")


def test_the_working_week_is_chosen_and_shown(late: Path) -> None:
    assert run_json("plan", "--dossier", str(late))["working_week"] == "mon-fri"
    run("plan", "--working-week", "sun-thu", "--dossier", str(late))
    assert run_json("plan", "--dossier", str(late))["working_week"] == "sun-thu"
    refused = run("plan", "--working-week", "sat-wed", "--dossier", str(late), check=2)
    assert "sat-wed" in refused.stderr and "Traceback" not in refused.stderr
    assert run_json("plan", "--dossier", str(late))["working_week"] == "sun-thu"


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (("--set", "records"), "--set takes NAME=DAYS"),
        (("--set", "records=soon"), "give a whole number from 0 to 365"),
        (("--set", "weeks=2"), "There is no duration called weeks"),
        (("--task", "report"), "--task needs --case"),
    ],
)
def test_wrong_arguments_are_refused_and_change_nothing(
    late: Path, arguments: tuple[str, ...], said: str
) -> None:
    refused = run("plan", *arguments, "--dossier", str(late), check=None)
    assert refused.returncode in (1, 2) and said in refused.stderr
    assert "Traceback" not in refused.stderr
    with open_dossier(late) as dossier:
        assert records.list_records(dossier, "task") == []
        assert dossier.db.execute("SELECT COUNT(*) FROM dossier_setting").fetchone()[0] in (0, 1)


def test_the_printed_plan_is_one_page_two_in_large_print(late: Path, tmp_path: Path) -> None:
    for language in ("en", "nl", "he", "uk", "ru"):
        out = tmp_path / f"plan-{language}.pdf"
        run("print", "plan", "--case", "1", "--language", language, "--out", str(out),
            "--dossier", str(late))  # fmt: skip
        pdf = pdfium.PdfDocument(out)
        try:
            assert len(pdf) == 1, language
            text = pdf[0].get_textpage().get_text_range()
        finally:
            pdf.close()
        assert "2026" in text and "Ruth Levi" in text  # the footer names her
        if language == "en":  # the decision's row, whatever was left out to keep one page
            assert "by 1 Jun 2026; at the earliest 5 Jun 2026" in " ".join(text.split())
    large = tmp_path / "large.pdf"
    run("print", "plan", "--case", "1", "--large-print", "--out", str(large),
        "--dossier", str(late))  # fmt: skip
    pdf = pdfium.PdfDocument(large)
    try:  # larger type may take a second sheet rather than leave out the choices
        assert len(pdf) <= 2
        text = "".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    assert "Ask the second doctor's office for an earlier appointment" in " ".join(text.split())
