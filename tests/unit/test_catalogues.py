"""Every marked string is in every catalogue, translated, with the same placeholders, and the
compiled .mo files match their .po sources: a feature that adds words ships their translations."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.packaging.bundle import load_script

REPO = Path(__file__).resolve().parents[2]


TOOL = load_script("translations")


@pytest.fixture(scope="module")
def template():  # type: ignore[no-untyped-def]
    return TOOL.extract(), _formatted_messages()


def _formatted_messages() -> list[str]:
    """Where a marked message is an f-string or is built with + or %: never in a catalogue."""
    found = []
    for path in sorted((REPO / "dossier").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in {"tr", "ntr", "trc", "N_", "NC_"}:
                continue
            in_context = name in {"trc", "NC_"} and len(node.args) > 1
            message = node.args[1] if in_context else node.args[0]
            if isinstance(message, ast.JoinedStr | ast.BinOp):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def _literal_messages() -> dict[str, str]:
    """Every message written as a literal in a tr/ntr/trc/N_ call, with where it is."""
    found: dict[str, str] = {}
    for path in sorted((REPO / "dossier").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in {"tr", "ntr", "trc", "N_"}:
                continue
            message = node.args[1] if name == "trc" and len(node.args) > 1 else node.args[0]
            if isinstance(message, ast.Constant) and isinstance(message.value, str):
                found.setdefault(message.value, f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_every_marked_literal_reaches_the_catalogue(template) -> None:  # type: ignore[no-untyped-def]
    """Babel's extractor misses a call inside an f-string on Python 3.11: such a message
    would stay English in every language."""
    catalog, _formatted = template
    extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    missed = {text: where for text, where in _literal_messages().items() if text not in extracted}
    assert not missed, "move these calls out of their f-strings: " + repr(missed)


def _ids(catalog) -> set[object]:  # type: ignore[no-untyped-def]
    return {(message.id, message.context) for message in catalog if message.id}


def test_no_marked_string_is_an_f_string(template) -> None:  # type: ignore[no-untyped-def]
    """tr(f"...{x}") cannot be translated: the placeholders go to tr as named values."""
    _catalog, skipped = template
    assert skipped == []


@pytest.mark.parametrize("language", TOOL.LANGUAGES)
def test_catalogue_holds_every_marked_string(language: str, template) -> None:  # type: ignore[no-untyped-def]
    catalog, _skipped = template
    po = TOOL.read_catalogue(language)
    missing = _ids(catalog) - _ids(po)
    extra = _ids(po) - _ids(catalog)
    assert not missing, f"run packaging/translations.py update: {sorted(map(str, missing))[:10]}"
    assert not extra, f"run packaging/translations.py update: {sorted(map(str, extra))[:10]}"


@pytest.mark.parametrize("language", TOOL.LANGUAGES)
def test_catalogue_is_translated_without_fuzzy_entries(language: str) -> None:
    po = TOOL.read_catalogue(language)
    untranslated = TOOL.untranslated(po)
    fuzzy = [message.id for message in po if message.id and message.fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated, such as {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy, such as {fuzzy[:5]}"


@pytest.mark.parametrize("language", TOOL.LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    assert TOOL.mismatches(TOOL.read_catalogue(language)) == []


@pytest.mark.parametrize("language", TOOL.LANGUAGES)
def test_compiled_catalogue_matches_its_source(language: str) -> None:
    compiled = (REPO / "resources" / "translations" / f"{language}.mo").read_bytes()
    assert compiled == TOOL.mo_bytes(TOOL.read_catalogue(language)), (
        "run packaging/translations.py compile"
    )


@pytest.mark.parametrize("language", TOOL.LANGUAGES)
def test_catalogue_carries_the_languages_plural_rule(language: str) -> None:
    from babel.messages.plurals import get_plural

    po = TOOL.read_catalogue(language)
    assert po.num_plurals == get_plural(language).num_plurals


def test_only_a_form_for_one_number_may_leave_the_number_out() -> None:
    """Hebrew may write "one problem" and "two problems" in words; a Russian "one" form
    also serves 21 and 31, so it must keep {n}."""
    forms = {
        language: TOOL.single_number_forms(TOOL.read_catalogue(language))
        for language in TOOL.LANGUAGES
    }
    assert forms == {"nl": {0}, "he": {0, 1}, "uk": set(), "ru": set()}
