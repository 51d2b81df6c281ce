"""The passphrase of a protected dossier on the command line, and opening one with it.

Where it comes from, in this order: ``--passphrase-file FILE`` (its first line), the
environment variable ``DOSSIER_PASSPHRASE``, else a question on the terminal, typed
without echo (a new passphrase is asked twice). Without a terminal and without either,
the command says how to give it. Never an argument of its own: another user of the
computer could read it in the list of running programs.
"""

from __future__ import annotations

import argparse
import getpass
import os
import stat
import sys
from pathlib import Path

from ..core.crypto.protected import PassphraseNeeded
from ..core.crypto.unlock import unlock
from ..core.i18n import tr
from ..core.opening import open_dossier
from ..core.storage import Dossier
from .args import path_text
from .common import UsageError

ENV = "DOSSIER_PASSPHRASE"
MAX_FILE_BYTES = 4096
MIN_LENGTH = 8


def add_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """``--passphrase-file FILE``, before or after the command."""
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        type=path_text,
        default=None if top else argparse.SUPPRESS,
        help=tr(
            "read the passphrase of a protected dossier from the first line of FILE "
            "(else from {env}, else it is asked)",
            env=ENV,
        ),
    )


def given_passphrase(
    args: argparse.Namespace,
    *,
    new: bool = False,
    option: str = "passphrase_file",
    env: str = ENV,
) -> str:
    """The passphrase given for this command (see the module's text): from the file of
    ``option``, else the variable ``env``, else asked. ``new``: one being set, so it is
    checked for length and, typed on the terminal, asked twice."""
    path = getattr(args, option, None)
    if path:
        text = _from_file(Path(path))
    elif os.environ.get(env):
        text = os.environ[env]
    elif sys.stdin.isatty():
        text = _asked(new)
    else:
        raise UsageError(
            tr(
                "A passphrase is needed. Give it with --{option} FILE or in the environment "
                "variable {env}.",
                option=option.replace("_", "-"),
                env=env,
            )
        )
    if new and len(text) < MIN_LENGTH:
        raise UsageError(tr("Choose a passphrase of at least {n} characters.", n=MIN_LENGTH))
    return text


def read_small_text(path: Path) -> str:
    """The text of the small file ``path`` (a passphrase or a recovery key): a regular file
    (a pipe or a device is refused without waiting for it), at most 4 KB, in UTF-8."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise UsageError(
            tr("The file {path} cannot be read ({reason}).", path=path, reason=exc.strerror)
        ) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UsageError(tr("{path} is not a file.", path=path))
        data = os.read(fd, MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UsageError(
            tr("The file {path} cannot be read ({reason}).", path=path, reason=exc.strerror)
        ) from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise UsageError(
            tr("The file {path} is too long to hold a passphrase or a key.", path=path)
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(tr("The file {path} is not plain text (UTF-8).", path=path)) from None


def _from_file(path: Path) -> str:
    lines = read_small_text(path).splitlines()
    if not lines or not lines[0]:
        raise UsageError(tr("The passphrase file {path} is empty.", path=path))
    return lines[0]


def _asked(new: bool) -> str:
    if not new:
        return getpass.getpass(tr("Passphrase: "))
    first = getpass.getpass(tr("New passphrase: "))
    if getpass.getpass(tr("The new passphrase again: ")) != first:
        raise UsageError(tr("The two passphrases typed differ. Nothing was changed."))
    return first


def open_unlocked(args: argparse.Namespace, path: Path | str) -> Dossier:
    """Open the dossier in ``path``, unlocking it first with the given passphrase when it
    is protected."""
    try:
        return open_dossier(path)
    except PassphraseNeeded as needed:
        unlock(needed.path, given_passphrase(args))
        return open_dossier(path)


__all__ = ["ENV", "add_option", "given_passphrase", "open_unlocked", "read_small_text"]
