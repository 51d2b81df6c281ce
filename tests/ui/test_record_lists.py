"""The lists of records fit their width: long names are cut with "…" (whole in the
tooltip) rather than pushing the last columns out of sight (dossier.ui.widgets.fit_columns)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.storage import Dossier
from dossier.ui.pages.record_page import RecordPage
from dossier.ui.widgets.fit_columns import shared_limit
from tests.ui.windows import page_of, shown_window

LONG = "Dr. Миха́йло Коваленко-בן דוד, Klinik für Orthopädie und Unfallchirurgie " * 3


def test_the_shared_limit_narrows_only_the_widest() -> None:
    assert shared_limit([100, 200, 50], 400, 30) is None  # all fit as they are
    assert shared_limit([100, 300, 300], 500, 30) == 200  # 100 + 200 + 200
    assert shared_limit([100, 300, 300], 130, 60) == 60  # never under the least


@pytest.mark.parametrize(("page_key", "entity", "data"), [
    ("contacts", "contact", {"name": LONG, "specialty": LONG, "institution": LONG, "phone": "+972 50 123 4567"}),
    ("costs", "cost", {"description": LONG, "amount": 1234.5, "currency": "EUR"}),
])  # fmt: skip
def test_a_list_with_long_text_needs_no_sideways_scrolling(
    qtbot: QtBot, dossier: Dossier, page_key: str, entity: str, data: dict[str, object]
) -> None:
    for number in range(12):
        records.create(
            dossier,
            entity,
            {**data, **({"name": f"{number} {LONG}"} if entity == "contact" else {})},
        )
    window = shown_window(qtbot, dossier)
    page = page_of(window, page_key, RecordPage)
    table = page.table
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)
    header = table.horizontalHeader()
    last = max(c for c in range(header.count()) if not table.isColumnHidden(c))
    assert header.sectionViewportPosition(last) < table.viewport().width()  # the last is seen
    qtbot.waitUntil(lambda: table.width() > page.splitter.width() // 2)  # the list's larger share
    model = table.model()
    long_cells = [
        model.index(0, c)
        for c in range(model.columnCount())
        if "Коваленко" in str(model.index(0, c).data())
    ]
    assert long_cells
    for cell in long_cells:  # what is cut is read whole in the tooltip
        assert cell.data(Qt.ItemDataRole.ToolTipRole) == cell.data()


def test_a_fitted_column_is_never_narrower_than_its_heading() -> None:
    from dossier.ui.widgets.fit_columns import fitted

    # Three columns in 300 px: the wide one gives way, but the heading of the second
    # (120 px) keeps its room, and the others share what is left.
    widths = fitted([400, 150, 100], [60, 120, 50], 300, em=10)
    assert widths[1] == 120 and widths[0] >= 60 and widths[2] >= 50
    assert fitted([100, 100], [40, 40], 300, em=10) == [100, 100]  # all fit: as they are
