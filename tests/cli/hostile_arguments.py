"""What the hostile-argument tests feed the command line, and how they look at the result.

Not a test module. The commands and their arguments are read from the real argparse
parser (:func:`dossier.cli.build_parser`), so a command added later is covered without
touching this file: each argument that takes a value gets hostile values, the others get
a good value (from :data:`GOOD`, or a generic one) so that the hostile one is what the
command meets.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import signal
import stat
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from dossier.cli import build_parser, main, shown
from dossier.core.sql_driver import sqlite3
from tests.hostile.checks import plain_message_problem

# The words of the command line's last-resort handler (dossier.cli.run.unexpected): a hostile
# value must be refused by a check of its own, never by that safety net.
LAST_RESORT = "stopped unexpectedly"


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every command of ``parser``, by name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the parser has no commands")


def takes_value(action: argparse.Action) -> bool:
    return not isinstance(action, argparse._HelpAction) and action.nargs != 0


def arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The arguments of one command that take a value (positional ones and options)."""
    return [action for action in parser._actions if takes_value(action)]


def flags(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The options of one command that take no value (--yes, --json, …)."""
    return [
        action
        for action in parser._actions
        if action.nargs == 0 and action.option_strings and action.dest != "help"
    ]


COMMANDS = subcommands(build_parser())
TARGETS = [
    (name, action.dest) for name, command in COMMANDS.items() for action in arguments(command)
]


@dataclass
class Place:
    """The folders of one example: the dossier's copy, and a scratch folder beside it."""

    dossier: Path
    scratch: Path
    archive: Path  # an archive made by ``dossier export`` of the dossier
    document: Path  # a file the dossier already holds (importing it again is quick)


# Good values by argument (``command:dest`` first, then ``dest``); each a function of the
# example's folders. Anything else gets a generic good value (see :func:`good_value`).
GOOD: dict[str, Callable[[Place], str]] = {
    "dossier": lambda p: str(p.dossier),
    "init:path": lambda p: str(p.scratch / "new-dossier"),
    "demo:path": lambda p: str(p.dossier),  # refused at once: building the demo takes 1 s
    "paths": lambda p: str(p.document),
    "export:archive": lambda p: str(p.scratch / "copy.zip"),
    "import-archive:archive": lambda p: str(p.archive),
    "target": lambda p: str(p.scratch / "from-archive"),
    "out": lambda p: str(p.scratch / "report.pdf"),
    "to": lambda p: str(p.scratch / "backups"),
    "keep_in": lambda p: str(p.scratch),  # dossier calendar --keep-in FOLDER
    "backup-folder:folder": lambda p: str(p.scratch / "backups"),
    "name": lambda _: "Anna Müller",
    "born": lambda _: "1961-04-02",
    "query": lambda _: "knee",
    "data": lambda _: json.dumps({"title": "A title"}),
    "edit:data": lambda _: json.dumps({"notes": "Changed."}),
    "entity": lambda _: "case",
    "list:entity": lambda _: "cases",
    "due": lambda _: "2026-07-01",
    "date": lambda _: "2026-06-10",
    "told:on": lambda _: "2026-06-10",  # dossier told --on DAY (a day not to come)
    "decision": lambda _: "Operate.",
    "opinions": lambda _: "1,2",
    "width": lambda _: "80",
    "limit": lambda _: "10",
    "page": lambda _: "1",
    "kind": lambda _: "letter",
}


def good_value(command: str, action: argparse.Action, place: Place) -> str:
    maker = GOOD.get(f"{command}:{action.dest}") or GOOD.get(action.dest)
    if maker is not None:
        return maker(place)
    if action.choices:
        return str(next(iter(action.choices)))
    if action.type is not None and action.type is not str:
        return "1"  # a number (every other typed argument of the command line is one)
    return "words"


# Hostile values, by a short name (a failure report names the value, it does not print
# 100 KB of it): text, numbers and dates; JSON for --data; kinds of path (made per example).
TEXT_VALUES = {
    "empty": "",
    "space": " ",
    "tab and newline": "\t\n",
    "control characters": "\x01\x1b[31mred\x7f",
    "right-to-left override": "\u202eevil",
    "Hebrew": "שלום עולם",
    "Cyrillic": "Привет, мир",
    "100 KB": "x" * 100_000,
    "dash": "-",
    "two dashes": "--",
    "minus one": "-1",
    "zero": "0",
    "two zeros": "00",
    "plus seven": "+7",
    "1.5": "1.5",
    "1e9": "1e9",
    "0x10": "0x10",
    "an Arabic-Indic digit": "٣",
    "2**63 - 1": str(2**63 - 1),  # the largest number SQLite holds: a record that is not there
    "2**63": str(2**63),
    "23 nines": "99999999999999999999999",
    "minus 23 nines": "-99999999999999999999999",
    "5000 nines": "9" * 5000,
    "30 February": "2026-02-30",
    "year 99999": "99999-01-01",
    "year 0": "0000-01-01",
    "month 13": "2026-13-01",
    "five ids": "1,2,3,4,5",
    "only commas": ",,,",
    "an id too large in a list": "1,99999999999999999999999",
}
JSON_VALUES = {
    # 120 KB at most: Linux takes no single argument over 128 KB.
    "60,000 nested arrays": "[" * 60_000 + "]" * 60_000,
    "20,000 nested objects": '{"a":' * 20_000 + "1" + "}" * 20_000,
    "1e999": '{"title": 1e999}',
    "NaN": '{"title": NaN}',
    "-Infinity": '{"title": -Infinity}',
    "a huge title number": '{"title": 99999999999999999999999}',
    "a huge case_id": '{"case_id": 99999999999999999999999}',
    "a negative case_id": '{"case_id": -1}',
    "a huge id in case_ids": '{"case_ids": [99999999999999999999999]}',
    "case_ids a string": '{"case_ids": "1"}',
    "nested tags": '{"tags": [[["x"]]]}',
    "a list title": '{"title": []}',
    "an object title": '{"title": {"x": 1}}',
    "a true title": '{"title": true}',
    "30 February": '{"born": "2026-02-30"}',
    "year 99999": '{"date": "99999-01-01"}',
    "amount 1e400": '{"amount": "1e400"}',
    "a list": "[]",
    "a string": '"text"',
    "null": "null",
    "cut off": "{",
    "a lone surrogate": '{"title": "\\ud800"}',
    "a 100 KB title": '{"title": "' + "x" * 100_000 + '"}',
}
PATH_KINDS = (
    "folder",
    "folder with files",
    "missing",
    "in a missing folder",
    "read-only file",
    "file in a read-only folder",
    "dangling link",
    "link to a folder",
    "link to a file",
    "FIFO",
    "the dossier folder",
    "the dossier's database",
    "inside the vault",
    "a file, used as a folder",
    "name too long",
    "device",
)


def hostile_value(kind: str, what: str, place: Place) -> str:
    """The value ``what`` names: ("text" | "json", a name), ("path", a kind of path), or
    ("raw", the value itself)."""
    if kind == "path":
        return make_path(what, place)
    if kind == "raw":
        return what
    return {"text": TEXT_VALUES, "json": JSON_VALUES}[kind][what]


def make_path(kind: str, place: Place) -> str:
    """A path of ``kind`` in the example's scratch folder (or the dossier, or /dev)."""
    s = place.scratch
    links = {"dangling link": s / "dangling", "link to a folder": s / "folder-link",
             "link to a file": s / "file-link", "FIFO": s / "fifo"}  # fmt: skip
    if kind in links and os.path.lexists(links[kind]):
        return str(links[kind])
    if kind == "folder":
        return str(_mkdir(s / "empty-folder"))
    if kind == "folder with files":
        folder = _mkdir(s / "full-folder")
        (folder / "note.txt").write_text("A note.\n")
        return str(folder)
    if kind == "missing":
        return str(s / "missing.pdf")
    if kind == "in a missing folder":
        return str(s / "no-such-folder" / "x.pdf")
    if kind == "read-only file":
        path = s / "read-only.pdf"
        if not path.exists():
            path.write_bytes(b"%PDF-1.4\n")
            path.chmod(0o444)
        return str(path)
    if kind == "file in a read-only folder":
        folder = _mkdir(s / "read-only-folder")
        folder.chmod(0o555)
        return str(folder / "x.pdf")
    if kind == "dangling link":
        links[kind].symlink_to(s / "nowhere")
    elif kind == "link to a folder":
        links[kind].symlink_to(_mkdir(s / "linked-folder"), target_is_directory=True)
    elif kind == "link to a file":
        target = s / "linked.txt"
        target.write_text("The target of a link.\n")
        links[kind].symlink_to(target)
    elif kind == "FIFO":
        os.mkfifo(links[kind])
    if kind in links:
        return str(links[kind])
    if kind == "the dossier folder":
        return str(place.dossier)
    if kind == "the dossier's database":
        return str(place.dossier / "dossier.sqlite")
    if kind == "inside the vault":
        return str(place.dossier / "vault" / "x.pdf")
    if kind == "a file, used as a folder":
        return str(place.document / "x.pdf")
    if kind == "name too long":
        return str(s / ("n" * 300 + ".pdf"))
    if kind == "device":
        return str(_device(s / "device"))
    raise AssertionError(kind)


def _device(path: Path) -> Path:
    """A character device like /dev/null, made in the scratch folder (never a real /dev
    node: a program that wrongly replaced it would break the machine). Without the right
    to make one (not root), a FIFO stands in: also not an ordinary file."""
    if not os.path.lexists(path):
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            os.mkfifo(path)
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir(exist_ok=True)
    return path


def unlock(folder: Path) -> None:
    """Make every folder in ``folder`` writable again, so that it can be removed."""
    for root, dirs, _files in os.walk(folder):
        for name in dirs:
            path = Path(root, name)
            if not path.is_symlink():
                path.chmod(stat.S_IRWXU)


def digest(dossier: Path) -> str:
    """A digest of every row of every table of the dossier's database, and of its vault's
    file names: equal digests mean nothing in the dossier changed."""
    h = hashlib.sha256()
    uri = f"file:{dossier / 'dossier.sqlite'}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as db:
        schema = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        h.update(repr(schema).encode())
        for _type, name, _sql in schema:
            if _type == "table":
                rows = sorted(repr(row) for row in db.execute(f'SELECT * FROM "{name}"'))
                h.update(name.encode() + repr(rows).encode())
    vault = dossier / "vault"
    h.update(repr(sorted(str(p.relative_to(vault)) for p in vault.rglob("*"))).encode())
    return h.hexdigest()


class TookTooLong(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`TookTooLong` in the main thread after ``seconds`` (a FIFO opened for
    reading, say, would block for ever)."""

    def alarm(_signum: int, _frame: FrameType | None) -> None:
        raise TookTooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str


def run_in_process(argv: list[str], cwd: Path, seconds: float = 30.0) -> Outcome:
    """``dossier ARGV`` through the command line's ``main`` in the folder ``cwd`` (where a
    relative path given lands), output captured; an exception escaping ``main`` is what a
    person would see as a traceback (status -1)."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            with deadline(seconds):
                code: Any = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        except Exception:
            err.write(traceback.format_exc())
            code = -1
    return Outcome(int(code), out.getvalue(), err.getvalue())


def message_problem(outcome: Outcome, hostile: str) -> str | None:
    """What is wrong with how the command ended, or None. ``hostile`` (the value given) is
    cut out of the message first: echoing it back is allowed, whatever it holds."""
    if "Traceback" in outcome.stderr or outcome.code not in (0, 1, 2):
        return f"status {outcome.code}, stderr:\n{short(outcome.stderr)}"
    if LAST_RESORT in outcome.stderr:
        return f"refused only by the last-resort handler: {short(outcome.stderr)!r}"
    if outcome.code == 0:
        return None
    lines = outcome.stderr.splitlines()
    if not lines and outcome.code == 1:  # the import says on stdout, a line (or JSON) a file
        return next((p for p in map(plain_message_problem, _refusals(outcome.stdout)) if p), None)
    if len(lines) != 1:
        return f"{len(lines)} lines on stderr: {short(outcome.stderr)!r}"
    line = lines[0]
    if not line.startswith("dossier"):
        return f"not a message of the program: {short(line)!r}"
    absolute = os.path.abspath(hostile) if hostile else ""
    given = {hostile, repr(hostile)[1:-1], shown(hostile), absolute, shown(absolute)}
    for text in sorted(given, key=len, reverse=True):
        if text:
            line = line.replace(text, "VALUE")
    line = line.replace("…", "VALUE")
    return plain_message_problem(line)


def _refusals(stdout: str) -> list[str]:
    """The reasons an import gave for the files it refused (["" ]: none was given)."""
    if stdout.lstrip().startswith("["):
        said = json.loads(stdout)
        reasons = [r["reason"] or "" for r in said if r["status"] == "rejected"]
    else:
        lines = stdout.splitlines()
        reasons = [line.rsplit(": ", 1)[-1] for line in lines if line.startswith("rejected")]
    return reasons or [""]


def short(text: str, lines: int = 12, width: int = 200) -> str:
    """The last ``lines`` lines of ``text``, each cut to ``width`` characters (a failure
    report must stay readable when a value of 100 KB is in it)."""
    kept = text.splitlines()[-lines:]
    return "\n".join(line if len(line) <= width else line[:width] + "…" for line in kept)
