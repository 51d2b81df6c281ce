"""The program's own unfinished work: only what carries its proof is ever removed.

Work "left by an interrupted operation" is made by a real child process that registers it
and then ends at once (``os._exit``), so its lock is let go by the operating system as
after a kill. Everything that merely looks similar is kept, and links are never followed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dossier.core import paths
from dossier.core.integrity.unfinished_work import unfinished_findings
from dossier.core.unfinished import (
    MARKER,
    begin_file,
    begin_folder,
    clean_up,
    leftovers_about,
    removed_words,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and processes")


def registry() -> list[str]:
    folder = paths.unfinished_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def left_by_a_dead_process(code: str) -> None:
    """Run ``code`` (with ``begin_folder``/``begin_file`` imported) in a child that then
    ends abruptly, as a killed operation would, leaving its work behind."""
    program = "import os\nfrom pathlib import Path\n"
    program += "from dossier.core.unfinished import begin_file, begin_folder\n"
    program += textwrap.dedent(code) + "\nos._exit(0)\n"
    subprocess.run([sys.executable, "-c", program], check=True, timeout=60, env=os.environ)


def staged_restore(dossier: Path, content: bytes = b"x" * 5000) -> Path:
    """A restore's staging folder, full of (fake) medical data, left by a dead process."""
    stage = dossier.parent / f".{dossier.name}.restoring-0a1b2c3d"
    left_by_a_dead_process(
        f"""
        work = begin_folder("restore", Path({str(stage)!r}), about=Path({str(dossier)!r}),
                            target=Path({str(dossier)!r}))
        (work.path / "dossier.sqlite").write_bytes({content!r})
        (work.path / "vault").mkdir()
        """
    )
    assert stage.is_dir() and len(registry()) == 1
    return stage


def exported_by_a_dead_process(part: Path, *, about: Path) -> None:
    """The ``.part`` file of an export (3,002 bytes) left by a dead process."""
    left_by_a_dead_process(
        f"""
        work, fd = begin_file("export", Path({str(part)!r}), about=Path({str(about)!r}))
        os.write(fd, b"PK" + bytes(3000))
        """
    )


def test_finished_work_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "dossier"
    work = begin_folder("import-archive", tmp_path / ".dossier.importing-1", about=target)
    assert (work.path / MARKER).read_text() == work.token and len(registry()) == 1
    (work.path / "data").write_text("records")
    os.rename(work.path, target)
    work.moved_to(target)
    assert not (target / MARKER).exists() and (target / "data").exists()
    assert registry() == []
    part, fd = begin_file("export", tmp_path / ".a.zip.1.part", about=target)
    os.close(fd)
    part.remove()
    assert not (tmp_path / ".a.zip.1.part").exists() and registry() == []


def test_work_of_a_dead_process_is_removed_and_named(tmp_path: Path) -> None:
    dossier = tmp_path / "Anna"
    dossier.mkdir()
    stage = staged_restore(dossier)
    found = leftovers_about(dossier)
    assert [(x.path, x.kind, x.ours, x.size) for x in found] == [
        (stage, "restore", True, 5000 + len(found[0].path.joinpath(MARKER).read_text()))
    ]
    [finding] = unfinished_findings(dossier)
    assert finding.code == "unfinished_work" and finding.items[0].path == str(stage)
    assert "left by an interrupted restore" in finding.items[0].label
    removed = clean_up()
    assert [r.path for r in removed] == [stage] and not stage.exists()
    assert removed_words(removed[0]).startswith("Removed what an interrupted restore had left")
    assert registry() == [] and dossier.is_dir()


def test_running_work_is_left_alone(tmp_path: Path) -> None:
    dossier = tmp_path / "Anna"
    work = begin_folder("restore", tmp_path / ".Anna.restoring-1", about=dossier)
    assert clean_up() == [] and work.path.is_dir()
    assert leftovers_about(dossier) == []  # running: neither ours to report nor a look-alike
    work.remove()
    assert registry() == []


def test_only_the_kind_asked_for_is_cleaned(tmp_path: Path) -> None:
    stage = staged_restore(tmp_path / "Anna")
    assert clean_up("export") == [] and stage.is_dir()
    assert [r.path for r in clean_up("restore")] == [stage]


def test_a_look_alike_without_the_proof_is_kept_and_reported(tmp_path: Path) -> None:
    dossier = tmp_path / "Anna"
    dossier.mkdir()
    fake = tmp_path / ".Anna.restoring-99"
    fake.mkdir()
    (fake / "scan.pdf").write_bytes(b"%PDF" + bytes(2000))
    (fake / MARKER).write_text("f" * 32)  # a marker, but no entry in the registry
    assert clean_up() == [] and fake.is_dir()
    [finding] = unfinished_findings(dossier)
    assert finding.code == "unknown_leftovers"
    assert "does not carry the program's mark" in finding.message
    assert "delete them yourself" in finding.advice and finding.items[0].path == str(fake)


def test_a_folder_whose_marker_changed_is_kept(tmp_path: Path) -> None:
    stage = staged_restore(tmp_path / "Anna")
    (stage / MARKER).write_text("0" * 32)
    assert clean_up() == [] and stage.is_dir()
    assert registry() == []  # the entry goes; what it named stays


def test_a_folder_replaced_by_a_link_is_never_followed(tmp_path: Path) -> None:
    stage = staged_restore(tmp_path / "Anna")
    outside = tmp_path / "photos"
    outside.mkdir()
    (outside / "holiday.jpg").write_bytes(b"mine")
    os.rename(stage, tmp_path / "moved away")
    stage.symlink_to(outside)
    assert clean_up() == []
    assert (outside / "holiday.jpg").read_bytes() == b"mine" and stage.is_symlink()


def test_a_link_inside_our_folder_is_removed_as_a_link(tmp_path: Path) -> None:
    stage = staged_restore(tmp_path / "Anna")
    outside = tmp_path / "photos"
    outside.mkdir()
    (outside / "holiday.jpg").write_bytes(b"mine")
    (stage / "vault" / "ab").symlink_to(outside)
    (stage / "everything").symlink_to(tmp_path)
    assert [r.path for r in clean_up()] == [stage]
    assert not stage.exists() and (outside / "holiday.jpg").read_bytes() == b"mine"


def test_a_parent_folder_replaced_by_a_link_is_not_followed(tmp_path: Path) -> None:
    place = tmp_path / "place"
    place.mkdir()
    stage = staged_restore(place / "Anna")
    elsewhere = tmp_path / "elsewhere"
    os.rename(place, elsewhere)
    place.symlink_to(elsewhere)  # the same path now leads through a link
    assert clean_up() == [] and (elsewhere / stage.name).is_dir()


def test_a_part_file_replaced_by_another_file_is_kept(tmp_path: Path) -> None:
    part = tmp_path / ".a.zip.1234.part"
    exported_by_a_dead_process(part, about=tmp_path)
    os.rename(part, tmp_path / "kept")
    part.write_bytes(b"someone else's file")  # same name, another file
    assert clean_up() == [] and part.read_bytes() == b"someone else's file"


def test_a_part_file_left_by_a_dead_export_is_removed(tmp_path: Path) -> None:
    part = tmp_path / ".a.zip.1234.part"
    exported_by_a_dead_process(part, about=tmp_path)
    [removed] = clean_up("export")
    assert removed.path == part and removed.size == 3002 and not part.exists()
    assert "an interrupted export to an archive" in removed_words(removed)


def test_a_marker_left_in_the_final_folder_is_taken_out_only(tmp_path: Path) -> None:
    """Killed just after the rename, before the marker was taken out: the dossier stays."""
    target = tmp_path / "Anna"
    stage = tmp_path / ".Anna.restoring-1"
    left_by_a_dead_process(
        f"""
        work = begin_folder("restore", Path({str(stage)!r}), about=Path({str(target)!r}),
                            target=Path({str(target)!r}))
        (work.path / "dossier.sqlite").write_bytes(b"records")
        os.rename(work.path, Path({str(target)!r}))
        """
    )
    assert (target / MARKER).exists()
    assert clean_up() == []
    assert not (target / MARKER).exists() and (target / "dossier.sqlite").read_bytes() == b"records"
    assert registry() == []


def test_a_settings_folder_that_cannot_be_written_does_not_stop_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unregistered, the work goes on; what it leaves is only reported, never removed."""
    blocked = tmp_path / "settings-file"
    blocked.write_text("a file where the settings folder should be")
    monkeypatch.setattr(paths, "unfinished_dir", lambda: blocked / "unfinished")
    work = begin_folder("restore", tmp_path / ".Anna.restoring-1", about=tmp_path / "Anna")
    assert (work.path / MARKER).exists()
    work.remove()
    assert not work.path.exists()
