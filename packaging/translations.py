"""The translation catalogues: extract the marked strings, update each language, compile.

    python packaging/translations.py update    # extract from dossier/, merge into every .po
    python packaging/translations.py compile   # write each .mo from its .po
    python packaging/translations.py stats     # untranslated and fuzzy entries per language
    python packaging/translations.py todo LANG [N] [PREFIX]  # next N untranslated, as JSON
    python packaging/translations.py fill LANG FILE.json     # write translations from JSON
    python packaging/translations.py check     # placeholder mismatches, untranslated, fuzzy

`todo` prints a JSON list of {"id", "plural", "context", "files", "comments"}; PREFIX keeps
only messages used in files whose path starts with it (dossier/core, dossier/ui/pages...).
`fill` reads a JSON object {"<msgid>": "<translation>"} (a list of forms for a plural
message, keyed by its singular; "<context>\u0004<msgid>" for a message with a context).

The strings are those marked with tr, ntr, trc, N_ and NC_ (dossier/core/i18n.py). Catalogues
are resources/translations/<code>.po (edit these) and <code>.mo (compiled; committed, so a
checkout runs without a build step; tests/unit/test_catalogues.py checks they match).
Babel provides the extraction, each language's plural rule and the .mo writer.
"""

from __future__ import annotations

import gettext
import io
import json
import re
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from dossier.core.i18n import MARKERS

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "dossier"
CATALOGUES = REPO / "resources" / "translations"
LANGUAGES = ("nl", "he", "uk", "ru")
KEYWORDS = MARKERS
PROJECT = "Second Opinion Dossier"
FIXED_DATE = datetime(2026, 12, 1, tzinfo=UTC)


def extract() -> Catalog:
    """Every marked string in dossier/, with the files it appears in."""
    catalog = Catalog(project=PROJECT, charset="utf-8")
    found = extract_from_dir(
        str(SOURCE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(
            message,
            None,
            [(f"dossier/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def po_path(language: str) -> Path:
    return CATALOGUES / f"{language}.po"


def read_catalogue(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(
            locale=language,
            project=PROJECT,
            version="1",
            copyright_holder="The Second Opinion Dossier authors",
            msgid_bugs_address="-",
            last_translator="-",
            language_team="-",
            header_comment=f"# {PROJECT}: the {language} catalogue (see README, Languages).",
            charset="utf-8",
        )
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False, omit_header=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def update() -> None:
    template = extract()
    CATALOGUES.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        catalog = read_catalogue(language)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        catalog.fuzzy = False  # the header, whose plural rule the .mo must carry
        catalog.creation_date = catalog.revision_date = FIXED_DATE  # no churn in diffs
        po_path(language).write_bytes(po_bytes(catalog))
        print(f"{language}: {len(catalog)} messages")


def compile_all() -> None:
    for language in LANGUAGES:
        catalog = read_catalogue(language)
        (CATALOGUES / f"{language}.mo").write_bytes(mo_bytes(catalog))


def untranslated(catalog: Catalog) -> list[str]:
    """The ids of the messages with no translation (or an empty plural form)."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def stats() -> None:
    for language in LANGUAGES:
        catalog = read_catalogue(language)
        fuzzy = sum(1 for message in catalog if message.id and message.fuzzy)
        print(
            f"{language}: {len(catalog)} messages, {len(untranslated(catalog))} untranslated, "
            f"{fuzzy} fuzzy"
        )


CONTEXT_SEPARATOR = "\u0004"
# {name} (tr's), %1 and %n, and argparse's %s, %r and %(name)s (dossier/cli/language.py).
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z_0-9]*\}|%\d|%n|%\([a-z_]+\)[sdr]|%[sdr]")


def key(message_id: str | tuple[str, ...], context: str | None) -> str:
    singular = message_id if isinstance(message_id, str) else message_id[0]
    return f"{context}{CONTEXT_SEPARATOR}{singular}" if context else singular


def todo(language: str, count: str = "50", prefix: str = "") -> None:
    entries = []
    for message in read_catalogue(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(strings):
            continue
        files = sorted({path for path, _line in message.locations})
        if prefix and not any(path.startswith(prefix) for path in files):
            continue
        entries.append(
            {
                "id": key(message.id, message.context),
                "plural": message.id[1] if isinstance(message.id, tuple) else None,
                "context": message.context,
                "files": files,
                "comments": list(message.auto_comments),
            }
        )
        if len(entries) >= int(count):
            break
    print(json.dumps(entries, ensure_ascii=False, indent=1))


def fill(language: str, source: str) -> None:
    translations = json.loads(Path(source).read_text(encoding="utf-8"))
    catalog = read_catalogue(language)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        wanted = translations.get(key(message.id, message.context))
        if wanted is None:
            continue
        if isinstance(message.id, tuple):
            forms = list(wanted) if isinstance(wanted, list) else [wanted]
            count = catalog.num_plurals
            message.string = tuple((forms + forms[-1:] * count)[:count])
        else:
            message.string = wanted if isinstance(wanted, str) else wanted[0]
        message.flags.discard("fuzzy")
        filled += 1
    po_path(language).write_bytes(po_bytes(catalog))
    print(f"{language}: {filled} of {len(translations)} filled; run `compile` next")


def single_number_forms(catalog: Catalog) -> set[int]:
    """The plural forms of ``catalog`` that stand for one number only (Hebrew's "one" and
    "two", Dutch "one"): such a form may leave {n} out ("בעיה אחת"); a Russian "one" form
    also serves 21, 31… and must keep it."""
    choose = gettext.c2py(catalog.plural_expr)
    numbers: dict[int, set[int]] = {}
    for n in range(1000):
        numbers.setdefault(choose(n), set()).add(n)
    return {form for form, ns in numbers.items() if len(ns) == 1}


def mismatches(catalog: Catalog) -> list[str]:
    """Messages whose translation has other placeholders than the original."""
    wrong = []
    single = single_number_forms(catalog)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(PLACEHOLDER.findall(text) for text in ids))
        for form, text in enumerate(strings):
            found = set(PLACEHOLDER.findall(text))
            if len(ids) > 1 and form in single:
                found |= expected & {"{n}"}
            if text and found != expected:
                wrong.append(f"{ids[0]!r} -> {text!r}")
    return wrong


def check() -> None:
    for language in LANGUAGES:
        catalog = read_catalogue(language)
        for problem in mismatches(catalog):
            print(f"{language}: placeholders differ: {problem}")
    stats()


def main(argv: Sequence[str]) -> int:
    commands = {"update": update, "compile": compile_all, "stats": stats, "check": check}
    if argv[:1] == ["todo"] and 2 <= len(argv) <= 4:
        todo(*argv[1:])
        return 0
    if argv[:1] == ["fill"] and len(argv) == 3:
        fill(argv[1], argv[2])
        return 0
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    commands[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
