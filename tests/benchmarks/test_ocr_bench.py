"""Reading scans (OCR): the program's recognition against the bare ``tesseract`` command.

Input (made once per run, or reused from ``DOSSIER_BENCH_CACHE``, in worker processes): 200
page images made by ``tests/scans.py`` from a short medical letter in each of English,
Dutch, Hebrew, Ukrainian and Russian. Of each language's 40 pages: 24 clean upright scans
(PNG, 300 dpi), 8 scans turned by 90, 180 or 270 degrees (PNG) and 8 phone photos (JPEG,
skewed 2 to 4 degrees, uneven light, grain, blur). Every page's ground truth is known, so
each reading gets a character error rate (CER: edit distance / length of the truth, on
whitespace-normalised text).

Measured, in this order:

(a) the bare baseline: one process running the ``tesseract`` command as a person would
    (default settings, OpenMP threads included: ``tesseract IMG stdout -l nld+eng``, the
    page's language plus English), one page after the other. On a representative half of
    the pages (20 per language: 12 clean, 4 turned, 4 photos), scaled to 200 pages, unless
    ``DOSSIER_OCR_BENCH_BASELINE=all`` asks for all 200 (about twice as long);
(b) the engine choice, on 30 of those pages (6 per language: 4 clean, 1 turned, 1 photo):
    tesserocr in this process (one ``PyTessBaseAPI``, initialised again when the language
    changes, initialisation counted), pytesseract (a process per page), the command (its
    times and text taken from (a)) and the command with ``OMP_THREAD_LIMIT=1``;
(c) the pipeline: ``import_paths`` (timed apart), then ``recognise_pending`` over all 200
    pages in the dossier's sandboxed readers, with the dossier's scan languages set to all
    five. The text read is taken from ``document_page``.

Target: pipeline seconds / bare seconds <= 0.6 (on 2 cores); CER below 3% on clean pages
and below 8% on photos, per language.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import builders
import pytest

# The workers that make the corpus (spawned) import tests.scans: the project's folder must be
# on their sys.path, which they take from this process.
ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.append(ROOT)

from tests import scans  # noqa: E402

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata/"
KINDS = ("clean", "rotated", "photo")
PER_LANGUAGE = {"clean": 24, "rotated": 8, "photo": 8}
HALF = {"clean": 12, "rotated": 4, "photo": 4}  # the baseline's half, per language
SUBSET = {"clean": 4, "rotated": 1, "photo": 1}  # the engine choice, per language (in HALF)
ROTATIONS = (90, 180, 270)
TARGET_RATIO = 0.6
TARGET_CER = {"clean": 0.03, "photo": 0.08}


@dataclass(frozen=True)
class Page:
    path: Path
    language: str
    kind: str
    index: int  # within its language and kind

    @property
    def turned(self) -> int:
        """Degrees the page was turned clockwise (a turned scan: 90, 180 or 270)."""
        return ROTATIONS[self.index % len(ROTATIONS)] if self.kind == "rotated" else 0

    @property
    def languages(self) -> str:
        """The ``-l`` of the bare command: the page's language plus English."""
        own = scans.TESSERACT[self.language]
        return own if own == "eng" else f"{own}+eng"


@dataclass
class Reading:
    page: Page
    seconds: float
    text: str

    @property
    def cer(self) -> float:
        return scans.cer(self.text, scans.source_text(self.page.language))


@dataclass
class Corpus:
    folder: Path
    pages: list[Page]
    info: dict[str, Any] = field(default_factory=dict)

    def pick(self, counts: dict[str, int]) -> list[Page]:
        """The first ``counts[kind]`` pages of each language and kind, in a fixed order."""
        return [p for p in self.pages if p.index < counts[p.kind]]

    def engine_subset(self) -> list[Page]:
        """The engine choice's pages: of each language ``SUBSET`` pages, the turned one and
        the photo taken further along the language's pages, so the turns (90, 180, 270)
        and the photos' skews vary; all of them within ``HALF``."""
        picked = []
        for number, language in enumerate(scans.LANGUAGES):
            for kind, count in SUBSET.items():
                first = 0 if kind == "clean" else number % HALF[kind]
                picked += [
                    p
                    for p in self.pages
                    if p.language == language
                    and p.kind == kind
                    and first <= p.index < first + count
                ]
        return picked


def _specs(folder: Path) -> list[tuple[Page, scans.PageFile]]:
    out: list[tuple[Page, scans.PageFile]] = []
    for language in scans.LANGUAGES:
        for kind in KINDS:
            for index in range(PER_LANGUAGE[kind]):
                if kind == "clean":
                    path = folder / f"{language}-clean-{index:02d}.png"
                    spec = scans.PageFile(str(path), language, seed=index)
                elif kind == "rotated":
                    turn = ROTATIONS[index % len(ROTATIONS)]
                    path = folder / f"{language}-turned{turn}-{index:02d}.png"
                    spec = scans.PageFile(str(path), language, rotate=turn, seed=30 + index)
                else:
                    path = folder / f"{language}-photo-{index:02d}.jpg"
                    spec = scans.PageFile(str(path), language, photo=True, seed=index)
                out.append((Page(path, language, kind, index), spec))
    return out


def make_corpus(folder: Path) -> Corpus:
    """The 200 pages in ``folder`` (cached), made in worker processes."""
    specs = _specs(folder)
    params = {"per_language": PER_LANGUAGE, "letters": scans.LETTERS, "version": 1}

    def make(target: Path) -> dict[str, Any]:
        sizes = builders._parallel(scans.write_page_file, [spec for _, spec in specs])
        return {"files": len(specs), "bytes": sum(sizes)}

    info = builders._cached(folder, params, make)
    pages = [page for page, _ in specs]
    assert all(p.path.is_file() for p in pages)
    return Corpus(folder, pages, info)


def _environment(**changes: str) -> dict[str, str]:
    """This process's environment without OMP_THREAD_LIMIT (a person's default; the
    program's engine module sets it when imported), plus ``changes``."""
    environment = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    environment.update(changes)
    return environment


def run_cli(pages: Iterable[Page], **env: str) -> list[Reading]:
    """``tesseract IMG stdout -l LANG+eng`` for each page, one after the other."""
    environment = _environment(**env)
    readings = []
    for page in pages:
        started = time.perf_counter()
        done = subprocess.run(
            ["tesseract", str(page.path), "stdout", "-l", page.languages],
            env=environment,
            capture_output=True,
            check=True,
        )
        seconds = time.perf_counter() - started
        readings.append(Reading(page, seconds, done.stdout.decode("utf-8")))
    return readings


def run_tesserocr(pages: list[Page]) -> tuple[list[Reading], float]:
    """One PyTessBaseAPI in this process, initialised again when the language changes.
    Returns the readings (each with its share of initialisation) and the init seconds."""
    import tesserocr

    readings: list[Reading] = []
    init_seconds = 0.0
    with tesserocr.PyTessBaseAPI(path=TESSDATA, lang="eng") as api:
        current = "eng"
        for page in sorted(pages, key=lambda p: p.languages):
            started = time.perf_counter()
            if page.languages != current:
                api.Init(path=TESSDATA, lang=page.languages)
                current = page.languages
                init_seconds += time.perf_counter() - started
            api.SetImageFile(str(page.path))
            text = api.GetUTF8Text()
            readings.append(Reading(page, time.perf_counter() - started, text))
    return readings, init_seconds


def run_pytesseract(pages: Iterable[Page]) -> list[Reading]:
    import pytesseract  # type: ignore[import-untyped]

    readings = []
    for page in pages:
        started = time.perf_counter()
        text = pytesseract.image_to_string(str(page.path), lang=page.languages)
        readings.append(Reading(page, time.perf_counter() - started, text))
    return readings


def mean_cer(readings: Iterable[Reading]) -> float:
    values = [r.cer for r in readings]
    return statistics.fmean(values) if values else float("nan")


def cer_table(title: str, columns: dict[str, list[Reading]]) -> str:
    """Mean CER in % by language and kind, one column per set of readings."""
    rows: list[list[Any]] = []
    for language in scans.LANGUAGES:
        for kind in KINDS:
            row: list[Any] = [language, kind]
            for readings in columns.values():
                picked = [
                    r for r in readings if r.page.language == language and r.page.kind == kind
                ]
                row += [len(picked), 100 * mean_cer(picked) if picked else "-"]
            rows.append(row)
    header = ["language", "kind"]
    for name in columns:
        header += [f"{name}: n", f"{name}: CER %"]
    return str(builders.table(title, header, rows))


def by_turn(readings: Iterable[Reading]) -> str:
    """Mean CER of the turned pages, by how far they were turned."""
    turned = [r for r in readings if r.page.kind == "rotated"]
    return ", ".join(
        f"{turn} degrees {100 * mean_cer(r for r in turned if r.page.turned == turn):.1f}%"
        f" ({sum(r.page.turned == turn for r in turned)} pages)"
        for turn in ROTATIONS
    )


# Seconds a page of the command with OMP_THREAD_LIMIT=1, from (b), for a line in (c).
_SINGLE_THREAD: dict[str, float] = {}
_STARTED: list[float] = []


def loads() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


# --- fixtures: the corpus and the bare baseline, shared by the tests below ---------------------


@dataclass
class Baseline:
    readings: list[Reading]
    seconds: float
    measured_pages: int
    all_pages: int

    @property
    def per_page(self) -> float:
        return self.seconds / self.measured_pages

    @property
    def scaled_seconds(self) -> float:
        """The seconds for all pages (measured, or scaled from the representative half)."""
        return self.per_page * self.all_pages


@pytest.fixture(scope="module")
def ocr_corpus(bench_cache: Path) -> Corpus:
    _STARTED.append(time.perf_counter())
    corpus = make_corpus(bench_cache / "ocr-scans")
    print(
        builders.table(
            "OCR corpus (tests/scans.py letters; 300 dpi)",
            ["input", "files", "MB", "made in s", "reused from cache"],
            [
                [
                    "5 languages x (24 clean PNG + 8 turned PNG + 8 photo JPEG)",
                    corpus.info["files"],
                    corpus.info["bytes"] / 1e6,
                    corpus.info["make_seconds"],
                    corpus.info["cached"],
                ]
            ],
        )
    )
    return corpus


@pytest.fixture(scope="module")
def baseline(ocr_corpus: Corpus) -> Baseline:
    """(a): the bare command over the half (or all), one page after the other."""
    every = os.environ.get("DOSSIER_OCR_BENCH_BASELINE", "").lower() == "all"
    pages = ocr_corpus.pages if every else ocr_corpus.pick(HALF)
    print(f"\n(a) bare tesseract command over {len(pages)} pages; {loads()}")
    started = time.perf_counter()
    readings = run_cli(pages)
    seconds = time.perf_counter() - started
    result = Baseline(readings, seconds, len(pages), len(ocr_corpus.pages))
    print(
        builders.table(
            "(a) bare baseline: `tesseract IMG stdout -l <lang>+eng`, default settings, sequential",
            ["pages measured", "seconds", "s/page", f"seconds for {result.all_pages} pages"],
            [[len(pages), seconds, result.per_page, result.scaled_seconds]],
        )
    )
    if not every:
        print(
            "    measured on a representative half (12 clean, 4 turned, 4 photos per language) and"
            f" scaled x{result.all_pages / len(pages):.0f}; DOSSIER_OCR_BENCH_BASELINE=all measures"
            " all 200"
        )
    print(
        builders.table(
            "(a) bare baseline, seconds per page by kind",
            ["kind", "pages", "s/page", "CER %"],
            [
                [
                    kind,
                    len(picked := [r for r in readings if r.page.kind == kind]),
                    statistics.fmean(r.seconds for r in picked),
                    100 * mean_cer(picked),
                ]
                for kind in KINDS
            ],
        )
    )
    print(cer_table("(a) bare baseline, CER by language and kind", {"cli": readings}))
    print(f"(a) bare baseline, CER of the turned pages by turn: {by_turn(readings)}")
    return result


# --- (b) the engine choice ---------------------------------------------------------------------


@pytest.mark.benchmark
def test_ocr_engine_choice(
    ocr_corpus: Corpus, baseline: Baseline, monkeypatch: pytest.MonkeyPatch
) -> None:
    subset = ocr_corpus.engine_subset()
    assert len(subset) == 30
    chosen = {p.path for p in subset}
    cli = [r for r in baseline.readings if r.page.path in chosen]
    assert len(cli) == len(subset)
    print(f"\n(b) engine choice over {len(subset)} pages; {loads()}")
    # pytesseract runs the command: with a person's default environment, as (a)
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    pytess = run_pytesseract(subset)
    tess, init_seconds = run_tesserocr(subset)
    single = run_cli(subset, OMP_THREAD_LIMIT="1")

    def row(name: str, readings: list[Reading]) -> list[Any]:
        seconds = sum(r.seconds for r in readings)
        return [
            name,
            len(readings),
            seconds,
            seconds / len(readings),
            100 * mean_cer(readings),
            100 * mean_cer(r for r in readings if r.page.kind == "clean"),
            100 * mean_cer(r for r in readings if r.page.kind == "rotated"),
            100 * mean_cer(r for r in readings if r.page.kind == "photo"),
        ]

    print(
        builders.table(
            "(b) engine choice, the same 30 pages (6 a language: 4 clean, 1 turned, 1 photo)",
            ["engine", "pages", "seconds", "s/page", "CER %", "clean", "turned", "photo"],
            [
                row(
                    f"tesserocr 2.13 / libtesseract 5.5.4, in process (init {init_seconds:.2f} s)",
                    tess,
                ),
                row("pytesseract (a tesseract 5.3 process per page)", pytess),
                row("tesseract 5.3 command, default (from (a))", cli),
                row("tesseract 5.3 command, OMP_THREAD_LIMIT=1", single),
            ],
        )
    )
    print(
        cer_table(
            "(b) CER by language and kind",
            {"tesserocr": tess, "pytesseract": pytess, "cli": cli},
        )
    )
    for name, readings in (("tesserocr", tess), ("pytesseract", pytess), ("cli", cli)):
        print(f"(b) {name}, CER of the turned pages by turn: {by_turn(readings)}")
    _SINGLE_THREAD["per_page"] = sum(r.seconds for r in single) / len(single)
    assert all(r.text.strip() for r in tess + pytess + single)


# --- (c) the pipeline --------------------------------------------------------------------------


@dataclass
class PipelineRun:
    import_seconds: float
    seconds: float
    parent_cpu: float
    workers_cpu: float
    readings: list[Reading]
    summary: Any
    rotations: dict[int, int]
    read_in: dict[str, int]


def run_pipeline(corpus: Corpus, folder: Path) -> PipelineRun:
    from dossier.core.importer.pipeline import import_paths
    from dossier.core.ocr.run import recognise_pending
    from dossier.core.ocr.settings import set_dossier_languages
    from dossier.core.opening import create_dossier

    dossier = create_dossier(folder, name="Zoë Müller-Lefèvre", born="1961-04-03")
    try:
        set_dossier_languages(dossier, ["en", "nl", "he", "uk", "ru"])
        started = time.perf_counter()
        results = import_paths(dossier, [corpus.folder])
        import_seconds = time.perf_counter() - started
        statuses: dict[str, int] = defaultdict(int)
        for result in results:
            statuses[result.status] += 1
        assert statuses == {"imported": len(corpus.pages)}, dict(statuses)

        os.sync()
        parent_cpu = builders.cpu_seconds()
        children_cpu = builders.cpu_seconds(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        summary = recognise_pending(dossier)
        seconds = time.perf_counter() - started
        parent_cpu = builders.cpu_seconds() - parent_cpu
        children_cpu = builders.cpu_seconds(resource.RUSAGE_CHILDREN) - children_cpu

        texts: dict[str, list[str]] = defaultdict(list)
        for name, text in dossier.db.execute(
            "SELECT d.original_name, p.text FROM document d "
            "JOIN document_page p ON p.document_id = d.id ORDER BY d.id, p.page"
        ).fetchall():
            texts[name].append(text)
        rotations: dict[int, int] = defaultdict(int)
        read_in: dict[str, int] = defaultdict(int)
        for rotation, languages in dossier.db.execute(
            "SELECT COALESCE(rotation, 0), COALESCE(languages, '') FROM page_reading"
            " WHERE state = 'read'"
        ).fetchall():
            rotations[rotation] += 1
            read_in[languages] += 1
    finally:
        dossier.close()
    per_page = seconds / len(corpus.pages)  # wall time is shared: no time per page
    readings = [Reading(p, per_page, "\n".join(texts.get(p.path.name, []))) for p in corpus.pages]
    return PipelineRun(
        import_seconds,
        seconds,
        parent_cpu,
        children_cpu,
        readings,
        summary,
        dict(rotations),
        dict(read_in),
    )


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


@pytest.mark.benchmark
def test_ocr_pipeline(ocr_corpus: Corpus, baseline: Baseline, tmp_path: Path) -> None:
    try:
        from dossier.core.ocr.run import engine_available
    except ImportError as error:
        pytest.skip(f"(c) the pipeline is not there yet: dossier.core.ocr.run ({error})")
    unavailable = engine_available()
    if unavailable is not None:
        pytest.skip(f"(c) the program cannot read scans on this computer: {unavailable}")
    print(f"\n(c) pipeline over {len(ocr_corpus.pages)} pages; {loads()}")
    run = run_pipeline(ocr_corpus, tmp_path / "dossier")
    pages = len(ocr_corpus.pages)
    bare = baseline.scaled_seconds
    ratio = run.seconds / bare
    cores = builders.cpu_count()
    floor = (run.parent_cpu + run.workers_cpu) / cores
    print(
        builders.table(
            "(c) pipeline against the bare baseline",
            ["run", "pages", "seconds", "s/page", "CPU s/page"],
            [
                [
                    "(a) bare tesseract command, sequential"
                    + (" (scaled from the half)" if baseline.measured_pages < pages else ""),
                    pages,
                    bare,
                    baseline.per_page,
                    "-",
                ],
                [
                    "(c) import_paths (no reading; not in the ratio)",
                    pages,
                    run.import_seconds,
                    run.import_seconds / pages,
                    "-",
                ],
                [
                    "(c) recognise_pending (dossier languages: all five)",
                    pages,
                    run.seconds,
                    run.seconds / pages,
                    (run.parent_cpu + run.workers_cpu) / pages,
                ],
            ],
        )
    )
    summary = run.summary
    print(
        f"summary: read {summary.read}, of them poorly {summary.poor}, refused {summary.refused},"
        f" waiting {summary.waiting}; pages turned upright by the reader: "
        + ", ".join(f"{k} degrees: {v}" for k, v in sorted(run.rotations.items()))
    )
    for document, page, why in summary.reasons[:5]:
        print(f"  refused: document {document} page {page}: {why}")
    print(
        "pages read in the languages: "
        + ", ".join(f"{k or '(none)'}: {v}" for k, v in sorted(run.read_in.items()))
    )
    print(
        f"ratio pipeline_seconds / bare_seconds = {ratio:.2f}"
        f"  (target <= {TARGET_RATIO}: {verdict(ratio <= TARGET_RATIO)})"
    )
    print(
        f"CPU floor: (parent {run.parent_cpu:.1f} + readers {run.workers_cpu:.1f} CPU s) / {cores}"
        f" cores = {floor:.1f} s, so on this machine the best possible ratio with today's"
        f" per-page costs is {floor / bare:.2f}"
    )
    if _SINGLE_THREAD:
        single = _SINGLE_THREAD["per_page"] * pages
        print(
            f"for comparison (not the target): against the command with OMP_THREAD_LIMIT=1"
            f" ({_SINGLE_THREAD['per_page']:.2f} s/page in (b), so {single:.0f} s for {pages}"
            f" pages) the ratio is {run.seconds / single:.2f}"
        )
    print(
        cer_table(
            "(c) CER by language and kind (cli: the bare command on the pages it read in (a))",
            {"pipeline": run.readings, "cli": baseline.readings},
        )
    )
    print(f"(c) pipeline, CER of the turned pages by turn: {by_turn(run.readings)}")
    for language in scans.LANGUAGES:
        parts = []
        for kind in KINDS:
            value = mean_cer(
                r for r in run.readings if r.page.language == language and r.page.kind == kind
            )
            target = TARGET_CER.get(kind, TARGET_CER["clean"])
            note = "" if kind in TARGET_CER else ", as clean"
            parts.append(
                f"{kind} {100 * value:.1f}% (< {100 * target:.0f}%{note}: {verdict(value < target)})"
            )
        print(f"CER {language}: " + "; ".join(parts))
    found = {
        language: sum(
            scans.KEYWORDS[language].casefold() in r.text.casefold()
            for r in run.readings
            if r.page.language == language
        )
        for language in scans.LANGUAGES
    }
    print(
        "keyword found in the text read: "
        + ", ".join(
            f"{lang} {scans.KEYWORDS[lang]} {n}/{len(ocr_corpus.pages) // 5}"
            for lang, n in found.items()
        )
    )
    if _STARTED:
        print(f"whole OCR benchmark: {time.perf_counter() - _STARTED[0]:.0f} s")
    # generous sanity bounds only
    assert summary.read + summary.refused == pages
    assert ratio < 20
