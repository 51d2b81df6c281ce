"""The hostile corpus through the real command line, in a subprocess as a person runs it:
every file gets a line saying what became of it within 30 seconds of the one before, no
traceback, nothing on the terminal that a file could smuggle in (control characters,
bidi overrides), and JSON that a script can read even for names that are not UTF-8."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.checks import plain_message_problem
from tests.hostile.hostile_files import HostileFile, make_hostile_corpus

# Not a speed target (the benchmarks hold those): a bound on the work one file can cause.
# Every file here takes well under a second on an idle machine; a file that needs anything
# near this has found unbounded work. Wide, so a loaded 2-core machine cannot fail it.
SECONDS = 30.0
ROOT = Path(__file__).resolve().parents[2]
STATUSES = ("imported", "rejected", "duplicate")


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "dossier", *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(),
        cwd=cwd,
        timeout=300,
    )


def new_dossier(path: Path) -> str:
    done = run("init", str(path), "--name", "Anna Müller", "--born", "1961-04-02")
    assert done.returncode == 0, done.stderr
    return str(path)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, HostileFile]:
    return make_hostile_corpus(tmp_path_factory.mktemp("hostile") / "corpus")


def terminal_problem(text: str) -> str | None:
    bad = [ch for ch in text if (ord(ch) < 32 and ch != "\n") or ch in "\u202d\u202e\x7f"]
    return f"raw control characters {bad!r}" if bad else None


def test_importing_the_corpus_folder_line_by_line(
    corpus: dict[str, HostileFile], tmp_path: Path
) -> None:
    where = new_dossier(tmp_path / "dossier")
    folder = next(iter(corpus.values())).path.parent
    process = subprocess.Popen(
        command("import", "--dossier", where, str(folder)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=environment(),
    )
    assert process.stdout is not None and process.stderr is not None
    lines, gaps, last = [], [], time.monotonic()
    for line in process.stdout:
        now = time.monotonic()
        gaps.append(now - last)
        last = now
        lines.append(line.rstrip("\n"))
    assert process.wait(timeout=60) == 1  # some files were refused
    errors = process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    assert errors == ""
    assert max(gaps) < SECONDS, sorted(gaps)[-3:]
    # Each file's line, the import's summary, then what reading the scanned pages did.
    ends = [n for n, line in enumerate(lines) if line.startswith("Imported: ")]
    assert len(ends) == 1, lines[-5:]
    results, summary, reading = lines[: ends[0]], lines[ends[0]], lines[ends[0] + 1 :]
    assert len(results) == len(corpus)
    assert "Refused: " in summary
    for line in reading:
        assert line.startswith(("Text read on ", "Not read: ")) or "hard to read" in line, line
        assert terminal_problem(line) is None, line
        if line.startswith("Not read: "):
            assert plain_message_problem(line.rsplit(": ", 1)[1]) is None, line
    for line in results:
        assert line.startswith(STATUSES), line
        assert terminal_problem(line) is None, line
        if line.startswith("rejected"):
            reason = line.rsplit(": ", 1)[1]
            assert plain_message_problem(reason) is None, line
    shown = "\n".join(results)
    assert "/caf\\xe9 r\\xe9sum\\xe9.txt" in shown  # bytes that are not UTF-8, as escapes
    assert "/\\x1b[31mred\\x1b[0m.txt" in shown  # an escape sequence, harmless
    assert "/first line\\x0asecond line.txt" in shown
    assert "/invoice-\\u202egpj.txt" in shown

    listed = run("list", "documents", "--dossier", where)
    assert listed.returncode == 0 and listed.stderr == ""
    assert terminal_problem(listed.stdout) is None
    found = run("search", "odd", "--dossier", where)
    assert found.returncode == 0 and terminal_problem(found.stdout) is None


def test_json_output_names_every_file_so_a_script_can_find_it(
    corpus: dict[str, HostileFile], tmp_path: Path
) -> None:
    where = new_dossier(tmp_path / "dossier")
    folder = next(iter(corpus.values())).path.parent
    done = run("import", "--dossier", where, "--json", str(folder))
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    results: list[dict[str, Any]] = json.loads(done.stdout)
    by_path = {os.fsencode(r["path"]): r for r in results}  # exactly the names on disk
    assert set(by_path) == {os.fsencode(item.path) for item in corpus.values()}
    for item in corpus.values():
        result = by_path[os.fsencode(item.path)]
        if item.expect == "reject":
            assert result["status"] == "rejected", (item.label, result)
        elif item.expect in ("ok", "encrypted"):
            assert result["status"] == "imported", (item.label, result)
        if result["status"] == "rejected":
            assert plain_message_problem(result["reason"]) is None, result


def test_a_file_whose_name_starts_with_a_dash(
    corpus: dict[str, HostileFile], tmp_path: Path
) -> None:
    where = new_dossier(tmp_path / "dossier")
    item = corpus["name: leading dash"]
    done = run("import", "--dossier", where, "--", item.path.name, cwd=item.path.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("imported (document 1): -rf --help.txt")
    again = run("import", "--dossier", where, item.path.name, cwd=item.path.parent)
    assert again.returncode == 0, again.stderr  # with its space it is not taken for an option
    assert "This document is already in the dossier." in again.stdout


def test_import_and_print_agree_through_the_command_line(
    corpus: dict[str, HostileFile], tmp_path: Path
) -> None:
    """flate-bomb.pdf was imported, then left out of the packet as damaged: now a file is
    refused by `dossier import` with the reason, or `dossier print packet` prints it (a
    password, whatever its cipher, gets a page saying so)."""
    where = new_dossier(tmp_path / "dossier")
    case = json.loads(run("add", "case", "--dossier", where, "--data", '{"title": "C"}', "--json")
                      .stdout)["id"]  # fmt: skip
    refused = ("flate bomb (4 GiB)", "reference loop", "deep nesting in resources")
    protected = ("user password (AES-256)",)
    printed = ("self-drawing form", "startxref buried", "20 KB of zeros after %%EOF",
               "text, one line of a megabyte", "owner password only (AES-256)")  # fmt: skip
    paths = [str(corpus[label].path) for label in (*refused, *protected, *printed)]
    done = run("import", "--dossier", where, "--case", str(case), "--json", *paths)
    assert done.returncode == 1, done.stdout  # some were refused
    results = {r["path"]: r for r in json.loads(done.stdout)}
    for label in refused:
        result = results[str(corpus[label].path)]
        assert result["status"] == "rejected", (label, result)
        assert plain_message_problem(result["reason"]) is None
    assert results[str(corpus["flate bomb (4 GiB)"].path)]["reason"] == (
        "The PDF cannot be read safely: its compressed parts would grow to more than 256 MB "
        "when unpacked."
    )
    for label in (*protected, *printed):
        result = results[str(corpus[label].path)]
        assert result["status"] == "imported", (label, result)
        edit = run("edit", "document", str(result["document_id"]), "--dossier", where,
                   "--data", '{"bring": true}')  # fmt: skip
        assert edit.returncode == 0, edit.stderr
    out = tmp_path / "packet.pdf"
    packet = run("print", "packet", "--case", str(case), "--out", str(out), "--dossier", where)
    assert packet.returncode == 0, packet.stderr
    assert "Traceback" not in packet.stderr and "pypdf" not in packet.stderr
    not_included = [line for line in packet.stdout.splitlines() if line.startswith("Not inc")]
    assert len(not_included) == len(protected), packet.stdout
    for line in not_included:
        assert line.endswith(
            ": Its file is protected by a password, so it cannot be copied into the packet."
        )
    assert out.stat().st_size > 0


def test_a_dropped_folder_with_a_fifo_and_looping_links(tmp_path: Path) -> None:
    from tests.hostile.hostile_files import make_hostile_folder

    where = new_dossier(tmp_path / "dossier")
    folder, good = make_hostile_folder(tmp_path / "dropped")
    done = run("import", "--dossier", where, "--json", str(folder))  # a FIFO read would hang
    assert done.returncode == 1 and done.stderr == ""
    results = {Path(r["path"]).name: r for r in json.loads(done.stdout)}
    assert results[good.name]["status"] == "imported"
    assert results["pipe.pdf"]["reason"] == "This is not an ordinary file."
    assert results["self"]["reason"] == "There is no file here."
    assert sorted(results) == ["good.txt", "nowhere.pdf", "pipe.pdf", "self", "zero.pdf"]
