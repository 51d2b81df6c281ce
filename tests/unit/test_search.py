"""Full-text search over the whole dossier: accents, prefixes, odd queries, pages, ranking."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core import records, search
from dossier.core.entities import ENTITIES
from dossier.core.importer.pipeline import import_paths
from dossier.core.importer.pool import SandboxPool
from dossier.core.sql_driver import sqlite3
from dossier.core.storage import Dossier
from dossier.core.textpdf import Block, pagebreak, write_pdf
from tests.dicom_discs import add_study


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    with SandboxPool(workers=1) as shared:
        yield shared


def found(dossier: Dossier, text: str, **options: Any) -> set[tuple[str, int]]:
    return {(h.kind, h.id) for h in search.search(dossier, text, **options)}


def note(dossier: Dossier, text: str, **more: Any) -> int:
    return records.create(dossier, "note", {"text": text, **more}).id


def fold(text: str) -> str:
    """Lower case without accents, as the index compares words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# --- accents and case -----------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Müller", "muller", "MÜLLER", "MULLER", "mueller"])
def test_accent_and_case_insensitive(dossier: Dossier, query: str) -> None:
    target = note(dossier, "Referred by Dr Müller for a second opinion")
    hits = found(dossier, query + " ")
    if query == "mueller":
        # unicode61 removes diacritics, it does not transliterate "ü" to "ue".
        assert ("note", target) not in hits
    else:
        assert ("note", target) in hits


@pytest.mark.parametrize("stored", ["muller", "MÜLLER", "Mùller"])
def test_accents_in_the_stored_text_too(dossier: Dossier, stored: str) -> None:
    target = note(dossier, f"letter from {stored}")
    assert ("note", target) in found(dossier, "Müller ")


def test_unicode61_alone_keeps_sharp_s_apart() -> None:
    """What the tokenizer itself does with "ß": it keeps it as a letter of its own.

    unicode61 folds case and removes diacritics, but does not expand ß to ss (nor æ to ae),
    so on its own "weiss" would not find "Weiß". The dossier adds folded spellings itself.
    """
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO t (x) VALUES ('Befund von Dr Weiß')")
    matches = {
        query: conn.execute("SELECT COUNT(*) FROM t WHERE t MATCH ?", [query]).fetchone()[0]
        for query in ('"weiß"', '"WEIß"', '"weiss"', '"weis"*')
    }
    conn.close()
    assert matches == {'"weiß"': 1, '"WEIß"': 1, '"weiss"': 0, '"weis"*': 0}


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Dr Weiß", "weiss "),
        ("Dr Weiß", "Weiß "),
        ("Dr Weiß", "WEISS "),
        ("Dr Weiss", "weiß "),
        ("Dr Weiß", "weis"),
        ("Dr Ærø", "aero "),
        ("Dr Łukasz", "lukasz "),
    ],
)
def test_search_folds_letters_unicode61_keeps(dossier: Dossier, stored: str, query: str) -> None:
    target = note(dossier, f"Befund von {stored}")
    hits = search.search(dossier, query)
    assert ("note", target) in {(h.kind, h.id) for h in hits}
    [hit] = hits
    word = stored.split()[1]
    assert word in hit.snippet, "the hit shows the matched text, in its own spelling"
    assert all(hit.snippet[s:e] == word for s, e in hit.highlights)


def test_ligatures_and_width_variants_are_folded(dossier: Dossier) -> None:
    target = note(dossier, "pulmonary fibrosis")
    assert ("note", target) in found(dossier, "ﬁbrosis ")  # "fi" ligature
    assert ("note", target) in found(dossier, "ｆｉｂｒｏｓｉｓ ")  # full-width letters


# --- type-ahead -----------------------------------------------------------------------------


def test_prefix_type_ahead(dossier: Dossier) -> None:
    target = note(dossier, "Planned radiotherapy in May")
    for typed in ("r", "ra", "rad", "radi", "radiot", "radiotherapy"):
        hits = found(dossier, typed)
        # From three letters: two begin most words of a large dossier (searchquery.MIN_PREFIX).
        assert (("note", target) in hits) == (len(typed) >= 3), typed
    assert ("note", target) in found(dossier, "planned radi")


def test_a_finished_word_is_not_a_prefix(dossier: Dossier) -> None:
    target = note(dossier, "Planned radiotherapy in May")
    assert ("note", target) not in found(dossier, "radi ")
    assert ("note", target) not in found(dossier, "radi\t")
    assert ("note", target) in found(dossier, "radiotherapy ")
    assert ("note", target) not in found(dossier, "radi", prefix=False)


def test_every_word_must_match(dossier: Dossier) -> None:
    both = note(dossier, "biopsy of the thyroid")
    one_word = note(dossier, "biopsy of the liver")
    hits = found(dossier, "thyroid biopsy ")
    assert ("note", both) in hits
    assert ("note", one_word) not in hits


@pytest.mark.parametrize(
    "query",
    [
        "AND",
        "OR",
        "NOT",
        "biopsy AND",
        "AND biopsy",
        "biopsy OR liver",
        "NOT biopsy",
        '"',
        '"biopsy',
        'biopsy"',
        '""',
        "*",
        "bio*",
        "**",
        "-",
        "-biopsy",
        "biopsy -liver",
        "(",
        ")",
        "(biopsy",
        "biopsy)",
        "((biopsy))",
        "NEAR(biopsy liver)",
        "NEAR(biopsy liver, 2)",
        "biopsy NEAR liver",
        "title:biopsy",
        "text:biopsy",
        "{title body}: biopsy",
        "^biopsy",
        "biopsy + liver",
        "_",
        "__init__",
        ":",
        "'",
        "\\",
        "%",
        "\x00",
        "\ue000",
        "\ue001biopsy\ue000",
        "٣",
        "²",
        "\u0301",
        "",
        "   ",
    ],
)
def test_fts_syntax_in_a_query_never_raises(dossier: Dossier, query: str) -> None:
    note(dossier, "biopsy of the liver")
    hits = search.search(dossier, query)
    assert isinstance(hits, list)
    search.search(dossier, query, prefix=False)


def test_operators_are_searched_as_words(dossier: Dossier) -> None:
    target = note(dossier, "biopsy and liver, not kidney")
    assert ("note", target) in found(dossier, "biopsy AND liver")
    assert ("note", target) in found(dossier, "biopsy NOT kidney")
    assert ("note", target) not in found(dossier, "biopsy OR spleen")  # every word must match
    assert ("note", target) in found(dossier, '"liver" (biopsy) ')
    assert ("note", target) in found(dossier, "-liver biopsy*")


search_settings = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@search_settings
@given(query=st.text(st.characters(exclude_categories=()), max_size=30))
def test_any_query_never_raises(dossier: Dossier, query: str) -> None:
    if not search.fts_query(query):
        assert search.search(dossier, query) == []
    for hit in search.search(dossier, query):
        assert hit.kind in ENTITIES


# --- document pages -------------------------------------------------------------------------


def test_document_page_hits_carry_the_page_number(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    pdf = tmp_path / "report.pdf"
    write_pdf(
        pdf,
        [
            Block("Histology report", "title"),
            Block("Specimen received in formalin."),
            pagebreak(),
            Block("Microscopy shows a benign fibroadenoma."),
            pagebreak(),
            Block("Conclusion: no malignancy. Fibroadenoma confirmed."),
        ],
        title="Histology report",
    )
    text = tmp_path / "notes.txt"
    text.write_text("first page\fsecond page mentions quokka\fthird", encoding="utf-8")
    results = import_paths(dossier, [pdf, text], pool=pool)
    pdf_id, text_id = (r.document_id for r in results)

    pages = {(h.id, h.page) for h in search.search(dossier, "fibroadenoma") if h.kind == "document"}
    assert pages == {(pdf_id, 2), (pdf_id, 3)}
    [formalin] = search.search(dossier, "formalin")
    assert (formalin.kind, formalin.id, formalin.page) == ("document", pdf_id, 1)
    assert formalin.title == "Histology report"
    [quokka] = search.search(dossier, "quokka")
    assert (quokka.id, quokka.page) == (text_id, 2)

    title_hits = [h for h in search.search(dossier, "histology") if h.kind == "document"]
    assert (pdf_id, None) in {(h.id, h.page) for h in title_hits}  # the record itself


def test_document_hits_name_their_case(dossier: Dossier, pool: SandboxPool, tmp_path: Path) -> None:
    case = records.create(dossier, "case", {"title": "c"}).id
    path = tmp_path / "scan.txt"
    path.write_text("ultrasound of the axilla", encoding="utf-8")
    [result] = import_paths(dossier, [path], case_id=case, pool=pool)
    hits = {(h.kind, h.id, h.page, h.case_id) for h in search.search(dossier, "axilla")}
    assert hits == {
        ("document", result.document_id, None, case),  # its title, the first line
        ("document", result.document_id, 1, case),
    }


# --- snippets, highlights, ranking ----------------------------------------------------------


def test_snippet_highlights_point_at_the_matched_word(dossier: Dossier) -> None:
    note(
        dossier,
        "The consultant, Dr Öztürk, recommended   watchful waiting\nrather than an "
        "immediate lumpectomy; a second surgeon preferred lumpectomy too.",
    )
    [hit] = search.search(dossier, "lumpect")
    assert hit.highlights
    for start, end in hit.highlights:
        assert hit.snippet[start:end].lower() == "lumpectomy"
    assert "[lumpectomy]" in hit.marked_snippet()
    assert hit.as_dict()["highlights"] == [list(span) for span in hit.highlights]
    [accented] = search.search(dossier, "ozturk")
    assert [accented.snippet[s:e] for s, e in accented.highlights] == ["Öztürk"]


def test_highlights_with_private_use_characters_in_the_text(dossier: Dossier) -> None:
    """PDF text often carries private-use characters (unmapped glyphs); highlights stay right."""
    note(dossier, "glyphs \ue001\ue000 from a PDF \ue001 then carcinoma in situ")
    [hit] = search.search(dossier, "carcinoma ")
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["carcinoma"]


def test_title_hits_rank_above_body_hits(dossier: Dossier) -> None:
    body = records.create(
        dossier,
        "case",
        {"title": "Knee", "description": "The surgeon mentioned meniscectomy as an option."},
    ).id
    titled = records.create(
        dossier, "case", {"title": "Meniscectomy", "description": "Is it needed at all?"}
    ).id
    hits = [(h.kind, h.id) for h in search.search(dossier, "meniscectomy")]
    assert hits.index(("case", titled)) < hits.index(("case", body))


def test_limit(dossier: Dossier) -> None:
    for number in range(30):
        note(dossier, f"echocardiogram number {number}")
    assert len(search.search(dossier, "echocardiogram", limit=7)) == 7
    assert len(search.search(dossier, "echocardiogram")) == 30


def test_hit_title_and_case(dossier: Dossier) -> None:
    case = records.create(dossier, "case", {"title": "Thyroid nodule"}).id
    task = records.create(dossier, "task", {"title": "Fetch ultrasound films", "case_id": case}).id
    [hit] = search.search(dossier, "films")
    assert (hit.kind, hit.id, hit.title, hit.case_id) == (
        "task",
        task,
        "Fetch ultrasound films",
        case,
    )
    [case_hit] = search.search(dossier, "nodule")
    assert (case_hit.kind, case_hit.case_id) == ("case", case)


# --- keeping in step with the records -------------------------------------------------------


def test_deleted_records_vanish_and_come_back(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path
) -> None:
    case = records.create(dossier, "case", {"title": "Sarcoidosis work-up"}).id
    child = note(dossier, "sarcoidosis suspected on CT", case_id=case)
    path = tmp_path / "ct.txt"
    path.write_text("page one\fsarcoidosis on page two", encoding="utf-8")
    [result] = import_paths(dossier, [path], pool=pool)
    document = result.document_id
    assert document is not None
    everything = {("case", case), ("note", child), ("document", document)}
    assert found(dossier, "sarcoidosis") == everything

    records.delete(dossier, "case", case)
    records.delete(dossier, "document", document)
    assert found(dossier, "sarcoidosis") == set()

    records.restore(dossier, "note", child)  # brings the case back with it
    records.restore(dossier, "document", document)
    assert found(dossier, "sarcoidosis") == everything
    assert {h.page for h in search.search(dossier, "sarcoidosis") if h.kind == "document"} == {2}


def test_edits_reindex(dossier: Dossier, pool: SandboxPool, tmp_path: Path) -> None:
    target = note(dossier, "suspected appendicitis")
    records.update(dossier, "note", target, {"text": "confirmed diverticulitis"})
    assert found(dossier, "appendicitis") == set()
    assert found(dossier, "diverticulitis") == {("note", target)}

    path = tmp_path / "letter.txt"
    path.write_text("A letter", encoding="utf-8")
    [result] = import_paths(dossier, [path], pool=pool)
    document = result.document_id
    assert document is not None
    records.update(dossier, "document", document, {"tags": ["Colonoscopy"], "title": "GI letter"})
    assert found(dossier, "colonoscopy") == {("document", document)}
    assert ("document", document) in found(dossier, "GI letter")
    records.update(dossier, "document", document, {"tags": []})
    assert found(dossier, "colonoscopy") == set()


def test_person_is_searchable_and_reindexed(dossier: Dossier) -> None:
    assert ("person", 1) in found(dossier, "Test Person")
    records.update(dossier, "person", 1, {"name": "Zofia Kowalska"})
    assert ("person", 1) in found(dossier, "kowalska")
    assert ("person", 1) not in found(dossier, "Test Person")


# --- every text field of every kind ---------------------------------------------------------

TEXT_FIELDS = [
    (name, spec_field) for name, spec in sorted(ENTITIES.items()) for spec_field in spec.text_fields
]


def _base(dossier: Dossier, name: str) -> dict[str, Any]:
    if name in ("diagnosis", "treatment", "opinion", "comparison", "hand_over"):
        case = records.create(dossier, "case", {"title": "c"}).id
        named = name in ("diagnosis", "treatment")
        return {"case_id": case, "name": "d"} if named else {"case_id": case}
    return {
        "contact": {"name": "n"},
        "case": {"title": "t"},
        "medication": {"name": "m"},
        "physical_item": {"description": "d"},
        "records_request": {"what": "w"},
        "appointment": {"starts_at": "2026-03-14 09:00"},
        "task": {"title": "t"},
        "question": {"text": "q"},
        "cost": {"description": "d", "amount": 1},
        "note": {"text": "n"},
    }.get(name, {})


@pytest.mark.parametrize(("name", "field"), TEXT_FIELDS, ids=[f"{n}.{f}" for n, f in TEXT_FIELDS])
def test_every_text_field_is_searchable(
    dossier: Dossier, pool: SandboxPool, tmp_path: Path, name: str, field: str
) -> None:
    word = "qx" + "".join(ch for ch in f"{name}{field}" if ch.isalpha())
    value = f"{word}@example.org" if field == "email" else f"about {word} here"
    if field == "icd10":
        word, value = "q87", "Q87.4"
    if name == "person":
        record_id = 1
        records.update(dossier, "person", 1, {field: value})
    elif name == "document":
        path = tmp_path / "doc.txt"
        path.write_text("plain", encoding="utf-8")
        [result] = import_paths(dossier, [path], pool=pool)
        assert result.document_id is not None
        record_id = result.document_id
        records.update(dossier, "document", record_id, {field: value})
    elif name == "study":
        record_id = add_study(dossier, tmp_path / "disc")
        records.update(dossier, "study", record_id, {field: value})
    else:
        record_id = records.create(dossier, name, {**_base(dossier, name), field: value}).id

    assert (name, record_id) in found(dossier, word + " ")
    assert (name, record_id) in found(dossier, word[: max(3, len(word) - 2)])  # typing it
    hit = next(h for h in search.search(dossier, word) if (h.kind, h.id) == (name, record_id))
    assert any(fold(hit.snippet[s:e]).startswith(fold(word)) for s, e in hit.highlights)


def test_a_two_letter_start_being_typed_is_named() -> None:
    from dossier.core.searchquery import short_start

    assert short_start("ra") == "ra"
    assert short_start("knee ra") == "ra"
    assert short_start("ra ") is None  # a finished word: found as a word, as asked
    assert short_start("rad") is None  # three letters: a start of longer words
    assert short_start("r") is None and short_start("") is None and short_start("ra.") is None
    assert short_start("ab" * 3000) is None  # a long paste is not being typed
    assert short_start("לב") == "לב"
