"""PySide6's question of each module imported after it, "does its source mention
PySide6?", is answered from the file's bytes (dossier.qt_start), with the same answers as
PySide6's own way of reading the source."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import pytest

import dossier.ui  # noqa: F401  loads dossier.qt_start after PySide6, as the window does


def _feature() -> Any:
    return sys.modules["PySide6.support.feature"]


def test_the_quick_answer_is_in_place() -> None:
    assert getattr(_feature()._mod_uses_pyside, "quick", False)


@pytest.mark.parametrize(
    "name",
    ["dossier.ui.main_window", "dossier.ui.pages.overview", "dossier.core.clock", "json",
     "dossier.qt_start", "math", "sqlite3", "PySide6.QtCore"],
)  # fmt: skip
def test_it_answers_as_pyside_does(name: str) -> None:
    module = importlib.import_module(name)
    quick = _feature()._mod_uses_pyside
    assert quick(module) == quick.original(module)


def test_a_module_whose_file_is_gone_gets_pysides_answer(tmp_path: Any) -> None:
    source = tmp_path / "gone_module.py"
    source.write_text("import PySide6\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        module = importlib.import_module("gone_module")
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("gone_module", None)
    assert _feature()._mod_uses_pyside(module) is True
    source.unlink()
    assert _feature()._mod_uses_pyside(module) == _feature()._mod_uses_pyside.original(module)
