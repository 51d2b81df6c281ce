"""A deadline marked done carries the day it was done, whichever way it was marked."""

from __future__ import annotations

import pytest

from dossier.core import records
from dossier.core.history import History
from dossier.core.storage import Dossier

TODAY = "2026-06-15"


@pytest.fixture(autouse=True)
def _pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_TODAY", TODAY)


def test_marked_done_takes_today_and_marked_not_done_loses_it(dossier: Dossier) -> None:
    task = records.create(dossier, "task", {"title": "Send the objection"}).id
    assert records.get(dossier, "task", task)["done_on"] is None
    done = records.update(dossier, "task", task, {"done": True})
    assert done.after is not None and done.after["done_on"] == TODAY
    undone = records.update(dossier, "task", task, {"done": False})
    assert undone.after is not None and undone.after["done_on"] is None


def test_a_date_given_with_the_mark_is_kept(dossier: Dossier) -> None:
    task = records.create(dossier, "task", {"title": "Phone the office"}).id
    records.update(dossier, "task", task, {"done": True, "done_on": "2026-06-01"})
    assert records.get(dossier, "task", task)["done_on"] == "2026-06-01"
    made = records.create(
        dossier, "task", {"title": "Old one", "done": True, "done_on": "2026-05-02"}
    )
    assert made.after is not None and made.after["done_on"] == "2026-05-02"


def test_a_task_added_as_done_takes_today(dossier: Dossier) -> None:
    made = records.create(dossier, "task", {"title": "Already sent", "done": True})
    assert made.after is not None and made.after["done_on"] == TODAY


def test_an_edit_that_leaves_done_alone_leaves_the_date_alone(dossier: Dossier) -> None:
    task = records.create(
        dossier, "task", {"title": "Sent", "done": True, "done_on": "2026-06-10"}
    ).id
    records.update(dossier, "task", task, {"title": "Sent by registered post"})
    assert records.get(dossier, "task", task)["done_on"] == "2026-06-10"
    records.update(dossier, "task", task, {"done_on": "2026-06-11"})
    assert records.get(dossier, "task", task)["done_on"] == "2026-06-11"


def test_undo_and_redo_bring_back_the_date_that_was(dossier: Dossier) -> None:
    task = records.create(
        dossier, "task", {"title": "Sent", "done": True, "done_on": "2026-06-10"}
    ).id
    history = History()
    history.record(records.update(dossier, "task", task, {"done": False}))
    assert records.get(dossier, "task", task)["done_on"] is None
    history.undo(dossier)
    assert records.get(dossier, "task", task)["done_on"] == "2026-06-10"
    history.redo(dossier)
    stored = records.get(dossier, "task", task)
    assert not stored["done"] and stored["done_on"] is None
