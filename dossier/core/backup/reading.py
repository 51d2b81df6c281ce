"""Reading a backup as untrusted input: it may come from another computer's drive, or
have been changed by hand or on purpose, so it is checked as an archive is.

``manifest.json`` and ``files.json`` are read without following a link, bounded in size,
nesting and number of values before they are parsed (:mod:`dossier.core.untrusted`), and
every field must be of its kind: text, whole numbers of zero or more, SHA-256 digests of
64 hexadecimal digits, the database copy under its one name. Every file listed must be
a file of a dossier's vault (``ab/<sha256>`` named after its content, or its small
picture ``ab/<sha256>.thumb.png``), listed once, within the size limits; the counts in
the manifest must match the list. Whatever is wrong is named in ``BackupInfo.problem``.

A protected dossier's backup (format 2, :mod:`.protected`) lists its files under the
vault's keyed names, each with the SHA-256 of its encrypted bytes, so the name is not
compared with the hash; it names its key and carries its key file, and its person and
folders are sealed: opened when the key is at hand, else the backup is ``locked``.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .. import locale_format
from ..i18n import tr
from ..untrusted import (
    SHA256_RE,
    Untrusted,
    as_int,
    as_list,
    as_object,
    as_sha256,
    as_size,
    as_text,
    name_problem,
    need,
)
from .files import Unreadable, load_json
from .identity import is_dossier_id
from .manifest import (
    BACKUP_NAME_RE,
    DB_COPY_NAME,
    FILES_NAME,
    KEY_COPY_NAME,
    KIND,
    MANIFEST_NAME,
    READ_FORMAT,
    BackupInfo,
    FileEntry,
    size_text,
)
from .pathjson import get_path

if TYPE_CHECKING:
    from ..crypto.keys import MasterKey

# The limits of an archive (core/archive/format.py, Limits), not imported from there: that
# would load the whole archive package. Twice its entries: each document, its small picture.
MAX_FILES = 200_000
MAX_FILE_BYTES = 4 << 30
MAX_TOTAL_BYTES = 200 << 30
FILES_MOST = 64 << 20  # files.json: about 230 bytes a file
MANIFEST_MOST = 64 << 20  # manifest.json: under 1 KB, unless many files were left out
_VALUES_PER_FILE = 8
_VAULT_NAME = re.compile(r"^([0-9a-f]{2})/([0-9a-f]{64})(\.thumb\.png)?\Z")
_REASONS = ("missing", "unreadable", "damaged")
_KEY_ID = re.compile(r"^[0-9a-f]{16}\Z")


def read_backup(folder: Path, key: MasterKey | None = None) -> BackupInfo:
    """The backup in ``folder`` with a quick check (manifest, database size, file list).

    A folder that is not a usable backup gives a BackupInfo whose ``problem`` says why.
    A protected dossier's backup is opened (its person and folders) with ``key``, or the
    key of a dossier unlocked in this program; else it is ``locked``.
    """
    folder = Path(folder)
    when = _time_from_name(folder.name)  # for a damaged one, when it was made
    try:
        data = as_object(
            load_json(folder, MANIFEST_NAME, most=MANIFEST_MOST, max_values=_values(MAX_FILES)),
            tr("the manifest"),
        )
        if data.get("kind") != KIND:
            return BackupInfo(folder, made_at=when, problem=_not_a_backup())
        version = as_int(need(data, "format"), "format")
        if version > READ_FORMAT:
            return BackupInfo(folder, made_at=when, problem=newer_version())
        if version < 1:
            raise Untrusted(tr('"format" must be 1 or more'))
        info = _from_manifest(folder, data)
    except Unreadable:
        return BackupInfo(folder, made_at=when, problem=_not_a_backup())
    except Untrusted as exc:
        return BackupInfo(
            folder,
            made_at=when,
            problem=tr(
                "The description of this backup ({name}) is not valid: {detail}.",
                name=MANIFEST_NAME,
                detail=exc.detail,
            ),
        )
    if info.protected:
        from .protected import open_sealed  # only for a protected dossier's backup

        info = open_sealed(info, key)
        if not info.good:
            return info
    if _regular_size(folder / DB_COPY_NAME) != info.database_size:
        return _with_problem(
            info, tr("The copy of the database in this backup is missing or incomplete.")
        )
    if info.protected and _regular_size(folder / KEY_COPY_NAME) != info.key_file_size:
        return _with_problem(
            info,
            tr(
                "The key file in this backup ({name}) is missing or incomplete.", name=KEY_COPY_NAME
            ),
        )
    try:
        entries = load_files(folder, keyed=info.protected)
    except Unreadable:
        return _with_problem(info, tr("The list of files in this backup is missing or damaged."))
    except Untrusted as exc:
        return _with_problem(info, files_problem(exc))
    if info.files != len(entries) or info.bytes != info.database_size + sum(
        e.size for e in entries
    ):
        return _with_problem(
            info,
            tr(
                "The description of this backup ({name}) does not match its list of files: "
                "the backup was changed after it was made.",
                name=MANIFEST_NAME,
            ),
        )
    return info


def _not_a_backup() -> str:
    return tr("This is not a backup, or its description is damaged.")


def newer_version() -> str:
    return tr("This backup was made by a newer version of the program. Update it to restore.")


def files_problem(exc: Untrusted) -> str:
    return tr(
        "The list of files in this backup ({name}) is not valid: {detail}.",
        name=FILES_NAME,
        detail=exc.detail,
    )


def read_files(folder: Path) -> list[FileEntry] | None:
    """The vault files of the backup in ``folder``; None when the list cannot be used."""
    try:
        return load_files(folder)
    except (Unreadable, Untrusted):
        return None


def load_files(folder: Path, *, keyed: bool | None = None) -> list[FileEntry]:
    """The vault files of the backup in ``folder``, every one checked (see the module).
    ``keyed``: whether the manifest says they are a protected dossier's (None: either).

    Raises :class:`Unreadable` (no list) or :class:`Untrusted` (saying what is wrong).
    """
    raw = as_object(
        load_json(folder, FILES_NAME, most=FILES_MOST, max_values=_values(MAX_FILES)),
        # Translators: the list of files a backup holds.
        tr("the list"),
    )
    if as_int(raw.get("format", 1), "format") > READ_FORMAT:
        raise Untrusted(tr("it was made by a newer version of the program"))
    names = raw.get("names", "content")
    if names not in ("content", "keyed") or (keyed is not None and keyed != (names == "keyed")):
        raise Untrusted(
            tr("it is not the list of a backup of the kind its description says (names)")
        )
    items = as_list(need(raw, "files", tr("the list")), "files")
    if len(items) > MAX_FILES:
        raise Untrusted(
            tr(
                "it lists more files than this program restores ({n})",
                n=locale_format.number(MAX_FILES),
            )
        )
    entries: list[FileEntry] = []
    paths: set[str] = set()
    sizes: dict[str, int] = {}
    total = 0
    for number, item in enumerate(items):
        entry = _entry(item, number, keyed=names == "keyed")
        if entry.path in paths:
            raise Untrusted(tr("it lists the file {name} twice", name=entry.path))
        if sizes.setdefault(entry.sha256, entry.size) != entry.size:
            raise Untrusted(
                tr("it lists the same content with two sizes ({name})", name=entry.path)
            )
        paths.add(entry.path)
        total += entry.size
        if total > MAX_TOTAL_BYTES:
            raise Untrusted(
                tr("its files would take more than {size}", size=size_text(MAX_TOTAL_BYTES))
            )
        entries.append(entry)
    return entries


def _entry(item: Any, number: int, *, keyed: bool = False) -> FileEntry:
    """One entry of the list, checked. The usual, well-formed entry takes the quick path
    (a list of 200,000 is read often: every time the backups are listed). ``keyed``: a
    protected dossier's file, under a keyed name that is no hash of what is stored."""
    fields = item if type(item) is dict else {}
    path, sha = fields.get("path"), fields.get("sha256")
    size, mtime = fields.get("size"), fields.get("mtime_ns", 0)
    usual = (
        type(path) is str
        and type(sha) is str
        and type(size) is int
        and type(mtime) is int
        and size >= 0
        and mtime >= 0
        and SHA256_RE.match(sha) is not None
    )
    if not usual:
        _explain(item, f"files[{number}]")
    path, sha, size = cast(str, path), cast(str, sha), cast(int, size)
    named = _vault_name(path)
    if not keyed and named.group(3) is None and named.group(2) != sha:
        raise Untrusted(tr("the file {name} is not named after its content (SHA-256)", name=path))
    if size > MAX_FILE_BYTES:
        raise Untrusted(
            tr(
                "it lists a file larger than {size} ({name})",
                size=size_text(MAX_FILE_BYTES),
                name=path,
            )
        )
    return FileEntry(path, sha, size, int(mtime or 0))


def _explain(item: Any, where: str) -> None:
    """Raise :class:`Untrusted` saying which field of the entry ``item`` is wrong."""
    fields = as_object(item, where)
    as_text(need(fields, "path", where), f"{where}.path")
    as_sha256(need(fields, "sha256", where), f"{where}.sha256")
    as_size(need(fields, "size", where), f"{where}.size")
    as_size(fields.get("mtime_ns", 0), f"{where}.mtime_ns")


def is_vault_name(path: str) -> bool:
    """True when ``path`` is a name a dossier's vault gives its files ("ab/ab12…")."""
    named = _VAULT_NAME.match(path)
    return named is not None and named.group(1) == named.group(2)[:2]


def _vault_name(path: str) -> re.Match[str]:
    """``path`` matched as a vault name; else Untrusted says why (leading outside first)."""
    named = _VAULT_NAME.match(path)
    if named is None or named.group(1) != named.group(2)[:2]:
        _check_safe(path)
        raise Untrusted(
            tr("it names a file that is not one of a dossier's documents ({name})", name=path)
        )
    return named


def _check_safe(path: str) -> None:
    problem = name_problem(path, tr("the backup"))
    if problem is not None:
        raise Untrusted(problem.rstrip("."))


def _from_manifest(folder: Path, data: dict[str, Any]) -> BackupInfo:
    counts = as_object(need(data, "counts"), "counts")
    database = as_object(need(data, "database"), "database")
    if as_text(need(database, "name", "database"), "database.name") != DB_COPY_NAME:
        raise Untrusted(tr('"database.name" must be {name}', name=DB_COPY_NAME))
    made_at = as_text(need(data, "made_at"), "made_at")
    try:
        datetime.fromisoformat(made_at)
    except ValueError:
        raise Untrusted(tr('"made_at" must be a date and time (ISO 8601)')) from None
    dossier_id = need(data, "dossier_id")
    if not is_dossier_id(dossier_id):
        raise Untrusted(tr('"dossier_id" must be 32 hexadecimal digits'))
    protected = data.get("protected")
    if protected is not None:
        return _from_protected(folder, data, as_object(protected, "protected"))
    dossier_path = get_path(data, "dossier_path")
    if dossier_path is None:
        raise Untrusted(tr('"dossier_path" must be the full path of a folder'))
    chosen = data.get("backup_folder")
    if chosen is not None:
        as_text(chosen, "backup_folder")
    automatic = data.get("automatic", False)
    if not isinstance(automatic, bool):
        raise Untrusted(tr('"automatic" must be true or false'))
    return BackupInfo(
        path=folder,
        made_at=made_at,
        program_version=as_text(data.get("program_version", ""), "program_version"),
        dossier_id=str(dossier_id),
        dossier_path=str(dossier_path),
        person=as_text(need(data, "person"), "person"),
        cases=as_size(need(counts, "cases", "counts"), "counts.cases"),
        documents=as_size(need(counts, "documents", "counts"), "counts.documents"),
        files=as_size(need(counts, "files", "counts"), "counts.files"),
        bytes=as_size(need(counts, "bytes", "counts"), "counts.bytes"),
        automatic=automatic,
        database_sha256=as_sha256(need(database, "sha256", "database"), "database.sha256"),
        database_size=as_size(need(database, "size", "database"), "database.size"),
        migrations=tuple(
            as_text(m, "migrations") for m in as_list(data.get("migrations", []), "migrations")
        ),
        backup_folder=chosen,
        not_included=tuple(
            _left_out(as_object(m, "not_included"))
            for m in as_list(data.get("not_included", []), "not_included")
        ),
    )


def _from_protected(folder: Path, data: dict[str, Any], protected: dict[str, Any]) -> BackupInfo:
    """A protected dossier's manifest: the fields of any, with no person or folder in plain
    (they are sealed, opened later), its key's fingerprint and its key file."""
    from .protected import check_sealed

    plain = _from_manifest(folder, {**data, "protected": None, "dossier_path": "/", "person": ""})
    key_id = as_text(need(protected, "key_id", "protected"), "protected.key_id")
    if not _KEY_ID.match(key_id):
        raise Untrusted(tr('"protected.key_id" must be 16 hexadecimal digits'))
    key_file = as_object(need(protected, "key_file", "protected"), "protected.key_file")
    name = as_text(need(key_file, "name", "protected.key_file"), "protected.key_file.name")
    if name != KEY_COPY_NAME:
        raise Untrusted(tr('"protected.key_file.name" must be {name}', name=KEY_COPY_NAME))
    return replace(
        plain,
        dossier_path="",
        backup_folder=None,
        protected=True,
        key_id=key_id,
        key_file_sha256=as_sha256(
            need(key_file, "sha256", "protected.key_file"), "protected.key_file.sha256"
        ),
        key_file_size=as_size(
            need(key_file, "size", "protected.key_file"), "protected.key_file.size"
        ),
        sealed=check_sealed(need(protected, "sealed", "protected")),
    )


def _left_out(item: dict[str, Any]) -> dict[str, str]:
    path = as_text(need(item, "path", "not_included"), "not_included.path")
    reason = as_text(need(item, "reason", "not_included"), "not_included.reason")
    _check_safe(path)  # only shown: a safe name will do
    if reason not in _REASONS:
        raise Untrusted(tr('"not_included.reason" must be one of {reasons}', reasons=_REASONS))
    return {"path": path, "reason": reason}


def _regular_size(path: Path) -> int | None:
    """The size of the regular file ``path`` (never a link); None when it is not one."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return found.st_size if stat.S_ISREG(found.st_mode) else None


def _values(files: int) -> int:
    return _VALUES_PER_FILE * files + 1000


def _time_from_name(name: str) -> str:
    """'2025-03-10_050714' → '2025-03-10T05:07:14'."""
    if not BACKUP_NAME_RE.match(name):
        return ""
    return f"{name[:10]}T{name[11:13]}:{name[13:15]}:{name[15:17]}"


def _with_problem(info: BackupInfo, problem: str) -> BackupInfo:
    return replace(info, problem=problem)
