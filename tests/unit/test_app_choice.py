"""Which dossier the window opens: given, last used, or the example made on first use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dossier.core import paths
from dossier.core.dossier_choice import choose_dossier
from dossier.core.opening import create_dossier
from dossier.core.storage import is_dossier


def test_first_start_makes_the_example_dossier_in_the_user_folder(_isolated_home: Path) -> None:
    chosen = choose_dossier(None, demo=False)
    assert chosen == paths.demo_dossier_path()
    assert str(chosen).startswith(str(_isolated_home))
    assert is_dossier(chosen)
    again = choose_dossier(None, demo=True)  # made once, then reused
    assert again == chosen


def test_last_used_dossier_wins_over_the_example(tmp_path: Path) -> None:
    create_dossier(tmp_path / "mine", name="Me").close()
    paths.remember_dossier(tmp_path / "mine")
    assert choose_dossier(None, demo=False) == (tmp_path / "mine").resolve()
    assert choose_dossier(tmp_path / "other", demo=False) == tmp_path / "other"
    assert paths.recent_dossiers() == [(tmp_path / "mine").resolve()]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
@pytest.mark.parametrize("xdg", ["", "/tmp/xdg-test"])
def test_folders_follow_platformdirs_on_linux(monkeypatch: pytest.MonkeyPatch, xdg: str) -> None:
    import platformdirs

    monkeypatch.delenv("DOSSIER_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", xdg)
    monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
    assert paths.data_dir() == Path(platformdirs.user_data_dir(paths.APP_DIR_NAME, False))
    assert paths.config_dir() == Path(platformdirs.user_config_dir(paths.APP_DIR_NAME, False))
