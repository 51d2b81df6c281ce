"""One image of a DICOM file as 8-bit pixels for the screen (worker side).

Decoded in a sandboxed reader process (memory and time limits), with the file's own
rescale and window (its "window/level"); an image whose declared size is beyond what any
scanner makes is refused before a byte of it is decoded.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from ..i18n import tr
from ..importer.handlers import Unreadable

MAX_SIDE = 16_384  # pixels: larger than any X-ray detector or slide scan a disc carries
MAX_FRAME_BYTES = 256 << 20
MAX_SHOWN = 2048  # longest side sent to the window


def render_image(path: Path, what: str) -> dict[str, Any]:
    """``what``: JSON ``{"frame": n}``. Returns ``{"width", "height", "format" ("gray8" or
    "rgb888"), "data" (bytes, rows top to bottom), "frames"}``."""
    import numpy as np
    from pydicom import dcmread
    from pydicom.errors import InvalidDicomError
    from pydicom.pixels.utils import pixel_array

    try:
        frame = int(json.loads(what or "{}").get("frame", 0))
    except (ValueError, TypeError, AttributeError):
        frame = 0
    try:
        ds = dcmread(path, stop_before_pixels=True)
    except InvalidDicomError as exc:
        raise Unreadable(tr("This DICOM file is damaged and cannot be read.")) from exc
    rows, columns = int(ds.get("Rows") or 0), int(ds.get("Columns") or 0)
    samples = int(ds.get("SamplesPerPixel") or 1)
    bits = int(ds.get("BitsAllocated") or 8)
    frames = max(1, int(ds.get("NumberOfFrames") or 1))
    if rows <= 0 or columns <= 0:
        raise Unreadable(tr("This file holds no image."))
    if rows > MAX_SIDE or columns > MAX_SIDE or samples not in (1, 3) or bits > 32:
        raise Unreadable(tr("The image is too large to show safely."))
    if rows * columns * samples * max(1, bits // 8) > MAX_FRAME_BYTES:
        raise Unreadable(tr("The image is too large to show safely."))
    frame = min(max(0, frame), frames - 1)
    with path.open("rb") as handle:
        try:
            pixels = pixel_array(handle, index=frame if frames > 1 else None)
        except (NotImplementedError, RuntimeError) as exc:
            raise Unreadable(
                tr("The images of this file are compressed in a way this program cannot show.")
            ) from exc
    if pixels.ndim == 3 and samples == 1:  # one frame asked of a multi-frame file
        pixels = pixels[0]
    step = max(1, -(-max(rows, columns) // MAX_SHOWN))
    pixels = pixels[::step, ::step]
    if samples == 3:
        data = _colour(np, pixels, bits)
        fmt = "rgb888"
    else:
        data = _grey(np, pixels, ds)
        fmt = "gray8"
    height, width = data.shape[:2]
    return {
        "width": int(width),
        "height": int(height),
        "format": fmt,
        "data": np.ascontiguousarray(data).tobytes(),
        "frames": frames,
    }


def _grey(np: Any, pixels: Any, ds: Any) -> Any:
    """Rescaled to the modality's units, then the file's first window (centre and width)
    mapped to 0-255; without a window, the values between the 0.5th and 99.5th percentile.
    MONOCHROME1 images (white is low) are turned round."""
    values = pixels.astype(np.float32)
    slope, intercept = ds.get("RescaleSlope"), ds.get("RescaleIntercept")
    with contextlib.suppress(TypeError, ValueError):
        values = values * float(slope if slope is not None else 1) + float(intercept or 0)
    low, high = _window(ds)
    if low is None or high is None or high <= low:
        low, high = (float(v) for v in np.percentile(values, (0.5, 99.5)))
        if high <= low:
            high = low + 1
    scaled = np.clip((values - low) * (255.0 / (high - low)), 0, 255).astype(np.uint8)
    if str(ds.get("PhotometricInterpretation", "")).strip() == "MONOCHROME1":
        scaled = 255 - scaled
    return scaled


def _window(ds: Any) -> tuple[float | None, float | None]:
    def first(value: Any) -> float | None:
        if value is None:
            return None
        try:
            return float(
                value[0] if hasattr(value, "__len__") and not isinstance(value, str) else value
            )
        except (TypeError, ValueError, IndexError):
            return None

    centre, width = first(ds.get("WindowCenter")), first(ds.get("WindowWidth"))
    if centre is None or width is None or width <= 0:
        return None, None
    return centre - width / 2, centre + width / 2


def _colour(np: Any, pixels: Any, bits: int) -> Any:
    if bits > 8:
        pixels = (pixels.astype(np.float32) * (255.0 / ((1 << bits) - 1))).astype(np.uint8)
    return pixels.astype(np.uint8)


__all__ = ["MAX_FRAME_BYTES", "MAX_SIDE", "render_image"]
