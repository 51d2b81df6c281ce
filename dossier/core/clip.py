"""A text cut to a length, with "…" where it was cut."""

from __future__ import annotations


def clip(text: str, limit: int) -> str:
    """``text`` as it is when it has at most ``limit`` characters; else its first ones,
    without trailing space, and "…", ``limit`` characters in all."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clip_line(text: str, limit: int) -> str:
    """``text`` on one line (its runs of spaces and line breaks made one space), clipped."""
    return clip(" ".join(text.split()), limit)


__all__ = ["clip", "clip_line"]
