"""Search latency over dossiers of 50,000 and 250,000 indexed document pages, for typed
queries and for hostile ones, against the search as it was before its work was bounded; and
the dossier's size on disk against its documents' text.

The dossiers (5,000 or 25,000 documents x 10 pages of about 250 Zipf-distributed medical-ish
words, plus about 400 records of other kinds) are written straight into the database by
``builders.build_indexed_dossier`` (kept in ``DOSSIER_BENCH_CACHE`` when set: the 250,000-page
one takes minutes). Run one size with ``-k pages_50k`` or ``-k pages_250k``.

* Typed queries: about 300 in six classes (rare words, common words, two words, type-ahead
  prefixes of 2 to 4 letters, accented names, no hit), each run three times through
  ``search.search(dossier, q)`` (limit 50) and through the baseline ``search_before.search`` (the
  code of commit 48653f4), interleaved in a shuffled order, so both see the same machine.
* Hostile inputs: a pasted page, 3,000 characters across a page break, 1,000 and 60,000
  words, a megabyte of text, of one word, of punctuation, of one-letter words, of FTS syntax,
  of control characters, text in other scripts, and a sentence of very common words; each run
  three times. The baseline runs once on the pasted pages and on 1,000 words only: issue 11
  measured it at 2.3 s for 1,000 words and over 10 minutes for 60,000.

Since migration 0011 the full-text index holds no copy of the text (a contentless FTS5 table):
the baseline's ``snippet()`` calls then give nothing, so it does a little less work than it did.
Since migration 0012 it has no index of two-letter prefixes (each prefix index is about as
large as the index of whole words), and two typed letters are searched for as a word, not as
the start of one (they begin most words of a large dossier): the prefix class's two-letter
queries find other hits than the baseline's, printed in the "same hits" table.

Size: the dossier on disk (database, its journal and the vault) against the documents' text
(``document_page``, UTF-8) plus their files. The builder writes no files: their sizes are the
ones recorded (9,000 bytes a page), printed apart.

Targets: p95 under 20 ms for every class, typed or hostile, and no typed class slower than
the baseline (the ratios are measured in the same run); on disk at most 1.3x the text plus
the files.
"""

from __future__ import annotations

import random
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import builders
import pytest
import search_before

from dossier.core import search
from dossier.core.opening import open_dossier
from dossier.core.storage import Dossier

ROUNDS = 3
TARGET_P95_MS = 20.0
TARGET_SIZE = 1.3  # on disk / (documents' text + files)
# Processor time of each search of the current code, per class: what a machine with nothing
# else to do would take (the dossier is in the page cache), whatever else the machine runs.
CPU: dict[str, list[float]] = defaultdict(list)
CLASSES = ("rare", "common", "two_words", "prefix", "accented", "no_hit")

SearchFunction = Callable[..., list[search.Hit]]
Key = tuple[str, int, int | None]


# --- the typed queries ------------------------------------------------------------------------


def _fold(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
    ).lower()


def make_queries(seed: int = 11) -> list[tuple[str, str]]:
    """(class, text) pairs, about 50 per class."""
    rng = random.Random(seed)
    vocab = builders.vocabulary()
    words = vocab.words
    queries: list[tuple[str, str]] = []
    queries += [("rare", w.lower()) for w in rng.sample(words[8000:40000], 50)]
    common = [w for w in words[:80] if len(w) >= 2][:50]
    queries += [("common", w if i % 5 else w.capitalize()) for i, w in enumerate(common)]
    mid = [w.lower() for w in words[30:3000] if len(w) >= 3]
    for index in range(50):
        text = f"{rng.choice(mid)} {rng.choice(mid)}"
        queries.append(("two_words", text + (" " if index % 5 == 0 else "")))
    stems = [w.lower() for w in words[:2000] if len(w) >= 5 and w.isascii()]
    prefixes = ["ra", "rad", "radi"]
    for length in (2, 3, 4):
        prefixes += [w[:length] for w in rng.sample(stems, 16)]
    queries += [("prefix", p) for p in prefixes]
    accented: list[str] = []
    for word in builders.ACCENTED_WORDS:
        accented += [word.lower(), _fold(word)]
    accented += ["dr müller", "MÜLLER", "hôpital gómez", "zoe"]
    queries += [("accented", q) for q in dict.fromkeys(accented)]
    known = {w.lower() for w in words}
    letters = "bcdfghjklmnpqrstvwxz"
    no_hit: list[str] = []
    while len(no_hit) < 40:
        word = "".join(rng.choices(letters, k=rng.randint(7, 10)))
        if word not in known:
            no_hit.append(word)
    no_hit += [f"{rng.choice(common)} {w}" for w in no_hit[:10]]
    queries += [("no_hit", q) for q in no_hit]
    return queries


# --- the hostile inputs -----------------------------------------------------------------------


def page_texts(dossier: Dossier, rng: random.Random, count: int) -> list[tuple[int, int, str]]:
    """(document id, page, text) of ``count`` random pages that have a next page."""
    rows = dossier.db.execute(
        "SELECT m.ref_id, m.page, p.text FROM search_map m JOIN document_page p "
        "ON p.document_id = m.ref_id AND p.page = m.page "
        "WHERE m.page BETWEEN 1 AND 9 ORDER BY m.rowid"
    ).fetchall()
    return [(int(r[0]), int(r[1]), str(r[2])) for r in rng.sample(rows, count)]


def next_page(dossier: Dossier, document: int, page: int) -> str:
    row = dossier.db.execute(
        "SELECT text FROM document_page WHERE document_id = ? AND page = ?",
        [document, page + 1],
    ).fetchone()
    return str(row[0])


def make_hostile(
    dossier: Dossier, seed: int = 13
) -> list[tuple[str, str, set[tuple[int, int]] | None]]:
    """(class, text, the pages it was cut from, or None) for each hostile input."""
    rng = random.Random(seed)
    vocab = builders.vocabulary()
    inputs: list[tuple[str, str, set[tuple[int, int]] | None]] = []
    for document, page, text in page_texts(dossier, rng, 10):
        inputs.append(("pasted page", text, {(document, page)}))
    for document, page, text in page_texts(dossier, rng, 5):
        following = next_page(dossier, document, page)
        across = text[-1500:].split(" ", 1)[-1] + "\n" + following[:1500].rsplit(" ", 1)[0]
        inputs.append(("across pages", across, {(document, page), (document, page + 1)}))
    inputs.append(("1,000 words", " ".join(vocab.sentence_words(rng, 1000)), None))
    inputs.append(("60,000 words", " ".join(vocab.sentence_words(rng, 60_000)), None))
    prose = " ".join(vocab.page_text(rng) for _ in range(60))
    inputs.append(("a megabyte", (prose * (1_000_000 // len(prose) + 1))[:1_000_000], None))
    inputs.append(("one-word megabyte", "radiology" * 111_112, None))
    inputs.append(("punctuation", "!?.,;:-–()[]{}<>\"'`~@#$%^&*_+=|\\/ " * 30_000, None))
    letters = "abcdefghijklmnopqrstuvwxyzé0123456789"
    inputs.append(("one-letter words", " ".join(rng.choices(letters, k=500_000)), None))
    syntax = 'NEAR(biopsy radiology, 2) AND "lesion OR NOT {title body}: ^a* (b) - title:'
    inputs.append(("FTS syntax", syntax * 15_000, None))
    inputs.append(("FTS syntax, short", syntax, None))
    inputs.append(("control characters", "\x00\x01\x1b[31m\x7f\u202e\ue000\ufeff" * 100_000, None))
    scripts = "מכתב מד״ר כהן Заключение доктора Петренко Müller Øvergaard Dvořák ё "
    inputs.append(("other scripts", scripts * 10_000, None))
    inputs.append(("other scripts, short", "Петренко müller", None))
    inputs.append(
        ("common sentence", "the patient was seen in the clinic and the results were normal", None)
    )
    return inputs


# --- running ----------------------------------------------------------------------------------


def keys(hits: list[search.Hit]) -> list[Key]:
    return [(h.kind, h.id, h.page) for h in hits]


def measure_pair(
    dossier: Dossier, queries: list[tuple[str, str]]
) -> tuple[dict[str, dict[str, list[float]]], dict[str, dict[str, list[Key]]]]:
    """Milliseconds per query class of ``before`` and ``after`` over ROUNDS shuffled rounds,
    the two run one after the other for each query (which first, at random); and the hits."""
    functions: dict[str, SearchFunction] = {"before": search_before.search, "after": search.search}
    for _, text in queries[:: max(1, len(queries) // 20)]:  # warm up
        for function in functions.values():
            function(dossier, text)
    times: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in functions}
    hits: dict[str, dict[str, list[Key]]] = {name: {} for name in functions}
    order = list(queries)
    rng = random.Random(5)
    for _ in range(ROUNDS):
        rng.shuffle(order)
        for kind, text in order:
            names = list(functions)
            rng.shuffle(names)
            for name in names:
                started, cpu = time.perf_counter(), time.thread_time()
                found = functions[name](dossier, text, limit=50)
                times[name][kind].append(1000 * (time.perf_counter() - started))
                if name == "after":
                    CPU[kind].append(1000 * (time.thread_time() - cpu))
                hits[name][text] = keys(found)
    return times, hits


def summary(times: dict[str, list[float]], classes: tuple[str, ...]) -> list[list[Any]]:
    rows = []
    every = [t for kind in classes for t in times[kind]]
    for kind, values in [*((k, times[k]) for k in classes), ("overall", every)]:
        rows.append(
            [
                kind,
                builders.percentile(values, 50),
                builders.percentile(values, 95),
                builders.percentile(values, 99),
                max(values),
            ]
        )
    return rows


def rank_of(hits: list[search.Hit], pages: set[tuple[int, int]]) -> int | None:
    """Where the first hit on one of ``pages`` is, from 1; None if none is."""
    for place, hit in enumerate(hits, 1):
        if hit.kind == "document" and (hit.id, hit.page) in pages:
            return place
    return None


def print_processor_time(hostile_classes: tuple[str, ...]) -> None:
    """p50/p95 of the processor time per class: on a machine that runs other work, the
    wall clock above counts the time other processes had the cores."""
    rows: list[list[Any]] = []
    for kind in (*CLASSES, *hostile_classes):
        values = CPU[kind]
        rows.append([kind, builders.percentile(values, 50), builders.percentile(values, 95)])
    worst = max(float(row[2]) for row in rows)
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    print(
        builders.table(
            "after, processor time per search, ms (what an idle machine's wall clock gives)",
            ["class", "p50", "p95"],
            rows,
        )
    )
    print(
        f"processor time: worst class p95 {worst:.1f} ms (target < {TARGET_P95_MS:.0f} ms:"
        f" {'met' if worst < TARGET_P95_MS else 'NOT met'}); load average now {' '.join(load)}"
    )


def print_size(path: Path, dossier: Dossier) -> None:
    """The dossier on disk against its documents' text plus their files (see the docstring)."""
    db = dossier.db
    text = int(
        db.execute(
            "SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM document_page"
        ).fetchone()[0]
    )
    files = int(db.execute("SELECT coalesce(sum(size), 0) FROM document").fetchone()[0])
    on_disk = builders.folder_bytes(path)
    vault = builders.folder_bytes(path / "vault") if (path / "vault").is_dir() else 0
    ratio = (on_disk + files - vault) / (text + files)
    print(
        builders.table(
            "size, MB",
            ["documents' text", "files (recorded)", "on disk", "on disk / text",
             "(on disk + files) / (text + files)", "target"],
            [[text / 1e6, files / 1e6, on_disk / 1e6, on_disk / text, ratio,
              f"<= {TARGET_SIZE} {'met' if ratio <= TARGET_SIZE else 'NOT met'}"]],
        )
    )  # fmt: skip


@pytest.mark.benchmark
@pytest.mark.parametrize("scale", ["pages_50k", "pages_250k"])
def test_search_latency(scale: str, request: pytest.FixtureRequest) -> None:
    fixture = "indexed_dossier" if scale == "pages_50k" else "large_indexed_dossier"
    path, info = request.getfixturevalue(fixture)
    print(
        f"\nindexed dossier: {info.documents:,} documents, {info.pages:,} pages,"
        f" {info.words:,} words, {info.records} other records;"
        f" built in {info.seconds:.1f} s{' (earlier run, cached)' if info.cached else ''};"
        f" {builders.folder_bytes(path) / 1e6:,.0f} MB on disk"
    )
    queries = make_queries()
    CPU.clear()
    dossier = open_dossier(path)
    try:
        print_size(path, dossier)
        hostile = make_hostile(dossier)
        matches: dict[str, list[int]] = defaultdict(list)
        for kind, text in queries:
            query = search_before.fts_query(text)
            count = dossier.db.execute(
                "SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ?", [query]
            ).fetchone()[0]
            matches[kind].append(count)
        times, hits = measure_pair(dossier, queries)
        hostile_times, hostile_found = measure_hostile(dossier, hostile)
        before_pasted = measure_before_once(dossier, hostile)
    finally:
        dossier.close()

    print(
        builders.table(
            "typed queries",
            ["class", "queries", "matching rows: median", "max", "examples"],
            [
                [
                    kind,
                    len(matches[kind]),
                    int(builders.median(matches[kind])),
                    max(matches[kind]),
                    ", ".join([repr(t) for k, t in queries if k == kind][:3]),
                ]
                for kind in CLASSES
            ],
        )
    )
    before, after = summary(times["before"], CLASSES), summary(times["after"], CLASSES)
    rows = []
    for old, new in zip(before, after, strict=True):
        rows.append([old[0], old[1], new[1], new[1] / old[1], old[2], new[2], new[2] / old[2]])
    print(
        builders.table(
            f"typed queries, ms, limit 50, {ROUNDS} rounds, before and after interleaved",
            ["class", "before p50", "after p50", "ratio", "before p95", "after p95", "ratio"],
            rows,
        )
    )
    print(
        builders.table("after, all percentiles, ms", ["class", "p50", "p95", "p99", "max"], after)
    )
    same_set = defaultdict(int)
    same_order = defaultdict(int)
    for kind, text in queries:
        old_keys, new_keys = hits["before"][text], hits["after"][text]
        same_set[kind] += set(old_keys) == set(new_keys)
        same_order[kind] += old_keys == new_keys
    print(
        builders.table(
            "typed queries: the same 50 hits as before (the newest title matches now come first"
            " when a query matches more than 2,000 rows, instead of the best-ranked ones)",
            ["class", "same hits", "same order", "of"],
            [
                [k, same_set[k], same_order[k], sum(1 for c, _ in queries if c == k)]
                for k in CLASSES
            ],
        )
    )

    hostile_classes = tuple(dict.fromkeys(kind for kind, _, _ in hostile))
    rows = []
    for kind in hostile_classes:
        values = hostile_times[kind]
        sample = next(found for k, found in hostile_found if k == kind)
        texts = [text for k, text, _ in hostile if k == kind]
        rows.append(
            [
                kind,
                len(texts),
                max(len(t) for t in texts),
                builders.percentile(values, 50),
                builders.percentile(values, 95),
                max(values),
                len(sample.query.terms),
                len(sample.hits),
                (sample.explanation or "(as typed)")[:70],
            ]
        )
    print(
        builders.table(
            f"hostile inputs, after, ms, {ROUNDS} rounds",
            ["class", "inputs", "chars", "p50", "p95", "max", "terms", "hits", "says"],
            rows,
        )
    )
    ranks = [
        (kind, rank_of(found.hits, pages), before_pasted.get(index))
        for index, ((kind, _, pages), (_, found)) in enumerate(
            zip(hostile, hostile_found, strict=False)
        )
        if pages
    ]
    print(
        builders.table(
            "pasted text: where the page it came from is among the hits (1 = first)",
            ["class", "after: first", "after: top 3", "of", "before: ms p50", "before: first"],
            [
                [
                    kind,
                    sum(1 for k, r, _ in ranks if k == kind and r == 1),
                    sum(1 for k, r, _ in ranks if k == kind and r is not None and r <= 3),
                    sum(1 for k, _, _ in ranks if k == kind),
                    builders.median([b[0] for k, _, b in ranks if k == kind and b]),
                    sum(1 for k, _, b in ranks if k == kind and b and b[1] == 1),
                ]
                for kind in ("pasted page", "across pages")
            ],
        )
    )
    print_processor_time(hostile_classes)
    thousand = next(i for i, (kind, _, _) in enumerate(hostile) if kind == "1,000 words")
    print(
        f"1,000 words: before {before_pasted[thousand][0]:,.0f} ms (once),"
        f" after p50 {builders.percentile(hostile_times['1,000 words'], 50):.1f} ms"
    )
    overall_p95 = builders.percentile([t for k in CLASSES for t in times["after"][k]], 95)
    worst_hostile = max(builders.percentile(v, 95) for v in hostile_times.values())
    print(
        f"p95 overall, typed: {overall_p95:.1f} ms; worst hostile class p95: {worst_hostile:.1f} ms"
        f" (target < {TARGET_P95_MS:.0f} ms:"
        f" {'met' if max(overall_p95, worst_hostile) < TARGET_P95_MS else 'NOT met'})"
    )

    # sanity only
    assert all(not hits["after"][t] for k, t in queries if k == "no_hit")
    assert hits["after"]["müller"] == hits["after"]["muller"]
    assert all(r == 1 for k, r, _ in ranks if k == "pasted page")
    if scale == "pages_50k":  # at 250,000 pages, printed only (see the README)
        assert all(r is not None and r <= 3 for k, r, _ in ranks if k == "across pages")
    assert max(max(v) for v in hostile_times.values()) < 2000


def measure_hostile(
    dossier: Dossier, hostile: list[tuple[str, str, set[tuple[int, int]] | None]]
) -> tuple[dict[str, list[float]], list[tuple[str, search.Found]]]:
    times: dict[str, list[float]] = defaultdict(list)
    found: list[tuple[str, search.Found]] = []
    for kind, text, _ in hostile:
        found.append((kind, search.find(dossier, text)))  # also warms up
    order = list(range(len(hostile)))
    rng = random.Random(7)
    for _ in range(ROUNDS):
        rng.shuffle(order)
        for index in order:
            kind, text, _ = hostile[index]
            started, cpu = time.perf_counter(), time.thread_time()
            search.find(dossier, text)
            times[kind].append(1000 * (time.perf_counter() - started))
            CPU[kind].append(1000 * (time.thread_time() - cpu))
    return times, found


def measure_before_once(
    dossier: Dossier, hostile: list[tuple[str, str, set[tuple[int, int]] | None]]
) -> dict[int, tuple[float, int | None]]:
    """The baseline, once, on each pasted text and on 1,000 words: (ms, where the page the
    text came from is among the hits)."""
    out: dict[int, tuple[float, int | None]] = {}
    for index, (kind, text, pages) in enumerate(hostile):
        if pages or kind == "1,000 words":
            started = time.perf_counter()
            hits = search_before.search(dossier, text)
            out[index] = (1000 * (time.perf_counter() - started), rank_of(hits, pages or set()))
    return out
