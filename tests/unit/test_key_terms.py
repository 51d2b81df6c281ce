"""A different procedure, drug, stage or diagnosis makes a suggested verdict "different",
however many other words two opinions share (dossier.core.comparison.key_terms)."""

from __future__ import annotations

import pytest

from dossier.core.comparison import propose_verdict, similarity
from dossier.core.comparison.key_terms import differing_terms, key_terms
from dossier.core.comparison.table import Row
from dossier.core.comparison.wording import why_suggested

SHARED = (
    "followed by radiotherapy of the breast over three weeks and hormone therapy with "
    "tamoxifen for five years; review at the breast clinic every six months"
)
MASTECTOMY = f"Mastectomy of the left breast, {SHARED}"
LUMPECTOMY = f"Breast-conserving surgery (lumpectomy), {SHARED}"


def test_the_key_disagreement_is_not_lost_in_shared_words() -> None:
    assert similarity(MASTECTOMY, LUMPECTOMY) > 0.8  # the words alone say "partly"
    assert propose_verdict([MASTECTOMY, LUMPECTOMY]) == "different"
    assert differing_terms([MASTECTOMY, LUMPECTOMY]) == ("mastectomy", "lumpectomy")


@pytest.mark.parametrize(
    ("first", "second", "terms"),
    [
        ("Start trastuzumab every three weeks", "Start pertuzumab every three weeks",
         ("trastuzumab", "pertuzumab")),
        ("Stage IIb invasive ductal carcinoma", "Stage IIIa invasive ductal carcinoma",
         ("stage iib", "stage iiia")),
        ("pT2 N1 M0, grade 2", "pT2 N0 M0, grade 2", ("pt2n1m0", "pt2n0m0")),
        ("Gleason 3+4, ISUP 2", "Gleason 4+3, ISUP 3", ("gleason 3+4", "isup 2", "gleason 4+3", "isup 3")),
        ("Follicular lymphoma, low grade", "Reactive lymphadenitis, no lymphoma",
         ("lymphadenitis",)),
        ("Benign fibroadenoma", "Malignant phyllodes tumour", ("benign", "fibroadenoma", "malignant")),
    ],
)  # fmt: skip
def test_different_main_terms_are_named(first: str, second: str, terms: tuple[str, ...]) -> None:
    assert propose_verdict([first, second]) == "different"
    assert set(differing_terms([first, second])) == set(terms)


@pytest.mark.parametrize(
    ("first", "second", "verdict"),
    [
        # the same terms: the words decide, as before
        ("Lumpectomy, then radiotherapy", "lumpectomy then radiotherapy.", "same"),
        ("Chemotherapy for 6 cycles, then surgery", "Chemotherapy for 4 cycles, then surgery",
         "partly"),
        # one spelling for one term, across languages and short forms
        ("Mastectomie links, daarna radiotherapie", "Mastectomy left, then radiation", "different"),
        # no main term on one side: the words decide
        ("Wait and see", "Mastectomy", "different"),
        ("Rest for two weeks before deciding", "Rest for two weeks before you decide", "partly"),
    ],
)  # fmt: skip
def test_the_same_terms_leave_the_words_to_decide(first: str, second: str, verdict: str) -> None:
    assert propose_verdict([first, second]) == verdict


def test_spellings_of_one_term_are_one_term() -> None:
    assert (
        differing_terms(["Mastectomie links, daarna radiotherapie", "Mastectomy, radiation"]) == ()
    )
    assert key_terms("chemo, then bestraling") == {"chemotherapy", "radiotherapy"}


def test_terms_in_two_scripts_are_not_compared() -> None:
    # A Russian opinion and an English one name the same operation in two scripts.
    assert differing_terms(["Мастэктомия слева", "Mastectomy on the left"]) == ()


def test_ordinary_words_with_a_medical_ending_are_no_terms() -> None:
    assert key_terms("The diagnosis and prognosis were discussed in April; therapy later") == set()


def test_three_opinions_name_what_not_all_share() -> None:
    texts = [
        "Lumpectomy and radiotherapy",
        "Lumpectomy and radiotherapy",
        "Mastectomy and radiotherapy",
    ]
    assert differing_terms(texts) == ("lumpectomy", "mastectomy")
    assert propose_verdict(texts) == "different"


def test_the_hint_says_why() -> None:
    row = Row("treatment", "recommended treatment", (), "different", None, None,
              differing_terms=("mastectomy", "lumpectomy"))  # fmt: skip
    assert "mastectomy, lumpectomy" in why_suggested(row)
    plain = Row("treatment", "recommended treatment", (), "partly", None, None)
    assert why_suggested(plain).startswith("Suggested from the words alone")


def test_a_3000_character_opinion_is_read_quickly_and_fully() -> None:
    long = ("Mastectomy of the left breast with sentinel node biopsy. " * 60)[:3000]
    assert "mastectomy" in key_terms(long)
    assert propose_verdict([long, long.replace("Mastectomy", "Lumpectomy")]) == "different"
