"""The archive file, written as every replaced file is (:mod:`...atomic_write`), with one
addition: its temporary file is registered as the program's unfinished work
(:mod:`...unfinished`), so one left by a killed export is recognised and removed at the
next start or export.

The temporary file is ``.<archive name>.<random>.part`` beside the target. A link at the
target is replaced by the archive, never written through (the person chose that name,
and allowed replacing what is there).
"""

from __future__ import annotations

import secrets
from pathlib import Path

from ..atomic_write import AtomicWriter
from ..unfinished import Work, begin_file


class AtomicFile(AtomicWriter):
    """``stream`` writes the new content of ``target``; nothing shows there until
    :meth:`commit`. ``about``: the dossier it is made from (for ``check`` to name a
    leftover)."""

    def __init__(self, target: Path, *, about: Path) -> None:
        self.about = about
        self.work: Work | None = None
        super().__init__(target.parent, target.name, links="replace")

    def _new_temporary(self, mode: int, suffix: str) -> tuple[int, Path]:
        name = f".{self.name}.{secrets.token_hex(4)}.part"
        self.work, fd = begin_file("export", self.root / name, about=self.about)
        return fd, self.work.path

    def _remove_temporary(self) -> None:
        if self.work is not None:
            self.work.remove()

    def _committed(self) -> None:
        if self.work is not None:
            self.work.forget()


__all__ = ["AtomicFile"]
