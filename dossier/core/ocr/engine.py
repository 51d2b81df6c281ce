"""Recognising one page, inside a sandboxed reader process (see :mod:`..importer.pool`).

A page is made an upright greyscale image first (a PDF page drawn at 300 dpi, a photo
turned as its EXIF orientation says, then levelled when it lies a little askew, see
:mod:`.deskew`), within the same limits as reading the file at import. Tesseract's own
orientation and script detection then says whether the page lies on its side or upside
down, and which alphabet it is written in: the page is read in the languages asked for
that are written in that alphabet (or in the alphabet's own languages, for a Hebrew
letter in a Dutch dossier), and read again in the language its text turns out to be in
when that is another of the five.

One engine per language set is kept in each reader process (at most two), so a page costs
no process start and no loading of language data.
"""

from __future__ import annotations

import json
import math
import os
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from ..i18n import tr
from ..importer.handlers import (
    MAX_PAGE_CHARS,
    Source,
    Unreadable,
    _page_text,
    open_image,
    pdfium_source,
)
from ..media_types import JPEG, PDF, PNG, TIFF
from .deskew import straighten
from .languages import ENGINE_CODES, SCRIPT_LANGUAGES, engine_languages, tessdata_dir
from .queue import MAX_PAGE_NUMBER

# One thread per engine: the pool runs one engine per core, and Tesseract's own threads
# only wait for each other on a busy machine.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

DPI = 300
MAX_OCR_PIXELS = 40_000_000  # an A4 page at 300 dpi is 8.7 million; larger pages are scaled
GOOD_CONFIDENCE = 75  # below this, orientation and script are checked and the page read again
OSD_SIDE = 2000  # orientation is detected on the page scaled to this many pixels at most
MIN_OSD_CONFIDENCE = 1.5
MAX_ENGINES = 4  # one per alphabet of the five languages, plus one the person asked for
PROBE_SIDE = 1200  # a photo is first looked at this small: a fifth of a second for a page
PROBE_WORDS = 8  # words of any confidence that show a picture holds text…
PROBE_SURE = 50
PROBE_SURE_WORDS = 3  # …or words read at least this sure


@dataclass
class Reading:
    """What was read on a page: text, Tesseract's mean word confidence (0-100, None when
    the page holds no text), the languages read in (two-letter codes) and how many degrees
    the page was turned to stand upright."""

    text: str
    confidence: int | None
    languages: tuple[str, ...]
    rotation: int = 0


def read_page(source: Source, spec: str) -> Reading:
    """Read page ``spec["page"]`` (from 1) of the file at ``source`` (or of this content:
    a protected dossier's file, decrypted in memory); ``spec`` is JSON with
    ``media_type``, ``page``, ``languages`` (codes) and ``fixed`` (the person chose them:
    read in no others). Raises :class:`Unreadable` with the reason in plain words."""
    request = json.loads(spec)
    languages = tuple(request["languages"])
    media_type = request["media_type"]
    image = load_page(source, media_type, int(request["page"]))
    photo = media_type != PDF  # a photo may be of a knee or a rash: look for text first
    return recognise(image, languages, fixed=bool(request.get("fixed")), probe=photo)


def recognise(
    image: Any, languages: tuple[str, ...], *, fixed: bool = False, probe: bool = False
) -> Reading:
    """Read ``image`` (greyscale PIL image); see the module's description. ``probe``: first
    look on a small copy whether the picture holds text at all (a photo of a wound, an
    X-ray: Tesseract spends a minute finding none in the grain of a large photo)."""
    image, _skew = straighten(image)
    if probe and not _holds_text(image):
        return Reading("", None, languages)
    several = len({_script_of(code) for code in languages}) > 1
    if several and not fixed:  # which alphabet first: it says which languages to read in
        rotation, script = _orientation(image)
        best, upright = _read_turned(image, rotation, _for_script(languages, script))
    else:  # one alphabet: the orientation only when the page reads poorly
        best, upright = _read(image, languages), image
        if best.confidence is None or best.confidence < GOOD_CONFIDENCE:
            rotation, script = _orientation(image)
            chosen = languages if fixed else _for_script(languages, script)
            if rotation or chosen != languages:
                second, turned = _read_turned(image, rotation, chosen)
                if _score(second) > _score(best):
                    best, upright = second, turned
    if not fixed:
        best = _in_own_language(upright, best)
    return best


def _read_turned(image: Any, rotation: int, languages: tuple[str, ...]) -> tuple[Reading, Any]:
    """(the reading, the image read) of ``image`` turned by ``rotation`` degrees; unturned
    when that reads better (the detection can be wrong on a sparse page)."""
    if not rotation:
        return _read(image, languages), image
    # levelled again: a page lying on its side was measured sideways
    upright, _skew = straighten(image.rotate(rotation, expand=True, fillcolor=255))
    turned = _read(upright, languages)
    turned.rotation = rotation
    if turned.confidence is not None and turned.confidence >= GOOD_CONFIDENCE:
        return turned, upright
    unturned = _read(image, languages)
    if _score(unturned) > _score(turned):
        return unturned, image
    return turned, upright


def _script_of(code: str) -> str:
    return next((s for s, codes in SCRIPT_LANGUAGES.items() if code in codes), "")


def _for_script(languages: tuple[str, ...], script: str | None) -> tuple[str, ...]:
    """Of the languages asked for, those written in the page's alphabet (reading a Dutch
    letter in Hebrew and Russian too costs time and adds misread words); the alphabet's
    own languages when none of those asked for is written in it (a Hebrew letter in a
    Dutch dossier). English stays for the Latin words of any letter, when asked for."""
    suited = SCRIPT_LANGUAGES.get(script or "", ())
    if not suited:
        return languages
    own = tuple(c for c in languages if c in suited)
    picked = own or _installed(suited)
    if not picked:
        return languages
    if "en" in languages or not own:
        picked = _with_english(picked)
    return picked


def _installed(codes: tuple[str, ...]) -> tuple[str, ...]:
    folder = tessdata_dir()
    if folder is None:
        return ()
    return tuple(c for c in codes if (folder / f"{ENGINE_CODES[c]}.traineddata").is_file())


def _in_own_language(image: Any, reading: Reading) -> Reading:
    """Read the page again in the language its text turns out to be in, when that is one
    of the five and it was read without it (a Dutch letter read in English loses its
    accents); the better reading is kept."""
    from ..language_guess import guess_language

    guessed = guess_language(reading.text)
    if guessed not in ENGINE_CODES or guessed in reading.languages:
        return reading
    folder = tessdata_dir()
    if folder is None or not (folder / f"{ENGINE_CODES[guessed]}.traineddata").is_file():
        return reading
    again = _read(image, _with_english((guessed,)))
    again.rotation = reading.rotation
    return again if _score(again) >= _score(reading) else reading


def _with_english(codes: tuple[str, ...]) -> tuple[str, ...]:
    return codes if "en" in codes else (*codes, "en")


def _score(reading: Reading) -> float:
    """Confidence weighted by how much was read: a lone confident word on a page read
    sideways does not beat a page of text read the right way up."""
    if reading.confidence is None:
        return -1.0
    letters = sum(ch.isalnum() for ch in reading.text)
    return reading.confidence * math.log1p(letters)


def _read(image: Any, languages: tuple[str, ...]) -> Reading:
    api = _engine(engine_languages(languages))
    api.SetImage(image)
    api.SetSourceResolution(_resolution(image))
    # Tesseract marks the direction of Latin runs in Hebrew text (LRM, RLM): the window
    # and the printouts set direction themselves.
    text = _page_text(api.GetUTF8Text() or "").translate(_MARKS)[:MAX_PAGE_CHARS]
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    confidence = int(api.MeanTextConf()) if text.strip() else None
    api.Clear()
    return Reading(text, confidence, languages)


def _holds_text(image: Any) -> bool:
    """Whether a copy of ``image`` at most :data:`PROBE_SIDE` pixels long shows words, read
    in English alone (quick): a page of text shows hundreds (in another alphabet as many
    wrong ones), the grain of a photo one or two."""
    small = image.copy()
    small.thumbnail((PROBE_SIDE, PROBE_SIDE))
    api = _engine(engine_languages(("en",)))
    api.SetImage(small)
    api.SetSourceResolution(_resolution(small))
    api.GetUTF8Text()
    confidences = list(api.AllWordConfidences() or [])
    api.Clear()
    sure = sum(1 for c in confidences if c >= PROBE_SURE)
    return len(confidences) >= PROBE_WORDS or sure >= PROBE_SURE_WORDS


_MARKS = {0x200E: None, 0x200F: None}


def _resolution(image: Any) -> int:
    """The page's resolution as Tesseract wants it: a page is about A4, 11.7 inches long."""
    longest: int = max(image.size)
    return max(70, min(1200, round(longest / 11.7)))


def _orientation(image: Any) -> tuple[int, str | None]:
    """(degrees to turn the page counter-clockwise to stand it upright, its script) by
    Tesseract's detection; (0, None) when it cannot tell."""
    folder = tessdata_dir()
    if folder is None or not (folder / "osd.traineddata").is_file():
        return 0, None
    import tesserocr

    small = image.copy()
    small.thumbnail((OSD_SIDE, OSD_SIDE))
    api = _engine("osd", psm=tesserocr.PSM.OSD_ONLY)
    api.SetImage(small)
    api.SetSourceResolution(_resolution(small))
    try:
        found = api.DetectOrientationScript()
    except RuntimeError:
        found = None
    finally:
        api.Clear()
    if not found:
        return 0, None
    degrees = int(found.get("orient_deg") or 0) % 360
    if float(found.get("orient_conf") or 0) < MIN_OSD_CONFIDENCE:
        degrees = 0
    script = found.get("script_name") if float(found.get("script_conf") or 0) > 0.5 else None
    return degrees, script


_ENGINES: OrderedDict[tuple[str, int], Any] = OrderedDict()


def _engine(languages: str, *, psm: int | None = None) -> Any:
    """A Tesseract engine for ``languages`` (kept for the next page; the least recently
    used is ended when a third is needed)."""
    import tesserocr

    mode = tesserocr.PSM.AUTO if psm is None else psm
    key = (languages, int(mode))
    if key in _ENGINES:
        _ENGINES.move_to_end(key)
        return _ENGINES[key]
    folder = tessdata_dir()
    if folder is None:
        raise Unreadable(missing_engine())
    try:
        api = tesserocr.PyTessBaseAPI(path=str(folder) + os.sep, lang=languages, psm=mode)
    except RuntimeError as exc:
        raise Unreadable(missing_engine()) from exc
    _ENGINES[key] = api
    while len(_ENGINES) > MAX_ENGINES + 1:  # the orientation engine comes on top
        _ENGINES.popitem(last=False)[1].End()
    return api


def missing_engine() -> str:
    """Why no page can be read on this computer."""
    return tr(
        "Scanned pages cannot be read on this computer: the text recognition engine "
        "(Tesseract) or its language data is missing."
    )


def load_page(source: Source, media_type: str, page: int) -> Any:
    """Page ``page`` (from 1) of the file as an upright greyscale PIL image."""
    if media_type == PDF:
        return _pdf_page(source, page)
    if media_type in (JPEG, PNG, TIFF):
        return _image_page(source, media_type, page)
    raise Unreadable(tr("This kind of file has no pages to read."))


def _pdf_page(source: Source, page: int) -> Any:
    import pypdfium2 as pdfium

    from ..importer.pdf_judge import damaged, judge_pdf

    judged = judge_pdf(source)
    if judged.refused is not None:
        raise Unreadable(judged.refused)
    try:
        document = pdfium.PdfDocument(pdfium_source(source, judged))
    except pdfium.PdfiumError as exc:
        raise Unreadable(damaged()) from exc
    try:
        if not 1 <= page <= len(document):
            raise Unreadable(tr("The file has no page {page}.", page=page))
        sheet = document[page - 1]
        try:
            width, height = sheet.get_size()
            scale = DPI / 72
            if width * height * scale * scale > MAX_OCR_PIXELS:
                scale = math.sqrt(MAX_OCR_PIXELS / max(width * height, 1))
            bitmap = sheet.render(scale=scale, grayscale=True)
            return bitmap.to_pil().convert("L")
        finally:
            sheet.close()
    except pdfium.PdfiumError as exc:
        raise Unreadable(damaged()) from exc
    finally:
        document.close()


def _image_page(source: Source, media_type: str, page: int) -> Any:
    from PIL import ImageOps

    with open_image(source, media_type) as image:
        if page > min(int(getattr(image, "n_frames", 1)), MAX_PAGE_NUMBER):
            raise Unreadable(tr("The file has no page {page}.", page=page))
        image.seek(page - 1)
        image.load()
        upright = ImageOps.exif_transpose(image) or image
        grey = upright.convert("L")
    width, height = grey.size
    if width * height > MAX_OCR_PIXELS:
        factor = math.sqrt(MAX_OCR_PIXELS / (width * height))
        grey = grey.resize((max(1, int(width * factor)), max(1, int(height * factor))))
    return grey


__all__ = [
    "DPI",
    "ENGINE_CODES",
    "GOOD_CONFIDENCE",
    "Reading",
    "load_page",
    "missing_engine",
    "read_page",
    "recognise",
]
