"""``dossier.core.safe_files``: nothing below a root is read or written through a link.

Every test runs twice: walking with folder descriptors and ``O_NOFOLLOW`` (POSIX), and the
``lstat``/``fstat`` way used where the platform has neither (Windows).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core import safe_files
from dossier.core.atomic_write import AtomicWriter, write_atomically
from dossier.core.safe_files import UnsafePath

SECRET = b"secret text that must stay where it is\n"


@pytest.fixture(params=["descriptors", "lstat"], autouse=True)
def walk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "lstat":  # as on Windows: no dir_fd, no O_NOFOLLOW
        monkeypatch.setattr(safe_files, "WALK_BY_DESCRIPTOR", False)
        monkeypatch.setattr(safe_files, "_NOFOLLOW", 0)
    else:
        assert safe_files.WALK_BY_DESCRIPTOR, "this platform walks by descriptor"
    yield request.param


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    secret = folder / "secret.txt"
    secret.write_bytes(SECRET)
    return secret


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "root"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "file").write_bytes(b"ours")
    return folder


def test_reads_and_writes_plain_files(root: Path) -> None:
    with safe_files.open_for_reading(root, "sub/file") as handle:
        assert handle.read() == b"ours"
    with safe_files.open_for_writing(root, "new/deeper/made") as handle:
        handle.write(b"new")
    assert (root / "new" / "deeper" / "made").read_bytes() == b"new"
    with pytest.raises(FileExistsError):
        safe_files.open_for_writing(root, "new/deeper/made")
    with safe_files.open_for_writing(root, "new/deeper/made", exclusive=False) as handle:
        handle.write(b"again")
    assert (root / "new" / "deeper" / "made").read_bytes() == b"again"
    with pytest.raises(FileNotFoundError):
        safe_files.open_for_reading(root, "sub/none")


def test_a_link_in_place_of_the_file_is_refused(root: Path, outside: Path) -> None:
    (root / "sub" / "link").symlink_to(outside)
    with pytest.raises(UnsafePath) as refused:
        safe_files.open_for_reading(root, "sub/link")
    assert refused.value.problem == "link"
    assert "link" in str(refused.value)
    for exclusive in (True, False):
        with pytest.raises((UnsafePath, FileExistsError)):
            safe_files.open_for_writing(root, "sub/link", exclusive=exclusive)
    fd_flags = os.O_RDWR | os.O_CREAT
    with pytest.raises(UnsafePath):
        safe_files.open_file(root, "sub/link", fd_flags)
    with pytest.raises(UnsafePath):
        write_atomically(root, "sub/link", b"overwritten")
    assert outside.read_bytes() == SECRET
    assert (root / "sub" / "link").is_symlink()


def test_a_dangling_link_is_not_created_through(root: Path, tmp_path: Path) -> None:
    (root / "sub" / "dangling").symlink_to(tmp_path / "would-be-made")
    with pytest.raises(UnsafePath):
        safe_files.open_file(root, "sub/dangling", os.O_RDWR | os.O_CREAT)
    assert not (tmp_path / "would-be-made").exists()


def test_a_linked_folder_on_the_way_is_refused(root: Path, outside: Path) -> None:
    (root / "away").symlink_to(outside.parent, target_is_directory=True)
    with pytest.raises(UnsafePath) as refused:
        safe_files.open_for_reading(root, "away/secret.txt")
    assert refused.value.where == root / "away"
    with pytest.raises(UnsafePath):
        safe_files.open_for_writing(root, "away/new")
    with pytest.raises(UnsafePath):
        safe_files.make_folders(root, "away/deeper")
    with pytest.raises(UnsafePath):
        safe_files.new_file(root, "away", "tmp-")
    with pytest.raises(UnsafePath):
        safe_files.list_folder(root, "away")
    assert sorted(os.listdir(outside.parent)) == ["secret.txt"]


def test_a_pipe_a_folder_and_a_device_are_not_files(root: Path) -> None:
    os.mkfifo(root / "sub" / "pipe")
    (root / "sub" / "folder").mkdir()
    (root / "sub" / "null").symlink_to("/dev/null")
    for name in ("pipe", "folder"):
        with pytest.raises(UnsafePath) as refused:
            safe_files.open_for_reading(root, f"sub/{name}")  # a pipe must not hang here
        assert refused.value.problem == "not_file"
        with pytest.raises(UnsafePath if name == "pipe" else IsADirectoryError):
            write_atomically(root, f"sub/{name}", b"x")
    with pytest.raises(UnsafePath):
        safe_files.open_for_reading(root, "sub/null")
    with pytest.raises(UnsafePath) as not_folder:
        safe_files.open_for_reading(root, "sub/file/inside")
    assert not_folder.value.problem == "not_folder"


def test_write_atomically_replaces_a_file_and_leaves_nothing_else(root: Path) -> None:
    target = write_atomically(root, "sub/file", b"version two")
    assert target == root / "sub" / "file"
    assert target.read_bytes() == b"version two"
    write_atomically(root, "settings.json", b"{}")
    assert sorted(os.listdir(root)) == ["settings.json", "sub"]
    assert sorted(os.listdir(root / "sub")) == ["file"]
    with pytest.raises(RuntimeError), AtomicWriter(root, "sub/file") as writer:
        writer.stream.write(b"half")
        raise RuntimeError("the disk went away")
    assert target.read_bytes() == b"version two"
    assert sorted(os.listdir(root / "sub")) == ["file"]


def test_rename_moves_a_link_itself_never_its_target(root: Path, outside: Path) -> None:
    (root / "sub" / "link").symlink_to(outside)
    safe_files.rename(root, "sub/link", "moved/away/link")
    moved = root / "moved" / "away" / "link"
    assert moved.is_symlink() and os.readlink(moved) == str(outside)
    assert outside.read_bytes() == SECRET
    with pytest.raises(FileExistsError):
        safe_files.rename(root, "moved/away/link", "sub/file")
    assert safe_files.remove(root, "moved/away/link")
    assert outside.read_bytes() == SECRET
    assert not safe_files.remove(root, "moved/away/link")


def test_look_names_the_first_link_on_the_way(root: Path, outside: Path) -> None:
    (root / "away").symlink_to(outside.parent, target_is_directory=True)
    (root / "sub" / "link").symlink_to(outside)
    os.mkfifo(root / "sub" / "pipe")
    found = safe_files.look(root, "sub/file")
    assert found.kind == "file" and found.info is not None and found.info.st_size == 4
    assert safe_files.look(root, "sub/none").kind == "missing"
    assert safe_files.look(root, "none/deeper").kind == "missing"
    assert safe_files.look(root, "away/secret.txt") == safe_files.Look(
        "link", ("away",), safe_files.look(root, "away").info
    )
    assert safe_files.look(root, "sub/link").at == ("sub", "link")
    assert safe_files.look(root, "sub/pipe").kind == "other"
    assert safe_files.look(root, "sub").kind == "folder"
    assert safe_files.look(root, "sub/file/x").kind == "other"


def test_a_new_file_is_private_and_named_at_random(root: Path) -> None:
    fd, path = safe_files.new_file(root, "tmp", "incoming-")
    os.close(fd)
    assert path.parent == root / "tmp" and path.name.startswith("incoming-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_paths_that_leave_the_root_are_a_programming_error(root: Path) -> None:
    for bad in ("../x", "/etc/passwd", "", "sub/../x", "."):
        with pytest.raises(ValueError):
            safe_files.open_for_reading(root, bad)


def test_a_link_swapped_in_while_opening_is_noticed(
    root: Path, outside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the look at the name and the open, the file becomes a link: O_NOFOLLOW
    refuses it, and without it (Windows) fstat after the open tells another file."""
    real_open = os.open
    target = root / "sub" / "file"

    def swapping_open(
        path: str, flags: int, mode: int = 0o777, *, dir_fd: int | None = None
    ) -> int:
        if not target.is_symlink():
            target.unlink()
            target.symlink_to(outside)
        return real_open(path, flags, mode, dir_fd=dir_fd)

    monkeypatch.setattr(safe_files.os, "open", swapping_open)
    with pytest.raises(UnsafePath):
        safe_files.open_for_reading(root, "sub/file")
    assert outside.read_bytes() == SECRET
