"""Makers of realistic scans for the OCR tests: letters on A4, scanned, photographed, turned.

Not a test module. Everything is deterministic (seeded) and offline.

Each page starts as a real text PDF (written with ``dossier.core.textpdf``, DejaVu Sans for
Hebrew and Cyrillic, right-to-left lines set from the right), rendered with pypdfium2, so
its letters look like a printed letter's. From there:

* :func:`page_image`: the page as a grayscale image, upright or turned by 90, 180 or 270
  degrees (a letter fed to the scanner sideways or upside down), or as a phone photo (a
  slight skew, uneven light, grain, a little blur, JPEG artefacts, grey paper on a table);
* :func:`scanned_pdf`: an image-only PDF, as a scanner makes, with no text layer;
* :func:`photo_jpeg`: a phone photo with an EXIF Orientation (pixels stored turned, as a
  phone stores them) and an EXIF DateTimeOriginal;
* :func:`mixed_pdf`: a text page followed by a scanned page;
* :func:`write_page_file`: one page as a PNG scan or a JPEG photo, described by a
  picklable :class:`PageFile` (for makers that run in worker processes);
* :func:`source_text` and :func:`cer`: the ground truth and the character error rate.

The five letters in :data:`LETTERS` (English, Dutch, Hebrew, Ukrainian, Russian) were
written for these tests; each holds its language's :data:`KEYWORDS` word exactly once.
"""

from __future__ import annotations

import io
import random
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from statistics import NormalDist
from typing import Final

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageFilter, ImageOps
from pypdf import PdfReader, PdfWriter

from dossier.core.textpdf import Block, render_pdf

__all__ = [
    "EXIF_DATE",
    "KEYWORDS",
    "LANGUAGES",
    "LETTERS",
    "TESSERACT",
    "PageFile",
    "cer",
    "edit_distance",
    "letter_blocks",
    "mixed_pdf",
    "normalise",
    "page_image",
    "photo_jpeg",
    "scanned_pdf",
    "source_text",
    "write_page_file",
]

LANGUAGES: Final[tuple[str, ...]] = ("en", "nl", "he", "uk", "ru")

# Tesseract's name of each language's trained data.
TESSERACT: Final[dict[str, str]] = {"en": "eng", "nl": "nld", "he": "heb", "uk": "ukr", "ru": "rus"}

# The letters: the first line is the sender, the second the title, then one paragraph a line.
LETTERS: Final[dict[str, str]] = {
    "en": """\
Northfield General Hospital, Department of Cardiology
Discharge letter
Dear Dr Henderson,
We discharged your patient, Mr Thomas Whitfield, born 14 March 1958, on 9 February 2026 after an admission of six days. He presented with palpitations and shortness of breath on exertion. The electrocardiogram showed atrial fibrillation with a rapid ventricular response of 140 beats per minute. Echocardiography revealed a mildly dilated left atrium and a preserved ejection fraction of 55 percent. Thyroid function and electrolytes were normal.
Rate control was started with bisoprolol 5 mg once daily, and sinus rhythm was restored with intravenous Amiodarone on the third day. Anticoagulation with apixaban 5 mg twice daily was begun because of his stroke risk score of three.
We kindly ask you to check his heart rhythm, blood pressure and kidney function in two weeks. A follow-up visit at our outpatient clinic is planned for 20 April 2026. Please contact us if his symptoms return.
Yours sincerely,
Dr Margaret Ellison, consultant cardiologist""",
    "nl": """\
Ziekenhuis Rivierenland, afdeling Interne Geneeskunde
Ontslagbrief
Geachte collega Van den Berg,
Uw patiënte, mevrouw Anna de Vries, geboren op 2 juni 1949, was van 3 tot en met 10 februari 2026 op onze afdeling opgenomen wegens een longontsteking rechts. Zij had koorts, hoestte veel en werd steeds kortademiger. Het bloedonderzoek liet een verhoogd CRP van 182 mg/L zien en de nierfunctie was licht verminderd. Op de thoraxfoto was een infiltraat in de rechter onderkwab zichtbaar.
Zij werd eerst behandeld met antibiotica via het infuus en daarna met Amoxicilline tabletten, in totaal zeven dagen. De koorts verdween binnen drie dagen en zij had al snel geen extra zuurstof meer nodig.
Wij adviseren over zes weken een controlefoto te maken en dan ook de nierfunctie opnieuw te bepalen. Haar metoprolol en de overige medicatie zijn niet gewijzigd. Wilt u haar bij verslechtering direct naar ons terugverwijzen?
Met vriendelijke groet,
dr. Pieter Janssen, internist""",
    "he": """\
מרכז רפואי השרון, המחלקה לנוירולוגיה
מכתב הפניה
לכבוד ד"ר יעל כהן,
אני מפנה אלייך את מר אברהם לוי, יליד 1962, לבירור של כאבי ראש חוזרים וסחרחורות. בחודשיים האחרונים הוא מתלונן על כאבי ראש בשעות הבוקר, בחילה וטשטוש ראייה קל. בבדיקה הגופנית לחץ הדם היה 150/95 והבדיקה הנוירולוגית הייתה תקינה.
בבדיקות הדם נמצאו ספירת דם, תפקודי כליה ותפקודי כבד תקינים. בדיקת טומוגרפיה ממוחשבת של הראש, שבוצעה בתחילת פברואר 2026, לא הדגימה ממצא חריג.
המטופל נוטל כיום אמלודיפין 5 מ"ג פעם ביום ואספירין במינון נמוך. הוא אינו מעשן ואינו שותה אלכוהול. במשפחתו אין מקרים ידועים של מחלות נוירולוגיות.
אבקש את חוות דעתך לגבי הצורך בבדיקת תהודה מגנטית ובטיפול מונע לכאבי הראש. אודה לך אם תוכלי לראות אותו בהקדם האפשרי.
בברכה,
ד"ר משה אברמוביץ, רופא משפחה""",
    "uk": """\
Міська клінічна лікарня, клініко-діагностична лабораторія
Висновок за результатами аналізів
Пацієнтка: Олена Петренко, 1975 року народження. Дата забору крові: 11 лютого 2026 року.
Загальний аналіз крові: гемоглобін 108 г/л, що нижче норми, кількість еритроцитів дещо знижена, лейкоцити та тромбоцити в межах норми. Швидкість осідання еритроцитів 24 мм/год.
Біохімічний аналіз: рівень феритину знижений до 9 мкг/л, залізо сироватки також знижене. Показники функції печінки та нирок без відхилень. Глюкоза натще 5,1 ммоль/л.
Загальний аналіз сечі без особливостей, білок і глюкоза в сечі не виявлені.
Висновок: виявлені зміни відповідають залізодефіцитній анемії легкого ступеня. Рекомендовано консультацію терапевта, прийом препаратів заліза, зокрема Сорбіфер по одній таблетці двічі на день, та повторний аналіз крові через шість тижнів. Для з'ясування причини анемії доцільно провести гастроскопію. Під час наступного візиту слід оцінити самопочуття пацієнтки та переносимість лікування.
Лікар-лаборант: Наталія Коваленко""",
    "ru": """\
Городская больница имени Боткина, терапевтическое отделение
Выписной эпикриз
Пациент: Сергей Иванович Морозов, 1954 года рождения. Находился на стационарном лечении с 2 по 12 февраля 2026 года.
Диагноз: сахарный диабет 2 типа, декомпенсация. Гипертоническая болезнь второй стадии.
Поступил с жалобами на жажду, слабость и частое мочеиспускание. При поступлении глюкоза крови 16,4 ммоль/л, гликированный гемоглобин 9,8 процента. Проведена коррекция терапии, назначена диета, пациент прошёл обучение в школе диабета. На фоне лечения уровень глюкозы снизился до 7 ммоль/л, самочувствие улучшилось. Осложнений за время госпитализации не отмечалось. Выписан в удовлетворительном состоянии.
Рекомендации при выписке: Метформин 1000 мг два раза в день, лизиноприл 10 мг утром, ежедневный контроль глюкозы и артериального давления. Наблюдение у эндокринолога по месту жительства через месяц. Повторить анализ на гликированный гемоглобин через три месяца.
Лечащий врач: Анна Викторовна Соколова""",
}

# A word of each letter, in its own script, that occurs on the page exactly once.
KEYWORDS: Final[dict[str, str]] = {
    "en": "Amiodarone",
    "nl": "Amoxicilline",
    "he": "אמלודיפין",
    "uk": "Сорбіфер",
    "ru": "Метформин",
}

EXIF_DATE: Final[str] = "2026:03:12 10:20:00"  # DateTimeOriginal of photo_jpeg
_TAG_ORIENTATION: Final = 0x0112
_TAG_EXIF_IFD: Final = 0x8769
_TAG_DATETIME_ORIGINAL: Final = 0x9003

# How the stored pixels are turned so that a viewer applying the EXIF orientation shows the
# page upright (ImageOps.exif_transpose turns 6 by 90 degrees clockwise, 8 anticlockwise).
_STORED_FOR_ORIENTATION: Final[dict[int, Image.Transpose | None]] = {
    1: None,
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_90,
    8: Image.Transpose.ROTATE_270,
}

# A page turned clockwise by this many degrees (PIL's ROTATE_n turns anticlockwise).
_CLOCKWISE: Final[dict[int, Image.Transpose | None]] = {
    0: None,
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def _check_language(language: str) -> None:
    if language not in LETTERS:
        raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")


def letter_blocks(language: str) -> list[Block]:
    """The letter of ``language`` as ``textpdf`` blocks: sender, title, paragraphs."""
    _check_language(language)
    sender, title, *paragraphs = LETTERS[language].split("\n")
    return [Block(sender, "small"), Block(title, "title"), *(Block(p) for p in paragraphs)]


def source_text(language: str) -> str:
    """The ground truth of the letter's page: its text in reading (logical) order.

    One block (sender, title, paragraph, signature line) a line. The page wraps long
    paragraphs at other places, so compare with :func:`cer`, which ignores how whitespace
    is laid out. Hebrew is in logical order, as typed, not in the order it is drawn.
    """
    _check_language(language)
    return LETTERS[language]


@cache
def _letter_pdf(language: str) -> bytes:
    data, pages = render_pdf(letter_blocks(language), title=f"Letter ({language})")
    assert pages == 1, f"the {language} letter takes {pages} pages"
    return data


@cache
def _rendered(language: str, dpi: int) -> Image.Image:
    document = pdfium.PdfDocument(_letter_pdf(language))
    try:
        page = document[0]
        try:
            image: Image.Image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        finally:
            page.close()
    finally:
        document.close()
    return image


_OFFSETS: Final = [(dx, dy) for dy in range(-3, 4) for dx in range(-3, 4) if dx or dy]


def _shifted(image: Image.Image, seed: int) -> Image.Image:
    """The page moved by a few pixels, differently for each seed from 0 to 48 (so that the
    files of different seeds differ, as two scans of one letter do); seed 0 is not moved."""
    if seed == 0:
        return image
    dx, dy = _OFFSETS[(seed - 1) % len(_OFFSETS)]
    canvas = Image.new("L", image.size, 255)
    canvas.paste(image, (dx, dy))
    return canvas


@cache
def _gaussian_lut(sigma: float) -> tuple[int, ...]:
    """Maps a uniform byte to a normal one around 128 (inverse of the normal CDF)."""
    normal = NormalDist(128.0, sigma)
    return tuple(max(0, min(255, round(normal.inv_cdf((i + 0.5) / 256)))) for i in range(256))


def _noise(rng: random.Random, size: tuple[int, int], sigma: float) -> Image.Image:
    """Seeded gaussian grain around 128 (Image.effect_noise cannot be seeded)."""
    width, height = size
    uniform = Image.frombytes("L", size, rng.randbytes(width * height))
    return uniform.point(list(_gaussian_lut(sigma)))


def _photographed(page: Image.Image, rng: random.Random, dpi: int) -> Image.Image:
    """A phone photo of ``page`` (grayscale, upright) lying on a table: RGB.

    The work is done in grayscale (three times faster) and tinted at the end.
    """
    scale = dpi / 300
    # Grey-ish paper and not-quite-black ink, on a darker table around the page.
    paper, ink = rng.randint(196, 218), rng.randint(35, 60)
    grey = page.point(lambda v: ink + v * (paper - ink) // 255)
    table = rng.randint(60, 100)
    framed = ImageOps.expand(grey, border=round(60 * scale), fill=table)
    # A slight skew: the phone was not held square to the page.
    angle = rng.choice((-1, 1)) * rng.uniform(2.0, 4.0)
    skewed = framed.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=table)
    # Uneven light: a linear gradient at a random angle, from about 70% to full.
    light = Image.linear_gradient("L").rotate(rng.uniform(0, 360), Image.Resampling.BILINEAR)
    light = ImageOps.autocontrast(light.crop((48, 48, 208, 208)))
    light = light.point(lambda v: 180 + v * 75 // 255).resize(
        skewed.size, Image.Resampling.BILINEAR
    )
    lit = ImageChops.multiply(skewed, light)
    # Mild blur (focus, shake), then sensor grain.
    blurred = lit.filter(ImageFilter.GaussianBlur(0.9 * scale))
    noisy = ImageChops.add(blurred, _noise(rng, blurred.size, 7.0), scale=1.0, offset=-128)
    # A warm tint, then saved as a JPEG by the phone.
    tint = (rng.randint(2, 8), rng.randint(-2, 2), -rng.randint(4, 12))
    rgb = Image.merge("RGB", [noisy.point(lambda v, t=t: max(0, min(255, v + t))) for t in tint])
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=80)
    out.seek(0)
    with Image.open(out) as saved:
        return saved.convert("RGB")


def page_image(
    language: str, *, rotate: int = 0, photo: bool = False, seed: int = 0, dpi: int = 300
) -> Image.Image:
    """The letter of ``language`` on an A4 page, as a scanner or a phone sees it.

    The page is a text PDF (``dossier.core.textpdf``) rendered with pypdfium2 at ``dpi``:
    a grayscale ("L") image of 2481 x 3508 pixels at 300 dpi. ``seed`` moves a clean page
    by a few pixels (seeds 0 to 48 each give other pixels; 0 is not moved) and chooses the
    photo's skew, light and grain. ``photo``: a phone photo (RGB, a little larger than the
    page: the table shows around it). ``rotate``: the page turned clockwise by 0, 90, 180
    or 270 degrees, as a letter scanned sideways or upside down (applied last).
    """
    _check_language(language)
    if rotate not in _CLOCKWISE:
        raise ValueError(f"rotate must be one of {tuple(_CLOCKWISE)}, not {rotate!r}")
    page = _rendered(language, dpi)
    if photo:
        image = _photographed(page, random.Random(f"photo-{language}-{seed}"), dpi)
    else:
        image = _shifted(page, seed)
    turn = _CLOCKWISE[rotate]
    return image.transpose(turn) if turn is not None else image.copy()


def scanned_pdf(
    path: Path, language: str, *, pages: int = 1, rotate: int = 0, dpi: int = 300
) -> Path:
    """An image-only PDF of ``pages`` scans of the letter at ``dpi`` (no text layer), A4.

    Page ``i`` (from 0) is ``page_image(language, rotate=rotate, seed=i, dpi=dpi)``.
    """
    if pages < 1:
        raise ValueError("a scan has at least one page")
    images = [page_image(language, rotate=rotate, seed=i, dpi=dpi) for i in range(pages)]
    path = Path(path)
    images[0].save(path, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return path


def photo_jpeg(
    path: Path, language: str, *, exif_orientation: int = 1, seed: int = 0, dpi: int = 300
) -> Path:
    """A phone photo of the letter as a JPEG with EXIF Orientation and DateTimeOriginal.

    With ``exif_orientation`` 3, 6 or 8 the pixels are stored turned, as a phone held
    sideways or upside down stores them: a viewer that applies the orientation
    (``ImageOps.exif_transpose``) shows the page upright. ``dpi``: as for :func:`page_image`
    (300 dpi gives about 2800 x 3800 pixels, a 10-megapixel photo).
    """
    if exif_orientation not in _STORED_FOR_ORIENTATION:
        raise ValueError(f"exif_orientation must be 1, 3, 6 or 8, not {exif_orientation!r}")
    image = page_image(language, photo=True, seed=seed, dpi=dpi)
    turn = _STORED_FOR_ORIENTATION[exif_orientation]
    if turn is not None:
        image = image.transpose(turn)
    exif = Image.Exif()
    exif[0x010F] = "Dossier"  # Make
    exif[0x0110] = "Test phone"  # Model
    exif[_TAG_ORIENTATION] = exif_orientation
    exif.get_ifd(_TAG_EXIF_IFD)[_TAG_DATETIME_ORIGINAL] = EXIF_DATE
    path = Path(path)
    image.save(path, "JPEG", quality=85, exif=exif)
    return path


def mixed_pdf(path: Path, language: str, *, dpi: int = 300) -> Path:
    """A 2-page PDF: page 1 is the letter as text (a text layer), page 2 a scan of it
    (an image only, at ``dpi``)."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_letter_pdf(language))))
    scan = io.BytesIO()
    page_image(language, seed=1, dpi=dpi).save(scan, "PDF", resolution=float(dpi))
    writer.append(PdfReader(io.BytesIO(scan.getvalue())))
    path = Path(path)
    with path.open("wb") as out:
        writer.write(out)
    return path


@dataclass(frozen=True)
class PageFile:
    """One page to write as a file: a PNG scan, or (``photo``) a JPEG phone photo."""

    path: str
    language: str
    rotate: int = 0
    photo: bool = False
    seed: int = 0
    dpi: int = 300


def write_page_file(spec: PageFile) -> int:
    """Write ``spec``'s page and return the file's size in bytes.

    A scan is ``page_image(...)`` saved as PNG with its resolution; a photo is
    :func:`photo_jpeg` with EXIF orientation 1 (upright, then turned by ``rotate``).
    """
    path = Path(spec.path)
    if spec.photo:
        if spec.rotate:
            raise ValueError("a photo is upright; photo_jpeg turns it by EXIF orientation")
        photo_jpeg(path, spec.language, seed=spec.seed, dpi=spec.dpi)
    else:
        image = page_image(spec.language, rotate=spec.rotate, seed=spec.seed, dpi=spec.dpi)
        image.save(path, "PNG", dpi=(spec.dpi, spec.dpi))
    return path.stat().st_size


# --- character error rate -----------------------------------------------------------------------

_WHITESPACE: Final = re.compile(r"\s+")
# Invisible direction marks: Tesseract puts LRM/RLM around a Latin run in Hebrew text.
_DIRECTION_MARKS: Final = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def normalise(text: str) -> str:
    """``text`` in NFC without invisible direction marks (LRM, RLM, embeddings, isolates),
    every run of whitespace one space, trimmed."""
    text = _DIRECTION_MARKS.sub("", unicodedata.normalize("NFC", text))
    return _WHITESPACE.sub(" ", text).strip()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions of one character).

    Myers' bit-parallel algorithm (Hyyrö's form for the global distance), with Python's
    integers as bit vectors as long as the shorter string: about len(a) steps of a few
    big-integer operations, milliseconds for two pages of text.
    """
    if len(a) < len(b):
        a, b = b, a
    m = len(b)
    if m == 0:
        return len(a)
    peq: dict[str, int] = {}
    for i, char in enumerate(b):
        peq[char] = peq.get(char, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for char in a:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | ~(xh | pv)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
    return score


def cer(found: str, truth: str) -> float:
    """Character error rate: the edit distance of the texts as :func:`normalise` makes them
    (whitespace laid out differently and invisible direction marks do not count), divided by
    the length of the normalised truth."""
    found, truth = normalise(found), normalise(truth)
    if not truth:
        return 0.0 if not found else 1.0
    return edit_distance(found, truth) / len(truth)
