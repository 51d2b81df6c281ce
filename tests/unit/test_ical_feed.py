"""The calendar file kept up to date (dossier.core.ical.feed): its folder a setting of this
computer, the file written as a whole after a change and never through a link, plain words
when it cannot be written, and the warning for a protected dossier."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import icalendar
import pytest

from dossier.core import paths, records
from dossier.core.crypto.unlock import new_protection
from dossier.core.ical import feed
from dossier.core.ical.feed import (
    CONFIG_NAME,
    FeedError,
    clear_feed,
    get_feed,
    refresh_feed,
    set_feed,
    unprotected_warning,
)
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.storage import Dossier
from tests.pinned_day import PinDay
from tests.protection_keys import FAST


@pytest.fixture
def planned(dossier: Dossier, today: PinDay) -> Dossier:
    today("2026-05-12")
    records.create(dossier, "case", {"title": "Knee", "decision_deadline": "2026-07-01"})
    records.create(dossier, "appointment", {"case_id": 1, "starts_at": "2026-06-02T10:30"})
    return dossier


def config_file() -> Path:
    return paths.config_dir() / CONFIG_NAME


def test_a_folder_chosen_gets_the_file_at_once_and_after_each_change(
    planned: Dossier, tmp_path: Path
) -> None:
    folder = tmp_path / "calendar"
    folder.mkdir()
    written = set_feed(planned, folder)
    assert written == folder / "Test Person - second opinion.ics"
    assert get_feed(planned.path) == feed.Feed(folder, written.name)
    first = written.read_bytes()
    uids = {str(e["uid"]) for e in icalendar.Calendar.from_ical(first).walk("VEVENT")}
    assert len(uids) == 2
    # Nothing changed: the file is left as it is (a subscribed calendar sees no change).
    before = written.stat()
    assert refresh_feed(planned) == written
    assert (written.stat().st_ino, written.stat().st_mtime_ns) == (
        before.st_ino,
        before.st_mtime_ns,
    )
    records.update(planned, "appointment", 1, {"location": "Room 7"})
    assert refresh_feed(planned) == written
    again = icalendar.Calendar.from_ical(written.read_bytes())
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == uids  # updated, not duplicated
    assert "Room 7" in written.read_text(encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir()) == [written.name]  # no temporary left


def test_the_choice_is_this_computers_and_keyed_by_the_dossiers_real_folder(
    planned: Dossier, tmp_path: Path
) -> None:
    folder = tmp_path / "calendar"
    folder.mkdir()
    set_feed(planned, folder)
    saved = json.loads(config_file().read_text(encoding="utf-8"))
    assert saved["calendar_files"] == [
        {
            "dossier": str(Path(planned.path).resolve()),
            "folder": str(folder),
            "name": "Test Person - second opinion.ics",
        }
    ]
    link = tmp_path / "by-another-name"
    link.symlink_to(planned.path, target_is_directory=True)
    assert get_feed(link) == get_feed(planned.path)
    # A copy of the dossier (from someone else, say) has no calendar file of its own.
    planned.close()
    copy = tmp_path / "copy"
    shutil.copytree(planned.path, copy)
    assert get_feed(copy) is None
    with open_dossier(copy) as opened:
        assert refresh_feed(opened) is None
    # The choice is not in the dossier: its only setting is the calendar's identity.
    with open_dossier(copy) as opened:
        rows = opened.db.execute("SELECT key, value FROM dossier_setting").fetchall()
    assert [key for key, _value in rows] == ["calendar_id"]
    assert str(folder) not in repr(rows)


def test_a_name_changed_later_keeps_the_files_name(planned: Dossier, tmp_path: Path) -> None:
    set_feed(planned, tmp_path)
    records.update(planned, "person", 1, {"name": "Другое Имя"})
    assert refresh_feed(planned) == tmp_path / "Test Person - second opinion.ics"
    assert set_feed(planned, tmp_path) == tmp_path / "Test Person - second opinion.ics"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert set_feed(planned, elsewhere) == elsewhere / "Другое Имя - second opinion.ics"


def test_a_link_planted_at_the_files_name_is_not_followed(planned: Dossier, tmp_path: Path) -> None:
    folder = tmp_path / "calendar"
    folder.mkdir()
    written = set_feed(planned, folder)
    victim = tmp_path / "victim.txt"
    victim.write_text("the person's own file\n")
    written.unlink()
    written.symlink_to(victim)
    with pytest.raises(FeedError) as refused:
        refresh_feed(planned)
    assert "is a link" in refused.value.message and "never reads or writes through" in (
        refused.value.message
    )
    assert victim.read_text() == "the person's own file\n"
    assert written.is_symlink() and sorted(p.name for p in folder.iterdir()) == [written.name]


def test_a_folder_gone_or_closed_is_said_in_plain_words(planned: Dossier, tmp_path: Path) -> None:
    folder = tmp_path / "stick" / "calendar"
    folder.mkdir(parents=True)
    set_feed(planned, folder)
    shutil.rmtree(tmp_path / "stick")
    with pytest.raises(FeedError) as refused:
        refresh_feed(planned)
    assert refused.value.message == (
        f"The calendar file cannot be kept up to date: the folder {folder} is not there "
        "(perhaps on a drive that is not connected). Connect it, choose another folder, or "
        "stop keeping the calendar file."
    )
    assert not (tmp_path / "stick").exists()  # not made again
    if os.geteuid() != 0:  # root writes anywhere
        folder.mkdir(parents=True)
        folder.chmod(0o555)
        try:
            with pytest.raises(FeedError, match="cannot be written to"):
                refresh_feed(planned)
        finally:
            folder.chmod(0o755)


def test_a_folder_that_cannot_be_used_is_refused_and_nothing_kept(
    planned: Dossier, tmp_path: Path
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for folder, words in (
        (tmp_path / "missing", "There is no folder"),
        (a_file, "is not a folder"),
        (Path(planned.path), "outside the dossier's folder"),
        (Path(planned.path) / "vault", "outside the dossier's folder"),
    ):
        with pytest.raises(FeedError, match=words):
            set_feed(planned, folder)
    assert get_feed(planned.path) is None and not config_file().exists()


def test_stopping_leaves_the_file_and_writes_no_more(planned: Dossier, tmp_path: Path) -> None:
    written = set_feed(planned, tmp_path)
    stopped = clear_feed(planned.path)
    assert stopped is not None and stopped.path == written
    assert written.is_file() and get_feed(planned.path) is None
    before = written.read_bytes()
    records.update(planned, "appointment", 1, {"location": "Room 9"})
    assert refresh_feed(planned) is None
    assert written.read_bytes() == before
    assert clear_feed(planned.path) is None


def test_the_settings_file_is_read_with_care(planned: Dossier, tmp_path: Path) -> None:
    config = config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    real = str(Path(planned.path).resolve())
    for text in (
        "{",  # cut off
        "[" * 10_000 + "]" * 10_000,  # nested too deeply
        json.dumps({"calendar_files": "no"}),
        json.dumps({"calendar_files": [{"dossier": real, "folder": "relative", "name": "a.ics"}]}),
        json.dumps(
            {"calendar_files": [{"dossier": real, "folder": str(tmp_path), "name": "../x.ics"}]}
        ),
        json.dumps(
            {"calendar_files": [{"dossier": real, "folder": str(tmp_path), "name": "x.txt"}]}
        ),
        json.dumps({"calendar_files": [{"dossier": real, "folder": str(tmp_path)}] * 5}),
        json.dumps(
            {
                "calendar_files": [
                    {
                        "dossier": real,
                        "folder": str(tmp_path),
                        "name": "a.ics",
                        "pad": "x" * 300_000,
                    }
                ]
            }
        ),
    ):
        config.write_text(text)
        assert get_feed(planned.path) is None, text[:60]
        assert refresh_feed(planned) is None
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".ics") == []
    # A link in its place is neither read nor written through.
    victim = tmp_path / "victim.json"
    victim.write_text(
        json.dumps(
            {"calendar_files": [{"dossier": real, "folder": str(tmp_path), "name": "a.ics"}]}
        )
    )
    config.unlink()
    config.symlink_to(victim)
    assert get_feed(planned.path) is None
    with pytest.raises(FeedError, match="could not be saved"):
        set_feed(planned, tmp_path)
    assert config.is_symlink() and "a.ics" in victim.read_text()


def test_the_list_is_bounded(planned: Dossier, tmp_path: Path) -> None:
    entries = [
        {"dossier": f"/dossiers/{n}", "folder": str(tmp_path), "name": f"d{n}.ics"}
        for n in range(feed.MAX_FEEDS + 20)
    ]
    config = config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps({"format": 1, "calendar_files": entries}))
    set_feed(planned, tmp_path)
    saved = json.loads(config.read_text())["calendar_files"]
    assert len(saved) == feed.MAX_FEEDS
    assert saved[-1]["dossier"] == str(Path(planned.path).resolve())  # the newest kept


def test_a_protected_dossiers_calendar_file_is_said_to_be_readable(tmp_path: Path) -> None:
    protected = create_dossier(
        tmp_path / "protected",
        name="Test Person",
        protection=new_protection("a long passphrase", params=FAST),
    )
    try:
        warning = unprotected_warning(protected)
        assert warning is not None and "not encrypted" in warning
        written = set_feed(protected, tmp_path)
        assert b"BEGIN:VCALENDAR" in written.read_bytes()  # readable: said, not hidden
    finally:
        protected.close()


def test_an_unprotected_dossier_gets_no_warning(planned: Dossier) -> None:
    assert unprotected_warning(planned) is None
