"""Reading a document's stored file: only a regular file inside the vault, of the size and
content recorded for it.

Every reader of a vault file goes through here: the viewer, the consultation packet, the
archive export, the backup, "open in my usual program" and "save a copy", thumbnails, and
the check's re-reading of files. A file is opened without following links (the
two-letter folder and ``vault/`` itself included, see :mod:`.safe_files`), ``fstat`` must
say it is a regular file, and its size must be the one recorded in the document's row.
Readers that read the whole file anyway use :func:`stored_chunks`, :func:`read_stored` or
:func:`copy_stored`, which also compare its SHA-256 with the one it is stored under: a
file replaced by a link, a pipe, a folder or other content is refused with
:class:`StoredFileRefused` and never shown, printed or copied anywhere.

In a protected dossier the readers get the decrypted content, as it is read, chunk by
chunk, each checked (:mod:`.crypto.stream`): a file altered, cut short or lengthened is
"damaged" like one with the wrong content, and nothing decrypted is written anywhere on
the way. Only a backup copies the encrypted files as they are (:func:`open_raw`).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from . import safe_files
from .atomic_write import AtomicWriter
from .errors import DossierError
from .hashing import new_sha256
from .i18n import tr
from .vault import CHUNK, Vault

Problem = Literal["missing", "replaced", "damaged"]


class StoredFileRefused(DossierError):
    """A stored file that cannot be used: ``problem`` is ``"missing"`` (not there),
    ``"replaced"`` (a link, a folder, a pipe… in its place) or ``"damaged"`` (another size
    or content than what was stored)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(refusal_message(problem))
        self.problem: Problem = problem


def refusal_message(problem: Problem) -> str:
    """The reason in plain words, for any reader that has no wording of its own."""
    if problem == "missing":
        return tr("Its file is no longer in the dossier (it may have been moved or deleted).")
    if problem == "replaced":
        return tr(
            "Its file in the dossier has been replaced by a link or by something that is "
            "not an ordinary file, so it is not used. Run the check of the dossier."
        )
    return tr("Its file is damaged: it is no longer what was stored.")


def _refused(exc: OSError) -> StoredFileRefused:
    if isinstance(exc, safe_files.UnsafePath):
        return StoredFileRefused("replaced")
    if isinstance(exc, FileNotFoundError):
        return StoredFileRefused("missing")
    return StoredFileRefused("damaged")  # unreadable (a failing disk): as good as damaged


def open_raw(vault: Vault, path: Path) -> BinaryIO:
    """Any file of the vault by its path, as it is on disk (encrypted, in a protected
    dossier): a regular file reached without following a link, or
    :class:`StoredFileRefused`. For copying the vault as it is (a backup)."""
    try:
        return safe_files.open_for_reading(vault.folder, vault.relative(path))
    except ValueError:  # not below the dossier folder at all
        raise StoredFileRefused("replaced") from None
    except OSError as exc:
        raise _refused(exc) from None


def open_vault_file(vault: Vault, path: Path) -> BinaryIO:
    """Any file of the vault (a thumbnail too), by its path, its content as stored: a
    regular file reached without following a link, decrypted as it is read in a protected
    dossier; or :class:`StoredFileRefused`."""
    handle = open_raw(vault, path)
    if vault.cipher is None:
        return handle
    from .crypto.stream import DamagedFile

    try:
        size = os.fstat(handle.fileno()).st_size
        reader = vault.cipher.open_reader(handle, "", size, owns_handle=True)
    except DamagedFile:
        handle.close()
        raise StoredFileRefused("damaged") from None
    except OSError as exc:
        handle.close()
        raise _refused(exc) from None
    except BaseException:
        handle.close()
        raise
    return io.BufferedReader(reader, CHUNK)


def open_stored(vault: Vault, sha256: str, size: int) -> BinaryIO:
    """The stored file of a document, checked to be a regular file of ``size`` bytes.

    For readers that read only part of it (a text shown up to a limit, a PDF read page by
    page): its content is not compared; use :func:`stored_chunks` to read it all, checked.
    """
    try:
        path = vault.path_for(sha256)
    except ValueError:  # not a SHA-256 at all: no file can be found for it
        raise StoredFileRefused("missing") from None
    handle = open_vault_file(vault, path)
    try:
        if vault.cipher is None:
            stored = os.fstat(handle.fileno()).st_size
        else:  # the decrypted size, known from the encrypted file's (its end is checked)
            stored = handle.seek(0, os.SEEK_END)
            handle.seek(0)
        if stored != size:
            raise StoredFileRefused("damaged")
    except BaseException:
        handle.close()
        raise
    return handle


def stored_chunks(vault: Vault, sha256: str, size: int) -> Iterator[bytes]:
    """The content of a document's stored file, chunk by chunk, checked as it is read: once
    the last chunk has been given out, a content other than the SHA-256 it is stored under
    raises :class:`StoredFileRefused` ("damaged"), so the caller discards what it made."""
    digest = new_sha256()
    read = 0
    with open_stored(vault, sha256, size) as handle:
        while True:
            try:
                chunk = handle.read(CHUNK)
            except OSError as exc:
                raise _refused(exc) from None
            except DossierError:  # a chunk of an encrypted file failed its check
                raise StoredFileRefused("damaged") from None
            if not chunk:
                break
            read += len(chunk)
            if read > size:  # it grew while being read
                raise StoredFileRefused("damaged")
            digest.update(chunk)
            yield chunk
    if read != size or digest.hexdigest() != sha256:
        raise StoredFileRefused("damaged")


def read_stored(vault: Vault, sha256: str, size: int) -> bytes:
    """The whole content of a document's stored file, checked (see :func:`stored_chunks`)."""
    return b"".join(stored_chunks(vault, sha256, size))


def copy_stored(
    vault: Vault,
    sha256: str,
    size: int,
    target: Path,
    on_write: Callable[[int], None] | None = None,
    *,
    mode: int = 0o600,
) -> Path:
    """Copy a document's stored file to ``target`` (a file the person chose, or one in a
    private folder), checked on the way: the copy appears only once it is complete and
    its content is right; otherwise nothing is left and :class:`StoredFileRefused` says why.
    ``target`` itself must not be a link (see :class:`.atomic_write.AtomicWriter`)."""
    with AtomicWriter(target.parent, target.name, mode=mode) as writer:
        for chunk in stored_chunks(vault, sha256, size):
            writer.stream.write(chunk)
            if on_write is not None:
                on_write(len(chunk))
        return writer.commit()


def stored_state(vault: Vault, sha256: str, size: int) -> StoredFileRefused | None:
    """Without reading it: None when the file is there, a regular file of ``size`` bytes;
    else why it cannot be used."""
    try:
        with open_stored(vault, sha256, size):
            return None
    except StoredFileRefused as exc:
        return exc


__all__ = [
    "StoredFileRefused",
    "copy_stored",
    "open_raw",
    "open_stored",
    "open_vault_file",
    "read_stored",
    "refusal_message",
    "stored_chunks",
    "stored_state",
]
