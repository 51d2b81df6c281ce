"""The application icons made from resources/icons/app.svg at build time."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.packaging.bundle import make_icons

PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]


@pytest.fixture(scope="module")
def icons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("icons")
    made = make_icons(out)
    assert made.returncode == 0, made.stderr
    return out


def test_png_sizes_are_rendered_from_the_svg(icons: Path) -> None:
    assert sorted(int(p.stem) for p in (icons / "png").glob("*.png")) == PNG_SIZES
    for size in PNG_SIZES:
        with Image.open(icons / "png" / f"{size}.png") as image:
            assert image.format == "PNG" and image.size == (size, size)
            alpha = image.getchannel("A")
            # Drawn, with a transparent margin: corners clear, the middle covered.
            assert alpha.getpixel((0, 0)) == 0
            assert alpha.getpixel((size // 2, size // 2)) == 255


def test_ico_and_icns_hold_every_size(icons: Path) -> None:
    with Image.open(icons / "app.ico") as ico:
        assert ico.format == "ICO"
        assert sorted(ico.info["sizes"]) == [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    with Image.open(icons / "app.icns") as icns:
        assert icns.format == "ICNS"
        assert icns.size == (1024, 1024)
        assert {size[:2] for size in icns.info["sizes"]} >= {(16, 16), (32, 32), (512, 512)}


def test_an_invalid_svg_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg", encoding="utf-8")
    made = make_icons(tmp_path / "out", broken)
    assert made.returncode == 1
    assert "not a valid SVG" in made.stderr
