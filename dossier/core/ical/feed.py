"""A calendar file kept up to date: rewritten in a folder the person chose after every change,
for their calendar program to subscribe to.

Which folder is this computer's choice, never the dossier's: it is kept in
``calendar_files.json`` in the program's settings folder (:func:`dossier.core.paths.config_dir`),
by the dossier folder's resolved path, read and written without following a link
(:mod:`dossier.core.safe_files`) and bounded in size. A dossier or an archive from someone
else therefore cannot make the program write anywhere.

The file is ``<folder>/<name> - second opinion.ics``, its name chosen once when the folder
is, so that a renamed person does not break a subscription. It is written as a whole
(:mod:`dossier.core.atomic_write`: a calendar reading it meanwhile sees the old file or the
new one), never through a link planted in its place, and only when its bytes changed. Its
events keep their identifiers (:func:`dossier.core.ical.export.uid`), so a subscribed
calendar updates them rather than adding them twice.

The file is not encrypted, also for a dossier protected with a passphrase:
:func:`unprotected_warning` says so for the window and the command line to show.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import paths, records, safe_files
from ..atomic_write import write_atomically
from ..bounded_json import JsonLimits, JsonRefused, loads
from ..crypto.protected import is_protected
from ..errors import DossierError
from ..i18n import tr
from ..storage import Dossier
from .export import CalendarContent, CalendarFileError, calendar_content, render, written

CONFIG_NAME = "calendar_files.json"
CONFIG_MAX_BYTES = 256 * 1024
MAX_FEEDS = 100  # dossiers with a calendar file on this computer; the oldest choice goes first
NAME_MAX = 80  # characters of the file's name, before ".ics"
SUFFIX = ".ics"
_LIMITS = JsonLimits(max_bytes=CONFIG_MAX_BYTES, max_depth=4, max_items=10 * MAX_FEEDS)
_NOT_IN_A_NAME = re.compile(r"[^\w\- ]+")


class FeedError(DossierError):
    """The calendar file cannot be kept up to date; the message says why in plain words."""


@dataclass(frozen=True)
class Feed:
    """Where the calendar file of one dossier is kept up to date."""

    folder: Path
    name: str  # the file's name in the folder, ending in .ics

    @property
    def path(self) -> Path:
        return self.folder / self.name


def get_feed(dossier_path: Path) -> Feed | None:
    """The calendar file kept for the dossier in ``dossier_path``; None when there is none."""
    return _read().get(_key(dossier_path))


def set_feed(dossier: Dossier, folder: Path) -> Path:
    """Keep the calendar file of ``dossier`` up to date in ``folder``, written at once; the
    file's path. Refused with a plain message (and nothing kept) when ``folder`` is not a
    folder that can be written to, or is inside the dossier's own folder."""
    folder = Path(os.path.abspath(folder))
    check_folder(folder, dossier.path)
    earlier = get_feed(dossier.path)
    same_folder = earlier is not None and _same(earlier.folder, folder)
    feed = Feed(folder, earlier.name if earlier and same_folder else file_name(dossier))
    path = FeedJob(feed, calendar_content(dossier)).write()
    feeds = _read()
    feeds.pop(_key(dossier.path), None)
    feeds[_key(dossier.path)] = feed  # last: the newest choice
    _save(feeds)
    return path


def clear_feed(dossier_path: Path) -> Feed | None:
    """Stop keeping the calendar file of the dossier in ``dossier_path`` up to date; the one
    that was kept (its file is left where it is), or None."""
    feeds = _read()
    earlier = feeds.pop(_key(dossier_path), None)
    if earlier is not None:
        _save(feeds)
    return earlier


def refresh_feed(dossier: Dossier) -> Path | None:
    """Rewrite the dossier's calendar file when one is kept (and its content changed); its
    path, or None when none is kept. FeedError when it cannot be written."""
    job = feed_job(dossier)
    return job.write() if job is not None else None


def feed_job(dossier: Dossier) -> FeedJob | None:
    """The rewriting of the dossier's kept calendar file, its content read from the dossier
    now; None when none is kept. (:func:`refresh_feed` in two steps, for the window.)"""
    feed = get_feed(dossier.path)
    return FeedJob(feed, calendar_content(dossier)) if feed is not None else None


def unprotected_warning(dossier: Dossier) -> str | None:
    """For a dossier protected with a passphrase: that its calendar file is not."""
    if not is_protected(Path(dossier.path)):
        return None
    return tr(
        "This dossier is protected with a passphrase, but the calendar file is not "
        "encrypted: anyone who can open that folder can read the appointments, deadlines "
        "and tasks in it, with their places and notes."
    )


def file_name(dossier: Dossier) -> str:
    """The calendar file's name: "Anna Jansen - second opinion.ics"."""
    person = _NOT_IN_A_NAME.sub("", str(records.get(dossier, "person", 1).get("name") or ""))
    person = " ".join(person.split())[:40].strip()
    # Translators: the name of the calendar file; {name} is the person's, or nothing.
    name = tr("{name} - second opinion", name=person) if person else tr("Second opinion")
    name = " ".join(_NOT_IN_A_NAME.sub("", name).split())[:NAME_MAX].strip(" -")
    return (name or "second-opinion") + SUFFIX


# The folder and the file ----------------------------------------------------------------


def check_folder(folder: Path, dossier_folder: Path) -> None:
    """FeedError unless ``folder`` is a folder the calendar file can be written in: one
    that exists, can be written to, and is outside the dossier's folder."""
    try:
        is_folder, exists = folder.is_dir(), os.path.lexists(folder)
    except OSError as exc:
        raise FeedError(
            tr("{folder} cannot be used ({problem}).", folder=folder, problem=exc.strerror)
        ) from None
    if not is_folder:
        if exists:
            raise FeedError(tr("{folder} is not a folder.", folder=folder))
        raise FeedError(
            tr("There is no folder {folder}: make it first, or choose another.", folder=folder)
        )
    real = Path(os.path.realpath(folder))
    if real.is_relative_to(os.path.realpath(dossier_folder)):
        raise FeedError(
            tr(
                "Choose a folder outside the dossier's folder {dossier}: the program keeps "
                "the dossier's own files there.",
                dossier=Path(dossier_folder).absolute(),
            )
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FeedError(
            tr("The folder {folder} cannot be written to: choose another.", folder=folder)
        )


@dataclass(frozen=True)
class FeedJob:
    """One rewriting of a kept calendar file: what it says (read from the dossier) and
    where. :meth:`write` needs no dossier, so the window runs it off its thread."""

    feed: Feed
    content: CalendarContent

    def write(self) -> Path:
        """Write the file if its bytes changed; its path. FeedError when it cannot be."""
        feed = self.feed
        if not feed.folder.is_dir():
            raise FeedError(
                tr(
                    "The calendar file cannot be kept up to date: the folder {folder} is not "
                    "there (perhaps on a drive that is not connected). Connect it, choose "
                    "another folder, or stop keeping the calendar file.",
                    folder=feed.folder,
                )
            )
        data = render(self.content)
        if _holds(feed, data):
            return feed.path
        try:
            return written(feed.path, lambda: write_atomically(feed.folder, feed.name, data))
        except CalendarFileError as exc:
            raise FeedError(exc.message) from None


def _holds(feed: Feed, data: bytes) -> bool:
    """Whether the file is already exactly ``data`` (read no further than that)."""
    try:
        with safe_files.open_for_reading(feed.folder, feed.name) as handle:
            return handle.read(len(data) + 1) == data
    except (OSError, ValueError):  # none yet, or a link: written (or refused) as any other
        return False


# The settings file ----------------------------------------------------------------------


def _key(dossier_path: Path) -> str:
    return str(Path(dossier_path).resolve())


def _same(one: Path, other: Path) -> bool:
    return os.path.realpath(one) == os.path.realpath(other)


def _read() -> dict[str, Feed]:
    """The calendar files kept on this computer, by dossier; an unreadable file is none."""
    try:
        with safe_files.open_for_reading(paths.config_dir(), CONFIG_NAME) as handle:
            raw = handle.read(CONFIG_MAX_BYTES + 1)
        data = loads(raw, _LIMITS)
    except (OSError, JsonRefused):
        return {}
    entries = data.get("calendar_files") if isinstance(data, dict) else None
    feeds: dict[str, Feed] = {}
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict):
            found = _entry(entry)
            if found is not None:
                feeds[found[0]] = found[1]
    return dict(list(feeds.items())[-MAX_FEEDS:])


def _entry(entry: dict[str, Any]) -> tuple[str, Feed] | None:
    dossier, folder, name = (
        _path(entry.get("dossier")),
        _path(entry.get("folder")),
        entry.get("name"),
    )
    if dossier is None or folder is None or not _plain_name(name):
        return None
    return str(dossier), Feed(folder, str(name))


def _path(value: object) -> Path | None:
    """A path as :func:`_save` wrote it: absolute, without NUL. (A name that is not UTF-8
    is kept as Python's ``os.fsdecode`` has it, its odd bytes as escaped surrogates, which
    JSON holds and gives back.)"""
    if not isinstance(value, str) or not value or "\0" in value:
        return None
    path = Path(value)
    return path if path.is_absolute() else None


def _plain_name(name: object) -> bool:
    if not isinstance(name, str) or not name.endswith(SUFFIX):
        return False
    stem = name[: -len(SUFFIX)]
    return 0 < len(stem) <= NAME_MAX and _NOT_IN_A_NAME.sub("", stem) == stem == stem.strip()


def _save(feeds: dict[str, Feed]) -> None:
    entries = []
    for dossier, feed in list(feeds.items())[-MAX_FEEDS:]:
        entries.append({"dossier": dossier, "folder": str(feed.folder), "name": feed.name})
    data = json.dumps({"format": 1, "calendar_files": entries}, indent=1).encode("utf-8")
    folder = paths.config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder, CONFIG_NAME, data)
    except OSError as exc:
        raise FeedError(
            tr(
                "The choice could not be saved in {path}: {reason}",
                path=folder / CONFIG_NAME,
                reason=str(exc.strerror or exc),
            )
        ) from None


__all__ = [
    "CONFIG_NAME",
    "Feed",
    "FeedError",
    "FeedJob",
    "check_folder",
    "clear_feed",
    "feed_job",
    "file_name",
    "get_feed",
    "refresh_feed",
    "set_feed",
    "unprotected_warning",
]
