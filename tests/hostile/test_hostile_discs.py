"""The hostile imaging discs (tests/hostile/hostile_discs.py) through the real scan, add and
preview, with the limits the program really uses: each disc or file is refused with a
plain sentence within 30 seconds, nothing it holds beyond the good slice is stored, no
row, vault file or temporary file is left by a refusal, and nothing outside the disc is
read (the main process is watched with an audit hook; the readers are only ever sent
files found inside the disc)."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.core.errors import DossierError
from dossier.core.imaging.adding import add_disc
from dossier.core.imaging.export import export_disc
from dossier.core.imaging.preview import ImageReader, series_slices
from dossier.core.imaging.scan import DiscScan, opened_disc, scan_disc
from dossier.core.importer.pool import SandboxPool
from dossier.core.opening import create_dossier
from dossier.core.storage import Dossier
from tests.hostile.checks import plain_message_problem
from tests.hostile.hostile_dicom import good_slice
from tests.hostile.hostile_discs import SECRET_UID, HostileDisc, make_hostile_discs

# Not a speed target: a bound on the work one disc can cause (see test_hostile_import.py).
SECONDS = 30.0
TABLES = ("imaging_study", "imaging_series", "imaging_file", "physical_item", "document")
GOOD_SHA = hashlib.sha256(good_slice(1)).hexdigest()

_watching: list[str] = []  # the folder whose opening is recorded, while a case runs
_opened: list[str] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and _watching and isinstance(args[0], str | bytes | os.PathLike):
        path = os.fsdecode(args[0])
        if os.path.isabs(path) and os.path.realpath(path).startswith(_watching[0]):
            _opened.append(path)  # the file itself, or through a link


sys.addaudithook(_audit)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, HostileDisc]]:
    root = tmp_path_factory.mktemp("hostile-discs")
    return root, make_hostile_discs(root)


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    with SandboxPool(reader="imaging") as default_pool:  # the limits the program really uses
        yield default_pool


@pytest.fixture
def margaret(tmp_path: Path) -> Dossier:
    """A dossier for the person the good slices name (no patient mismatch in the way)."""
    return create_dossier(tmp_path / "dossier", name="Margaret Example", born="1958-02-14")


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder of this test alone, so that what is left in it is ours."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def state(dossier: Dossier) -> tuple[Any, ...]:
    counts = tuple(
        dossier.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES
    )
    return counts, frozenset(dossier.vault.stored_names())


def leftovers(dossier: Dossier, temp: Path) -> list[str]:
    found = [f"temp: {name}" for name in os.listdir(temp)]
    return found + [f"vault/tmp: {n}" for n in os.listdir(dossier.vault.root / "tmp")]


def outside_problems(scan: DiscScan, folder: Path) -> list[str]:
    """What the scan took from outside the disc: a file whose real place is not inside it,
    or the secret image."""
    root = os.path.realpath(folder)
    found = [
        f"a file from outside: {path}"
        for path in scan.files.files
        if os.path.commonpath([os.path.realpath(path), root]) != root
    ]
    instances = {i.instance for s in scan.studies for series in s.series for i in series.images}
    return found + (["the secret image was read"] if SECRET_UID in instances else [])


def run_case(
    item: HostileDisc, dossier: Dossier, pool: SandboxPool, temp: Path, outside: Path
) -> list[str]:
    """Everything wrong with what became of one hostile disc (empty: all is well)."""
    problems: list[str] = []
    before = state(dossier)
    _opened.clear()
    _watching[:] = [os.path.realpath(outside)]
    started = time.monotonic()
    scan: DiscScan | None = None
    try:
        with opened_disc(item.path) as folder:
            scan = scan_disc(dossier, folder, source=item.path, pool=pool)
            problems += outside_problems(scan, folder)
            if item.expect == "refused":
                try:
                    add_disc(dossier, scan, other_patient=True)
                    problems.append("added, expected a refusal")
                except DossierError as exc:
                    problems += [p for p in [plain_message_problem(exc.message)] if p]
            else:
                add_disc(dossier, scan, other_patient=True)
    except DossierError as exc:
        if item.expect != "refused":
            problems.append(f"refused ({exc.message}), expected the good slice added")
        problems += [p for p in [plain_message_problem(exc.message)] if p]
    finally:
        _watching.clear()
    seconds = time.monotonic() - started
    if seconds > SECONDS:
        problems.append(f"took {seconds:.1f} s")
    problems += [f"opened outside the disc: {path}" for path in _opened]
    if scan is not None:
        refused = dict(scan.refused)
        problems += [f"{p}: {q}" for p, r in refused.items() if (q := plain_message_problem(r))]
        problems += [f"{path} not refused" for path in item.hostile if path not in refused]
        expected = {"refused": 0, "catalogued": 1, "drawn": 2}[item.expect]
        if scan.image_count != expected:
            problems.append(f"{scan.image_count} images found, expected {expected}")
    counts, hashes = state(dossier)
    if item.expect == "refused" and (counts, hashes) != before:
        problems.append("refused, yet something was stored")
    if not hashes <= {GOOD_SHA} and item.expect != "drawn":
        problems.append("a file other than the good slice was stored")
    problems += leftovers(dossier, temp)
    return problems


def test_each_hostile_disc_is_refused_plainly_and_changes_nothing(
    corpus: tuple[Path, dict[str, HostileDisc]],
    pool: SandboxPool,
    margaret: Dossier,
    private_temp: Path,
) -> None:
    root, cases = corpus
    problems: list[str] = []
    for label, item in cases.items():
        if item.expect != "drawn":
            problems += [
                f"{label}: {p}"
                for p in run_case(item, margaret, pool, private_temp, root / "outside")
            ]
    assert problems == []
    for escaped in ("ESCAPED.DCM", "ESCAPED2.DCM", "ESCAPED3.DCM", "ESCAPED4.DCM"):
        assert not list(root.parent.rglob(escaped)), escaped  # no zip wrote beside itself
    assert not Path("/tmp/ESCAPED2.DCM").exists()
    assert margaret.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_hostile_pixels_are_stored_but_never_drawn(
    corpus: tuple[Path, dict[str, HostileDisc]],
    pool: SandboxPool,
    margaret: Dossier,
    private_temp: Path,
) -> None:
    """Files whose tags are sound are catalogued and kept (a faithful copy of the disc);
    what is wrong lies in their pixels or after the tags, and drawing them refuses."""
    root, cases = corpus
    problems: list[str] = []
    said: dict[str, str] = {}
    reader = ImageReader(margaret)
    try:
        for label, item in cases.items():
            if item.expect != "drawn":
                continue
            problems += [
                f"{label}: {p}"
                for p in run_case(item, margaret, pool, private_temp, root / "outside")
            ]
            sha = hashlib.sha256((item.path / "DATA" / "HOSTILE").read_bytes()).hexdigest()
            [series] = margaret.db.execute(
                "SELECT series_id FROM imaging_file WHERE sha256 = ?", [sha]
            ).fetchone()
            hostile = next(s for s in series_slices(margaret, series) if s.sha256 == sha)
            before = state(margaret)
            started = time.monotonic()
            try:
                reader.draw(hostile)
                problems.append(f"{label}: drawn, expected a refusal")
            except DossierError as exc:
                said[label] = exc.message
                if problem := plain_message_problem(exc.message):
                    problems.append(f"{label}: {problem}")
            if time.monotonic() - started > SECONDS:
                problems.append(f"{label}: drawing took too long")
            if state(margaret) != before or leftovers(margaret, private_temp):
                problems.append(f"{label}: drawing changed the dossier")
        [series] = margaret.db.execute(
            "SELECT series_id FROM imaging_file WHERE sha256 = ?", [GOOD_SHA]
        ).fetchone()
        drawn = reader.draw(
            next(s for s in series_slices(margaret, series) if s.sha256 == GOOD_SHA)
        )
        assert (drawn.width, drawn.height) == (16, 16)  # the reader lived through it all
    finally:
        reader.close()
    assert problems == []
    # The copy for the next doctor carries them byte for byte, never parsing them.
    [study] = [r[0] for r in margaret.db.execute("SELECT id FROM imaging_study")]
    copied = export_disc(margaret, [study], private_temp.parent / "copy")
    kept = {r[0] for r in margaret.db.execute("SELECT sha256 FROM imaging_file")}
    assert copied.images == len(kept)
    made = [p for p in copied.folder.rglob("*") if p.is_file() and p.name != "DICOMDIR"]
    assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in made} == kept
    assert said["JPEG 2000 declaring 60000 x 60000"] == (
        "The image's compressed data does not match its description (it says 60000 x 60000 "
        "pixels); it cannot be shown safely."
    )
    assert said["huge length after the tags"] == "The file needs too much memory to read safely."


def test_what_the_refusals_say(
    corpus: tuple[Path, dict[str, HostileDisc]], pool: SandboxPool, margaret: Dossier
) -> None:
    _root, cases = corpus

    def refusal(label: str) -> str:
        try:
            with opened_disc(cases[label].path) as folder:
                found = scan_disc(margaret, folder, pool=pool)
        except DossierError as exc:
            return exc.message
        return dict(found.refused).get("DATA/HOSTILE") or found.files.note or ""

    zip_refused = "This zip file cannot be read as a disc: "
    assert refusal("pixel bomb 65535 x 65535") == (
        "This DICOM file says its image is 65535 x 65535 pixels, larger than any scanner makes."
    )
    assert refusal("sequences 5,000 deep") == (
        "The file is built in a way that cannot be read safely."
    )
    assert refusal("huge length of the patient's name") == (
        "The file needs too much memory to read safely."
    )
    assert refusal("DICOMDIR of 100,001 records").endswith(
        "The disc's list of files (DICOMDIR) is too long to be real."
    )
    assert refusal("zip with names leading outside") == (
        zip_refused + "a name in it leads outside its own folders."
    )
    assert refusal("zip with a password") == zip_refused + "it is protected with a password."
    assert (
        refusal("zip bomb, sizes declared huge") == zip_refused + "it unpacks to more than 16 GB."
    )
    assert refusal("zip bomb, honest") == (
        zip_refused + "it would grow to more than a hundred times its size, as no disc does."
    )
    assert refusal("zip of too many entries") == zip_refused + "it holds too many files."


def test_the_hostile_discs_through_the_command_line(
    corpus: tuple[Path, dict[str, HostileDisc]], tmp_path: Path
) -> None:
    """``dossier import`` of every hostile disc at once, as a person runs it: a summary for
    each, no traceback, plain reasons, nothing on the terminal a disc could smuggle in."""
    from tests.hostile.test_hostile_cli import new_dossier, run, terminal_problem

    _root, cases = corpus
    where = new_dossier(tmp_path / "dossier")
    paths = [str(item.path) for item in cases.values() if item.expect != "drawn"]
    done = run("import", "--json", "--other-patient", "--dossier", where, *paths)
    assert done.returncode == 1 and done.stderr == "", done.stderr[-2000:]
    summaries = {s["path"]: s for s in json.loads(done.stdout)}
    for label, item in cases.items():
        if item.expect == "drawn":
            continue
        summary = summaries[str(item.path)]
        refused = [r["reason"] for r in summary.get("refused", [])]
        if item.expect == "refused":
            assert summary["status"] == "rejected", (label, summary)
            refused.append(summary["reason"])
        else:
            assert summary["status"] == "imported", (label, summary)
        assert all(plain_message_problem(r) is None for r in refused), (label, refused)
    # On the terminal: the refusals, and two discs whose files are refused one by one.
    some = [str(i.path) for i in cases.values() if i.expect == "refused"]
    some += [str(cases[label].path) for label in ("DICM then garbage", "sequences 5,000 deep")]
    said = run("import", "--other-patient", "--dossier", where, *some)
    assert said.returncode == 1 and said.stderr == ""
    assert terminal_problem(said.stdout) is None
    assert "Traceback" not in said.stdout
    listed = run("list", "studies", "--dossier", where, "--json")
    assert [s["image_count"] for s in json.loads(listed.stdout)] == [1]


@pytest.mark.parametrize("change", ["taken out", "replaced", "stopped"])
def test_a_disc_that_changes_between_the_scan_and_the_add(
    tmp_path: Path, pool: SandboxPool, margaret: Dossier, private_temp: Path, change: str
) -> None:
    """A disc taken out, or a file swapped for another, after it was read and before it is
    added (or the person stopping the add): refused plainly, nothing left of it."""
    from tests.dicom_discs import SeriesSpec, StudySpec, make_disc

    spec = StudySpec(12, series=(SeriesSpec(1, "AXIAL", slices=40, size=32),))
    disc = make_disc(tmp_path / "disc", [spec])
    found = scan_disc(margaret, disc, pool=pool)
    assert found.image_count == 40
    before = state(margaret)
    victim = found.studies[0].series[0].images[25].path
    calls: list[int] = []
    if change == "taken out":
        victim.unlink()
    elif change == "replaced":
        victim.write_bytes(good_slice(3, patient="JANSEN^PIETER"))
    with pytest.raises(DossierError) as refused:
        add_disc(
            margaret,
            found,
            progress=lambda done, total: calls.append(done),
            cancelled=lambda: change == "stopped" and len(calls) >= 10,
        )
    assert plain_message_problem(refused.value.message) is None, refused.value.message
    if change == "stopped":
        assert refused.value.message == "Adding the disc was stopped; nothing was added."
    else:
        assert refused.value.message.startswith(f"The file {victim.name} of the disc could not")
    assert state(margaret) == before
    assert leftovers(margaret, private_temp) == []
