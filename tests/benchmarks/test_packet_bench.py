"""The consultation packet of a brief and 50 documents (500 pages in all), against a bare
pypdf merge of the same files in the same run (target: at most twice as long).

The packet reads the documents from the dossier's vault through its checked reader (no
link followed, size and SHA-256 compared), as it does for a person; the bare merge reads
the same files from their own folder.

Run: .venv/bin/pytest tests/benchmarks/test_packet_bench.py -m benchmark -s
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from dossier.core import records
from dossier.core.hashing import sha256_file
from dossier.core.opening import create_dossier
from dossier.core.reports.brief import consultation_brief
from dossier.core.reports.packet_plan import DocumentPart, PacketPlan, ReportPart
from dossier.core.textpdf import Block, pagebreak, write_pdf
from dossier.reports.packet_pdf import render_packet

DOCUMENTS, PAGES = 50, 10
PDF = "application/pdf"
WORDS = (
    "Findings of the examination are described below with the measurements taken and "
    "the comparison with earlier images; no further action is advised at this time. "
)


def _documents(folder: Path) -> list[Path]:
    paths = []
    for n in range(DOCUMENTS):
        blocks: list[Block] = []
        for page in range(PAGES):
            if page:
                blocks.append(pagebreak())
            blocks += [Block(f"Report {n + 1}, page {page + 1}", "heading"), Block(WORDS * 14)]
        path = folder / f"doc{n:02d}.pdf"
        write_pdf(path, blocks, title=f"Report {n + 1}")
        paths.append(path)
    return paths


def _best(run: object, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.benchmark
def test_packet_against_a_bare_merge(tmp_path: Path) -> None:
    paths = _documents(tmp_path)
    assert sum(len(PdfReader(p).pages) for p in paths) == DOCUMENTS * PAGES
    dossier = create_dossier(tmp_path / "dossier", name="Bench Person", born="1950-01-01")
    case = records.create(dossier, "case", {"title": "Bench", "question": "Which treatment?"}).id
    brief = consultation_brief(dossier, case)
    parts: list[ReportPart | DocumentPart] = [ReportPart(brief.title, brief)]
    for n, path in enumerate(paths):
        document = {"title": f"Report {n + 1}", "kind": "other", "page_count": PAGES}
        sha = sha256_file(path)
        dossier.vault.add_file(path, sha)
        size = path.stat().st_size
        part = DocumentPart(f"Report {n + 1}", document, dossier.vault, sha, size, PDF)
        parts.append(part)
    plan = PacketPlan(brief.footer, tuple(parts))

    def bare() -> None:
        writer = PdfWriter()
        for path in paths:
            writer.append(str(path))
        writer.write(io.BytesIO())

    out = tmp_path / "packet.pdf"
    render_packet(plan, out)  # warm: Qt, fonts
    merge = _best(bare)
    packet = _best(lambda: render_packet(plan, out))
    pages = len(PdfReader(out).pages)
    dossier.close()
    print(
        f"\npacket of a brief + {DOCUMENTS} documents ({pages} pages): {packet:.2f} s; "
        f"bare pypdf merge of the documents: {merge:.2f} s; ratio {packet / merge:.2f} (target <= 2)"
    )
    assert pages > DOCUMENTS * PAGES
    assert packet / merge <= 2.5  # generous against noise; the target is 2
