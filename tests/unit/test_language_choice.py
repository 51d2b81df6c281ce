"""Which language is spoken (a code, the environment), plurals in it, and labels marked for it.

The pseudo-language stands in for a real one: what it returns is what a translator's
catalogue would be asked for, so these tests do not wait for the translations.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core.choice_labels import ASPECT_LABELS, CHOICE_LABELS, aspect_label, choice_label
from dossier.core.entities import ASPECTS, ENTITIES
from dossier.core.i18n import (
    NC_,
    environment_language,
    language_scope,
    normal_language,
    ntr,
    set_language,
    tr,
)
from dossier.core.pseudo import CLOSE, OPEN, pseudo
from tests.packaging.bundle import load_script

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def in_pseudo() -> Iterator[None]:
    set_language("pseudo")
    try:
        yield
    finally:
        set_language("en")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("nl", "nl"), ("nl_NL.UTF-8", "nl"), ("nl-BE", "nl"), ("NL", "nl"), (" ru_RU ", "ru"),
        ("uk_UA.utf8", "uk"), ("he_IL", "he"), ("iw_IL", "he"), ("en_US.UTF-8", "en"),
        ("sr_RS@latin", None), ("ru_RU@euro", "ru"), ("pseudo", "pseudo"), ("C", None),
        ("POSIX", None), ("fr_FR", None), ("", None), (None, None), ("xx", None),
    ],
)  # fmt: skip
def test_normal_language(code: str | None, expected: str | None) -> None:
    assert normal_language(code) == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "uk_UA.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"}, "ru"),  # LC_MESSAGES first
        ({"LANG": "nl_NL", "LC_MESSAGES": "ru_RU", "LC_ALL": "he_IL.UTF-8"}, "he"),
        ({"LANGUAGE": "uk", "LC_ALL": "nl_NL.UTF-8"}, "uk"),  # LANGUAGE before all
        ({"LANGUAGE": "fr:de:nl", "LANG": "ru_RU"}, "nl"),  # the first one spoken here
        ({"LANGUAGE": "fr", "LANG": "ru_RU"}, "en"),  # the first set variable decides
        ({"LANGUAGE": "", "LANG": "ru_RU.UTF-8"}, "ru"),  # empty is not set
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_environment_chooses_as_gettext_does(environ: dict[str, str], expected: str) -> None:
    assert environment_language(environ) == expected


def test_ntr_takes_the_plural_form_for_n_and_fills_it_in(in_pseudo: None) -> None:
    one = ntr("{n} document", "{n} documents", 1)
    many = ntr("{n} document", "{n} documents", 21, extra="unused")
    assert one == pseudo("{n} document").format(n=1)
    assert many == pseudo("{n} documents").format(n=21)
    assert one.startswith(OPEN) and one.endswith(CLOSE) and "1" in one
    named = ntr("{n} file in {folder}", "{n} files in {folder}", 3, folder="Anna")
    assert "3" in named and "Anna" in named and "{" not in named


def test_ntr_in_english_is_the_english_plural() -> None:
    assert ntr("{n} case", "{n} cases", 1) == "1 case"
    assert ntr("{n} case", "{n} cases", 0) == "0 cases"
    assert ntr("One opinion in: {who}.", "{n} opinions in: {who}.", 2, who="X") == (
        "2 opinions in: X."
    )


def test_a_constant_marked_in_a_context_stays_its_english_self_until_shown(
    in_pseudo: None,
) -> None:
    label = NC_("case status", "open")
    assert label == "open" and f"{label}" == "open"  # stored values and keys compare as before
    assert tr(label) == pseudo("open")
    with language_scope("en"):
        assert tr(label) == "open"


def test_every_choice_of_every_record_kind_has_a_label() -> None:
    for entity in ENTITIES.values():
        for field in entity.fields:
            if field.kind != "choice":
                continue
            labels = CHOICE_LABELS[(entity.name, field.name)]
            assert set(labels) == set(field.choices), (entity.name, field.name)
    assert set(ASPECT_LABELS) == set(ASPECTS)


def test_choice_and_aspect_labels_are_translated_where_shown(in_pseudo: None) -> None:
    assert choice_label("diagnosis", "status", "ruled_out") == pseudo("ruled out")
    assert choice_label("document", "kind", "lab_result") == pseudo("lab result")
    assert choice_label("document", "kind", "made_up") == "made up"  # unknown: as stored
    assert aspect_label("treatment") == pseudo("recommended treatment")
    with language_scope("en"):
        assert choice_label("cost", "claim_status", "partly_paid") == "partly paid"


def test_every_field_and_record_kind_is_labelled_for_translation(in_pseudo: None) -> None:
    for entity in ENTITIES.values():
        assert tr(entity.label).startswith(OPEN), entity.name
        for field in entity.fields:
            assert field.label, (entity.name, field.name)
            assert tr(field.plain_label).startswith(OPEN), (entity.name, field.name)


def test_labels_reach_the_catalogue_with_their_contexts() -> None:
    catalog = load_script("translations").extract()
    ids = {(message.id, message.context) for message in catalog if message.id}
    assert ("open", "case status") in ids
    assert ("other", "document kind") in ids and ("other", "contact role") in ids
    assert ("date of birth", None) in ids and ("phone", None) in ids
    assert ("adding {entity} '{label}'", None) in ids
    assert ("usage: ", None) in ids and ("the following arguments are required: %s", None) in ids
    assert (("{n} day ago", "{n} days ago"), None) in ids
