"""The layers of the code hold, and no module imports itself again through others.

The layers, highest first, are the import-linter contracts in pyproject.toml
(``[tool.importlinter]``): ``dossier.entry``, ``dossier.cli``, ``dossier.app``, then
``dossier.ui``, ``dossier.reports``, ``dossier.qt_start`` and ``dossier.core``. A module
imports only from its own package and the layers below it, and the core never imports
PySide6 or shiboken6 (tests/unit/test_core_has_no_qt.py also runs it without them).
``lint-imports`` checks the contracts; grimp, which comes with it, gives the import graph
on which no cycle may be left, imports inside functions included. Each check is shown to
catch what it is there for on a small package made by the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = (
    "import sys; from importlinter.cli import lint_imports_command; "
    "sys.exit(lint_imports_command())"
)


def lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the contracts of ``folder/pyproject.toml``, for the package
    ``dossier`` in ``folder``."""
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, "--no-cache", "--no-logo"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def import_cycles(package: str) -> list[list[str]]:
    """Every group of modules of ``package`` that import each other in a circle, each as
    the imports that make it (``a -> b (l.12: from .b import c)``).

    Imports inside functions count: they run, later. Those under ``if TYPE_CHECKING:``
    do not: they never run, and they only name a type for the type checker (the layers
    contract above still counts them).
    """
    graph = grimp.build_graph(package, cache_dir=None, exclude_type_checking_imports=True)
    cycles = []
    for group in _strongly_connected(graph):
        lines = []
        for importer in sorted(group):
            for imported in sorted(graph.find_modules_directly_imported_by(importer) & group):
                details = graph.get_import_details(importer=importer, imported=imported)
                where = ", ".join(f"l.{d['line_number']}: {d['line_contents']}" for d in details)
                lines.append(f"{importer} -> {imported} ({where})")
        cycles.append(lines)
    return cycles


def _strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan, without
    recursion), or of one module that imports itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == module:
                        break
                if len(group) > 1 or module in graph.find_modules_directly_imported_by(module):
                    found.append(group)
    return found


def write_package(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_the_layers_hold_and_the_core_never_imports_qt() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, (
        "lint-imports found imports that break the layers (pyproject.toml, "
        "[tool.importlinter]):\n" + result.stdout + result.stderr
    )
    assert "Contracts: 2 kept, 0 broken." in result.stdout, result.stdout


def test_there_is_no_import_cycle_in_the_program() -> None:
    cycles = import_cycles("dossier")
    assert cycles == [], "modules that import each other in a circle:\n" + "\n\n".join(
        "\n".join(cycle) for cycle in cycles
    )


# A package laid out like the program: every layer, plus what the contracts are for.
LAYERS = {
    "dossier/__init__.py": "",
    "dossier/__main__.py": "from dossier.entry import main\n",
    "dossier/entry.py": "from dossier import cli\n",
    "dossier/cli/__init__.py": "from dossier.reports import layout\n",
    "dossier/app.py": "from dossier.ui import window\n",
    "dossier/ui/__init__.py": "from dossier import qt_start\n",
    "dossier/ui/window.py": "from PySide6.QtWidgets import QWidget\nfrom dossier.core import rules\n",
    "dossier/reports/__init__.py": "from dossier import qt_start\n",
    "dossier/reports/layout.py": "from dossier.core import rules\n",
    "dossier/qt_start.py": "",
    "dossier/core/__init__.py": "",
    "dossier/core/rules.py": "RULES = ()\n",
}


def contracts_on(tmp_path: Path, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    write_package(tmp_path, {**LAYERS, **files})
    return lint_imports(tmp_path)


def test_a_package_laid_out_by_the_layers_keeps_the_contracts(tmp_path: Path) -> None:
    result = contracts_on(tmp_path, {})
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_import_from_a_higher_layer_breaks_the_contract(tmp_path: Path) -> None:
    result = contracts_on(
        tmp_path,
        {
            # late, inside a function: still an import
            "dossier/core/shown.py": "def shown():\n    from dossier.ui import window\n",
            "dossier/reports/layout.py": "from dossier.ui.window import QWidget\n",
        },
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "dossier.core is not allowed to import dossier.ui" in result.stdout
    assert "dossier.core.shown -> dossier.ui.window (l.2)" in result.stdout
    assert "dossier.reports is not allowed to import dossier.ui" in result.stdout
    assert "dossier.reports.layout -> dossier.ui.window (l.1)" in result.stdout


@pytest.mark.parametrize("qt", ["PySide6.QtGui", "shiboken6"])
def test_qt_in_the_core_breaks_the_contract(tmp_path: Path, qt: str) -> None:
    result = contracts_on(tmp_path, {"dossier/core/colours.py": f"import {qt}\n"})
    assert result.returncode == 1, result.stdout + result.stderr
    top = qt.split(".")[0]
    assert f"dossier.core is not allowed to import {top}" in result.stdout
    assert f"dossier.core.colours -> {top}" in result.stdout


def test_a_module_outside_the_layers_breaks_the_contract(tmp_path: Path) -> None:
    result = contracts_on(tmp_path, {"dossier/helpers.py": ""})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "The following modules are not listed as layers:" in result.stdout
    assert "- dossier.helpers" in result.stdout


def test_a_cycle_through_a_late_import_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_package(
        tmp_path,
        {
            "circle/__init__.py": "",
            "circle/storage.py": """\
                def create():
                    from circle.person import insert  # late: person needs storage

                    return insert
                """,
            "circle/person.py": "from circle.storage import create\n",
            "circle/typed.py": """\
                from typing import TYPE_CHECKING

                if TYPE_CHECKING:  # names a type only: never runs
                    from circle.user import User
                """,
            "circle/user.py": "from circle import typed\n",
        },
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert import_cycles("circle") == [
        [
            "circle.person -> circle.storage (l.1: from circle.storage import create)",
            "circle.storage -> circle.person "
            "(l.2: from circle.person import insert  # late: person needs storage)",
        ]
    ]
