"""The window's language reaches Qt's own words, the locale and the layout direction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from dossier.core.i18n import current_language
from dossier.ui.qt_language import apply_language

BUTTONS = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
CANCEL = {"en": "Cancel", "nl": "Annuleren", "he": "ביטול", "uk": "Скасувати", "ru": "Отмена"}


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    apply_language(qapp, "en")


def _cancel_text(qtbot) -> str:  # type: ignore[no-untyped-def]
    box = QDialogButtonBox(BUTTONS)
    qtbot.addWidget(box)
    return box.button(QDialogButtonBox.StandardButton.Cancel).text()


@pytest.mark.parametrize("code", ["nl", "he", "uk", "ru"])
def test_qt_own_buttons_speak_the_language_and_english_comes_back(
    app: QApplication, qtbot, code: str
) -> None:  # type: ignore[no-untyped-def]
    assert apply_language(app, code) == code
    assert current_language() == code
    assert _cancel_text(qtbot) == CANCEL[code]
    assert apply_language(app, "en") == "en"
    assert _cancel_text(qtbot) == "Cancel"


def test_hebrew_turns_the_window_right_to_left(app: QApplication) -> None:
    apply_language(app, "he")
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QLocale().name() == "he_IL"
    apply_language(app, "nl")
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert QLocale().name() == "nl_NL"


def test_an_unknown_language_gives_english(app: QApplication, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert apply_language(app, "de_DE.UTF-8") == "en"
    assert _cancel_text(qtbot) == "Cancel"


def test_page_chevrons_point_the_way_the_page_turns(app: QApplication, qtbot) -> None:  # type: ignore[no-untyped-def]
    from dossier.ui.documents.pdf_view import PdfPane

    for code, back, on in (("en", "‹", "›"), ("he", "›", "‹")):
        apply_language(app, code)
        view = PdfPane()
        qtbot.addWidget(view)
        assert (view.previous_button.text(), view.next_button.text()) == (back, on)
