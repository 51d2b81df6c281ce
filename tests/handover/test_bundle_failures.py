"""Complete or nothing: a bundle stopped, cut off by a USB stick pulled out, by a full
disk, or by a printing failure leaves nothing at the place chosen (nor a work folder
beside it), records no hand-over, and says what happened in plain words."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dossier.core import records
from dossier.core.handover.bundle import BundleCancelled, BundleError, make_bundle
from dossier.core.reports.model import Report
from dossier.core.reports.packet_plan import PacketPlan
from dossier.core.storage import Dossier
from dossier.core.unfinished import clean_up
from dossier.reports.bundle_render import pdf_renderer
from tests.handover.bundle_dossier import Built
from tests.mounts import read_only_view, small_disk

RENDER = pdf_renderer()


def at_step(step: int, then: Any) -> Any:
    """A progress callback that calls ``then()`` when the bundle reaches ``step``."""

    def progress(_what: str, done: int, _total: int) -> None:
        if done == step:
            then()

    return progress


@pytest.mark.parametrize("name", ["b", "b.zip"])
def test_stopped_leaves_nothing(dossier: Dossier, built: Built, stick: Path, name: str) -> None:
    asked: list[str] = []
    stop = at_step(6, lambda: asked.append("stop"))
    with pytest.raises(BundleCancelled, match=r"Stopped\. No bundle was made"):
        make_bundle(
            dossier, built.case, stick / name, language="en", render=RENDER,
            to_id=built.doctor, progress=stop, cancelled=lambda: bool(asked),
        )  # fmt: skip
    assert os.listdir(stick) == []
    assert records.list_records(dossier, "hand_over") == []
    assert clean_up("bundle") == []  # nothing registered is left either


@pytest.mark.parametrize(("name", "step"), [("b", 5), ("b.zip", 5), ("b", 9), ("b.zip", 9)])
def test_a_stick_pulled_out_is_said_plainly(
    dossier: Dossier, built: Built, stick: Path, name: str, step: int
) -> None:
    """The stick's folder disappears mid-way (as a pulled stick's does): the message says
    so, nothing is there when it is back, and no hand-over is recorded."""
    pulled = at_step(step, lambda: shutil.rmtree(stick))
    with pytest.raises(BundleError) as raised:
        make_bundle(
            dossier, built.case, stick / name, language="en", render=RENDER,
            to_id=built.doctor, progress=pulled,
        )  # fmt: skip
    assert raised.value.message == (
        f"The USB stick or drive of {stick} was removed or stopped answering while the "
        "bundle was being written. Nothing was left on it; put it back and try again."
    )
    stick.mkdir()  # put back
    assert os.listdir(stick) == []
    assert records.list_records(dossier, "hand_over") == []
    clean_up("bundle")  # the entry kept for it finds nothing left, and goes
    assert clean_up("bundle") == []


def test_a_full_disk_says_how_much_room_is_needed(
    dossier: Dossier, built: Built, tmp_path: Path
) -> None:
    with small_disk(tmp_path / "small", "256k") as disk:
        with pytest.raises(BundleError, match=r"not enough room .* it needs about") as raised:
            make_bundle(dossier, built.case, disk / "b", language="en", render=RENDER)
        assert "nothing was written" in raised.value.message
        assert os.listdir(disk) == []


def test_a_disk_that_fills_up_mid_way(
    dossier: Dossier, built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plenty = shutil.disk_usage(tmp_path)
    with small_disk(tmp_path / "small", "64k") as disk:
        monkeypatch.setattr(shutil, "disk_usage", lambda _path: plenty)  # the drive misreports
        for name in ("b", "b.zip"):
            with pytest.raises(BundleError, match=r"became full .* it needs about") as raised:
                make_bundle(
                    dossier, built.case, disk / name, language="en", render=RENDER,
                    to_id=built.doctor,
                )  # fmt: skip
            assert "nothing was left there" in raised.value.message
            assert os.listdir(disk) == []
    assert records.list_records(dossier, "hand_over") == []


def test_a_place_that_cannot_be_written(dossier: Dossier, built: Built, tmp_path: Path) -> None:
    folder = tmp_path / "cd"
    folder.mkdir()
    with (
        read_only_view(folder, tmp_path / "read-only") as place,
        pytest.raises(BundleError, match="cannot be written to"),
    ):
        make_bundle(dossier, built.case, place / "b", language="en", render=RENDER)
    assert os.listdir(folder) == []


def test_a_paper_that_fails_to_print_stops_it_all(
    dossier: Dossier, built: Built, stick: Path
) -> None:
    def failing(content: Report | PacketPlan, out: Path) -> Any:
        if isinstance(content, PacketPlan):
            raise RuntimeError("the printer broke")
        return RENDER(content, out)

    with pytest.raises(RuntimeError, match="the printer broke"):
        make_bundle(
            dossier, built.case, stick / "b", language="en", render=failing, to_id=built.doctor
        )
    assert os.listdir(stick) == []
    assert records.list_records(dossier, "hand_over") == []


def test_a_killed_bundle_is_removed_at_the_next_clean_up(stick: Path, tmp_path: Path) -> None:
    """A bundle killed mid-way leaves its hidden work folder, registered: the next bundle
    (or the window's start) removes it, and only it."""
    mine = stick / "a note of the person's.txt"
    mine.write_text("keep me")
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from dossier.core.unfinished import begin_folder\n"
        "stick = Path(sys.argv[1])\n"
        "work = begin_folder('bundle', stick / '.b.bundling-0123abcd', about=stick, "
        "target=stick / 'b', mode=0o700)\n"
        "(work.path / 'bundle').mkdir()\n"
        "(work.path / 'bundle' / 'half.pdf').write_bytes(b'%PDF-1.7 half')\n"
        "os._exit(9)  # killed: nothing cleans up\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(stick)], env=os.environ, timeout=60)
    assert done.returncode == 9
    assert sorted(os.listdir(stick)) == [".b.bundling-0123abcd", mine.name]
    [removed] = clean_up("bundle")
    assert removed.path == stick / ".b.bundling-0123abcd"
    assert os.listdir(stick) == [mine.name]
