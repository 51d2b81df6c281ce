"""Every command, every argument, hostile values: a one-line message in plain words, exit
status 1 or 2 (or 0 when the value is fine, and then the command said what it did),
never a traceback, never a hang, and a refused command leaves the dossier as it was.

The commands and their arguments come from the parser itself (see hostile_arguments.py),
so a new command is covered without a change here. The bulk runs in this process through
``dossier.cli.main`` (hypothesis, a few derandomized examples per argument, each on a
fresh copy of one example dossier built once for the module, dated from TODAY); a sample
of each command runs as a real subprocess.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core.demo import build_demo
from tests.cli.hostile_arguments import (
    COMMANDS,
    JSON_VALUES,
    PATH_KINDS,
    TARGETS,
    TEXT_VALUES,
    Outcome,
    Place,
    arguments,
    digest,
    flags,
    good_value,
    hostile_value,
    message_problem,
    run_in_process,
    unlock,
)
from tests.cli.runner import run
from tests.pinned_day import PinDay

TODAY = "2026-06-15"
EXAMPLES = 4  # per argument; there are about 130 arguments in all

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Place]:
    """The example dossier (dated from TODAY), an archive of it, and a file it holds."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_TODAY", TODAY)
        root = tmp_path_factory.mktemp("hostile-arguments")
        build_demo(root / "dossier").close()
        document = root / "document.txt"
        document.write_text("A letter about the knee.\n")
        archive = root / "dossier.zip"
        for argv in (
            ["import", "--dossier", str(root / "dossier"), str(document)],
            ["export", "--dossier", str(root / "dossier"), str(archive)],
        ):
            done = run_in_process(argv, root)
            assert done.code == 0, done.stderr
        yield Place(root / "dossier", root / "scratch", archive, document)


@pytest.fixture
def on_the_day(today: PinDay) -> date:
    """The day the template was dated from (the one the argument values count from)."""
    return today(TODAY)


def hostile_values(dest: str) -> st.SearchStrategy[tuple[str, str]]:
    """(kind, what) for :func:`hostile_value`: JSON mostly for --data."""
    text = st.sampled_from(sorted(TEXT_VALUES)).map(lambda v: ("text", v))
    paths = st.sampled_from(PATH_KINDS).map(lambda k: ("path", k))
    numbers = st.one_of(
        st.integers(min_value=2**63, max_value=10**40), st.integers(max_value=0)
    ).map(lambda n: ("raw", str(n)))
    words = st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20
    ).map(lambda v: ("raw", v))
    jsons = st.sampled_from(sorted(JSON_VALUES)).map(lambda v: ("json", v))
    if dest == "data":
        return st.one_of(jsons, jsons, text, words)
    return st.one_of(text, paths, numbers, words, jsons)


def fresh_place(template: Place, tmp_path: Path) -> Place:
    """A copy of the example dossier, and an empty scratch folder, for one example."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    shutil.copytree(template.dossier, folder / "dossier", symlinks=True)
    (folder / "scratch").mkdir()
    return Place(folder / "dossier", folder / "scratch", template.archive, template.document)


def build_argv(command: str, target: str, value: str, chosen: set[str], place: Place) -> list[str]:
    """``command`` with ``value`` for the argument ``target``, good values for the others,
    and the flags in ``chosen``. Options are written ``--name=value`` and positional values
    come after ``--``, so that a value such as "-1" or "--" is read as the value it is."""
    parser = COMMANDS[command]
    options = [a.option_strings[-1] for a in flags(parser) if a.dest in chosen]
    positionals = []
    for action in arguments(parser):
        given = value if action.dest == target else good_value(command, action, place)
        if action.option_strings:
            options.append(f"{action.option_strings[-1]}={given}")
        else:
            positionals.append(given)
    return [command, *options, "--", *positionals] if positionals else [command, *options]


def check(outcome: Outcome, argv: list[str], value: str, before: str, place: Place) -> None:
    # The example's own folder (a random name from mkdtemp, which may hold "0x" and four
    # hex digits) is not the program's wording: it is named, not judged.
    folder = str(place.dossier.parent)
    said = replace(
        outcome,
        stdout=outcome.stdout.replace(folder, "FOLDER"),
        stderr=outcome.stderr.replace(folder, "FOLDER"),
    )
    problem = message_problem(said, value)
    assert problem is None, problem
    if outcome.code != 0:
        assert digest(place.dossier) == before, "a refused command changed the dossier"
        return
    assert outcome.stdout.strip(), "accepted, but it said nothing"
    if made := what_it_made(argv, place.scratch):
        assert made.is_file() and made.stat().st_size > 0, f"accepted, but {made} is not there"


def what_it_made(argv: list[str], cwd: Path) -> Path | None:
    """The file a command that exited 0 must have written, when it writes one."""
    command, *rest = argv
    positionals = rest[rest.index("--") + 1 :] if "--" in rest else []
    options = dict(a[2:].split("=", 1) for a in rest if a.startswith("--") and "=" in a)
    if command in ("print", "calendar"):
        return cwd / options["out"]
    if command == "export":
        return cwd / positionals[0]
    if command in ("init", "demo"):
        return cwd / positionals[0] / "dossier.sqlite"
    if command == "import-archive":
        return cwd / positionals[1] / "dossier.sqlite"
    return None


FLAGS = sorted({action.dest for command in COMMANDS.values() for action in flags(command)})


@pytest.mark.parametrize(("command", "target"), TARGETS, ids=[f"{c}:{t}" for c, t in TARGETS])
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_value_for_each_argument(
    command: str,
    target: str,
    data: st.DataObject,
    template: Place,
    tmp_path: Path,
    on_the_day: date,
) -> None:
    kind, what = data.draw(hostile_values(target), label="hostile")
    chosen = data.draw(st.sets(st.sampled_from(FLAGS), max_size=2), label="flags")
    place = fresh_place(template, tmp_path)
    try:
        value = hostile_value(kind, what, place)
        argv = build_argv(command, target, value, chosen, place)
        before = digest(place.dossier)
        outcome = run_in_process(argv, place.scratch)
        check(outcome, argv, value, before, place)
    finally:
        unlock(place.scratch.parent)
        shutil.rmtree(place.scratch.parent, ignore_errors=True)


# One real subprocess per command and value: the same checks, as a person meets them.
SAMPLE_TARGET = {
    name: next((a.dest for a in arguments(parser) if a.dest != "dossier"), "dossier")
    for name, parser in COMMANDS.items()
}
SAMPLES = (("text", "23 nines"), ("text", "empty"), ("path", "FIFO"), ("path", "folder"))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_in_a_real_subprocess(
    command: str, template: Place, tmp_path: Path, on_the_day: date
) -> None:
    place = fresh_place(template, tmp_path)
    try:
        for kind, what in SAMPLES:
            value = hostile_value(kind, what, place)
            argv = build_argv(command, SAMPLE_TARGET[command], value, set(), place)
            before = digest(place.dossier)
            done = run(*argv, check=None, cwd=place.scratch)
            outcome = Outcome(done.returncode, done.stdout, done.stderr)
            check(outcome, argv, value, before, place)
    finally:
        unlock(place.scratch.parent)


def test_every_command_is_covered() -> None:
    """The table is read from the parser: a new command is in it without a change here."""
    assert {c for c, _ in TARGETS} == set(COMMANDS)
    assert {"print", "edit", "import", "export", "check", "backup"} <= set(COMMANDS)
    assert ("print", "out") in TARGETS and ("edit", "id") in TARGETS


def test_the_three_of_the_issue(template: Place, tmp_path: Path, on_the_day: date) -> None:
    """Issue 11: a huge record number, --out in a missing folder, --out a folder."""
    place = fresh_place(template, tmp_path)
    d = ("--dossier", str(place.dossier))
    before = digest(place.dossier)
    huge = run("edit", "case", "99999999999999999999999", *d, "--data", "{}", check=2)
    assert huge.stderr == (
        "dossier edit: argument id: '99999999999999999999999' is too large for a record "
        "number (at most 9,223,372,036,854,775,807). Try 'dossier edit --help'.\n"
    )
    missing = run("print", "brief", "--case", "1", "--out", "/missing/folder/x.pdf", *d, check=2)
    assert missing.stderr == (
        "dossier: There is no folder /missing/folder: make it first, or choose another place.\n"
    )
    folder = place.scratch / "reports"
    folder.mkdir()
    is_folder = run("print", "packet", "--case", "1", "--out", str(folder), *d, check=2)
    assert is_folder.stderr == (
        f"dossier: {folder} is a folder: give the name of a file in it, such as "
        f"{folder / 'report.pdf'}.\n"
    )
    assert digest(place.dossier) == before
    assert list(folder.iterdir()) == []
    assert json.loads(run("show", "case", "1", *d, "--json").stdout)["id"] == 1
