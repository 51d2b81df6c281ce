#!/usr/bin/env python3
"""Application icons made from resources/icons/app.svg at build time.

    python packaging/build_icons.py OUT_DIR [SVG]

writes OUT_DIR/png/<size>.png (16 to 1024 pixels), OUT_DIR/app.ico (Windows, 16 to 256)
and OUT_DIR/app.icns (macOS, 32 to 1024). Each size is rendered from the SVG by Qt
(QSvgRenderer, offscreen: no screen needed), not scaled down from a larger picture, so the
small sizes stay sharp; Pillow writes the .ico and .icns files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SVG = REPO / "resources" / "icons" / "app.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)  # what Pillow's ICNS writer stores


@dataclass(frozen=True)
class Icons:
    pngs: dict[int, Path]
    ico: Path
    icns: Path


def _qt_app() -> object:
    """The running Qt application, or a new offscreen one. A QApplication, not the lighter
    QGuiApplication, so that a window (or pytest-qt) started later in the process can use it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def render_png(svg: Path, size: int, out: Path) -> Path:
    """The SVG drawn into a transparent ``size`` x ``size`` PNG."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _qt_app()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        raise OSError(f"could not write {out}")
    return out


def build_icons(out_dir: Path, svg: Path = SVG) -> Icons:
    from PIL import Image

    pngs = {size: render_png(svg, size, out_dir / "png" / f"{size}.png") for size in PNG_SIZES}
    images = {size: Image.open(path) for size, path in pngs.items()}
    ico = out_dir / "app.ico"
    largest_ico = images[max(ICO_SIZES)]
    largest_ico.save(
        ico,
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[images[size] for size in ICO_SIZES if size != max(ICO_SIZES)],
    )
    icns = out_dir / "app.icns"
    images[max(ICNS_SIZES)].save(
        icns, format="ICNS", append_images=[images[size] for size in ICNS_SIZES]
    )
    for image in images.values():
        image.close()
    return Icons(pngs, ico, icns)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) not in (1, 2):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        icons = build_icons(Path(args[0]), *(Path(arg) for arg in args[1:]))
    except ValueError as exc:
        print(f"build_icons: {exc}", file=sys.stderr)
        return 1
    print(f"{len(icons.pngs)} PNG sizes, {icons.ico.name}, {icons.icns.name} in {args[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
