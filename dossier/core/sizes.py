"""Sizes in the words a person reads at a glance: "830 KB", "1.2 GB"."""

from __future__ import annotations


def human_size(size: int) -> str:
    """``size`` bytes in words a person reads at a glance: "830 KB", "1.2 GB"."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            break
        value /= 1000
    if unit == "bytes":
        return f"{int(value)} bytes"
    return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
