"""Search is bounded for any input: a pasted page, a megabyte, 60,000 words, punctuation,
one-letter words, FTS syntax, other scripts, control characters. Each is answered, says what
it searched for, and sends SQLite a bounded amount of work (counted, never timed)."""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core import records, search
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier, open_dossier
from dossier.core.searchquery import MAX_CHARS, MAX_TERMS, PROBED, Term, choose, read
from dossier.core.storage import Dossier
from tests import search_prose as prose

DOCUMENTS, PAGES = 20, 3


@dataclass(frozen=True)
class Letters:
    path: Path
    ids: list[int]  # document ids, in order
    pages: list[list[str]]  # each document's page texts
    notes: dict[str, int]  # script -> note id


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Letters:
    """Twenty imported letters of three pages of similar prose, and notes in other scripts."""
    folder = tmp_path_factory.mktemp("letters")
    pages = prose.letters(11, DOCUMENTS, PAGES)
    files = []
    for number, texts in enumerate(pages):
        path = folder / f"letter-{number:02d}.txt"
        path.write_text("\f".join(texts), encoding="utf-8")
        files.append(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_TODAY", "2026-06-15")
        dossier = create_dossier(folder / "dossier", name="Test Person")
        results = import_paths(dossier, files)
        ids = [r.document_id for r in results]
        assert all(isinstance(i, int) for i in ids)
        scripts = {
            "hebrew": "מכתב מד״ר כהן על הביופסיה",
            "cyrillic": "Заключение доктора Петренко: биопсия щитовидной железы",
            "accents": "Befund von Dr Müller, Hôpital Saint-Éloi, Łódź, Weiß",
            "latin": "Stop quetiapine before the operation",
        }
        notes = {
            name: records.create(dossier, "note", {"text": t}).id for name, t in scripts.items()
        }
        dossier.close()
    return Letters(folder / "dossier", [int(i or 0) for i in ids], pages, notes)


@pytest.fixture
def opened(letters: Letters, tmp_path: Path) -> Iterator[Dossier]:
    copy = tmp_path / "dossier"
    shutil.copytree(letters.path, copy)
    dossier = open_dossier(copy)
    yield dossier
    dossier.close()


@dataclass
class Work:
    statements: list[str]
    steps: int  # SQLite virtual machine steps, in thousands


@contextmanager
def counted(dossier: Dossier) -> Iterator[Work]:
    """Every statement SQLite runs (with its values) and the VM steps it takes."""
    work = Work([], 0)

    def step() -> int:
        work.steps += 1
        return 0

    conn = dossier.db.conn
    conn.set_trace_callback(work.statements.append)
    conn.set_progress_handler(step, 1000)
    try:
        yield work
    finally:
        conn.set_trace_callback(None)
        conn.set_progress_handler(None, 0)


def phrases(statement: str) -> int:
    """Quoted strings in the statement's MATCH text: the words FTS5 was asked about."""
    match = re.search(r"MATCH '((?:[^']|'')*)'", statement)
    return match.group(1).count('"') // 2 if match else 0


def assert_bounded(work: Work) -> None:
    ours = [s for s in work.statements if not s.startswith("-- ")]
    inner = len(work.statements) - len(ours)  # FTS5's own reads: index segments, row sizes
    # One look-up per word probed, the ranking, the snippets and the titles: a fixed few,
    # each of a bounded size, asking FTS5 about at most MAX_TERMS words (a word may be
    # asked in two spellings, "Weiß" and "weiss").
    assert len(ours) <= PROBED + 12, len(ours)
    assert max((len(s) for s in ours), default=0) < 5_000
    assert max((phrases(s) for s in ours), default=0) <= 2 * MAX_TERMS
    # In this dossier a common word takes about 250 reads of FTS5 and 2,000 VM steps.
    assert inner < 3_000, inner
    assert work.steps < 200, work.steps  # thousands of VM steps


# --- hostile inputs ---------------------------------------------------------------------------


def one_megabyte(letters: Letters) -> str:
    text = " ".join(" ".join(p) for p in letters.pages)
    return (text * (1_000_000 // len(text) + 1))[:1_000_000]


def sixty_thousand_words(letters: Letters) -> str:
    words = " ".join(" ".join(p) for p in letters.pages).split()
    return " ".join(random.Random(3).choices(words, k=60_000))


HOSTILE: dict[str, Callable[[Letters], str]] = {
    "a pasted page": lambda lt: lt.pages[7][1],
    "1,000 words": lambda lt: " ".join(" ".join(lt.pages[2]).split()[:1000]),
    "a megabyte": one_megabyte,
    "60,000 words": sixty_thousand_words,
    "a megabyte of one word": lambda lt: "x" * 1_000_000,
    "only punctuation": lambda lt: "!?.,;:-–—()[]{}<>\"'`~@#$%^&*_+=|\\/ " * 30_000,
    "only one-letter words": lambda lt: " ".join(random.Random(5).choices("abcxyz123é", k=400_000)),
    "FTS syntax": lambda lt: 'NEAR(a b, 2) AND "x OR NOT {title body}: ^y* (z) - title:' * 20_000,
    "quotes": lambda lt: '"' * 100_000 + "'" * 100_000,
    "NUL and control characters": lambda lt: "\x00\x01\x1b[31m\x7f\u202e\ue000\ufeff" * 100_000,
    "Hebrew, Cyrillic, accents": lambda lt: "כהן Петренко Müller Łódź Weiß ё " * 30_000,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_hostile_input_is_answered_with_bounded_work(
    opened: Dossier, letters: Letters, name: str
) -> None:
    text = HOSTILE[name](letters)
    with counted(opened) as work:
        hits = search.search(opened, text)
    assert_bounded(work)
    found = search.find(opened, text)
    assert [(h.kind, h.id, h.page) for h in found.hits] == [(h.kind, h.id, h.page) for h in hits]
    assert len(found.query.terms) <= MAX_TERMS
    assert all(len(t.word) <= 40 for t in found.query.terms)
    assert all(len(h.snippet) <= search.MAX_SNIPPET + 2 for h in found.hits)
    # Each of these is either not simply searchable or too long to search whole: say so.
    assert found.explanation
    assert len(found.explanation) < 1_000


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.text(st.characters(exclude_categories=()), max_size=MAX_CHARS + 50)
    | st.lists(
        st.sampled_from(["the", "a", "NEAR", '"', "*", "Müller", "\x00", "-"]), max_size=3000
    ).map(" ".join)
)
def test_any_text_is_answered_with_bounded_work(opened: Dossier, text: str) -> None:
    with counted(opened) as work:
        found = search.find(opened, text)
    assert_bounded(work)
    assert len(found.query.terms) <= MAX_TERMS
    assert found.hits or found.query.terms or found.explanation


def test_only_punctuation_or_one_letter_words_find_nothing_and_say_why(
    opened: Dossier, letters: Letters
) -> None:
    for text in ("!?", "...", "a", "x y z", "(", "-", "\x00", "a b c " * 3, "ё"):
        found = search.find(opened, text)
        assert found.hits == []
        assert found.explanation == "Nothing to search for: type a word of two letters or more."
        assert found.query.as_dict()["terms"] == []


def test_a_pasted_paragraph_finds_its_page_first(opened: Dossier, letters: Letters) -> None:
    for document in (3, 13, 19):
        text = prose.paragraph(letters.pages[document][1], 200)
        assert len(text) > 2900
        found = search.find(opened, text)
        first = found.hits[0]
        assert (first.kind, first.id, first.page) == ("document", letters.ids[document], 2)
        assert found.query.shortened and len(found.query.terms) == MAX_TERMS
        assert found.explanation.startswith("The text is long: searched for 10 of its words")
        assert all(t.word in text for t in found.query.terms)
        assert first.highlights, "the words found are marked"


def test_a_paragraph_across_a_page_break_finds_both_pages_first(
    opened: Dossier, letters: Letters
) -> None:
    pages = letters.pages[9]
    text = (
        prose.paragraph(pages[1], len(pages[1]) - 1500, 1500)
        + " "
        + prose.paragraph(pages[2], 0, 1500)
    )
    found = search.find(opened, text)
    best = {(h.id, h.page) for h in found.hits[:2]}
    assert best <= {(letters.ids[9], 2), (letters.ids[9], 3)}
    assert found.hits[0].id == letters.ids[9]


def test_a_megabyte_reads_only_the_start(opened: Dossier, letters: Letters) -> None:
    text = prose.paragraph(letters.pages[5][0], 0) + " " + one_megabyte(letters)
    found = search.find(opened, text)
    assert found.query.shortened
    assert all(t.word in text[:MAX_CHARS] for t in found.query.terms)
    assert (found.hits[0].id, found.hits[0].page) == (letters.ids[5], 1)


def test_a_long_text_of_words_the_dossier_lacks_says_so(opened: Dossier) -> None:
    text = " ".join(f"zz{n:05d}qq" for n in range(3000))
    found = search.find(opened, text)
    assert found.hits == []
    assert found.explanation == "The text is long, and the dossier has none of its longest words."


@pytest.mark.parametrize(
    ("script", "query"),
    [
        ("hebrew", "כהן"),
        ("hebrew", "הביופסיה "),
        ("cyrillic", "петренко"),
        ("cyrillic", "БИОПСИЯ щитовидной"),
        ("accents", "muller hopital lodz weiss"),
        ("accents", "MÜLLER SAINT-ÉLOI"),
    ],
)
def test_other_scripts_and_accents(
    opened: Dossier, letters: Letters, script: str, query: str
) -> None:
    found = search.find(opened, query)
    assert ("note", letters.notes[script]) in {(h.kind, h.id) for h in found.hits}
    assert found.explanation == ""  # searched for just what was typed


def test_a_long_text_in_other_scripts_finds_its_note(opened: Dossier, letters: Letters) -> None:
    text = "Заключение доктора Петренко: биопсия щитовидной железы. "
    text += " ".join(f"текст{n}" for n in range(100, 700))
    found = search.find(opened, text)
    assert found.query.shortened
    assert (found.hits[0].kind, found.hits[0].id) == ("note", letters.notes["cyrillic"])


@pytest.mark.parametrize(
    "query",
    [
        "\x00quetiapine\x00",
        "quetiapine\r\n",
        "\u202equetiapine",
        "\ufeffquetiapine",
        "quetiapine\x7f",
    ],
)
def test_nul_and_control_characters_separate_words(
    opened: Dossier, letters: Letters, query: str
) -> None:
    found = search.find(opened, query)
    assert [t.word for t in found.query.terms] == ["quetiapine"]
    assert ("note", letters.notes["latin"]) in {(h.kind, h.id) for h in found.hits}


def test_fts_syntax_is_searched_as_words(opened: Dossier) -> None:
    target = records.create(opened, "note", {"text": "near the title, not or and body"}).id
    for query in (
        "NEAR(title body)",
        '"title" NOT body',
        "{title}: near",
        "title:body^ or*",
        "(and) - not",
    ):
        found = search.find(opened, query + " ")
        assert ("note", target) in {(h.kind, h.id) for h in found.hits}, query
        assert found.explanation == ""


# --- what is searched for ---------------------------------------------------------------------


def test_a_short_query_keeps_every_word_and_types_the_last() -> None:
    words = read("Dr Müller biop")
    assert [(t.word, t.prefix) for t in words.terms] == [
        ("Dr", False),
        ("Müller", False),
        ("biop", True),
    ]
    assert [t.word for t in read("dr DR Dr. dr!").terms] == ["dr"]  # one term per word
    assert read("knee ").terms[-1].prefix is False
    assert read("hepatitis b").terms[-1] == Term("b")  # one letter: a whole word only
    query = choose(read("hepatitis b"), lambda term: 0)
    assert query.fts() == '"hepatitis" AND "b"'


def test_a_word_longer_than_forty_letters_is_matched_by_its_start() -> None:
    [term] = read("x" * 100 + " ").terms
    assert term == Term("x" * 40, prefix=True)
    [cut] = read("x" * 1_000_000).terms
    assert cut == Term("x" * 40, prefix=True)


def test_very_common_words_are_left_out_beyond_two() -> None:
    counts = {"the": 5000, "of": 5000, "and": 5000, "was": 5000, "biopsy": 12}
    query = choose(read("the biopsy of and was "), lambda t: counts[t.key])
    assert [t.word for t in query.terms] == ["the", "biopsy", "and"]  # the longest kept
    assert query.left_out == ("of", "was")
    assert query.explanation() == (
        "Searched for the, biopsy, and; very common words left out: of, was."
    )
    # Two common words are kept: they are often what one means ("left breast").
    assert choose(read("the of "), lambda t: 5000).fts() == '"the" AND "of"'


def test_the_rarest_words_of_a_long_text_are_searched_for() -> None:
    words = [f"w{n:03d}" for n in range(40)]
    counts = {w: (0 if n % 7 == 0 else 3000 if n % 3 == 0 else n) for n, w in enumerate(words)}
    looked_up: list[str] = []

    def frequency(term: Term) -> int:
        looked_up.append(term.key)
        return counts[term.key]

    query = choose(read(" ".join(words)), frequency)
    assert len(set(looked_up)) == PROBED
    chosen = [t.word for t in query.terms]
    assert len(chosen) == MAX_TERMS
    assert all(counts[w] > 0 for w in chosen)  # words the dossier lacks are left out
    assert all(counts[w] < 2000 for w in chosen)  # rare ones first
    assert chosen == sorted(chosen)  # in the order of the text
    assert query.shortened and not any(t.prefix for t in query.terms)


def test_the_number_of_hits_is_bounded(opened: Dossier) -> None:
    with counted(opened) as work:
        many = search.search(opened, "the", limit=10_000)
    assert len(many) <= search.MAX_HITS
    assert all("10000" not in statement for statement in work.statements)
    assert search.search(opened, "the", limit=-1) == []  # SQLite would read -1 as no limit
    assert search.search(opened, "the", limit=0) == []


def test_a_huge_word_in_a_note_gives_a_short_snippet(opened: Dossier) -> None:
    records.create(opened, "note", {"text": "quokka " + "y" * 500_000 + " quokka"})
    [hit] = search.search(opened, "quokka")
    assert len(hit.snippet) <= search.MAX_SNIPPET + 2
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["quokka"]
