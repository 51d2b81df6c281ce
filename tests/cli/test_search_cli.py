"""`dossier search` with any text: a pasted paragraph, 60,000 words, a megabyte, punctuation,
one-letter words, FTS syntax. Each answers, exit status 0, and says what it searched for."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

import pytest

from tests import search_prose as prose
from tests.cli.runner import run, run_json

NOTHING = "Nothing to search for: type a word of two letters or more."


@dataclass(frozen=True)
class Letters:
    path: str
    pages: list[list[str]]
    ids: list[int]


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Letters:
    folder = tmp_path_factory.mktemp("search-cli")
    pages = prose.letters(23, 8, 3)
    files = folder / "letters"
    files.mkdir()
    for number, texts in enumerate(pages):
        (files / f"letter-{number}.txt").write_text("\f".join(texts), encoding="utf-8")
    path = str(folder / "dossier")
    run("init", path, "--name", "Test Person")
    imported = run_json("import", str(files), "--dossier", path)
    ids = [row["document_id"] for row in sorted(imported, key=lambda r: r["path"])]
    return Letters(path, pages, ids)


def test_a_pasted_paragraph_finds_its_page_first_and_says_what_was_searched(
    letters: Letters,
) -> None:
    text = prose.paragraph(letters.pages[6][1], 100)
    assert len(text) > 2900
    result = run("search", text, "--dossier", letters.path)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("The text is long: searched for 10 of its words, the rarest")
    assert lines[1].startswith(f"document {letters.ids[6]}, page 2: ")
    hits = json.loads(run("search", text, "--dossier", letters.path, "--json").stdout)
    assert (hits[0]["id"], hits[0]["page"]) == (letters.ids[6], 2)  # the list, as before


def test_sixty_thousand_words_answer_with_the_explanation_on_stderr_for_json(
    letters: Letters,
) -> None:
    words = " ".join(" ".join(p) for p in letters.pages).split()
    many = random.Random(1).choices(words, k=60_000)
    result = run("search", *many, "--dossier", letters.path, "--json")
    assert isinstance(json.loads(result.stdout), list)
    assert result.stderr.startswith("The text is long: searched for ")
    assert len(result.stderr) < 1_000


def test_a_long_word_no_page_has(letters: Letters) -> None:
    result = run("search", "x" * 100_000, "--dossier", letters.path)
    assert result.stdout.strip() == (
        "The text is long, and the dossier has none of its longest words."
    )


def test_a_megabyte_answers(letters: Letters) -> None:
    text = " ".join(" ".join(p) for p in letters.pages)
    text = (text * (1_000_000 // len(text) + 1))[:1_000_000]
    parts = [text[i : i + 100_000] for i in range(0, len(text), 100_000)]  # an argument's limit
    result = run("search", *parts, "--dossier", letters.path)
    assert result.stdout.startswith("The text is long: searched for ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "query",
    [["?!", "...", ";"], ["a", "b", "c"], ["(", ")", "*"], ["\x1b", "\x07\t"]],
    ids=["punctuation", "one-letter words", "fts syntax", "control characters"],
)
def test_nothing_to_search_for_says_so(letters: Letters, query: list[str]) -> None:
    result = run("search", *query, "--dossier", letters.path)
    assert result.stdout.strip() == NOTHING
    assert result.stderr == ""
    assert run_json("search", *query, "--dossier", letters.path) == []


def test_fts_operators_and_quotes_are_words(letters: Letters) -> None:
    word = letters.pages[2][0].split()[5].strip(".")
    for query in ([f'"{word}'], ["NEAR(", word, ")"], [f"{{title}}: {word}*"], [f"{word} OR"]):
        result = run("search", *query, "--dossier", letters.path)
        assert "Traceback" not in result.stderr and result.stderr == ""
        assert result.returncode == 0


def test_the_limit_is_bounded(letters: Letters) -> None:
    assert len(run_json("search", "the", "--limit", "10000", "--dossier", letters.path)) <= 200
    for wrong in ("100000", "-1"):  # refused by the argument's own check, in one line
        refused = run("search", "the", "--limit", wrong, "--dossier", str(letters.path), check=2)
        assert "--limit" in refused.stderr and len(refused.stderr.splitlines()) == 1
