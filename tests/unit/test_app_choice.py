"""Which dossier the window opens: given, last used, or the example made on first use."""

from __future__ import annotations

from pathlib import Path

from dossier.app import choose_dossier
from dossier.core import paths
from dossier.core.storage import Dossier, is_dossier


def test_first_start_makes_the_example_dossier_in_the_user_folder(_isolated_home: Path) -> None:
    chosen = choose_dossier(None, demo=False)
    assert chosen == paths.demo_dossier_path()
    assert str(chosen).startswith(str(_isolated_home))
    assert is_dossier(chosen)
    again = choose_dossier(None, demo=True)  # made once, then reused
    assert again == chosen


def test_last_used_dossier_wins_over_the_example(tmp_path: Path) -> None:
    Dossier.create(tmp_path / "mine", name="Me").close()
    paths.remember_dossier(tmp_path / "mine")
    assert choose_dossier(None, demo=False) == (tmp_path / "mine").resolve()
    assert choose_dossier(tmp_path / "other", demo=False) == tmp_path / "other"
    assert paths.recent_dossiers() == [(tmp_path / "mine").resolve()]
