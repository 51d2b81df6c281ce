"""Documents that arrive while an import runs join the list in their place, without the list
being read again: the one a person has open stays open, sorting and filters still hold."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.importer.pipeline import import_paths
from dossier.core.importer.pool import SandboxPool
from dossier.core.opening import create_dossier
from dossier.core.storage import Dossier
from dossier.ui.pages.documents import DocumentsPage
from tests.ui.windows import page_of, shown_window

NAMES = (
    "Zoë's letter — מכתב — письмо.txt",
    "blood results.txt",
    "Ärztlicher Befund.txt",
    "МРТ колена.txt",
    "ultrasound.txt",
    "אבחנה שנייה.txt",
)
DATES = ("2025-03-01", None, "2024-11-20", "2025-03-01", None, "2026-01-15")


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    with SandboxPool(workers=1) as shared:
        yield shared


@pytest.fixture
def dossier(tmp_path: Path) -> Iterator[Dossier]:
    made = create_dossier(tmp_path / "dossier", name="Test Person")
    yield made
    made.close()


def add_files(
    dossier: Dossier, pool: SandboxPool, folder: Path, numbers: range, bring: bool = False
) -> list[int]:
    """Import the files ``numbers`` of NAMES straight into the dossier (as the import's
    worker does), dated as DATES says; the window is not told."""
    folder.mkdir(exist_ok=True)
    paths = []
    for number in numbers:
        path = folder / NAMES[number]
        path.write_text(f"{folder.name} {number}: " + "text " * 50, encoding="utf-8")
        paths.append(path)
    results = import_paths(dossier, paths, pool=pool)
    assert [r.status for r in results] == ["imported"] * len(paths), results
    ids = [r.document_id for r in results if r.document_id is not None]
    for number, document_id in zip(numbers, ids, strict=True):
        changes: dict[str, object] = {"document_date": DATES[number], "bring": bring}
        records.update(dossier, "document", document_id, changes)
    return ids


def shown_ids(page: DocumentsPage) -> list[int]:
    return [page.model.record(row)["id"] for row in range(page.model.rowCount())]


def test_arrivals_take_their_place_in_the_order_and_the_open_document_stays(
    qtbot: QtBot, dossier: Dossier, pool: SandboxPool, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    first = add_files(dossier, pool, tmp_path / "files", range(0, 3))
    window = shown_window(qtbot, dossier)
    page = page_of(window, "documents", DocumentsPage)
    qtmodeltester.check(page.model)
    page.open_document(first[1])
    assert page.current_document_id() == first[1]

    arrived = add_files(dossier, pool, tmp_path / "files", range(3, 6))
    assert page.model.rowCount() == 3  # not read again on its own
    page.model.add_documents(arrived + first)  # those already shown are not added twice

    in_place = shown_ids(page)
    page.model.reload()  # what reading everything again gives
    assert in_place == shown_ids(page) and len(in_place) == 6
    assert page.current_document_id() == first[1]
    assert page.model.record(page.selection.currentIndex().row())["id"] == first[1]
    assert "6" in page.header.count_label.text()

    # In the list, by title A to Z: the same again.
    page.set_view_mode("list")
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    page.model.reload()
    records.delete(dossier, "document", arrived[0])
    page.model.reload()
    page.model.add_documents([arrived[0]])  # in the trash: not shown
    assert arrived[0] not in shown_ids(page)
    window.close()


def test_arrivals_sorted_by_title_and_filtered_keep_the_list_as_a_reload_would(
    qtbot: QtBot, dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    add_files(dossier, pool, tmp_path / "files", range(0, 2), bring=True)
    window = shown_window(qtbot, dossier)
    page = page_of(window, "documents", DocumentsPage)
    page.set_view_mode("list")
    for column, order in ((0, Qt.SortOrder.AscendingOrder), (1, Qt.SortOrder.DescendingOrder)):
        page.table.sortByColumn(column, order)
        page.filters.bring.setChecked(True)
        brought = add_files(dossier, pool, tmp_path / f"more{column}", range(2, 4), bring=True)
        left = add_files(dossier, pool, tmp_path / f"rest{column}", range(4, 6), bring=False)
        page.model.add_documents(brought + left)
        shown = shown_ids(page)
        assert set(brought) <= set(shown) and not set(left) & set(shown)
        page.model.reload()
        assert shown == shown_ids(page)
        page.filters.bring.setChecked(False)
        assert set(left) <= set(shown_ids(page))  # known all along, only filtered out
    window.close()


def test_the_first_arrivals_replace_the_empty_page_with_the_thumbnails(
    qtbot: QtBot, dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    window = shown_window(qtbot, dossier)
    page = page_of(window, "documents", DocumentsPage)
    assert page.browser.currentWidget() is page.browser.empty
    arrived = add_files(dossier, pool, tmp_path / "files", range(0, 2))
    page.model.add_documents(arrived)
    assert page.browser.currentWidget() is page.grid and page.model.rowCount() == 2
    assert "2" in page.header.count_label.text()
    window.close()
