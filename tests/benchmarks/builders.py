"""Generators shared by the benchmarks: text, PDFs, photos and a large indexed dossier.

Not a test module. Everything is deterministic (seeded).

* :class:`Vocabulary`: medical-ish words with Zipf-like frequencies (a few words on almost every
  page, a long tail of words on a handful), accented names included;
* :func:`make_pdfs` / :func:`make_photos`: files on disk for the import benchmark, made in
  parallel worker processes (making them is not what is measured);
* :func:`build_indexed_dossier`: a dossier with thousands of indexed document pages, written
  straight into the database (document rows, pages and search index in one transaction), much
  faster than importing PDFs;
* small helpers to time things and print tables.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import math
import multiprocessing
import os
import random
import resource
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from dossier.core import records, searchindex
from dossier.core.entities import ENTITIES
from dossier.core.opening import create_dossier
from dossier.core.storage import Dossier
from dossier.core.textpdf import Block, pagebreak, render_pdf

# --- vocabulary -------------------------------------------------------------------------------

# The most frequent words of English clinical prose, most frequent first.
FUNCTION_WORDS: tuple[str, ...] = (
    "the", "of", "and", "in", "to", "with", "a", "is", "was", "for", "no", "on", "patient",
    "at", "by", "as", "be", "or", "are", "from", "this", "were", "not", "an", "which", "has",
    "left", "right", "after", "there", "normal", "we", "her", "his", "have", "been", "also",
    "seen", "noted", "within", "limits", "history", "further", "review", "report", "result",
)  # fmt: skip

MEDICAL_WORDS: tuple[str, ...] = (
    "biopsy", "histology", "carcinoma", "benign", "lesion", "margin", "nodule", "lymph", "node",
    "metastasis", "staging", "oncology", "radiology", "ultrasound", "scan", "contrast",
    "enhancement", "tumour", "marker", "haemoglobin", "platelets", "leucocytes", "creatinine",
    "bilirubin", "albumin", "ferritin", "thyroid", "cardiology", "echocardiogram", "ejection",
    "fraction", "arrhythmia", "hypertension", "diabetes", "insulin", "dosage", "milligrams",
    "prescription", "referral", "consultant", "registrar", "discharge", "admission", "follow",
    "clinic", "outpatient", "symptoms", "fatigue", "pain", "fever", "inflammation",
    "infection", "antibiotic", "steroid", "chemotherapy", "radiotherapy", "surgery",
    "resection", "laparoscopic", "anaesthesia", "recovery", "prognosis", "diagnosis",
    "differential", "assessment", "recommendation", "guideline", "protocol", "trial",
    "randomised", "evidence", "imaging", "magnetic", "resonance", "tomography", "sample",
    "specimen", "pathology", "abnormal", "elevated", "reduced", "stable", "progression",
    "remission", "opinion", "second", "radial", "radiation", "radiograph", "radiologist",
    "rapid", "rate", "ratio", "rash", "range", "recurrence", "renal", "respiratory", "rib",
    "cardiac", "carotid", "cartilage", "catheter", "cavity", "cell", "cerebral", "cervical",
    "chest", "chronic", "clinical", "colon", "colonoscopy", "complication", "consent",
    "coronary", "cortex", "cyst", "dermatology", "dilated", "dose", "duct", "effusion",
    "endoscopy", "enlarged", "fibrosis", "fluid", "fracture", "gastric", "gland", "grade",
    "haematoma", "heart", "hepatic", "hernia", "hip", "hormone", "infiltrate", "intravenous",
    "ischaemia", "joint", "kidney", "knee", "lateral", "ligament", "liver", "lobe", "lumbar",
    "lung", "malignant", "mammography", "mass", "medial", "membrane", "mild", "moderate",
    "mucosa", "muscle", "nerve", "neurology", "oedema", "oral", "ovary", "pancreas", "pelvis",
    "perfusion", "pleural", "pneumonia", "polyp", "posterior", "prostate", "pulmonary",
    "scar", "sclerosis", "screening", "severe", "shoulder", "sinus", "skin", "spine", "spleen",
    "stenosis", "stent", "stomach", "stroke", "suspicious", "swelling", "syndrome", "tablet",
    "tendon", "tissue", "treatment", "ulcer", "urine", "uterus", "valve", "vascular", "vein",
    "ventricle", "vertebra", "wall", "wound", "anterior", "aorta", "artery", "atrial", "axial",
    "bladder", "blood", "bone", "bowel", "brain", "breast", "bronchial", "calcification",
)  # fmt: skip

# Accented names and words: "Müller" must be found by "muller" and by "müller".
ACCENTED_WORDS: tuple[str, ...] = (
    "Müller", "Zoë", "Böhm", "José", "Gómez", "Françoise", "Lefèvre", "Núñez", "Jürgen",
    "Bräuer", "Dvořák", "Hôpital", "Clínica", "Universitätsklinikum", "Ångström", "café",
    "naïve", "Séverine", "Škoda", "Çelik", "Øvergaard", "Größe", "Befund", "Röntgen",
)  # fmt: skip

_MORPH_START = (
    "cardio", "neuro", "hepato", "nephro", "gastro", "osteo", "dermato", "haemo", "pneumo",
    "myo", "angio", "encephalo", "arthro", "cysto", "colo", "entero", "laryngo", "oto",
    "rhino", "ophthalmo", "pyelo", "spleno", "thoraco", "vaso", "lympho", "adeno", "chondro",
    "fibro", "glomerulo", "immuno", "leuko", "erythro", "thrombo", "radio", "rado", "ragi",
)  # fmt: skip
_MORPH_END = (
    "logy", "itis", "ectomy", "otomy", "scopy", "graphy", "pathy", "algia", "oma", "osis",
    "plasty", "aemia", "megaly", "genic", "cyte", "lysis", "stasis", "trophy", "plasia", "rrhea",
)  # fmt: skip
_DRUG_SYLLABLES = (
    "a", "be", "ca", "da", "de", "do", "e", "fa", "fe", "ga", "i", "la", "le", "lo", "ma", "me",
    "mo", "na", "ne", "no", "o", "pa", "pe", "pi", "pro", "ra", "re", "ri", "ro", "sa", "se",
    "ta", "te", "ti", "to", "tra", "u", "va", "ve", "vi", "xa", "za", "zo",
)  # fmt: skip
_DRUG_SUFFIX = (
    "mab", "nib", "pril", "sartan", "olol", "statin", "azole", "cillin", "mycin", "parin",
    "oxacin", "tide", "vir", "dipine", "prazole", "semide", "lukast", "gliptin", "zepam", "done",
)  # fmt: skip

LAB_TESTS = (
    ("Haemoglobin", "g/dL", 13.5, 1.6),
    ("Leucocytes", "10^9/L", 7.0, 2.0),
    ("Platelets", "10^9/L", 260.0, 60.0),
    ("Creatinine", "umol/L", 80.0, 18.0),
    ("Bilirubin", "umol/L", 11.0, 5.0),
    ("Albumin", "g/L", 41.0, 4.0),
    ("Ferritin", "ug/L", 120.0, 60.0),
    ("CRP", "mg/L", 6.0, 8.0),
    ("TSH", "mU/L", 2.1, 1.0),
    ("HbA1c", "mmol/mol", 42.0, 8.0),
)

DOCUMENT_TITLES = (
    ("Radiology report", "imaging_report"),
    ("Pathology report", "pathology"),
    ("Discharge summary", "discharge_summary"),
    ("Blood test results", "lab_result"),
    ("Referral letter", "referral"),
    ("Clinic letter", "letter"),
    ("Second opinion", "written_opinion"),
    ("Prescription", "prescription"),
    ("Insurance statement", "insurance"),
    ("MRI report", "imaging_report"),
    ("Histology of biopsy", "pathology"),
    ("Echocardiogram report", "imaging_report"),
)


class Vocabulary:
    """Words with Zipf-like weights: the word of rank r is drawn with weight 1 / r**s."""

    def __init__(self, size: int = 40_000, exponent: float = 1.07, seed: int = 7) -> None:
        rng = random.Random(seed)
        medical = list(MEDICAL_WORDS)
        rng.shuffle(medical)
        words: list[str] = list(FUNCTION_WORDS)
        words += medical[:60]
        # accented words sit in the middle of the frequency range (a few hundred pages each)
        mid = medical[60:]
        step = max(1, len(mid) // len(ACCENTED_WORDS))
        for index, word in enumerate(ACCENTED_WORDS):
            mid.insert(index * (step + 1), word)
        words += mid
        seen = {w.casefold() for w in words}
        morph = [a + b for a in _MORPH_START for b in _MORPH_END]
        rng.shuffle(morph)
        for word in morph:
            if word not in seen:
                seen.add(word)
                words.append(word)
        while len(words) < size:
            parts = rng.choices(_DRUG_SYLLABLES, k=rng.randint(1, 3))
            word = "".join(parts) + rng.choice(_DRUG_SUFFIX)
            if rng.random() < 0.35:  # not every rare word is a drug name
                word = rng.choice(_MORPH_START) + "".join(rng.choices(_DRUG_SYLLABLES, k=2))
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words: list[str] = words[:size]
        self.exponent = exponent
        self.cum_weights: list[float] = list(
            itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, size + 1))
        )
        self.rank = {w.casefold(): r for r, w in enumerate(self.words, 1)}

    def expected_share(self, rank: int) -> float:
        """Expected share of all word occurrences taken by the word of ``rank`` (from 1)."""
        return (1.0 / rank**self.exponent) / self.cum_weights[-1]

    def rank_of_share(self, share: float) -> int:
        """Rank of the first word whose expected share is at most ``share``."""
        target = self.cum_weights[-1] * share
        return max(1, math.ceil((1.0 / target) ** (1.0 / self.exponent)))

    def sentence_words(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=count)

    def paragraphs(self, rng: random.Random, count: int) -> list[str]:
        """About ``count`` words as paragraphs of sentences of 6 to 18 words."""
        tokens = self.sentence_words(rng, count)
        paragraphs: list[str] = []
        sentences: list[str] = []
        at = 0
        while at < count:
            length = rng.randint(6, 18)
            words = tokens[at : at + length]
            at += length
            words[0] = words[0][:1].upper() + words[0][1:]
            sentences.append(" ".join(words) + ".")
            if len(sentences) >= rng.randint(3, 6):
                paragraphs.append(" ".join(sentences))
                sentences = []
        if sentences:
            paragraphs.append(" ".join(sentences))
        return paragraphs

    def page_text(self, rng: random.Random, count: int = 250) -> str:
        """One page of plain text: a heading, paragraphs and a few lab values."""
        lines = [" ".join(self.sentence_words(rng, 3)).title()]
        lines += self.paragraphs(rng, count - 3 - 4 * 3)
        for name, unit, mean, spread in rng.sample(LAB_TESTS, 3):
            lines.append(f"{name} {max(0.1, rng.gauss(mean, spread)):.1f} {unit}")
        return "\n".join(lines)


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary()


# --- parallel helpers -------------------------------------------------------------------------


def cpu_count() -> int:
    return max(1, os.cpu_count() or 1)


def _workers() -> int:
    return cpu_count()


def _parallel(function: Callable[[Any], Any], jobs: Sequence[Any]) -> list[Any]:
    """``function`` over ``jobs`` in worker processes ('spawn', so also fine inside pytest)."""
    if len(jobs) < 8 or _workers() == 1:
        return [function(job) for job in jobs]
    context = multiprocessing.get_context("spawn")
    with context.Pool(_workers()) as pool:
        return pool.map(function, jobs, chunksize=max(1, len(jobs) // (_workers() * 8)))


def _cached(
    folder: Path, params: dict[str, Any], make: Callable[[Path], dict[str, Any]]
) -> dict[str, Any]:
    """Make ``folder`` with ``make`` unless it was already made with the same ``params``.

    Returns what ``make`` returned, with "cached": whether it was made by an earlier run. The
    marker is a hidden file, so the importer (which skips hidden files) never sees it.
    """
    marker = folder / ".complete.json"
    if marker.is_file():
        saved = json.loads(marker.read_text())
        if saved.get("params") == params:
            return {**saved["info"], "cached": True}
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    info = {**make(folder), "make_seconds": time.perf_counter() - started}
    marker.write_text(json.dumps({"params": params, "info": info}))
    return {**info, "cached": False}


# --- PDFs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfJob:
    path: str
    seed: int
    pages: int
    words_per_page: int


def _make_pdf(job: PdfJob) -> int:
    rng = random.Random(job.seed)
    vocab = vocabulary()
    title, _kind = rng.choice(DOCUMENT_TITLES)
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    blocks: list[Block] = [Block(f"{title} {day:%d.%m.%Y}", "title")]
    for number in range(1, job.pages + 1):
        if number > 1:
            blocks.append(pagebreak())
        blocks.append(Block(" ".join(vocab.sentence_words(rng, 3)).title(), "heading"))
        # the heading, lab rows and footer take about 25 of the page's words
        for paragraph in vocab.paragraphs(rng, job.words_per_page - 25):
            blocks.append(Block(paragraph))
        blocks.append(Block("Test\tResult\tUnit", "rowhead"))
        for name, unit, mean, spread in rng.sample(LAB_TESTS, 4):
            blocks.append(Block(f"{name}\t{max(0.1, rng.gauss(mean, spread)):.1f}\t{unit}", "row"))
        blocks.append(Block(f"Page {number} of {job.pages}", "small"))
    author = f"Dr {rng.choice(ACCENTED_WORDS)} {rng.choice(['Meyer', 'Smith', 'Rossi'])}"
    data, pages = render_pdf(
        blocks,
        title=f"{title} {day.isoformat()}",
        author=author,
        created=datetime(day.year, day.month, day.day, 9, 30),
    )
    Path(job.path).write_bytes(data)
    return pages


def make_pdfs(
    folder: Path,
    count: int = 1000,
    *,
    min_pages: int = 2,
    max_pages: int = 8,
    words_per_page: int = 250,
    seed: int = 1,
) -> dict[str, Any]:
    """``count`` multi-page text PDFs in ``folder`` (cached); returns {"files", "pages", "bytes"}."""
    params = {
        "count": count,
        "min_pages": min_pages,
        "max_pages": max_pages,
        "words": words_per_page,
        "seed": seed,
        "version": 2,
    }

    def make(target: Path) -> dict[str, Any]:
        rng = random.Random(seed)
        jobs = [
            PdfJob(
                str(target / f"report-{index:05d}.pdf"),
                rng.randrange(1 << 30),
                rng.randint(min_pages, max_pages),
                words_per_page,
            )
            for index in range(count)
        ]
        pages = _parallel(_make_pdf, jobs)
        total = sum(p.stat().st_size for p in target.glob("*.pdf"))
        return {"files": count, "pages": sum(pages), "bytes": total}

    return _cached(folder, params, make)


# --- photos -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhotoJob:
    path: str
    seed: int
    size: tuple[int, int]
    taken: str  # EXIF "YYYY:MM:DD HH:MM:SS"
    quality: int


@cache
def _textures(size: tuple[int, int]) -> tuple[Any, Any, Any]:
    """Noise and gradients somewhat larger than a photo, made once per worker process."""
    from PIL import Image

    width, height = size
    big = (width + width // 8, height + height // 8)
    noise = Image.effect_noise(big, 22)
    linear = Image.linear_gradient("L").resize(big)
    radial = Image.radial_gradient("L").resize(big)
    return noise, linear, radial


def _make_photo(job: PhotoJob) -> int:
    from PIL import Image, ImageChops, ImageDraw

    rng = random.Random(job.seed)
    width, height = job.size
    noise, linear, radial = _textures(job.size)

    def crop(image: Any) -> Any:
        x = rng.randrange(image.width - width)
        y = rng.randrange(image.height - height)
        return image.crop((x, y, x + width, y + height))

    grain = crop(noise)
    red = ImageChops.add(crop(linear), grain, scale=1.6, offset=rng.randint(-40, 10))
    green = ImageChops.add(crop(radial), grain, scale=1.8, offset=rng.randint(-40, 10))
    blue = ImageChops.blend(crop(linear), crop(radial), rng.random())
    image = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(image)
    for _ in range(8):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randint(width // 40, width // 8)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x - r, y - r, x + r, y + r), outline=colour, width=rng.randint(4, 30))
    exif = Image.Exif()
    exif[0x010F] = "Dossier"  # Make
    exif[0x0110] = "Benchmark camera"  # Model
    exif[0x0112] = rng.choice((1, 1, 1, 6))  # Orientation
    exif.get_ifd(0x8769)[0x9003] = job.taken  # DateTimeOriginal
    out = io.BytesIO()
    image.save(out, "JPEG", quality=job.quality, exif=exif)
    Path(job.path).write_bytes(out.getvalue())
    return len(out.getvalue())


def make_photos(
    folder: Path,
    count: int = 200,
    *,
    size: tuple[int, int] = (4000, 3000),
    quality: int = 88,
    seed: int = 2,
) -> dict[str, Any]:
    """``count`` camera-like JPEGs with an EXIF date in ``folder`` (cached)."""
    params = {"count": count, "size": list(size), "quality": quality, "seed": seed, "version": 2}

    def make(target: Path) -> dict[str, Any]:
        rng = random.Random(seed)
        start = datetime(2023, 5, 1, 8, 0, 0)
        jobs = [
            PhotoJob(
                str(target / f"IMG_{index:04d}.jpg"),
                rng.randrange(1 << 30),
                size,
                (start + timedelta(minutes=97 * index)).strftime("%Y:%m:%d %H:%M:%S"),
                quality,
            )
            for index in range(count)
        ]
        sizes = _parallel(_make_photo, jobs)
        return {"files": count, "pages": count, "bytes": sum(sizes)}

    return _cached(folder, params, make)


# --- a large indexed dossier, written straight into the database ------------------------------


@dataclass
class BuildInfo:
    documents: int
    pages: int
    words: int
    records: int
    seconds: float
    cached: bool = False


def _other_records(
    dossier: Dossier, rng: random.Random, vocab: Vocabulary
) -> tuple[list[int], int]:
    """A few hundred records of other kinds, through records.create; returns (case ids, count)."""

    def text(words: int) -> str:
        return " ".join(vocab.paragraphs(rng, words))

    def title(words: int = 4) -> str:
        return " ".join(vocab.sentence_words(rng, words)).capitalize()

    made = 0

    def create(kind: str, data: dict[str, Any]) -> int:
        nonlocal made
        made += 1
        return records.create(dossier, kind, data).id

    contacts = [
        create(
            "contact",
            {
                "name": f"Dr {rng.choice(ACCENTED_WORDS)} {title(1)}",
                "specialty": rng.choice(MEDICAL_WORDS),
                "institution": f"{rng.choice(['Hôpital', 'Clínica', 'Universitätsklinikum'])} {title(1)}",
                "notes": text(30),
            },
        )
        for _ in range(60)
    ]
    cases = [
        create(
            "case",
            {
                "title": title(),
                "question": text(25),
                "description": text(60),
                "opened_on": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            },
        )
        for _ in range(12)
    ]
    for _ in range(24):
        create(
            "diagnosis",
            {"case_id": rng.choice(cases), "name": title(2), "notes": text(40)},
        )
    for _ in range(150):
        create(
            "note",
            {"case_id": rng.choice(cases), "title": title(), "text": text(rng.randint(30, 200))},
        )
    for _ in range(80):
        create("question", {"case_id": rng.choice(cases), "text": text(15) + "?"})
    for _ in range(40):
        create(
            "task",
            {
                "case_id": rng.choice(cases),
                "title": title(),
                "due_on": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            },
        )
    for _ in range(30):
        create(
            "appointment",
            {
                "case_id": rng.choice(cases),
                "contact_id": rng.choice(contacts),
                "starts_at": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 10:30",
                "purpose": text(12),
                "preparation": text(25),
            },
        )
    return cases, made


def build_indexed_dossier(
    path: Path,
    *,
    documents: int = 5000,
    pages_per_document: int = 10,
    words_per_page: int = 250,
    seed: int = 3,
    passphrase: str | None = None,
    example: bool = False,
) -> BuildInfo:
    """A new dossier at ``path`` with ``documents`` documents of indexed pages.

    Documents are written the way the importer's ``_insert`` writes them (document row,
    ``document_page`` rows, search index through :mod:`dossier.core.searchindex`), all in one
    transaction, without files in the vault. About 350 records of other kinds (contacts, cases,
    notes, questions…) are made through ``records.create``. With ``passphrase``, the dossier
    is protected with it from the start (``new_protection``: Argon2id tuned to this machine),
    and otherwise made the same way, with the same content. With ``example``, the dossier is
    the example's (:func:`dossier.core.demo.build_demo`, dated from today: its cases, decided
    ones and hand-overs still to do included) and the documents are added to its cases.
    """
    started = time.perf_counter()
    rng = random.Random(seed)
    vocab = vocabulary()
    protection = None
    if passphrase is not None:
        from dossier.core.crypto.unlock import new_protection  # the ciphers, only then

        protection = new_protection(passphrase)
    if example:
        from dossier.core.demo import build_demo  # the importer with it, only then

        dossier = build_demo(path)
    else:
        dossier = create_dossier(
            path, name="Zoë Müller-Lefèvre", born="1961-04-03", protection=protection
        )
    try:
        if example:
            cases = [case["id"] for case in records.list_records(dossier, "case")]
            made = 0
        else:
            cases, made = _other_records(dossier, rng, vocab)
        db = dossier.db
        spec = ENTITIES["document"]
        stamp = datetime(2025, 1, 1).isoformat()
        words = 0
        with db.atomic():
            for number in range(documents):
                title, kind = rng.choice(DOCUMENT_TITLES)
                day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
                pages = [vocab.page_text(rng, words_per_page) for _ in range(pages_per_document)]
                words += sum(len(p.split()) for p in pages)
                row = {
                    "title": f"{title} {day:%d.%m.%Y}",
                    "kind": kind,
                    "document_date": day.isoformat(),
                    "sha256": hashlib.sha256(
                        f"bench-document-{seed}-{number}".encode()
                    ).hexdigest(),
                    "size": 9000 * pages_per_document,
                    "media_type": "application/pdf",
                    "page_count": pages_per_document,
                    "encrypted": 0,
                    "metadata": None,
                    "exif_date": None,
                    "orientation": None,
                    "has_thumbnail": 0,
                    "original_name": f"report-{number:05d}.pdf",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
                cursor = db.execute(
                    f"INSERT INTO document ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                    list(row.values()),
                )
                document_id = int(cursor.lastrowid or 0)
                db.conn.executemany(
                    "INSERT INTO document_page (document_id, page, text) VALUES (?, ?, ?)",
                    [(document_id, n, text) for n, text in enumerate(pages, 1)],
                )
                if rng.random() < 0.7:
                    db.execute(
                        "INSERT INTO document_case (document_id, case_id) VALUES (?, ?)",
                        [document_id, rng.choice(cases)],
                    )
                searchindex.index_record(db, spec, {**row, "id": document_id})
                searchindex.index_pages(db, document_id, pages)
    finally:
        dossier.close()
    return BuildInfo(
        documents=documents,
        pages=documents * pages_per_document,
        words=words,
        records=made,
        seconds=time.perf_counter() - started,
    )


def cached_indexed_dossier(cache_dir: Path, **params: Any) -> tuple[Path, BuildInfo]:
    """The dossier of :func:`build_indexed_dossier` with ``params``, built once per cache
    (the example's once per day too: its dates are counted from today)."""
    keyed = dict(params)
    if params.get("example"):
        from dossier.core.clock import today

        keyed["today"] = today().isoformat()
    key = hashlib.sha256(json.dumps(keyed, sort_keys=True).encode()).hexdigest()[:10]
    folder = cache_dir / f"indexed-{key}"

    def make(target: Path) -> dict[str, Any]:
        return asdict(build_indexed_dossier(target / "dossier", **params))

    # version 3: the search index holds no copy of the text (migration 0011)
    # version 4: and no index of two-letter prefixes (migration 0012)
    info = _cached(folder, {**keyed, "version": 4}, make)
    info.pop("make_seconds", None)
    return folder / "dossier", BuildInfo(**info)


# --- what-if variants of the import's sandbox workers ------------------------------------------


def variant_worker_main(conn: Any, memory_limit: int, options: tuple[str, ...]) -> None:
    """The importer's worker, with handlers changed as ``options`` say (spawned by a benchmark).

    ``no_pdf_thumbnail``: PDFs get no thumbnail at import (it would be made when first shown).
    ``fast_png``: thumbnails are written with PNG ``compress_level=1`` (Pillow's default is 6).
    """
    from dossier.core.importer import handlers, pool

    if "no_pdf_thumbnail" in options:
        handlers._pdf_thumbnail = lambda page: None  # type: ignore[assignment]
    if "fast_png" in options:
        from PIL import Image, PngImagePlugin

        def save_fast(image: Any, fp: Any, filename: Any, *args: Any, **kwargs: Any) -> None:
            image.encoderinfo.setdefault("compress_level", 1)
            PngImagePlugin._save(image, fp, filename, *args, **kwargs)

        Image.register_save("PNG", save_fast)
    pool._worker_main(conn, memory_limit)


# --- measuring and printing -------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation between closest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def maxrss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MiB (Linux reports KiB)."""
    return resource.getrusage(who).ru_maxrss / 1024.0


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def vm_hwm_mib(pid: int) -> float | None:
    """Peak resident set size of a running process, from /proc (Linux), in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def table(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A plain text table with right-aligned numbers."""

    def cell(value: Any) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, float):
            return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
        if isinstance(value, int):
            return f"{value:,}"
        return str(value)

    body = [[cell(v) for v in row] for row in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in body)) for i, h in enumerate(header)]
    numeric = [all(_is_number(r[i]) for r in body) for i in range(len(header))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    rule = "-" * len(line([str(h) for h in header]))
    out = [f"\n== {title} ==", line([str(h) for h in header]), rule]
    out += [line(r) for r in body]
    return "\n".join(out)


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "").rstrip("x%"))
    except ValueError:
        return False
    return True


def print_stalls(title: str, beats: Sequence[float], first_rows: Sequence[Sequence[Any]]) -> int:
    """Print the gaps between a UI-thread heartbeat's ``beats`` (perf_counter seconds) under
    ``first_rows``, and the verdict on "no stall over 100 ms"; returns how many there were."""
    import itertools

    gaps = sorted((b - a) * 1000 for a, b in itertools.pairwise(beats))
    over = [g for g in gaps if g > 100]
    rows = [
        *first_rows,
        ["heartbeats", len(beats)],
        ["gap p50 ms", percentile(gaps, 50)],
        ["gap p99 ms", percentile(gaps, 99)],
        ["longest gap ms", gaps[-1] if gaps else 0.0],
        ["gaps over 100 ms", len(over)],
    ]
    print()
    print(table(title, ["what", "value"], rows))
    verdict = "met" if not over else "NOT met"
    print(f"longest stall {gaps[-1] if gaps else 0:.0f} ms (target: none over 100 ms: {verdict})")
    return len(over)
