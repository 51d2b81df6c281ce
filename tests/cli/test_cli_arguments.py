"""Each kind of bad argument, one by one, through the real command line: the plain line it
gets, its exit status, and that nothing was written. (test_hostile_arguments.py tries
them all against every command; this file says what each one must look like.)"""

from __future__ import annotations

import argparse
import errno
import os
import resource
import shutil
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core.demo import build_demo
from tests.cli.hostile_arguments import digest, run_in_process
from tests.cli.runner import run
from tests.pinned_day import PinDay

TODAY = "2026-06-15"
SQLITE_MAX = 2**63 - 1


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_TODAY", TODAY)
        path = tmp_path_factory.mktemp("arguments") / "dossier"
        build_demo(path).close()
        yield path


@pytest.fixture
def dossier(template: Path, tmp_path: Path, today: PinDay) -> Path:
    today(TODAY)
    copy = tmp_path / "dossier"
    shutil.copytree(template, copy)
    return copy


def one_line(stderr: str) -> str:
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    return stderr.rstrip("\n")


def test_record_numbers_out_of_range(dossier: Path) -> None:
    d = ("--dossier", str(dossier))
    before = digest(dossier)
    for given, said in (
        ("0", "'0' is not a record number: numbers start at 1."),
        ("-3", "'-3' is not a record number: numbers start at 1."),
        ("1.5", "'1.5' is not a record number: give a whole number, such as 12."),
        ("", "'' is not a record number: give a whole number, such as 12."),
        (str(SQLITE_MAX + 1), "too large for a record number (at most 9,223,372,036,854,775,807)."),
    ):
        done = run("delete", "case", *d, "--", given, check=2)
        assert one_line(done.stderr).startswith("dossier delete: argument id: "), done.stderr
        assert said in done.stderr
    missing = run("show", "case", str(SQLITE_MAX), *d, check=1)  # in range, but not there
    assert one_line(missing.stderr) == f"dossier: There is no case number {SQLITE_MAX}."
    assert digest(dossier) == before


def test_counts_and_lists_of_numbers(dossier: Path) -> None:
    d = ("--dossier", str(dossier))
    for argv, said in (
        (("search", "knee", "--limit", "0"), "'0' is not a number of results"),
        (("search", "knee", "--limit", "10001"), "at most 10,000"),
        (("compare", "1", "--width", "-5"), "'-5' is not a width"),
        (("compare", "1", "--opinions", "1,2,3,4,5"), "give two to four opinion numbers"),
        (("compare", "1", "--opinions", "1,99999999999999999999"), "too large for an opinion"),
        (("cite", "1", "diagnosis", "1", "--page", "0"), "'0' is not a page number"),
    ):
        done = run(*argv, *d, check=2)
        assert said in one_line(done.stderr), (argv, done.stderr)


def test_the_types_take_what_a_person_types() -> None:
    from dossier.cli.args import json_object, record_id

    assert record_id(" 12 ") == 12
    assert record_id("+7") == 7
    assert record_id("007") == 7
    assert record_id(str(SQLITE_MAX)) == SQLITE_MAX
    for refused in ("٣", "1e3", "0x10", "12abc", "1 2", "9" * 5000):
        with pytest.raises(argparse.ArgumentTypeError):
            record_id(refused)
    assert json_object('{"title": "Knee", "n": 3, "x": [1.5, true, null]}')["n"] == 3


def test_data_that_is_not_a_record(dossier: Path) -> None:
    d = ("--dossier", str(dossier))
    before = digest(dossier)
    for data, said in (
        ("[" * 60_000 + "]" * 60_000, "it is nested too deeply"),  # 120 KB: argv's limit is 128
        ('{"a":' * 40 + "1" + "}" * 40, "nested more than 32 levels deep"),
        ('{"title": NaN}', "NaN is not a number the dossier can hold"),
        ('{"title": 1e999}', "1e999 is too large"),
        ('{"case_ids": [99999999999999999999999]}', "99999999999999999999999 is too large"),
        ("[1, 2]", 'give a JSON object, such as \'{"title": "…"}\', not a list'),
        ("{", 'give a JSON object, such as \'{"title": "…"}\' (Expecting'),
    ):
        done = run("add", "note", *d, "--data", data, check=2)
        assert said in one_line(done.stderr), (data[:50], done.stderr[:300])
    wrong_type = run("add", "case", *d, "--data", '{"title": {"x": 1}}', check=1)
    assert "Traceback" not in wrong_type.stderr
    assert digest(dossier) == before


def test_out_must_be_a_file_the_program_may_write(dossier: Path, tmp_path: Path) -> None:
    d = ("--dossier", str(dossier))
    folder = tmp_path / "reports"
    folder.mkdir()
    target = folder / "target.pdf"
    target.write_bytes(b"mine")
    (folder / "link.pdf").symlink_to(target)
    os.mkfifo(folder / "pipe.pdf")
    long_name = folder / ("n" * 300 + ".pdf")
    before = digest(dossier)
    for out, said in (
        (folder / "no" / "x.pdf", f"There is no folder {folder / 'no'}: make it first"),
        (folder, f"{folder} is a folder: give the name of a file in it"),
        (folder / "link.pdf", f"{folder / 'link.pdf'} is a link: give the name of an ordinary"),
        (folder / "pipe.pdf", f"{folder / 'pipe.pdf'} is not an ordinary file"),  # no hang
        (target / "x.pdf", f"{target} is a file, not a folder."),
        (dossier / "brief.pdf", "Choose a place outside the dossier's folder"),
        (dossier / "dossier.sqlite", "Choose a place outside the dossier's folder"),
        (dossier / "vault" / "x.pdf", "Choose a place outside the dossier's folder"),
        (long_name, "is too long: a file or folder name has at most 255 bytes"),
    ):
        done = run("print", "brief", "--case", "1", "--out", str(out), *d, check=2)
        assert said in one_line(done.stderr), (out, done.stderr)
    assert target.read_bytes() == b"mine"
    assert sorted(p.name for p in folder.iterdir()) == ["link.pdf", "pipe.pdf", "target.pdf"]
    assert digest(dossier) == before


def test_an_archive_is_never_written_over_a_pipe_a_device_or_a_link(
    dossier: Path, tmp_path: Path
) -> None:
    """A pipe (or, for root, a device such as /dev/full) was replaced by the archive."""
    os.mkfifo(tmp_path / "pipe.zip")
    (tmp_path / "link.zip").symlink_to(tmp_path / "elsewhere.zip")
    for name, said in (("pipe.zip", "is not an ordinary file"), ("link.zip", "is a link")):
        done = run(
            "export", str(tmp_path / name), "--overwrite", "--dossier", str(dossier), check=2
        )
        assert said in one_line(done.stderr)
    assert stat.S_ISFIFO((tmp_path / "pipe.zip").lstat().st_mode)
    assert (tmp_path / "link.zip").is_symlink() and not (tmp_path / "elsewhere.zip").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_out_in_a_folder_that_cannot_be_written(dossier: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "old.pdf").write_bytes(b"old")
    (folder / "old.pdf").chmod(0o444)
    done = run("print", "brief", "--case", "1", "--out", str(folder / "old.pdf"),
               "--dossier", str(dossier), check=2)  # fmt: skip
    assert "is read-only: choose another name." in one_line(done.stderr)
    folder.chmod(0o555)
    try:
        done = run("print", "brief", "--case", "1", "--out", str(folder / "x.pdf"),
                   "--dossier", str(dossier), check=2)  # fmt: skip
        assert f"The folder {folder} cannot be written to" in one_line(done.stderr)
    finally:
        folder.chmod(0o755)


def test_a_full_disk_while_printing_leaves_nothing_behind(dossier: Path, tmp_path: Path) -> None:
    """The file-size limit stands in for a full disk: writing stops with an error."""

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))

    out = tmp_path / "packet.pdf"
    out.write_bytes(b"the packet printed last week")
    import subprocess
    import sys

    from tests.cli.runner import ENV

    done = subprocess.run(
        [sys.executable, "-m", "dossier", "print", "packet", "--case", "1", "--out", str(out),
         "--dossier", str(dossier)],
        capture_output=True, text=True, env={**os.environ, **ENV}, preexec_fn=small_files,
        timeout=180,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert one_line(done.stderr) == (
        f"dossier: {out} could not be written: File too large. Nothing was written."
    )
    assert out.read_bytes() == b"the packet printed last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossier", "packet.pdf"]


def test_names_with_control_characters_stay_on_one_line(tmp_path: Path) -> None:
    where = tmp_path / "no\ndossier\x1b[31m"
    done = run("list", "cases", "--dossier", str(where), check=2)
    assert (
        one_line(done.stderr)
        == f"dossier: There is no dossier at {tmp_path}/no\\x0adossier\\x1b[31m."
    )


def test_backup_commands_need_a_dossier_that_is_there(tmp_path: Path) -> None:
    """A missing dossier made `backup --to` write its settings into a missing folder."""
    missing = tmp_path / "missing"
    for argv in (("backup", "--to", str(tmp_path / "b")), ("backup-folder", str(tmp_path / "b"))):
        done = run(*argv, "--dossier", str(missing), check=2)
        assert one_line(done.stderr) == f"dossier: There is no dossier at {missing}."
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_usage_error_is_one_line_without_the_usage(dossier: Path) -> None:
    done = run("edit", "case", "1", "--dossier", str(dossier), check=2)
    assert one_line(done.stderr) == (
        "dossier edit: the following arguments are required: --data. Try 'dossier edit --help'."
    )
    wrong = run("print", "x" * 100_000, "--case", "1", "--out", "x.pdf", check=2)
    assert len(one_line(wrong.stderr)) < 300
    assert "is not one of brief, questions, comparison" in wrong.stderr


@pytest.mark.parametrize(
    "error",
    [OSError(errno.EIO, "Input/output error"), ValueError("a value\nover two lines")],
    ids=["OSError", "ValueError"],
)
def test_the_last_resort_is_one_plain_line(
    dossier: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    """An error no check foresaw (none is known: the hostile-argument tests make sure every
    argument they try is refused by its own check) still ends in one line, exit 2. The
    error is raised from inside search, as a failing disk would."""
    from dossier.core import search

    def failing(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(search, "find", failing)
    done = run_in_process(["search", "knee", "--dossier", str(dossier)], dossier.parent)
    assert done.code == 2
    what = "Input/output error" if isinstance(error, OSError) else "a value"
    assert one_line(done.stderr) == f"dossier: The command stopped unexpectedly ({what})."
