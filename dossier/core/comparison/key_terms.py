"""The main terms of an opinion: procedures, drugs, stages and diagnosis names.

Two opinions can share most of their words and still disagree on what matters:
"Mastectomy of the left breast, then radiotherapy" and "Breast-conserving surgery
(lumpectomy), then radiotherapy" overlap word for word but name different operations.
The proposal (:mod:`.text`) calls such texts *different* whenever their main terms
differ, and says which terms.

Main terms are found by their shape, in English, Dutch, German and Russian, since no word
list can hold every drug:

* procedures and treatments: words ending in -ectomy, -otomy, -ostomy, -plasty, -scopy,
  -therapy (and -ectomie, -therapie, -эктомия, -терапия...), plus a few names of their own
  (lumpectomy's kin, "radiation", "surveillance", "bestraling");
* drugs: the endings of drug stems (-mab, -nib, -platin, -taxel, -rubicin, -trozole,
  -statin...), plus common ones without a stem (tamoxifen, methotrexate...);
* diagnosis names: words ending in -oma, -itis, -osis, -plasia, -aemia, and words such as
  benign, malignant, DCIS, metastatic;
* stages and grades: "stage IIb", "T2N0M0", "grade 3", "Gleason 3+4", "ISUP 2".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

__all__ = ["differing_terms", "key_terms"]

_ENDINGS: Final = (
    # procedures and treatments
    "ectomy", "otomy", "ostomy", "plasty", "pexy", "scopy", "therapy", "ablation",
    "ectomie", "otomie", "ostomie", "plastiek", "plastik", "scopie", "skopie", "therapie",
    "эктомия", "эктомии", "томия", "терапия", "терапии",
    # drugs
    "mab", "nib", "ciclib", "parib", "platin", "taxel", "rubicin", "mycin", "cillin",
    "trozole", "statin", "olol", "pril", "sartan", "parin", "xaban", "lutamide", "relin",
    "abine", "tecan", "limus", "stane", "tinib",
    # diagnosis names
    "carcinoma", "oma", "itis", "osis", "plasia", "aemia", "emia", "ома",
)  # fmt: skip
# Endings written differently in other languages, and their English form: "mastectomie"
# and "mastectomy" name the same operation.
_SAME_ENDING: Final = (
    ("ectomie", "ectomy"), ("ektomie", "ectomy"), ("otomie", "otomy"), ("ostomie", "ostomy"),
    ("plastiek", "plasty"), ("plastik", "plasty"), ("scopie", "scopy"), ("skopie", "scopy"),
    ("therapie", "therapy"), ("эктомии", "эктомия"), ("терапии", "терапия"),
)  # fmt: skip
_SAME_WORD: Final = {
    "chemo": "chemotherapy",
    "radiation": "radiotherapy",
    "bestraling": "radiotherapy",
    "goedaardig": "benign",
    "gutartig": "benign",
    "kwaadaardig": "malignant",
    "bösartig": "malignant",
    "invasief": "invasive",
    "metastases": "metastasis",
    "metastatic": "metastasis",
    "gemetastaseerd": "metastasis",
    "transplantation": "transplant",
}
_NAMES: Final = frozenset(
    {
        # treatments without a telling ending
        "radiation", "bestraling", "chemo", "surveillance", "watchful", "amputation",
        "transplant", "transplantation", "stent", "bypass", "excision", "resection",
        "облучение",
        # drugs without a stem
        "tamoxifen", "methotrexate", "cyclophosphamide", "fluorouracil", "cisplatin",
        "prednisone", "prednisolone", "dexamethasone", "insulin", "metformin", "aspirin",
        "warfarin", "letrozole", "anastrozole", "exemestane", "goserelin", "enzalutamide",
        # diagnosis words
        "benign", "malignant", "goedaardig", "kwaadaardig", "gutartig", "bösartig",
        "доброкачественная", "злокачественная", "dcis", "lcis", "invasive", "invasief",
        "metastatic", "metastasis", "metastases", "gemetastaseerd", "метастазы",
    }
)  # fmt: skip
# Words with a telling ending that name nothing medical.
_NOT_TERMS: Final = frozenset(
    {"therapy", "therapie", "терапия", "diploma", "aroma", "stoma", "comma", "april"}
    | {"diagnosis", "prognosis", "diagnose", "prognose", "hypothesis", "emphasis", "basis"}
)
_MIN_LENGTH: Final = 5  # "oma" or "ит" inside a short word is chance
_WORD: Final = re.compile(r"\w+", re.UNICODE)
_ROMAN: Final = r"(?:0|iv|i{1,3}|v|[1-4])[abc]?"
_STAGES: Final = re.compile(
    rf"\b(?:stage|stadium|stadia|stadion|стадия|стадии)\s*{_ROMAN}\b"
    r"|\b[cpy]?t(?:[0-4x]|is)[abc]?\s*n[0-3x][abc]?\s*m[01x]\b"
    r"|\b(?:grade|graad|grad|степень)\s*[1-3]\b"
    r"|\bgleason\s*(?:score\s*)?\d+(?:\s*\+\s*\d+)?"
    r"|\bisup\s*(?:grade\s*)?[1-5]\b",
    re.IGNORECASE,
)


def _stage_key(found: str) -> str:
    """ "Stage  IIb" as "stage iib"; "T2 N0 M0" as "t2n0m0"."""
    words = found.casefold().split()
    return " ".join(words) if re.match(r"[^\W\d]{3,}", words[0]) else "".join(words)


def _same_form(word: str) -> str:
    """One spelling for a term written in several: English endings, English words."""
    if word in _SAME_WORD:
        return _SAME_WORD[word]
    for ending, english in _SAME_ENDING:
        if word.endswith(ending):
            return word[: -len(ending)] + english
    return word


def _script(term: str) -> str:
    return "cyrillic" if re.search("[\u0400-\u04ff]", term) else "latin"


def key_terms(text: str | None) -> frozenset[str]:
    """The main terms ``text`` names, case-folded, in one spelling: "mastectomie" as
    "mastectomy", "Stage  IIb" as "stage iib", "T2 N0 M0" as "t2n0m0"."""
    if not text:
        return frozenset()
    found = {_stage_key(match.group(0)) for match in _STAGES.finditer(text)}
    for word in _WORD.findall(text.casefold()):
        if word in _NOT_TERMS:
            continue
        if word in _NAMES or (len(word) >= _MIN_LENGTH and word.endswith(_ENDINGS)):
            found.add(_same_form(word))
    return frozenset(found)


def differing_terms(texts: Sequence[str | None]) -> tuple[str, ...]:
    """The main terms some texts name and others do not, when every text names some and
    they do not all name the same; otherwise empty. In the order they first appear.

    Texts whose terms are written in different scripts (one in Russian, one in English)
    are not compared this way: a term and its translation would look different.
    """
    sets = [key_terms(t) for t in texts]
    if len(sets) < 2 or not all(sets) or all(s == sets[0] for s in sets):
        return ()
    scripts = [{_script(term) for term in terms} for terms in sets]
    if not set.intersection(*scripts):
        return ()
    shared = frozenset.intersection(*sets)
    order: list[str] = []
    for terms, text in zip(sets, texts, strict=True):
        folded = " ".join(_same_form(w) for w in (text or "").casefold().split())
        for term in sorted(terms - shared, key=lambda t: (folded.find(t) % (len(folded) + 1), t)):
            if term not in order:
                order.append(term)
    return tuple(order)
