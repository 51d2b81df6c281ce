"""Proposed verdicts, word differences and the summary: pure functions, with properties."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.comparison import (
    VERDICT_SIGNS,
    Cell,
    Column,
    ComparisonTable,
    Decision,
    Row,
    Segment,
    propose_verdict,
    similarity,
    summary,
    verdict_marker,
    verdict_name,
    verdict_words,
    word_diff,
)
from dossier.core.entities import ASPECTS, VERDICTS

# --- proposals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "verdict"),
    [
        (["Total knee replacement.", "Total knee replacement."], "same"),
        (["Total knee  replacement", "total knee replacement!"], "same"),
        (["Knee replacement", None], "not_addressed"),
        (["Knee replacement", "   "], "not_addressed"),
        (["Knee replacement", " ... "], "not_addressed"),
        (["Surgery", "Exercise therapy for twelve weeks"], "different"),
        (
            [
                "Operate within six weeks; a few weeks to decide is safe.",
                "Operate within six weeks; some weeks to decide are safe.",
            ],
            "partly",
        ),
        (["Radiotherapy, then tablets", "Radiotherapy, then tablets", "Surgery"], "different"),
        (["One text"], "same"),
    ],
)
def test_proposals(texts: list[str | None], verdict: str) -> None:
    assert propose_verdict(texts) == verdict


def test_near_identical_is_same_but_not_when_a_number_or_a_negation_differs() -> None:
    base = "Mastectomy of the left breast with sentinel node biopsy and then an aromatase inhibitor for years"
    assert propose_verdict([base, base + " afterwards"]) == "same"
    assert similarity(base, base.replace("years", "5 years")) >= 0.9
    assert propose_verdict([base, base.replace("years", "5 years")]) == "partly"
    assert propose_verdict([base, base.replace("with", "without")]) == "partly"
    assert propose_verdict([base, "No " + base]) == "partly"


def test_no_texts_at_all_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        propose_verdict([])


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
sentences = st.lists(
    st.sampled_from(["surgery", "now", "wait", "exercise", "knee", "the", "and", "weeks", "6"]),
    min_size=1,
    max_size=12,
).map(" ".join)


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(texts | st.none(), min_size=1, max_size=4))
def test_any_empty_side_is_not_addressed(values: list[str | None]) -> None:
    verdict = propose_verdict([*values, None])
    assert verdict == "not_addressed"


@settings(max_examples=150, deadline=None, database=None)
@given(sentences, st.integers(min_value=2, max_value=4))
def test_identical_texts_are_always_same(text: str, n: int) -> None:
    assert propose_verdict([text] * n) == "same"
    assert propose_verdict([text, text.upper() + " .", f"  {text}\n"]) == "same"


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(sentences | st.none(), min_size=2, max_size=4), st.randoms())
def test_proposal_does_not_depend_on_the_order_of_opinions(
    values: list[str | None], rnd: object
) -> None:
    shuffled = list(values)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert propose_verdict(values) == propose_verdict(shuffled)
    assert propose_verdict(values[:2]) == propose_verdict(values[:2][::-1])


# --- word differences ------------------------------------------------------------------------


def test_word_diff_marks_the_changed_words() -> None:
    left, right = word_diff("Operate now on the knee.", "Exercise first, then the knee.")
    assert [s.text for s in left if s.changed] == ["Operate now on"]
    assert [s.text for s in right if s.changed] == ["Exercise first, then"]
    assert "".join(s.text for s in left) == "Operate now on the knee."


def test_word_diff_leaves_punctuation_at_the_edge_of_a_change_unmarked() -> None:
    left, right = word_diff(
        "Arthritis of the left knee, stage 2.", "Arthritis of the right hip, stage 2."
    )
    assert [s.text for s in left if s.changed] == ["left knee"]
    assert [s.text for s in right if s.changed] == ["right hip"]
    left, right = word_diff("Dose 3.5 mg", "Dose 3,5 mg")  # a mark alone that differs
    assert [s.text for s in left if s.changed] == ["."]
    left, right = word_diff("See: the joint space", "Note: a narrow gap")
    assert [s.text for s in left if s.changed] == ["See", "the joint space"]


def test_word_diff_ignores_case_and_whitespace_only() -> None:
    left, right = word_diff("Total  knee replacement", "total knee\nreplacement")
    assert left == [Segment("Total  knee replacement", False)]
    assert right == [Segment("total knee\nreplacement", False)]


def test_word_diff_of_empty_texts() -> None:
    assert word_diff("", "") == ([], [])
    left, right = word_diff("", "Something")
    assert left == [] and right == [Segment("Something", True)]


@settings(max_examples=300, deadline=None, database=None)
@given(texts, texts)
def test_word_diff_rejoins_to_the_original_texts(a: str, b: str) -> None:
    left, right = word_diff(a, b)
    assert "".join(s.text for s in left) == a
    assert "".join(s.text for s in right) == b
    for side in (left, right):  # adjacent segments always differ in their flag
        assert all(x.changed != y.changed for x, y in pairwise(side))
        assert all(s.text for s in side)


@settings(max_examples=100, deadline=None, database=None)
@given(texts)
def test_word_diff_of_a_text_with_itself_changes_nothing(a: str) -> None:
    left, right = word_diff(a, a)
    assert not any(s.changed for s in left + right)


# --- the summary -----------------------------------------------------------------------------


def _table(verdicts: dict[str, str]) -> ComparisonTable:
    columns = tuple(
        Column(i, i, label, f"Dr. {name}", None, None, None, None)
        for i, (label, name) in enumerate([("original opinion", "A"), ("second opinion", "B")], 1)
    )
    rows = tuple(
        Row(
            aspect,
            aspect.replace("_", " "),
            (Cell(1, "x", (), ()), Cell(2, "y", (), ())),
            verdicts.get(aspect, "same"),
            None,
            None,
        )
        for aspect in ASPECTS
    )
    return ComparisonTable(
        None,
        1,
        "Case",
        None,
        columns,
        rows,
        None,
        None,
        Decision(None, None, None, None, None, None),
    )


def test_summary_counts_and_says_nothing_more_when_key_aspects_agree() -> None:
    result = summary(_table({"risks": "different", "cost": "not_addressed"}))
    assert result.counts == {"same": 10, "partly": 0, "different": 1, "not_addressed": 1}
    assert (result.agree, result.differ, result.not_addressed) == (10, 1, 1)
    assert result.advice == "" and result.suggested == ()
    assert "no medical advice" in result.disclaimer


@pytest.mark.parametrize("verdict", ["different", "partly"])
def test_summary_advises_talking_and_a_third_opinion_when_treatment_differs(
    verdict: str,
) -> None:
    result = summary(_table({"treatment": verdict}))
    assert result.key_differences == ("treatment",)
    assert "both doctors" in result.advice and "third opinion" in result.advice
    assert [s.key for s in result.suggested] == ["discuss", "third_opinion"]
    assert "Dr. A and Dr. B" in result.suggested[0].title
    assert not any(s.added for s in result.suggested)
    added = summary(_table({"treatment": verdict}), existing_titles=[result.suggested[1].title])
    assert [s.added for s in added.suggested] == [False, True]


def test_each_verdict_has_one_name_in_a_sentence_as_a_label_and_with_its_sign() -> None:
    assert set(VERDICT_SIGNS) == set(VERDICTS)
    assert verdict_words("partly") == "partly the same"
    assert verdict_name("partly") == "Partly the same"
    assert verdict_marker("different") == "≠ Different"
    assert verdict_marker("not_addressed") == "— Not addressed"
    for verdict in VERDICTS:  # the label is the words of the sentence, capitalised
        assert verdict_name(verdict).lower() == verdict_words(verdict)
