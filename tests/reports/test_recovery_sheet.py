"""The recovery sheet (issue 18) is one sheet of paper in large print, in every language,
on A4 and Letter, for a long name mixing scripts: the key's 48 digits all on it, in their
numbered groups, and read back the same."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dossier.core.crypto.recovery import new_recovery_key, parse_recovery_key
from dossier.core.i18n import LANGUAGES, language_scope
from dossier.core.opening import create_dossier
from dossier.core.reports.recovery_sheet import recovery_sheet
from dossier.reports.layout import write_report
from tests.reports.pdf_reading import poppler_pages

NAME = "Avraham-Yehoshua Ben-Zion Авраам Иегошуа אברהם יהושע Levi-Montalcini"


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sheet_is_one_page_with_every_digit(tmp_path: Path, language: str, paper: str) -> None:
    recovery = new_recovery_key()
    out = tmp_path / "sheet.pdf"
    with create_dossier(tmp_path / "d", name=NAME, born="1949-09-30") as dossier:
        with language_scope(language):
            sheet = recovery_sheet(dossier, recovery)
        assert write_report(sheet, out, paper, large_print=True, language=language) == 1
    [page] = poppler_pages(out)
    groups = re.findall(r"(?<!\d)\d{6}(?!\d)", page)
    assert sorted(groups) == sorted(recovery.groups)
    assert parse_recovery_key(" ".join(recovery.groups)) == recovery
