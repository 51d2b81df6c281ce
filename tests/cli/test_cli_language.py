"""The command line speaks the language asked for: ``--language CODE`` before the command,
else the environment's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads them).

The real ``dossier`` runs in a subprocess. The pseudo-language ("pseudo", a hidden test
code) shows that a message went through the catalogue without waiting for translators;
Dutch is recognised by how it writes numbers (CLDR's "10.000"), which needs no catalogue.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dossier.core.i18n import LANGUAGE_VARIABLES, LANGUAGES, language_scope, tr
from dossier.core.pseudo import pseudo

from .runner import ENV, run


def _dossier(*args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    """``dossier ARGS…`` with only ``environ`` saying which language (none: English)."""
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARIABLES}
    env.update({k: v for k, v in ENV.items() if k not in LANGUAGE_VARIABLES})
    env.update(COLUMNS="250", **environ)  # help lines not wrapped in the middle of a word
    return subprocess.run(
        [sys.executable, "-m", "dossier", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )


def test_help_in_the_pseudo_language_argparse_words_included() -> None:
    result = _dossier("--language", "pseudo", "--help")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(pseudo("usage: ") + "dossier ")
    assert pseudo("options") + ":" in out and pseudo("positional arguments") + ":" in out
    assert pseudo("show this help message and exit") in out
    assert pseudo("search the whole dossier") in out  # a command's help
    assert pseudo("the dossier folder to work on") in out  # an option's help
    assert "show this help message" not in out and "the dossier folder" not in out


def test_a_sub_commands_help_and_its_options_in_the_pseudo_language() -> None:
    result = _dossier("--language=pseudo", "compare", "--help")
    assert result.returncode == 0, result.stderr
    assert pseudo("lay a case's opinions side by side, aspect by aspect") in result.stdout
    assert pseudo("wrap text at this width") in result.stdout


def test_messages_in_the_pseudo_language(tmp_path: Path) -> None:
    folder = tmp_path / "anna"
    run("init", str(folder), "--name", "Anna")
    result = _dossier("--language", "pseudo", "trash", "--dossier", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == pseudo("The trash is empty.")
    refused = _dossier("--language", "pseudo", "list")
    assert refused.returncode == 2
    required = pseudo("the following arguments are required: %s") % "ENTITY"
    assert required in refused.stderr
    assert pseudo("Try '{command}'.").format(command="dossier list --help") in refused.stderr


def test_a_language_after_the_command_is_not_the_command_lines(tmp_path: Path) -> None:
    """``--language`` belongs before the command; after it, it is the command's (or
    unknown to it), and the messages stay in the environment's language."""
    result = _dossier("list", "case", "--language", "pseudo", LANGUAGE="en")
    assert result.returncode == 2
    assert "unrecognized arguments: --language pseudo" in result.stderr


def test_the_environment_chooses_the_language() -> None:
    for variable in LANGUAGE_VARIABLES:
        result = _dossier("search", "--help", **{variable: "pseudo"})
        assert pseudo("search the whole dossier") in result.stdout, variable


def test_lang_nl_chooses_dutch() -> None:
    result = _dossier("search", "--help", LANG="nl_NL.UTF-8")
    assert result.returncode == 0, result.stderr
    with language_scope("nl"):
        expected = tr("show at most this many results (up to {n})", n="10.000")
    assert expected in result.stdout  # Dutch numbers, in Dutch words once translated
    english = _dossier("search", "--help", LANG="C.UTF-8")
    assert "(up to 10,000)" in english.stdout


def test_the_option_wins_over_the_environment_and_unknown_is_english() -> None:
    chosen = _dossier("search", "--help", LANG="nl_NL.UTF-8", LANGUAGE="pseudo")
    assert pseudo("search the whole dossier") in chosen.stdout
    option = _dossier("--language", "en", "search", "--help", LANGUAGE="pseudo")
    assert "search the whole dossier" in option.stdout and "⟦" not in option.stdout
    unknown = _dossier("search", "--help", LANG="sv_SE.UTF-8")
    assert "show at most this many results (up to 10,000)" in unknown.stdout


def test_a_language_code_it_does_not_speak_is_refused_with_the_list() -> None:
    for code in ("xx", "fr", "english", ""):
        result = _dossier("--language", code, "trash")
        assert result.returncode == 2, (code, result.stderr)
        line = result.stderr.strip()
        assert len(line.splitlines()) == 1
        listed = "en (English), nl (Nederlands), he (עברית), uk (Українська), ru (Русский)"
        assert listed in line and all(f"{c} (" in line for c in LANGUAGES)
        assert "is not a language this program speaks" in line
