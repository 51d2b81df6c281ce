"""One image of a DICOM file as 8-bit pixels for the screen (worker side).

Decoded in a sandboxed reader process (memory and time limits), with the file's own
rescale and window (its "window/level"); an image whose declared size is beyond what any
scanner makes is refused before a byte of it is decoded.
"""

from __future__ import annotations

import contextlib
import json
import struct
from typing import Any, BinaryIO

from ..i18n import tr
from ..importer.handlers import Source, Unreadable, opened

MAX_SIDE = 16_384  # pixels: larger than any X-ray detector or slide scan a disc carries
MAX_FRAME_BYTES = 256 << 20
MAX_SHOWN = 2048  # longest side sent to the window
# JPEG's start-of-frame markers (baseline, extended, progressive, lossless…; JPEG-LS)
_SOF = frozenset(
    {*range(0xC0, 0xC4), *range(0xC5, 0xC8), *range(0xC9, 0xCC), 0xCD, 0xCE, 0xCF, 0xF7}
)


def render_image(source: Source, what: str) -> dict[str, Any]:
    """The image of the file at ``source`` (or of this content); ``what``: JSON
    ``{"frame": n}``. Returns ``{"width", "height", "format" ("gray8" or
    "rgb888"), "data" (bytes, rows top to bottom), "frames"}``."""
    import numpy as np
    from pydicom import dcmread
    from pydicom.errors import InvalidDicomError
    from pydicom.pixels.utils import pixel_array

    try:
        frame = int(json.loads(what or "{}").get("frame", 0))
    except (ValueError, TypeError, AttributeError):
        frame = 0
    with opened(source) as handle:
        try:
            ds = dcmread(handle, stop_before_pixels=True)
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
        syntax = getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", None)
        if syntax is not None and syntax.is_encapsulated:
            declared = _declared_size(handle, frame, frames)
            if declared is not None and declared != (columns, rows):
                raise Unreadable(
                    tr(
                        "The image's compressed data does not match its description "
                        "(it says {width} x {height} pixels); it cannot be shown safely.",
                        width=declared[0],
                        height=declared[1],
                    )
                )
        handle.seek(0)
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


def _declared_size(handle: BinaryIO, frame: int, frames: int) -> tuple[int, int] | None:
    """The (width, height) that the compressed data of ``frame`` declares (JPEG, JPEG-LS,
    JPEG 2000), read before any decoder sees it: a decoder makes room for what the data
    declares, whatever the file's own Rows and Columns say. None when it does not say in a
    way known here (RLE holds no size of its own). ``handle`` is at the pixel data."""
    from pydicom.encaps import get_frame

    head = handle.read(12)
    if head[:4] != b"\xe0\x7f\x10\x00":
        return None
    try:
        data = get_frame(handle, frame, number_of_frames=frames)[:65536]
    except (ValueError, EOFError, struct.error):
        return None
    soc = data.find(b"\xff\x4f\xff\x51", 0, 4096)  # JPEG 2000: SOC, then SIZ
    if soc >= 0 and len(data) >= soc + 24:
        x, y, x0, y0 = struct.unpack_from(">IIII", data, soc + 8)
        return x - x0, y - y0
    if data[:2] != b"\xff\xd8":  # nor JPEG
        return None
    at = 2
    while at + 9 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # a fill byte
            at += 1
            continue
        if marker == 0xDA:  # the scan starts: no frame header before it
            return None
        if marker in _SOF:
            height, width = struct.unpack_from(">HH", data, at + 5)
            return (width, height) if height else None  # 0: the height comes later
        at += 2 + struct.unpack_from(">H", data, at + 2)[0]
    return None


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
