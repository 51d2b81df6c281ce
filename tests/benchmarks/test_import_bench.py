"""Import throughput: the full pipeline against a bare single-process text-extraction loop.

Input (made once per run, or reused from ``DOSSIER_BENCH_CACHE``): 1,000 text PDFs of 2 to 8
pages (about 250 words a page, written with ``dossier.core.textpdf``) in ``pdfs/`` and 200
camera-like 4000x3000 JPEGs (noise and gradients, about 4 MB each, EXIF date) in ``photos/``.

Measured, in this order:

(c) ``import_paths(dossier, [folder])`` over all 1,200 files into a new dossier, with the time
    the parent process spends in each of its own steps and on its copying thread (functions
    wrapped from outside, no change to the code), the CPU time of parent and sandbox workers,
    and their peak memory;
(a) the baseline: one process opening each PDF with pypdfium2 and reading every page's text;
(b) the same loop with pypdf (``page.extract_text()``) over the first 100 PDFs;
(d) each handler (``parse_pdf`` / ``parse_image``) in this process, on a subset;
(e) what-if runs of the same import: once more unchanged (run-to-run noise), then with a
    scratch copy of the pool that hands out the next file before the parent stores the last
    result, that plus thumbnails saved as PNG ``compress_level=1``, and that plus no PDF
    thumbnail at import.

Target: pipeline seconds / pdfium baseline seconds <= 1.0.
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

import builders
import pytest

from dossier.core.importer import handlers, pipeline, store
from dossier.core.importer.pipeline import import_paths
from dossier.core.importer.pool import Outcome, SandboxPool, Task, _Worker
from dossier.core.importer.thumbnail_png import png_bytes
from dossier.core.opening import create_dossier
from dossier.core.vault import Vault

PDFS = 1000
PHOTOS = 200
PYPDF_SUBSET = 100
HANDLER_PDFS = 100
HANDLER_PHOTOS = 20


def pdfium_text(paths: list[Path]) -> int:
    """The baseline: open, read every page's text, close. Returns the number of pages."""
    import pypdfium2 as pdfium

    pages = 0
    for path in paths:
        document = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(document)):
                page = document[index]
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
                pages += 1
        finally:
            document.close()
    return pages


def pypdf_text(paths: list[Path]) -> int:
    from pypdf import PdfReader

    pages = 0
    for path in paths:
        for page in PdfReader(path).pages:
            page.extract_text()
            pages += 1
    return pages


def pypdf_metadata(path: Path) -> None:
    """The pypdf part of parse_pdf: open, is_encrypted, the Info dictionary."""
    from pypdf import PdfReader

    reader = PdfReader(path, strict=False)
    if not reader.is_encrypted:
        dict(reader.metadata or {})


def pdf_thumbnail(path: Path) -> None:
    """The thumbnail part of parse_pdf: open, render page 1 at 256 px, PNG."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        page = document[0]
        handlers._pdf_thumbnail(page)
        page.close()
    finally:
        document.close()


def jpeg_decode(path: Path, size: int) -> None:
    """Only the JPEG decode of parse_image, reduced by ``draft`` to at least size x size."""
    from PIL import Image

    with Image.open(path) as image:
        image.draft("RGB", (size, size))
        image.load()


def photo_thumbnail(path: Path) -> Any:
    """The 256 px thumbnail of a photo, as parse_image makes it (before saving it)."""
    from PIL import Image

    with Image.open(path) as image:
        image.draft("RGB", (2 * handlers.THUMB_SIZE, 2 * handlers.THUMB_SIZE))
        image.load()
        thumb = image.convert("RGB")
    thumb.thumbnail((handlers.THUMB_SIZE, handlers.THUMB_SIZE))
    return thumb


def png(image: Any, level: int) -> int:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=level)
    return len(out.getvalue())


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


class Stopwatch:
    """Wraps functions to add up the time spent in them, split at a moment given later."""

    def __init__(self) -> None:
        self.spans: dict[str, list[tuple[float, float]]] = defaultdict(list)  # (end, seconds)

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                end = time.perf_counter()
                self.spans[name].append((end, end - started))

        return wrapper

    def total(self, name: str, before: float | None = None, after: float | None = None) -> float:
        return sum(s for e, s in self._pick(name, before, after))

    def calls(self, name: str, before: float | None = None, after: float | None = None) -> int:
        return len(self._pick(name, before, after))

    def _pick(
        self, name: str, before: float | None, after: float | None
    ) -> list[tuple[float, float]]:
        return [
            (e, s)
            for e, s in self.spans[name]
            if (before is None or e <= before) and (after is None or e > after)
        ]


class RefillingPool(SandboxPool):
    """Scratch copy of ``SandboxPool`` with two what-if changes (see ``run``, ``options``).

    ``run`` is the original with one change: results are collected first, the freed workers get
    their next file, and only then are the results handed to the caller, so workers parse while
    the parent stores (the original hands each result over first and refills afterwards).
    ``options`` are passed to the workers (see ``builders.variant_worker_main``).
    """

    def __init__(self, *args: Any, options: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = options

    def run(
        self,
        tasks: Iterable[Task],
        *,
        cancelled: Callable[[], bool] = lambda: False,
        idle: Callable[[], None] | None = None,  # not used by this what-if pool
    ) -> Iterator[tuple[Task, Outcome]]:
        pending = iter(tasks)
        busy: list[_Worker] = []
        done: list[tuple[Task, Outcome]] = []
        exhausted = False
        try:
            while True:
                while not exhausted and len(busy) < self.size and not cancelled():
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    busy.append(self._dispatch(task))
                if done:  # the change: workers were refilled above, now hand over
                    handing, done = done, []
                    yield from handing
                    continue
                if not busy:
                    return
                now = time.monotonic()
                deadline = min(w.started for w in busy) + self.timeout
                ready = wait([w.conn for w in busy], timeout=max(0.0, deadline - now))
                for worker in [w for w in busy if w.conn in ready]:
                    busy.remove(worker)
                    done.append(self._collect(worker))
                for worker in [w for w in busy if time.monotonic() - w.started > self.timeout]:
                    busy.remove(worker)
                    task = worker.task
                    self._discard(worker)
                    assert task is not None
                    done.append((task, "Reading the file took too long; it was stopped."))
        finally:
            for worker in busy:
                self._discard(worker)

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=builders.variant_worker_main,
            args=(child, self.memory_limit, self.options),
            daemon=True,
        )
        process.start()
        child.close()
        return _Worker(process, parent)


@dataclass
class ImportRun:
    seconds: float
    pdf_phase: float  # start to the last PDF's result (PDFs are imported first)
    photo_phase: float
    first_result: float
    parent_cpu: float
    workers_cpu: float
    workers: int
    statuses: dict[str, int]
    pdf_pages: int
    indexed_rows: int
    dossier_mb: float
    last_pdf_at: float
    started_at: float
    self_rss: float  # parent's ru_maxrss after the run
    children_rss: float  # ru_maxrss of children after the run
    worker_peaks: dict[int, float | None] = field(default_factory=dict)


def run_import(
    root: Path, folder: Path, *, pool: SandboxPool | None = None, watch: Stopwatch | None = None
) -> ImportRun:
    """``import_paths(dossier, [root])`` into a new dossier in ``folder``, measured."""
    worker_peaks: dict[int, float | None] = {}
    finished: list[tuple[float, str]] = []
    dossier = create_dossier(folder, name="Benchmark Person", born="1960-05-17")
    with pytest.MonkeyPatch.context() as patch:
        if watch is not None:
            patch.setattr(pipeline, "_precheck", watch.wrap("_precheck", pipeline._precheck))
            patch.setattr(store, "_insert", watch.wrap("_insert", store._insert))
            patch.setattr(store, "_copy_batch", watch.wrap("_copy_batch", store._copy_batch))
            for method in ("add", "step", "rotate", "commit"):
                name = f"StoreBatch.{method}"
                patch.setattr(
                    store.StoreBatch, method, watch.wrap(name, getattr(store.StoreBatch, method))
                )
            patch.setattr(Vault, "add_file", watch.wrap("vault.add_file", Vault.add_file))
            patch.setattr(Vault, "sync_files", watch.wrap("vault.sync_files", Vault.sync_files))
            patch.setattr(
                Vault, "add_thumbnail", watch.wrap("vault.add_thumbnail", Vault.add_thumbnail)
            )
        original_close = SandboxPool.close

        def close_noting_peaks(self: SandboxPool) -> None:
            for worker in self._idle:
                pid = worker.process.pid or 0
                worker_peaks[pid] = builders.vm_hwm_mib(pid)
            original_close(self)

        patch.setattr(SandboxPool, "close", close_noting_peaks)

        def progress(done: int, total: int, result: pipeline.ImportResult) -> None:
            finished.append((time.perf_counter(), result.path))

        os.sync()  # so writing back earlier runs' files does not slow this one
        parent_cpu = builders.cpu_seconds()
        children_cpu = builders.cpu_seconds(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        if pool is None:
            results = import_paths(dossier, [root], progress=progress)
        else:
            try:
                results = import_paths(dossier, [root], progress=progress, pool=pool)
            finally:
                pool.close()
        seconds = time.perf_counter() - started
        parent_cpu = builders.cpu_seconds() - parent_cpu
        children_cpu = builders.cpu_seconds(resource.RUSAGE_CHILDREN) - children_cpu
    statuses: dict[str, int] = defaultdict(int)
    for result in results:
        statuses[result.status] += 1
    pdf_pages = dossier.db.execute(
        "SELECT COALESCE(SUM(page_count), 0) FROM document WHERE media_type = 'application/pdf'"
    ).fetchone()[0]
    indexed_rows = dossier.db.execute("SELECT COUNT(*) FROM search_map").fetchone()[0]
    dossier.close()
    last_pdf = max((t for t, path in finished if path.endswith(".pdf")), default=started)
    dossier_mb = builders.folder_bytes(folder) / 1e6
    shutil.rmtree(folder)  # about 1 GB each; measured, no longer needed
    return ImportRun(
        seconds=seconds,
        pdf_phase=last_pdf - started,
        photo_phase=seconds - (last_pdf - started),
        first_result=min(t for t, _ in finished) - started,
        parent_cpu=parent_cpu,
        workers_cpu=children_cpu,
        workers=len(worker_peaks) or 1,
        statuses=dict(statuses),
        pdf_pages=pdf_pages,
        indexed_rows=indexed_rows,
        dossier_mb=dossier_mb,
        last_pdf_at=last_pdf,
        started_at=started,
        self_rss=builders.maxrss_mib(),
        children_rss=builders.maxrss_mib(resource.RUSAGE_CHILDREN),
        worker_peaks=worker_peaks,
    )


@pytest.mark.benchmark
def test_import_throughput(bench_cache: Path, tmp_path: Path) -> None:
    run_started = time.perf_counter()
    root = bench_cache / "import-corpus"
    root.mkdir(exist_ok=True)
    pdf_info = builders.make_pdfs(root / "pdfs", PDFS)
    photo_info = builders.make_photos(root / "photos", PHOTOS)
    pdf_paths = sorted((root / "pdfs").glob("*.pdf"))
    photo_paths = sorted((root / "photos").glob("*.jpg"))
    assert len(pdf_paths) == PDFS and len(photo_paths) == PHOTOS
    total_pages = pdf_info["pages"]
    print(
        builders.table(
            "import corpus",
            ["input", "files", "pages", "MB", "made in s", "reused from cache"],
            [
                [
                    "PDFs (textpdf)",
                    pdf_info["files"],
                    pdf_info["pages"],
                    pdf_info["bytes"] / 1e6,
                    pdf_info["make_seconds"],
                    pdf_info["cached"],
                ],
                [
                    "photos 4000x3000 JPEG",
                    photo_info["files"],
                    photo_info["pages"],
                    photo_info["bytes"] / 1e6,
                    photo_info["make_seconds"],
                    photo_info["cached"],
                ],
            ],
        )
    )

    # --- (c) the full pipeline, first, so the parent's peak memory is the pipeline's ---------
    self_rss_before = builders.maxrss_mib()
    children_rss_before = builders.maxrss_mib(resource.RUSAGE_CHILDREN)
    watch = Stopwatch()
    current = run_import(root, tmp_path / "dossier", watch=watch)
    assert current.statuses == {"imported": PDFS + PHOTOS}, current.statuses
    assert current.pdf_pages == total_pages

    # --- (a) pdfium baseline, (b) pypdf on a subset ------------------------------------------
    os.sync()
    baseline_seconds, baseline_pages = timed(lambda: pdfium_text(pdf_paths))
    subset = pdf_paths[:PYPDF_SUBSET]
    subset_pdfium_seconds, subset_pages = timed(lambda: pdfium_text(subset))
    pypdf_seconds, pypdf_pages = timed(lambda: pypdf_text(subset))
    assert baseline_pages == total_pages and pypdf_pages == subset_pages
    self_rss_baselines = builders.maxrss_mib()

    # --- (d) each handler in this process, on a subset ---------------------------------------
    handler_pdfs = pdf_paths[:HANDLER_PDFS]
    handler_photos = photo_paths[:HANDLER_PHOTOS]
    handlers.parse_pdf(handler_pdfs[0])  # warm up: imports
    parse_pdf_seconds, parsed_pdfs = timed(lambda: [handlers.parse_pdf(p) for p in handler_pdfs])
    handler_pdf_pages = sum(p.page_count or 0 for p in parsed_pdfs)
    handler_text_seconds, _ = timed(lambda: pdfium_text(handler_pdfs))
    parse_image_seconds, parsed_photos = timed(
        lambda: [handlers.parse_image(p) for p in handler_photos]
    )
    assert all(p.exif_date for p in parsed_photos)
    pypdf_meta_seconds, _ = timed(lambda: [pypdf_metadata(p) for p in handler_pdfs])
    thumbnail_seconds, _ = timed(lambda: [pdf_thumbnail(p) for p in handler_pdfs])
    photo_thumbnails = [photo_thumbnail(p) for p in handler_photos]
    png_seconds = {
        level: timed(lambda level=level: [png(t, level) for t in photo_thumbnails])[0]
        for level in (6, 1)
    }
    own_png_seconds, _ = timed(lambda: [png_bytes(t) for t in photo_thumbnails])
    draft_seconds = {
        size: timed(lambda size=size: [jpeg_decode(p, size) for p in handler_photos])[0]
        for size in (2 * handlers.THUMB_SIZE, handlers.THUMB_SIZE)
    }

    # --- (e) what-if runs with a scratch pool ------------------------------------------------
    what_if = [("(c) current pool", current)]
    for label, pool, folder in (
        ("current pool, again (run-to-run noise)", None, "again"),
        ("refill workers before storing", RefillingPool(), "refill"),
        # (the import's own PNG writer is faster still: "fast_png" only changes Pillow's)
        ("refill + PNG compress_level=1", RefillingPool(options=("fast_png",)), "fast-png"),
        (
            "refill + fast PNG + no PDF thumbnail",
            RefillingPool(options=("fast_png", "no_pdf_thumbnail")),
            "no-pdf-thumb",
        ),
    ):
        run = run_import(root, tmp_path / f"dossier-{folder}", pool=pool)
        assert run.statuses == {"imported": PDFS + PHOTOS}, run.statuses
        what_if.append((label, run))

    ratio = current.seconds / baseline_seconds
    print(
        builders.table(
            "import throughput",
            ["run", "files", "pages", "seconds", "pages/s", "files/s"],
            [
                [
                    "(a) pdfium text, 1 process (baseline)",
                    PDFS,
                    baseline_pages,
                    baseline_seconds,
                    baseline_pages / baseline_seconds,
                    PDFS / baseline_seconds,
                ],
                [
                    f"(b) pypdf extract_text, first {PYPDF_SUBSET} PDFs",
                    PYPDF_SUBSET,
                    pypdf_pages,
                    pypdf_seconds,
                    pypdf_pages / pypdf_seconds,
                    PYPDF_SUBSET / pypdf_seconds,
                ],
                [
                    f"(b) pdfium text, same {PYPDF_SUBSET} PDFs",
                    PYPDF_SUBSET,
                    subset_pages,
                    subset_pdfium_seconds,
                    subset_pages / subset_pdfium_seconds,
                    PYPDF_SUBSET / subset_pdfium_seconds,
                ],
                [
                    "(c) import_paths, 1,000 PDFs + 200 photos",
                    PDFS + PHOTOS,
                    total_pages,
                    current.seconds,
                    total_pages / current.seconds,
                    (PDFS + PHOTOS) / current.seconds,
                ],
            ],
        )
    )
    speedup = (subset_pages / subset_pdfium_seconds) / (pypdf_pages / pypdf_seconds)
    print(f"pdfium is {speedup:.1f}x faster than pypdf at text extraction (same PDFs)")
    print(
        f"ratio pipeline_seconds / pdfium_baseline_seconds = {ratio:.2f}"
        f"  (target <= 1.0: {'met' if ratio <= 1.0 else 'NOT met'});"
        f" PDF part only: {current.pdf_phase / baseline_seconds:.2f}"
    )
    print(
        builders.table(
            "(c) pipeline stages, from the progress callback (PDFs come first, then photos)",
            ["stage", "files", "seconds", "files/s"],
            [
                ["start to first result (spawning workers)", 1, current.first_result, 0.0],
                [
                    "PDFs: start to last PDF result",
                    PDFS,
                    current.pdf_phase,
                    PDFS / current.pdf_phase,
                ],
                [
                    "photos: after the last PDF",
                    PHOTOS,
                    current.photo_phase,
                    PHOTOS / current.photo_phase,
                ],
            ],
        )
    )
    steps = (
        "_precheck",
        "StoreBatch.add",
        "StoreBatch.step",
        "StoreBatch.rotate",
        "StoreBatch.commit",
        "_insert",
        "_copy_batch",
        "vault.add_file",
        "vault.add_thumbnail",
        "vault.sync_files",
    )
    boundary = current.last_pdf_at
    rows: list[list[Any]] = []
    for name in steps:
        pdf_calls = watch.calls(name, before=boundary)
        photo_calls = watch.calls(name, after=boundary)
        rows.append(
            [
                name,
                1000 * watch.total(name, before=boundary) / max(1, pdf_calls),
                1000 * watch.total(name, after=boundary) / max(1, photo_calls),
                watch.total(name),
                f"{100 * watch.total(name) / current.seconds:.0f}%",
            ]
        )
    parent_steps = ("_precheck", "StoreBatch.add", "StoreBatch.step", "StoreBatch.rotate")
    busy = sum(watch.total(n) for n in (*parent_steps, "StoreBatch.commit"))
    rows.append(
        [
            "rest: waiting for workers, dispatch",
            0.0,
            0.0,
            current.seconds - busy,
            f"{100 * (current.seconds - busy) / current.seconds:.0f}%",
        ]
    )
    print(
        builders.table(
            "(c) parent process, wall time by step (step, rotate and commit wait for the copying "
            "thread and include _insert; _copy_batch and the vault.* under it run on the copying "
            "thread, at the same time as the rest; step/rotate/commit figures are per call)",
            ["step", "ms/PDF", "ms/photo", "total s", "of pipeline"],
            rows,
        )
    )
    print(
        builders.table(
            "(c) CPU during the pipeline",
            ["process", "CPU s", "busy (of wall x processes)"],
            [
                [
                    "parent",
                    current.parent_cpu,
                    f"{100 * current.parent_cpu / current.seconds:.0f}%",
                ],
                [
                    f"{current.workers} sandbox workers (sum)",
                    current.workers_cpu,
                    f"{100 * current.workers_cpu / (current.workers * current.seconds):.0f}%",
                ],
            ],
        )
    )
    cores = builders.cpu_count()
    floor = (current.parent_cpu + current.workers_cpu) / cores
    print(
        f"CPU floor: (parent + workers CPU) / {cores} cores = {floor:.1f} s, so on this machine"
        f" the best possible ratio with today's per-file costs is {floor / baseline_seconds:.2f};"
        f" pipeline / CPU floor = {current.seconds / floor:.2f} (target <= 1.2:"
        f" {'met' if current.seconds <= 1.2 * floor else 'NOT met'})"
    )
    print(
        builders.table(
            "(d) handlers in this process",
            ["handler", "files", "ms/file", "ms/page"],
            [
                [
                    "parse_pdf (pypdf metadata + pdfium text + page-1 thumbnail)",
                    len(handler_pdfs),
                    1000 * parse_pdf_seconds / len(handler_pdfs),
                    1000 * parse_pdf_seconds / handler_pdf_pages,
                ],
                [
                    "bare pdfium text loop, same PDFs",
                    len(handler_pdfs),
                    1000 * handler_text_seconds / len(handler_pdfs),
                    1000 * handler_text_seconds / handler_pdf_pages,
                ],
                [
                    "  of which: pypdf open + metadata",
                    len(handler_pdfs),
                    1000 * pypdf_meta_seconds / len(handler_pdfs),
                    1000 * pypdf_meta_seconds / handler_pdf_pages,
                ],
                [
                    "  of which: page-1 thumbnail (open, render, PNG)",
                    len(handler_pdfs),
                    1000 * thumbnail_seconds / len(handler_pdfs),
                    1000 * thumbnail_seconds / handler_pdf_pages,
                ],
                [
                    "parse_image (4000x3000 JPEG: draft decode + thumbnail)",
                    len(handler_photos),
                    1000 * parse_image_seconds / len(handler_photos),
                    1000 * parse_image_seconds / len(handler_photos),
                ],
                *[
                    [
                        f"  JPEG decode only, draft to {size} px"
                        + (" (as parse_image)" if size == handlers.THUMB_SIZE else ""),
                        len(handler_photos),
                        1000 * seconds / len(handler_photos),
                        1000 * seconds / len(handler_photos),
                    ]
                    for size, seconds in draft_seconds.items()
                ],
                *[
                    [
                        f"  PNG encode of its 256 px thumbnail, Pillow compress_level={level}"
                        + (" (Pillow's default)" if level == 6 else ""),
                        len(handler_photos),
                        1000 * seconds / len(handler_photos),
                        1000 * seconds / len(handler_photos),
                    ]
                    for level, seconds in png_seconds.items()
                ],
                [
                    "  PNG encode of its 256 px thumbnail, thumbnail_png (as parse_image)",
                    len(handler_photos),
                    1000 * own_png_seconds / len(handler_photos),
                    1000 * own_png_seconds / len(handler_photos),
                ],
            ],
        )
    )
    print(
        builders.table(
            "(e) what-if: the same import with a scratch pool (no change to dossier/)",
            ["run", "seconds", "ratio", "PDF part s", "photo part s", "parent CPU", "workers CPU"],
            [
                [
                    label,
                    run.seconds,
                    run.seconds / baseline_seconds,
                    run.pdf_phase,
                    run.photo_phase,
                    run.parent_cpu,
                    run.workers_cpu,
                ]
                for label, run in what_if
            ],
        )
    )
    print(
        builders.table(
            "peak memory (MiB)",
            ["what", "MiB"],
            [
                ["parent ru_maxrss (RUSAGE_SELF) before the pipeline", self_rss_before],
                ["parent ru_maxrss (RUSAGE_SELF) after the pipeline (c)", current.self_rss],
                ["parent ru_maxrss after the baselines (a), (b)", self_rss_baselines],
                ["children ru_maxrss (RUSAGE_CHILDREN) before the pipeline", children_rss_before],
                [
                    "children ru_maxrss (RUSAGE_CHILDREN) after the pipeline (c)",
                    current.children_rss,
                ],
                *[
                    [f"(c) sandbox worker pid {pid} VmHWM", peak if peak is not None else -1.0]
                    for pid, peak in sorted(current.worker_peaks.items())
                ],
            ],
        )
    )
    if not (pdf_info["cached"] and photo_info["cached"]):
        print(
            "note: the corpus was made in this run, so RUSAGE_CHILDREN also counts the processes "
            "that made it; the sandbox workers' own peak is their VmHWM."
        )
    print(
        f"indexed rows: {current.indexed_rows:,}; dossier on disk after (c):"
        f" {current.dossier_mb:,.0f} MB; whole benchmark: {time.perf_counter() - run_started:.0f} s"
    )

    # generous sanity bounds only
    assert ratio < 20
    assert baseline_pages / baseline_seconds > 20
