"""The import's quick PNG writer: the same pixels as the thumbnail it was given, a valid file."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from dossier.core.importer.thumbnail_png import png_bytes
from dossier.core.integrity.files import thumbnail_readable


def _noisy(size: tuple[int, int], mode: str) -> Image.Image:
    picture = Image.effect_noise(size, 80).convert("RGB")
    picture.paste((250, 250, 250), (0, 0, size[0] // 2, size[1] // 2))  # a white corner
    return picture.convert(mode)


@pytest.mark.parametrize("size", [(256, 192), (182, 256), (1, 1), (1, 40), (40, 1), (3, 7)])
def test_the_same_pixels_in_a_valid_png(size: tuple[int, int]) -> None:
    picture = _noisy(size, "RGB")
    data = png_bytes(picture)
    assert thumbnail_readable(io.BytesIO(data))  # every chunk's checksum is right
    with Image.open(io.BytesIO(data), formats=["PNG"]) as read:
        assert read.mode == "RGB" and read.size == size
        assert read.tobytes() == picture.tobytes()


@pytest.mark.parametrize("mode", ["L", "RGBA", "P", "CMYK"])
def test_other_modes_are_written_as_rgb(mode: str) -> None:
    picture = _noisy((64, 48), mode)
    with Image.open(io.BytesIO(png_bytes(picture))) as read:
        assert read.mode == "RGB"
        assert read.tobytes() == picture.convert("RGB").tobytes()


def test_a_page_thumbnail_is_no_larger_than_pillows() -> None:
    page = Image.new("RGB", (182, 256), "white")
    for row in range(20, 240, 12):  # lines of "text"
        page.paste((30, 30, 30), (15, row, 160, row + 3))
    ours = png_bytes(page)
    pillows = io.BytesIO()
    page.save(pillows, "PNG", compress_level=1)
    assert len(ours) <= 1.2 * len(pillows.getvalue())


def test_an_empty_picture_is_refused() -> None:
    with pytest.raises(ValueError):
        png_bytes(Image.new("RGB", (0, 5)))
