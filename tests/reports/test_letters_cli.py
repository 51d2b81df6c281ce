"""``dossier print cover-letter|tell-first-doctor|handover`` in a subprocess: one page
each, in the language asked for, to the contact asked for (an unknown one refused
plainly), the hand-over letter with its enclosure's pages, and a case without a decision
refused with a plain message."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core import records
from tests.cli.runner import run, run_json
from tests.letters_dossier import REPORT_PAGE_ONE, build_letters
from tests.pinned_day import PinDay
from tests.reports.pdf_reading import pdfium_pages


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, int]]]:
    """The letters' dossier (closed: the command opens it) and its numbers."""
    folder = tmp_path_factory.mktemp("letters-cli") / "dossier"
    built = build_letters(folder, hard=False)
    undecided = records.create(built.dossier, "case", {"title": "Hip: which implant?"}).id
    numbers = {"case": built.case, "second": built.second, "undecided": undecided}
    built.dossier.close()
    yield str(folder), numbers


@pytest.fixture(autouse=True)
def _pinned(today: PinDay) -> None:
    today("2026-05-12")  # the command runs on the day the letters' dates count from


@pytest.mark.parametrize("kind", ["cover-letter", "tell-first-doctor", "handover"])
def test_each_letter_prints(letters: tuple[str, dict[str, int]], tmp_path: Path, kind: str) -> None:
    folder, n = letters
    out = tmp_path / f"{kind}.pdf"
    done = run_json("--dossier", folder, "print", kind, "--case", str(n["case"]),
                    "--out", str(out))  # fmt: skip
    pages = pdfium_pages(out)
    assert done["pages"] == len(pages)
    if kind == "handover":  # the letter, then the written report's two pages
        assert done["parts"][0]["title"] == "Hand-over letter"
        assert done["parts"][1]["first_page"] == 2 and len(pages) == 3
        assert REPORT_PAGE_ONE in pages[1]
    else:
        assert len(pages) == 1
    assert "Sarah Levi-Cohen" in pages[0] and "page 1 of" in pages[0]


def test_a_letter_in_hebrew_to_a_chosen_doctor(
    letters: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    folder, n = letters
    out = tmp_path / "cover.pdf"
    run("--dossier", folder, "print", "cover-letter", "--case", str(n["case"]), "--out",
        str(out), "--language", "he", "--to", str(n["second"]))  # fmt: skip
    [page] = pdfium_pages(out)
    assert "Halvorsen" in page
    assert "במאי" in page  # the date, the Hebrew way


def test_an_unknown_contact_is_refused(letters: tuple[str, dict[str, int]], tmp_path: Path) -> None:
    folder, n = letters
    out = tmp_path / "cover.pdf"
    done = run("--dossier", folder, "print", "cover-letter", "--case", str(n["case"]),
               "--out", str(out), "--to", "9999", check=1)  # fmt: skip
    assert "There is no contact number 9999." in done.stderr
    assert not out.exists()
    done = run("--dossier", folder, "print", "brief", "--case", str(n["case"]),
               "--out", str(out), "--to", str(n["second"]), check=2)  # fmt: skip
    assert "--to is for the letters" in done.stderr
    assert not out.exists()


def test_a_handover_without_a_decision_is_refused(
    letters: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    folder, n = letters
    out = tmp_path / "handover.pdf"
    done = run("--dossier", folder, "print", "handover", "--case", str(n["undecided"]),
               "--out", str(out), "--json", check=1)  # fmt: skip
    message = json.loads(done.stdout)["error"]
    assert "has no decision yet" in message and "Record the decision first" in message
    assert "Traceback" not in done.stderr
    assert not out.exists()
