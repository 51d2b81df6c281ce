"""``dossier print`` in a subprocess: each report to PDF, the packet, and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli.runner import run
from tests.reports.pdf_reading import pdfium_pages


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("demo") / "dossier"
    run("demo", str(path))
    return str(path)


def test_every_report_and_the_packet(demo: str, tmp_path: Path) -> None:
    for report in ("brief", "questions", "comparison", "request-letter", "index"):
        out = tmp_path / f"{report}.pdf"
        done = json.loads(
            run(
                "print", report, "--case", "1", "--out", str(out), "--dossier", demo, "--json"
            ).stdout
        )
        assert done["pages"] == len(PdfReader(out).pages) >= 1
    out = tmp_path / "packet.pdf"
    text = run(
        "--dossier", demo, "print", "packet", "--case", "1", "--out", str(out), "--paper", "letter"
    ).stdout
    assert "Wrote" in text
    reader = PdfReader(out)
    assert len(reader.outline) >= 3
    assert round(float(reader.pages[0].mediabox.width)) == 612


def test_large_print_and_appointment(demo: str, tmp_path: Path) -> None:
    small, large = tmp_path / "small.pdf", tmp_path / "large.pdf"
    d = ("--dossier", demo)
    run("print", "questions", "--case", "1", "--out", str(small), *d)
    run("print", "questions", "--case", "1", "--out", str(large), "--large-print", *d)
    assert len(PdfReader(large).pages) > len(PdfReader(small).pages)
    appointments = json.loads(run("list", "appointments", "--case", "1", "--json", *d).stdout)
    out = tmp_path / "appointment.pdf"
    run("print", "questions", "--case", "1", "--appointment", str(appointments[-1]["id"]),
        "--out", str(out), *d)  # fmt: skip
    assert out.is_file()


def test_comparison_is_landscape_with_chosen_opinions(demo: str, tmp_path: Path) -> None:
    d = ("--dossier", demo)
    opinions = json.loads(run("list", "opinions", "--case", "1", "--json", *d).stdout)
    ids = ",".join(str(o["id"]) for o in reversed(opinions[:2]))
    out = tmp_path / "comparison.pdf"
    done = json.loads(
        run(
            "print",
            "comparison",
            "--case",
            "1",
            "--opinions",
            ids,
            "--out",
            str(out),
            "--paper",
            "letter",
            "--json",
            *d,
        ).stdout
    )
    reader = PdfReader(out)
    assert done["pages"] == len(reader.pages) >= 1
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 792 and round(float(box.height)) == 612
    assert "Comparison of opinions" in " ".join((reader.pages[0].extract_text() or "").split())


def test_exit_codes(demo: str, tmp_path: Path) -> None:
    out = str(tmp_path / "x.pdf")
    d = ("--dossier", demo)
    failed = run("print", "brief", "--case", "99", "--out", out, "--dossier", demo, check=1)
    assert "There is no case number 99" in failed.stderr
    assert not Path(out).exists()
    run("print", "comparison", "--case", "1", "--opinions", "a,b", "--out", out, *d, check=2)
    failed = run("print", "comparison", "--case", "1", "--opinions", "1", "--out", out, *d, check=2)
    assert "give two to four opinion numbers" in failed.stderr  # --opinions as for compare
    failed = run(
        "print", "comparison", "--case", "1", "--opinions", "1,1", "--out", out, *d, check=1
    )
    assert "two to four different opinions" in failed.stderr
    assert not Path(out).exists()
    run("print", "brief", "--out", out, "--dossier", demo, check=2)  # no case
    run("print", "brief", "--case", "1", "--out", out, "--paper", "a3", "--dossier", demo, check=2)
    run("print", "brief", "--case", "1", "--out", out, check=2)  # no dossier


def test_a_report_in_another_language(demo: str, tmp_path: Path) -> None:
    out = tmp_path / "index-he.pdf"
    args = ("--dossier", demo, "print", "index", "--case", "1", "--out", str(out))
    done = json.loads(run(*args, "--language", "he", "--json").stdout)
    assert done["language"] == "he"
    text = " ".join(pdfium_pages(out))
    assert "באפריל" in text  # the date of birth, the Hebrew way
    refused = run(*args, "--language", "xx", check=None)
    assert refused.returncode != 0
    message = refused.stderr
    assert "'xx' is not a language" in message
    for code in ("en", "nl", "he", "uk", "ru"):
        assert code in message
