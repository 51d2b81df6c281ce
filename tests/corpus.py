"""Makers of test input: realistic documents and a hostile, broken corpus for the importer.

Not a test module.  ``make_corpus(folder)`` writes every file of the corpus into ``folder`` and
says, for each, what a correct importer does with it:

* ``ok``: imported (for a PDF: opened and its text read);
* ``text``: imported as plain text, whatever its name says (the importer sniffs content);
* ``encrypted``: recognised as a password-protected PDF and reported as such, not as damaged;
* ``reject``: refused with a clear message, without hanging, crashing or eating memory;
* ``reject_or_ok``: either, as long as the importer stays within its time and memory limits.

Every file but the encrypted ones (pypdf salts those) comes out the same, byte for byte, each
time (seeded).  The files are small on disk (the largest is about 1 MB) and quick to make (well
under a second for the whole corpus).

The encrypted files use AES-128.  pypdf needs the optional "cryptography" package for AES; where
it is missing, a small pure-Python AES (below) stands in while they are written.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final, Literal
from unittest import mock

from PIL import Image, ImageDraw

from dossier.core.textpdf import Block, pagebreak, write_pdf
from tests.pdf_objects import assemble_pdf, stream_object

Expect = Literal["reject", "encrypted", "ok", "text", "reject_or_ok"]

ODD_NAME: Final = "Résumé — 診断 (copy) #1.pdf"
USER_PASSWORD: Final = "secret"
OWNER_PASSWORD: Final = "owner"
PHOTO_DATE: Final = datetime(2025, 3, 14, 10, 20, 0)
PHOTO_ORIENTATION: Final = 6
FLATE_BOMB_SIZE: Final = 1 << 30  # bytes the flate bomb's content stream inflates to
IMAGE_BOMB_SIZE: Final = (50_000, 50_000)  # pixels the image bomb's header declares
DEFAULT_CREATED: Final = datetime(2025, 1, 15, 9, 30, 0)

# EXIF tags
TAG_ORIENTATION: Final = 0x0112
TAG_EXIF_IFD: Final = 0x8769
TAG_DATETIME_ORIGINAL: Final = 0x9003

MEDICAL_WORDS: Final[tuple[str, ...]] = (
    "patient", "biopsy", "histology", "carcinoma", "benign", "lesion", "margin", "nodule",
    "lymph", "node", "metastasis", "staging", "oncology", "radiology", "ultrasound", "scan",
    "contrast", "enhancement", "tumour", "marker", "haemoglobin", "platelets", "leucocytes",
    "creatinine", "bilirubin", "albumin", "ferritin", "thyroid", "cardiology", "echocardiogram",
    "ejection", "fraction", "arrhythmia", "hypertension", "diabetes", "insulin", "dosage",
    "milligrams", "prescription", "referral", "consultant", "registrar", "discharge",
    "admission", "follow", "review", "clinic", "outpatient", "symptoms", "fatigue", "pain",
    "fever", "inflammation", "infection", "antibiotic", "steroid", "chemotherapy",
    "radiotherapy", "surgery", "resection", "laparoscopic", "anaesthesia", "recovery",
    "prognosis", "diagnosis", "differential", "assessment", "recommendation", "guideline",
    "protocol", "trial", "randomised", "evidence", "imaging", "magnetic", "resonance",
    "tomography", "sample", "specimen", "pathology", "report", "result", "normal", "abnormal",
    "elevated", "reduced", "stable", "progression", "remission", "opinion", "second",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """One file of the corpus and what a correct importer does with it."""

    path: Path
    expect: Expect
    why: str
    sniffed: str | None  # the MIME type that sniffing the content gives; None: unknown bytes


# --- realistic documents ----------------------------------------------------------------------


def medical_text(rng: random.Random, words: int) -> str:
    """``words`` random medical-ish words as sentences of 6 to 14 words."""
    sentences: list[str] = []
    left = words
    while left > 0:
        count = min(left, rng.randint(6, 14))
        sentence = [rng.choice(MEDICAL_WORDS) for _ in range(count)]
        sentences.append(" ".join(sentence).capitalize() + ".")
        left -= count
    return " ".join(sentences)


def make_pdf(
    path: Path,
    pages: int,
    words_per_page: int = 80,
    seed: int = 0,
    title: str = "Clinical letter",
    author: str | None = "Dr Zoë Müller",
    created: datetime | None = DEFAULT_CREATED,
) -> Path:
    """Write a text PDF of exactly ``pages`` pages of random medical words; return ``path``.

    Each page has a heading "Section N", its words in paragraphs of up to 40 words, and a
    footer "Page N of M".  Raises ValueError if the words do not fit on one page each.
    """
    if pages < 1:
        raise ValueError("a PDF has at least one page")
    rng = random.Random(seed)
    blocks: list[Block] = [Block(title, "title")]
    for number in range(1, pages + 1):
        if number > 1:
            blocks.append(pagebreak())
        blocks.append(Block(f"Section {number}", "heading"))
        left = words_per_page
        while left > 0:
            count = min(left, 40)
            blocks.append(Block(medical_text(rng, count)))
            left -= count
        blocks.append(Block(f"Page {number} of {pages}", "small"))
    written = write_pdf(path, blocks, title=title, author=author, created=created)
    if written != pages:
        raise ValueError(f"{words_per_page} words do not fit on one page ({written} pages)")
    return path


def _picture(size: tuple[int, int], seed: int) -> Image.Image:
    """A photo-like RGB picture: gradients and soft shapes, no noise (so it compresses)."""
    width, height = size
    rng = random.Random(seed)
    red = Image.linear_gradient("L").resize(size)
    green = Image.linear_gradient("L").rotate(90).resize(size)
    blue = Image.radial_gradient("L").resize(size)
    image = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randint(max(4, width // 40), max(8, width // 6))
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    return image


def make_photo(
    path: Path,
    size: tuple[int, int] = (1200, 900),
    exif_date: datetime | None = PHOTO_DATE,
    orientation: int | None = PHOTO_ORIENTATION,
    seed: int = 0,
) -> Path:
    """Write a photo (format from the suffix, e.g. JPEG) with EXIF DateTimeOriginal and
    Orientation; either is left out when None.  Returns ``path``."""
    exif = Image.Exif()
    exif[0x010F] = "Dossier"  # Make
    exif[0x0110] = "Test camera"  # Model
    if orientation is not None:
        exif[TAG_ORIENTATION] = orientation
    if exif_date is not None:
        exif.get_ifd(TAG_EXIF_IFD)[TAG_DATETIME_ORIGINAL] = exif_date.strftime("%Y:%m:%d %H:%M:%S")
    image = _picture(size, seed)
    if path.suffix.lower() in (".jpg", ".jpeg"):
        image.save(path, "JPEG", quality=85, exif=exif)
    else:
        image.save(path, exif=exif)
    return path


def make_png(path: Path, size: tuple[int, int] = (64, 48), seed: int = 0) -> Path:
    """Write a small real PNG (whatever the suffix of ``path``); return ``path``."""
    _picture(size, seed).save(path, "PNG")
    return path


def make_tiff(path: Path, pages: int = 2, size: tuple[int, int] = (850, 1100)) -> Path:
    """Write a multi-page bilevel TIFF (Group 4, like a document scanner); return ``path``."""
    rng = random.Random(pages)
    images: list[Image.Image] = []
    for number in range(1, pages + 1):
        page = Image.new("1", size, 1)
        draw = ImageDraw.Draw(page)
        draw.text((60, 50), f"Scanned letter, page {number} of {pages}", fill=0)
        for line in range(40):
            draw.text((60, 90 + 22 * line), medical_text(rng, 9), fill=0)
        images.append(page)
    images[0].save(
        path,
        "TIFF",
        save_all=True,
        append_images=images[1:],
        compression="group4",
        dpi=(100, 100),
    )
    return path


# --- bombs ------------------------------------------------------------------------------------


def zlib_zeros(count: int, chunk: int = 1 << 20) -> bytes:
    """A zlib stream that inflates to ``count`` zero bytes, made without holding them.

    Each 1 MiB chunk is compressed and followed by a full flush, which resets the compressor,
    so every chunk after the first compresses to the same bytes: those are repeated rather
    than recomputed.  The Adler-32 of n zeros is (n mod 65521) << 16 | 1.
    """
    compressor = zlib.compressobj(9)
    full, tail = divmod(count, chunk)
    parts: list[bytes] = [compressor.compress(b"")]  # the two header bytes come with data
    zeros = bytes(chunk)
    if full:
        parts.append(compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH))
    if full > 1:
        repeat = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
        check = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
        assert repeat == check, "zlib did not reset on a full flush"
        parts.append(repeat * (full - 1))
    parts.append(compressor.compress(bytes(tail)) + compressor.flush(zlib.Z_FULL_FLUSH))
    adler = ((count % 65521) << 16) | 1
    parts.append(b"\x03\x00" + adler.to_bytes(4, "big"))  # empty final block, then checksum
    return b"".join(parts)


def make_flate_bomb(path: Path, size: int = FLATE_BOMB_SIZE) -> Path:
    """A two-page PDF: page 1 is ordinary text, page 2's content stream inflates to ``size``
    zero bytes (NUL is white space in PDF, so the page would be blank)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    resources = b"/Resources << /Font << /F1 3 0 R >> >>"
    good = b"BT /F1 12 Tf 56 760 Td (This page is fine; the next one is a flate bomb.) Tj ET"
    bomb = zlib_zeros(size)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>",
        font,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] %s /Contents 5 0 R >>" % resources,
        stream_object(good),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] %s /Contents 7 0 R >>" % resources,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream",
        b"<< /Title (Flate bomb) >>",
    ]
    path.write_bytes(assemble_pdf(objects, root=1, info=8))
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def make_image_bomb(path: Path, size: tuple[int, int] = IMAGE_BOMB_SIZE) -> Path:
    """A complete, valid bilevel PNG of ``size`` pixels, all black: small on disk, but a
    decoder that believes the header allocates width x height bytes (2.5 GB by default)."""
    width, height = size
    raw = height * (1 + (width + 7) // 8)  # each row: filter byte, then 1 bit per pixel
    data = zlib_zeros(raw)
    step = 1 << 16
    png = bytearray(b"\x89PNG\r\n\x1a\n")
    png += _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
    for start in range(0, len(data), step):
        png += _png_chunk(b"IDAT", data[start : start + step])
    png += _png_chunk(b"IEND", b"")
    path.write_bytes(bytes(png))
    return path


def make_cyclic_pdf(path: Path) -> Path:
    """A PDF whose page tree lists itself among its own Kids (a reader that follows Kids
    blindly recurses forever)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream_object(b"BT /F1 12 Tf 56 760 Td (A page tree that contains itself.) Tj ET"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    path.write_bytes(assemble_pdf(objects, root=1))
    return path


# --- encryption -------------------------------------------------------------------------------
# pypdf encrypts with AES only through the optional "cryptography" (or "pycryptodome")
# package, which the project does not depend on (the program never decrypts: see
# dossier/core/importer/pdf_judge.py).  Where neither is installed, the small pure-Python
# AES below stands in for pypdf's AES provider while a test file is written: AES-128 for
# AESV2 and AES-256 for AESV3 (revision 6), whose password hashing runs AES-128 some
# 80,000 times, hence the lookup tables (about 10 µs a block).  It encrypts only: for
# making test files, for nothing else.  tests/unit/test_corpus.py checks it against
# FIPS-197, and the hostile tests open its files with pdfium and the password.


def _xtime(a: int) -> int:
    return ((a << 1) ^ (0x1B if a & 0x80 else 0)) & 0xFF


def _make_sbox() -> bytes:
    """The AES S-box, computed from the multiplicative inverse in GF(2^8) and the affine map."""

    def rotl(x: int, s: int) -> int:
        return ((x << s) | (x >> (8 - s))) & 0xFF

    box = [0x63] * 256
    p = q = 1
    while True:
        p = p ^ _xtime(p)  # p * 3
        q ^= q << 1  # q / 3
        q ^= q << 2
        q ^= q << 4
        q &= 0xFF
        if q & 0x80:
            q ^= 0x09
        box[p] = q ^ rotl(q, 1) ^ rotl(q, 2) ^ rotl(q, 3) ^ rotl(q, 4) ^ 0x63
        if p == 1:
            return bytes(box)


_SBOX: Final = _make_sbox()
# One round's SubBytes, ShiftRows and MixColumns for a byte in each row of a column.
_T0: Final = tuple((_xtime(v) << 24) | (v << 16) | (v << 8) | (_xtime(v) ^ v) for v in _SBOX)
_T1: Final = tuple(((t >> 8) | (t << 24)) & 0xFFFFFFFF for t in _T0)
_T2: Final = tuple(((t >> 16) | (t << 16)) & 0xFFFFFFFF for t in _T0)
_T3: Final = tuple(((t >> 24) | (t << 8)) & 0xFFFFFFFF for t in _T0)


class PureAES:
    """AES block encryption (FIPS-197) with a 16- or 32-byte key, for making test files."""

    def __init__(self, key: bytes) -> None:
        if len(key) not in (16, 32):
            raise ValueError("AES needs a 16- or 32-byte key here")
        nk = len(key) // 4
        self._rounds = nk + 6
        words = list(struct.unpack(f">{nk}I", key))
        rcon = 1
        for i in range(nk, 4 * (self._rounds + 1)):
            t = words[-1]
            if i % nk == 0:
                t = ((t << 8) | (t >> 24)) & 0xFFFFFFFF
                t = self._sub_word(t) ^ (rcon << 24)
                rcon = _xtime(rcon)
            elif nk > 6 and i % nk == 4:
                t = self._sub_word(t)
            words.append(words[i - nk] ^ t)
        self._keys = words

    @staticmethod
    def _sub_word(t: int) -> int:
        s = _SBOX
        return (
            (s[t >> 24] << 24) | (s[(t >> 16) & 255] << 16) | (s[(t >> 8) & 255] << 8) | s[t & 255]
        )

    def encrypt_block(self, block: bytes) -> bytes:
        k, s = self._keys, _SBOX
        t0, t1, t2, t3 = _T0, _T1, _T2, _T3
        a, b, c, d = struct.unpack(">4I", block)
        a, b, c, d = a ^ k[0], b ^ k[1], c ^ k[2], d ^ k[3]
        for r in range(1, self._rounds):
            i = 4 * r
            a, b, c, d = (
                t0[a >> 24] ^ t1[(b >> 16) & 255] ^ t2[(c >> 8) & 255] ^ t3[d & 255] ^ k[i],
                t0[b >> 24] ^ t1[(c >> 16) & 255] ^ t2[(d >> 8) & 255] ^ t3[a & 255] ^ k[i + 1],
                t0[c >> 24] ^ t1[(d >> 16) & 255] ^ t2[(a >> 8) & 255] ^ t3[b & 255] ^ k[i + 2],
                t0[d >> 24] ^ t1[(a >> 16) & 255] ^ t2[(b >> 8) & 255] ^ t3[c & 255] ^ k[i + 3],
            )
        i = 4 * self._rounds
        return struct.pack(
            ">4I",
            ((s[a >> 24] << 24) | (s[(b >> 16) & 255] << 16) | (s[(c >> 8) & 255] << 8)
             | s[d & 255]) ^ k[i],
            ((s[b >> 24] << 24) | (s[(c >> 16) & 255] << 16) | (s[(d >> 8) & 255] << 8)
             | s[a & 255]) ^ k[i + 1],
            ((s[c >> 24] << 24) | (s[(d >> 16) & 255] << 16) | (s[(a >> 8) & 255] << 8)
             | s[b & 255]) ^ k[i + 2],
            ((s[d >> 24] << 24) | (s[(a >> 16) & 255] << 16) | (s[(b >> 8) & 255] << 8)
             | s[c & 255]) ^ k[i + 3],
        )  # fmt: skip

    def encrypt_cbc_raw(self, iv: bytes, data: bytes) -> bytes:
        """CBC without padding (``data`` a whole number of blocks), without the IV."""
        out = bytearray()
        previous = int.from_bytes(iv, "big")
        for start in range(0, len(data), 16):
            block = (int.from_bytes(data[start : start + 16], "big") ^ previous).to_bytes(16, "big")
            encrypted = self.encrypt_block(block)
            previous = int.from_bytes(encrypted, "big")
            out += encrypted
        return bytes(out)

    def encrypt_cbc(self, iv: bytes, data: bytes) -> bytes:
        """CBC with PKCS#7 padding, the IV in front (as PDF's AESV2 and AESV3 want it)."""
        pad = 16 - len(data) % 16
        return iv + self.encrypt_cbc_raw(iv, data + bytes((pad,)) * pad)


class _PureCryptAES:
    """Stands in for pypdf's CryptAES while a file is written (encryption only)."""

    def __init__(self, key: bytes) -> None:
        self._aes = PureAES(key)
        self._ivs = random.Random(key)  # deterministic IVs: test files only

    def encrypt(self, data: bytes) -> bytes:
        return self._aes.encrypt_cbc(self._ivs.randbytes(16), data)

    def decrypt(self, data: bytes, *, strict: bool = True) -> bytes:
        raise NotImplementedError("the test AES only encrypts")


def _pure_cbc_encrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    return PureAES(key).encrypt_cbc_raw(iv, data)


def _pure_ecb_encrypt(key: bytes, data: bytes) -> bytes:
    aes = PureAES(key)
    return b"".join(aes.encrypt_block(data[i : i + 16]) for i in range(0, len(data), 16))


def pypdf_has_aes() -> bool:
    """Whether pypdf can do AES itself (the "cryptography" or "pycryptodome" package)."""
    from pypdf import _crypt_providers
    from pypdf.errors import DependencyError

    try:
        _crypt_providers.aes_ecb_encrypt(bytes(16), bytes(16))
    except DependencyError:
        return False
    return True


@contextmanager
def _aes_for_pypdf(algorithm: str) -> Iterator[None]:
    if not algorithm.startswith("AES") or pypdf_has_aes():
        yield
        return
    import pypdf._encryption

    with (
        mock.patch.object(pypdf._encryption, "CryptAES", _PureCryptAES),
        mock.patch.object(pypdf._encryption, "aes_cbc_encrypt", _pure_cbc_encrypt),
        mock.patch.object(pypdf._encryption, "aes_ecb_encrypt", _pure_ecb_encrypt),
    ):
        yield


def encrypt_pdf(
    source: Path,
    dest: Path,
    *,
    user_password: str,
    owner_password: str,
    algorithm: Literal["AES-128", "AES-256", "RC4-128"] = "AES-128",
) -> Path:
    """Write ``source`` encrypted to ``dest`` with pypdf; return ``dest``. "AES-256" is
    AESV3 with the password hashing of revision 6 (PDF 2.0, Acrobat X and later)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    with _aes_for_pypdf(algorithm):
        writer.encrypt(
            user_password=user_password, owner_password=owner_password, algorithm=algorithm
        )
        buffer = io.BytesIO()
        writer.write(buffer)
    dest.write_bytes(buffer.getvalue())
    return dest


# --- the corpus -------------------------------------------------------------------------------

_TEXT_NAMED_PDF: Final = """Discharge summary

Patient: Zoë Müller
Ward: Cardiology, bed 12
Diagnosis: paroxysmal atrial fibrillation; café-au-lait macules noted.

This is a plain UTF-8 text file that happens to be called .pdf.
"""


def make_corpus(folder: Path) -> dict[str, CorpusFile]:
    """Write the corpus into ``folder`` (made if missing); return its files by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20250314)
    files: dict[str, CorpusFile] = {}

    def add(name: str, expect: Expect, why: str, sniffed: str | None) -> Path:
        path = folder / name
        files[name] = CorpusFile(path, expect, why, sniffed)
        return path

    pdf = "application/pdf"

    add("empty.pdf", "reject", "zero bytes", None).write_bytes(b"")

    add(
        "text_named.pdf",
        "text",
        "a plain UTF-8 text file named .pdf: sniffed and imported as text/plain",
        "text/plain",
    ).write_text(_TEXT_NAMED_PDF, encoding="utf-8")

    whole = make_pdf(folder / "truncated.pdf", pages=5, seed=1).read_bytes()
    add(
        "truncated.pdf",
        "reject",
        "a 5-page PDF cut to 60% of its bytes: no xref, no trailer, pages missing",
        pdf,
    ).write_bytes(whole[: len(whole) * 6 // 10])

    add(
        "garbage.pdf", "reject", "a %PDF-1.4 header followed by 8 KiB of random bytes", pdf
    ).write_bytes(b"%PDF-1.4\n" + rng.randbytes(8192))

    plain = make_pdf(folder / "_plain.pdf", pages=3, seed=2, title="Encrypted letter")
    encrypt_pdf(
        plain,
        add(
            "encrypted.pdf",
            "encrypted",
            f"AES-128, user password {USER_PASSWORD!r}, owner password {OWNER_PASSWORD!r}",
            pdf,
        ),
        user_password=USER_PASSWORD,
        owner_password=OWNER_PASSWORD,
    )
    encrypt_pdf(
        plain,
        add(
            "owner_only.pdf",
            "ok",
            "AES-128 with an empty user password (owner password only): opens without asking;"
            " pypdf decrypts AES only with the 'cryptography' package, pdfium always",
            pdf,
        ),
        user_password="",
        owner_password=OWNER_PASSWORD,
    )
    encrypt_pdf(
        plain,
        add(
            "owner_only_rc4.pdf",
            "ok",
            "RC4-128 with an empty user password: opens without asking, in pypdf and pdfium",
            pdf,
        ),
        user_password="",
        owner_password=OWNER_PASSWORD,
        algorithm="RC4-128",
    )
    plain.unlink()

    make_cyclic_pdf(
        add(
            "cyclic.pdf",
            "reject",
            "the page tree lists itself among its Kids: must not hang; pypdf raises"
            " PdfReadError, pdfium opens it (2 pages claimed, page 2 fails to load)",
            pdf,
        )
    )

    make_flate_bomb(
        add(
            "flate_bomb.pdf",
            "reject_or_ok",
            f"page 2's content stream inflates to {FLATE_BOMB_SIZE >> 30} GiB of zeros from"
            " about 1 MB: refuse it, or import within the memory limits (page 1 is fine)",
            pdf,
        )
    )

    make_image_bomb(
        add(
            "image_bomb.png",
            "reject",
            "a valid bilevel PNG declaring {}x{} pixels (2.5 Gpx) in about 300 KB".format(
                *IMAGE_BOMB_SIZE
            ),
            "image/png",
        )
    )

    jpeg = make_photo(folder / "truncated.jpg", size=(640, 480), seed=3).read_bytes()
    add(
        "truncated.jpg",
        "reject",
        "a real JPEG cut in half: the header opens, decoding the pixels fails",
        "image/jpeg",
    ).write_bytes(jpeg[: len(jpeg) // 2])

    make_png(
        add("wrong_ext.txt", "ok", "a real PNG named .txt: sniffed as image/png", "image/png"),
        seed=4,
    )

    make_photo(
        add(
            "photo.jpg",
            "ok",
            f"1200x900 JPEG, EXIF DateTimeOriginal {PHOTO_DATE:%Y:%m:%d %H:%M:%S}"
            f" and Orientation {PHOTO_ORIENTATION} (rotate 90° clockwise to view)",
            "image/jpeg",
        ),
        seed=5,
    )

    make_tiff(add("scan.tiff", "ok", "a two-page Group 4 TIFF, as a scanner makes", "image/tiff"))

    make_pdf(
        add(ODD_NAME, "ok", "a valid 2-page PDF with accents, CJK, #, () in its name", pdf),
        pages=2,
        seed=6,
        title="Résumé — 診断",
    )

    add("random.bin", "reject", "4 KiB of random bytes: an unsupported type", None).write_bytes(
        b"\x00RND" + rng.randbytes(4092)
    )

    zip_path = add(
        "zip.pdf",
        "reject",
        "a ZIP archive named .pdf, holding a PDF stored uncompressed near its start: pdfium"
        " and pypdf (not strict) find and open that PDF, so refuse on the 'PK' signature",
        "application/zip",
    )
    with zipfile.ZipFile(zip_path, "w") as archive:
        stamp = (2025, 1, 15, 9, 30, 0)
        letter = zipfile.ZipInfo("letter.txt", stamp)
        letter.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(letter, "Please see the attached report.")
        inner = make_pdf(folder / "_inner.pdf", pages=1, seed=7)
        archive.writestr(zipfile.ZipInfo("report.pdf", stamp), inner.read_bytes())  # stored
        inner.unlink()

    return files
