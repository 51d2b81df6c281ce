"""Session.apply: every change through one place, and every refusal through one path."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from dossier.core import records
from dossier.core.errors import DossierError, ValidationError
from dossier.core.opening import create_dossier
from dossier.core.records import Change
from dossier.core.storage import Dossier
from dossier.ui.session import Session


def _session(tmp_path: Path) -> Session:
    return Session(create_dossier(tmp_path / "dossier", name="Ada Example"))


def test_an_accepted_change_is_recorded_and_announced(qtbot: QtBot, tmp_path: Path) -> None:
    session = _session(tmp_path)
    announced: list[Change] = []
    session.changed.connect(announced.append)
    change = session.apply(lambda d: records.create(d, "case", {"title": "Knee"}))
    assert change is not None and announced == [change]
    assert session.history.can_undo
    assert [c["title"] for c in records.list_records(session.dossier, "case")] == ["Knee"]
    session.dossier.close()


def test_a_refusal_goes_where_the_caller_says_and_changes_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    session = _session(tmp_path)
    announced: list[Change] = []
    session.changed.connect(announced.append)
    refused: list[DossierError] = []
    change = session.apply(lambda d: records.create(d, "case", {"title": ""}), refused.append)
    assert change is None
    assert len(refused) == 1 and isinstance(refused[0], ValidationError)
    assert refused[0].errors == {"title": "The title is needed."}
    assert announced == [] and not session.history.can_undo
    assert records.list_records(session.dossier, "case") == []
    assert QApplication.activeModalWidget() is None  # said where the caller says, only there
    session.dossier.close()


def test_a_refusal_nobody_places_is_shown_in_a_message(qtbot: QtBot, tmp_path: Path) -> None:
    """As a refusal that escaped a slot was shown before: its words, in a message."""
    session = _session(tmp_path)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(f"{box.objectName()}: {box.text()}")
        box.button(QMessageBox.StandardButton.Ok).click()

    def gone(_dossier: Dossier) -> Change:
        raise DossierError("That case was deleted meanwhile.")

    QTimer.singleShot(0, answer)
    assert session.apply(gone) is None
    assert seen == ["refusedChange: That case was deleted meanwhile."]
    assert not session.history.can_undo
    session.dossier.close()
