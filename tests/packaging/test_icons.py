"""The application icons made from resources/icons/app.svg at build time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.packaging.bundle import load_script

build_icons = load_script("build_icons")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_icons.build_icons(tmp_path_factory.mktemp("icons"))


def test_png_sizes_are_rendered_from_the_svg(made: Any) -> None:
    pngs: dict[int, Path] = made.pngs
    assert sorted(pngs) == [16, 24, 32, 48, 64, 128, 256, 512, 1024]
    for size, path in pngs.items():
        with Image.open(path) as image:
            assert image.format == "PNG" and image.size == (size, size)
            alpha = image.getchannel("A")
            # Drawn, with a transparent margin: corners clear, the middle covered.
            assert alpha.getpixel((0, 0)) == 0
            assert alpha.getpixel((size // 2, size // 2)) == 255


def test_ico_and_icns_hold_every_size(made: Any) -> None:
    with Image.open(made.ico) as ico:
        assert ico.format == "ICO"
        assert sorted(ico.info["sizes"]) == [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    with Image.open(made.icns) as icns:
        assert icns.format == "ICNS"
        assert icns.size == (1024, 1024)
        assert {size[:2] for size in icns.info["sizes"]} >= {(16, 16), (32, 32), (512, 512)}


def test_an_invalid_svg_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg", encoding="utf-8")
    with pytest.raises(ValueError, match="not a valid SVG"):
        build_icons.render_png(broken, 16, tmp_path / "x.png")
