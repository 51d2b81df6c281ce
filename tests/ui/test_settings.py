"""The settings file carries its version, and an older file is upgraded step by step when
it is opened (as MusicBrainz Picard upgrades its settings)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from dossier.ui import settings as settings_module
from dossier.ui.settings import SETTINGS_NAME, SETTINGS_VERSION, VERSION_KEY, settings, upgrade

SPLITTER = QByteArray(b"\x00\x00\x00\xff\x00\x00\x00\x01,\x00\x02X")


def write_old_format(path: Path) -> None:
    """A settings file as the program wrote it before settings had a version."""
    path.parent.mkdir(parents=True)
    old = QSettings(str(path), QSettings.Format.IniFormat)
    old.setValue("view/page", "calendar")
    old.setValue("documents/view", "list")
    old.setValue("splitters/documentsSplitter", SPLITTER)
    old.sync()
    assert "version" not in path.read_text(encoding="utf-8")


def settings_file() -> Path:
    return Path(os.environ["DOSSIER_HOME"]) / "config" / SETTINGS_NAME


def test_a_file_without_a_version_is_upgraded_and_keeps_its_settings() -> None:
    path = settings_file()
    write_old_format(path)

    state = settings()

    assert state.value(VERSION_KEY) == SETTINGS_VERSION == 1
    assert state.value("view/page") == "calendar"
    assert state.value("documents/view") == "list"
    assert state.value("splitters/documentsSplitter") == SPLITTER
    assert "[settings]\nversion=1" in path.read_text(encoding="utf-8")  # written at once


def test_a_new_file_starts_at_the_current_version() -> None:
    settings().setValue("view/page", "overview")

    assert QSettings(str(settings_file()), QSettings.Format.IniFormat).value(VERSION_KEY) == 1


def _file_at(tmp_path: Path, text: str) -> QSettings:
    path = tmp_path / "old.ini"
    path.write_text(text, encoding="utf-8")
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_the_missing_steps_run_in_order_each_once(tmp_path: Path) -> None:
    ran: list[int] = []

    def step(number: int, old: str, new: str) -> settings_module.Upgrade:
        def rename(state: QSettings) -> None:
            ran.append(number)
            state.setValue(new, state.value(old))
            state.remove(old)

        return rename

    steps = [step(0, "a", "b"), step(1, "b", "c"), step(2, "c", "d")]
    state = _file_at(tmp_path, "[settings]\nversion=1\n\n[General]\nb=kept\n")

    upgrade(state, steps)

    assert ran == [1, 2]  # version 1 already had the first step
    assert state.value("d") == "kept" and state.value("b") is None
    assert settings_module.settings_version(state) == 3
    upgrade(state, steps)
    assert ran == [1, 2]  # nothing left to do
    assert "version=3" in (tmp_path / "old.ini").read_text(encoding="utf-8")


def test_a_file_from_a_newer_program_is_left_as_it_is(tmp_path: Path) -> None:
    text = "[settings]\nversion=7\n\n[view]\npage=future\n"
    state = _file_at(tmp_path, text)

    upgrade(state, [lambda _state: None])

    assert settings_module.settings_version(state) == 7
    assert (tmp_path / "old.ini").read_text(encoding="utf-8") == text


def test_an_unreadable_version_counts_as_none(tmp_path: Path) -> None:
    ran: list[str] = []
    state = _file_at(tmp_path, "[settings]\nversion=soon\n")

    upgrade(state, [lambda _state: ran.append("step")])

    assert ran == ["step"]
    assert settings_module.settings_version(state) == 1
