"""Shared by the tests of protection in the window (tests/ui/test_protection_*.py): a
protected dossier made fast, a hand that acts on a modal dialog as it opens, and what the
window shows, read widget by widget. Not a test module."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from dossier.core.crypto import keyring
from dossier.core.crypto import unlock as unlock_module
from dossier.core.crypto.kdf import KdfParams
from dossier.core.crypto.unlock import Protection, new_protection
from dossier.core.opening import create_dossier
from tests.ui.dialog_hand import DialogHand  # noqa: F401  (the protection tests take it from here)

PASSPHRASE = "correct horse battery"
NAME = "Rosa Jansen-Kovalenko"
W = TypeVar("W", bound=QWidget)


def fast_params() -> KdfParams:
    """Argon2id made quick for tests (the real ones take half a second on purpose)."""
    return KdfParams(passes=1, memory_kib=8 * 1024, lanes=1, salt=os.urandom(16))


@pytest.fixture(autouse=True)
def fresh_keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No key left from another test; passphrases set in the test are stretched fast."""
    keyring.forget_all()
    monkeypatch.setattr(unlock_module, "tuned_params", lambda *a, **k: fast_params())
    yield
    keyring.forget_all()


def protected_dossier(folder: Path, passphrase: str = PASSPHRASE) -> Protection:
    """A closed, locked protected dossier for :data:`NAME` in ``folder``; its protection
    (its recovery key in ``.recovery``)."""
    protection = new_protection(passphrase, params=fast_params())
    create_dossier(folder, name=NAME, born="1948-03-14", protection=protection).close()
    keyring.forget_all()
    return protection


def _view_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return

    def walk(parent: QModelIndex) -> Iterator[str]:
        try:
            columns = model.columnCount(parent)
        except TypeError:  # a QListWidget's model keeps these private: a flat list
            columns = 1
        for row in range(model.rowCount(parent)):
            for column in range(columns):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if value:
                        yield str(value)
                if columns > 1 or not parent.isValid():
                    try:
                        nested = model.rowCount(index) > 0
                    except TypeError:
                        nested = False
                    if nested:
                        yield from walk(index)

    yield from walk(QModelIndex())


def shown_texts(window: QWidget) -> list[str]:
    """Every text a person can see in ``window`` and in the program's other visible
    windows: titles, labels, boxes, buttons, and the rows of every list."""
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        texts.append(top.windowTitle())
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            if isinstance(widget, QLabel):
                texts.append(widget.text())
            elif isinstance(widget, QLineEdit):
                texts += [widget.text(), widget.placeholderText()]
            elif isinstance(widget, QAbstractButton):
                texts.append(widget.text())
            elif isinstance(widget, QTextEdit | QPlainTextEdit):
                texts.append(widget.toPlainText())
            if isinstance(widget, QAbstractItemView):
                texts += list(_view_texts(widget))
    return texts


def shows(window: QWidget, words: str) -> bool:
    """True when any text the program shows holds ``words`` (marks of direction aside)."""
    plain = "".join(c for c in words if c.isalnum())
    return any(plain in "".join(c for c in text if c.isalnum()) for text in shown_texts(window))
