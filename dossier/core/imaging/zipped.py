"""A disc sent as a ``.zip``: unpacked into a temporary folder, within bounds.

Only plain files are unpacked (a link is left out), under names made of plain parts, each
no larger than it says and all of them together no larger than :data:`MAX_TOTAL` nor
:data:`MAX_RATIO` times the zip itself; a name that leads outside (an absolute path, a
drive, ".."), an encrypted entry, too many entries, a zip bomb, or a file that grows beyond
its declared size stops the unpacking with a plain reason and leaves nothing behind.
"""

from __future__ import annotations

import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from ..errors import DossierError
from ..i18n import tr
from .disc import MAX_FILE_BYTES

MAX_ENTRIES = 60_000
MAX_TOTAL = 16 << 30  # 16 GiB: more than a dual-layer DVD
CHUNK = 1 << 20
SPARE = 256 << 20  # left free on the disk that takes the unpacked files
MAX_RATIO = 100  # unpacked / packed: a disc's images shrink to a half or a third, not 1/100
RATIO_FLOOR = 64 << 20  # below this, a high ratio (a zip of a few empty files) does no harm


def is_zip(path: Path) -> bool:
    try:
        return path.is_file() and zipfile.is_zipfile(path)
    except OSError:
        return False


@contextmanager
def unpacked(path: Path) -> Iterator[Path]:
    """The folder the zip at ``path`` unpacks to; removed again afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="dossier-disc-"))
    try:
        _unpack(path, folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _refused(reason: str) -> DossierError:
    return DossierError(tr("This zip file cannot be read as a disc: {reason}", reason=reason))


def _unpack(path: Path, folder: Path) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refused(tr("it is damaged.")) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise _refused(tr("it holds too many files."))
        if any(_leaves(info.filename) for info in infos):
            raise _refused(tr("a name in it leads outside its own folders."))
        wanted = [(info, _safe_name(info)) for info in infos if not info.is_dir()]
        total = sum(info.file_size for info, name in wanted if name is not None)
        if total > MAX_TOTAL:
            raise _refused(tr("it unpacks to more than 16 GB."))
        if total > RATIO_FLOOR and total > MAX_RATIO * path.stat().st_size:
            raise _refused(
                tr("it would grow to more than a hundred times its size, as no disc does.")
            )
        if total + SPARE > shutil.disk_usage(folder).free:
            raise _refused(tr("there is not enough free space on the disk to unpack it."))
        for info, name in wanted:
            if name is None:
                continue
            if info.flag_bits & 0x1:
                raise _refused(tr("it is protected with a password."))
            if info.file_size > MAX_FILE_BYTES:
                continue  # never an image of a disc: left out, like the disc's programs
            target = folder.joinpath(*name.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            _copy(archive, info, target)


def _leaves(filename: str) -> bool:
    """Whether an entry's name could lead outside the folder it is unpacked into: absolute,
    a drive, or "..". No disc's zip holds such a name; one that does is not unpacked."""
    name = filename.replace("\\", "/")
    parts = name.split("/")
    return name.startswith("/") or any(p == ".." or ":" in p for p in parts)


def _safe_name(info: zipfile.ZipInfo) -> PurePosixPath | None:
    """The entry's name as plain parts, or None for a link (never made: what it points to
    is not the disc's) or a name that could leave the folder."""
    if stat.S_ISLNK(info.external_attr >> 16):
        return None
    name = info.filename.replace("\\", "/")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or _leaves(info.filename):
        return None
    if any(p.startswith(".") for p in parts):
        return None
    return PurePosixPath(*parts)


def _copy(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    written = 0
    try:
        with archive.open(info) as source, target.open("xb") as sink:
            while chunk := source.read(CHUNK):
                written += len(chunk)
                if written > info.file_size:
                    raise _refused(tr("a file in it is larger than it says."))
                sink.write(chunk)
    except FileExistsError:
        return  # the same name twice: the first is kept
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise _refused(tr("it is damaged.")) from exc


__all__ = ["MAX_TOTAL", "is_zip", "unpacked"]
