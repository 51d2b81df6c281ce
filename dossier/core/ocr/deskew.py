"""Straightening a page photographed or scanned a little askew.

Tesseract loses whole paragraphs of a page turned by a degree or two (their lines run
into each other), which a phone photo of a letter nearly always is. The angle is found
the classic way: the page's dark pixels are summed row by row at each candidate angle,
and the angle at which the rows are most unequal (lines of text and the white between
them) is the one the text runs at. Measured on a small copy of the page's middle, so the
table around a photographed letter and its edges do not count.
"""

from __future__ import annotations

from typing import Any

SIDE = 800  # the copy the angle is measured on, in pixels at most
LARGEST = 6.0  # degrees either way
STEP = 0.5
FINE_STEP = 0.1
SMALLEST = 0.3  # a page turned less than this is left alone


def straighten(image: Any) -> tuple[Any, float]:
    """(``image`` turned so its lines run level, the degrees it was turned)."""
    angle = skew_angle(image)
    if abs(angle) < SMALLEST:
        return image, 0.0
    from PIL import Image

    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return turned, angle


def skew_angle(image: Any) -> float:
    """The angle (degrees, counter-clockwise) that levels the text lines of ``image``."""
    from PIL import Image, ImageStat

    small = image.copy()
    small.thumbnail((SIDE, SIDE))
    width, height = small.size
    if width < 50 or height < 50:
        return 0.0
    middle = small.crop((width // 10, height // 10, width - width // 10, height - height // 10))
    median = ImageStat.Stat(middle).median[0]
    ink = middle.point(lambda v: 255 if v < median - 50 else 0)
    if not ink.getbbox():
        return 0.0

    def spread(angle: float) -> float:
        turned = ink.rotate(angle)
        rows = turned.resize((1, turned.height), Image.Resampling.BOX)
        variance: float = ImageStat.Stat(rows).var[0]
        return variance

    coarse = [i * STEP for i in range(-int(LARGEST / STEP), int(LARGEST / STEP) + 1)]
    best = max(coarse, key=spread)
    fine = [best + i * FINE_STEP for i in range(-4, 5)]
    angle: float = max(fine, key=spread)
    return round(angle, 1)


__all__ = ["skew_angle", "straighten"]
