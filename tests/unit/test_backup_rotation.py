"""Rotation: all of the latest day, the newest of 7 days and of 4 weeks; never the newest
good backup; files no kept backup lists are pruned from the store."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from dossier.core.backup import list_backups, make_backup
from dossier.core.backup.manifest import BackupInfo
from dossier.core.backup.rotation import choose_kept, prune_files, rotate
from dossier.core.backup.store import Store
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier
from tests.unit.test_backup import add_vault_file, store_of

MONDAY = date(2025, 3, 10)  # ISO week 11


def made(day: date, time: str = "09:00:00") -> BackupInfo:
    return BackupInfo(Path(f"/b/{day}_{time.replace(':', '')}"), made_at=f"{day}T{time}")


def kept_days(kept: set[Path]) -> list[str]:
    return sorted({p.name[:10] for p in kept}, reverse=True)


def test_daily_for_two_months_keeps_seven_days_and_four_weeks() -> None:
    backups = [made(MONDAY - timedelta(days=n)) for n in range(60)]
    backups.append(made(MONDAY, "18:30:00"))  # a second backup today, made by hand
    kept = choose_kept(backups)
    assert kept_days(kept) == [
        "2025-03-10",  # today, week 11
        "2025-03-09",  # Sunday: newest of week 10
        "2025-03-08",
        "2025-03-07",
        "2025-03-06",
        "2025-03-05",
        "2025-03-04",  # the seventh day
        "2025-03-02",  # newest of week 9
        "2025-02-23",  # newest of week 8
    ]
    assert len(kept) == 10  # both of today's


def test_days_and_weeks_are_counted_among_those_with_backups() -> None:
    # Opened once every ten days for a year: seven backups are kept, not one.
    backups = [made(MONDAY - timedelta(days=10 * n)) for n in range(36)]
    kept = choose_kept(backups)
    assert kept_days(kept) == [str(MONDAY - timedelta(days=10 * n)) for n in range(7)]


def test_the_newest_good_backup_is_always_kept() -> None:
    good = made(MONDAY - timedelta(days=3))
    damaged = BackupInfo(Path("/b/newer"), made_at=f"{MONDAY}T10:00:00", problem="damaged")
    assert choose_kept([damaged, good], daily=0, weekly=0) == {good.path}
    assert choose_kept([]) == set()


def test_rotation_of_real_backups_made_on_forty_days(dossier: Dossier) -> None:
    folder = dossier.path
    dossier.close()
    gone = add_vault_file(folder, b"a scan removed from the dossier later")
    stays = add_vault_file(folder, b"a scan that stays")
    start = MONDAY - timedelta(days=39)
    make_backup(folder, today=start)
    store = store_of(folder)
    assert store.file_path(gone).is_file()
    with open_dossier(folder) as opened:
        opened.vault.remove(gone)  # the trash emptied
    for n in range(1, 40):
        make_backup(folder, today=start + timedelta(days=n))
    backups = list_backups(folder)
    assert [b.made_on.isoformat() for b in backups] == [
        "2025-03-10",
        "2025-03-09",
        "2025-03-08",
        "2025-03-07",
        "2025-03-06",
        "2025-03-05",
        "2025-03-04",
        "2025-03-02",
        "2025-02-23",
    ]
    assert all(b.good for b in backups)
    assert not store.file_path(gone).exists()  # no kept backup lists it any more
    assert store.file_path(stays).is_file()


def test_damaged_backups_are_neither_counted_nor_removed(dossier: Dossier) -> None:
    folder = dossier.path
    dossier.close()
    first = make_backup(folder, today=MONDAY - timedelta(days=2)).backup
    second = make_backup(folder, today=MONDAY - timedelta(days=1)).backup
    third = make_backup(folder, today=MONDAY).backup
    (third.path / "manifest.json").write_text("{not json", encoding="utf-8")
    store = Store(first.path.parent)
    removed = rotate(store, daily=1, weekly=1)
    assert removed == [first.path]
    assert second.path.is_dir() and third.path.is_dir()
    listed = list_backups(folder)
    assert [(b.path, b.good) for b in listed][-1] == (second.path, True)
    assert any(not b.good and b.path == third.path for b in listed)


def test_nothing_is_pruned_while_a_backup_has_no_readable_file_list(dossier: Dossier) -> None:
    folder = dossier.path
    dossier.close()
    sha = add_vault_file(folder, b"only in the first backup")
    first = make_backup(folder, today=MONDAY - timedelta(days=1)).backup
    (folder / "vault" / sha[:2] / sha).unlink()
    second = make_backup(folder, today=MONDAY).backup
    store = Store(first.path.parent)
    (second.path / "files.json").write_text(json.dumps({"files": "?"}), encoding="utf-8")
    assert prune_files(store) == 0
    assert store.file_path(sha).is_file()
