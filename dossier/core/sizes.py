"""Sizes in the words a person reads at a glance: "830 kB", "1.2 GB"."""

from __future__ import annotations

from .locale_format import file_size


def human_size(size: int) -> str:
    """``size`` bytes in words a person reads at a glance: "830 kB", "1.2 GB", in the
    current language."""
    return file_size(size)
