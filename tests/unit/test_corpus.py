"""tests/corpus.py: every file of the hostile corpus is what it says it is."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path
from typing import Any, get_args

import pypdfium2 as pdfium
import pytest
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from tests.corpus import (
    FLATE_BOMB_SIZE,
    IMAGE_BOMB_SIZE,
    ODD_NAME,
    OWNER_PASSWORD,
    PHOTO_DATE,
    PHOTO_ORIENTATION,
    TAG_DATETIME_ORIGINAL,
    TAG_EXIF_IFD,
    TAG_ORIENTATION,
    USER_PASSWORD,
    CorpusFile,
    Expect,
    PureAES,
    make_corpus,
    make_pdf,
    make_photo,
    pypdf_has_aes,
    zlib_zeros,
)

REQUIRED = {
    "empty.pdf": "reject",
    "text_named.pdf": "text",
    "truncated.pdf": "reject",
    "garbage.pdf": "reject",
    "encrypted.pdf": "encrypted",
    "owner_only.pdf": "ok",
    "cyclic.pdf": "reject",
    "flate_bomb.pdf": "reject_or_ok",
    "image_bomb.png": "reject",
    "truncated.jpg": "reject",
    "wrong_ext.txt": "ok",
    "photo.jpg": "ok",
    "scan.tiff": "ok",
    ODD_NAME: "ok",
    "random.bin": "reject",
    "zip.pdf": "reject",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CorpusFile]:
    return make_corpus(tmp_path_factory.mktemp("corpus"))


def data(corpus: dict[str, CorpusFile], name: str) -> bytes:
    return corpus[name].path.read_bytes()


def pdfium_text(source: Path | bytes, password: str | None = None) -> list[str]:
    doc = pdfium.PdfDocument(source, password=password)
    try:
        texts = []
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            texts.append(str(textpage.get_text_range()))
            textpage.close()
            page.close()
        return texts
    finally:
        doc.close()


def run_isolated(code: str, timeout: float = 60) -> Any:
    """Run ``code`` in a fresh interpreter (so a hang cannot hang the tests); its JSON output."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, check=True
    )
    return json.loads(done.stdout)


# --- the corpus as a whole ----------------------------------------------------------------------


def test_corpus_has_every_required_file_with_its_expectation(
    corpus: dict[str, CorpusFile],
) -> None:
    for name, expect in REQUIRED.items():
        assert corpus[name].expect == expect, name
    for name, item in corpus.items():
        assert item.path.name == name
        assert item.expect in get_args(Expect)
        assert item.why
    folder = next(iter(corpus.values())).path.parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(corpus)  # no leftovers


def test_every_file_is_small(corpus: dict[str, CorpusFile]) -> None:
    for name, item in corpus.items():
        assert item.path.stat().st_size < 2 * 1024 * 1024, name


def test_making_the_corpus_is_fast_and_repeatable(
    tmp_path: Path, corpus: dict[str, CorpusFile]
) -> None:
    start = time.perf_counter()
    again = make_corpus(tmp_path / "again")
    assert time.perf_counter() - start < 2.0

    assert again.keys() == corpus.keys()
    for name in corpus:
        if corpus[name].expect == "encrypted" or name.startswith("owner_only"):
            continue  # pypdf salts encrypted files at random
        assert again[name].path.read_bytes() == data(corpus, name), name


def test_sniffed_types_match_the_content(corpus: dict[str, CorpusFile]) -> None:
    magic = {
        "application/pdf": b"%PDF-",
        "image/png": b"\x89PNG\r\n\x1a\n",
        "image/jpeg": b"\xff\xd8\xff",
        "application/zip": b"PK\x03\x04",
    }
    for name, item in corpus.items():
        head = item.path.read_bytes()[:8]
        if item.sniffed in magic:
            assert head.startswith(magic[item.sniffed]), name
        elif item.sniffed == "image/tiff":
            assert head[:4] in (b"II*\x00", b"MM\x00*"), name
        elif item.sniffed == "text/plain":
            item.path.read_bytes().decode("utf-8")
        else:
            assert item.sniffed is None
            assert not any(head.startswith(m) for m in magic.values()), name


# --- one by one -----------------------------------------------------------------------------------


def test_empty(corpus: dict[str, CorpusFile]) -> None:
    assert data(corpus, "empty.pdf") == b""


def test_text_named_pdf_is_plain_utf8_text(corpus: dict[str, CorpusFile]) -> None:
    raw = data(corpus, "text_named.pdf")
    text = raw.decode("utf-8")

    assert not raw.startswith(b"%PDF")
    assert "Zoë Müller" in text
    assert all(c.isprintable() or c in "\n\t" for c in text)


def test_truncated_pdf_is_60_percent_of_a_valid_pdf(
    tmp_path: Path, corpus: dict[str, CorpusFile]
) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", pages=5, seed=1).read_bytes()
    cut = data(corpus, "truncated.pdf")

    assert len(cut) == len(whole) * 6 // 10
    assert whole.startswith(cut)
    assert len(PdfReader(io.BytesIO(whole), strict=True).pages) == 5
    assert b"%%EOF" not in cut
    with pytest.raises(PdfReadError):
        PdfReader(io.BytesIO(cut), strict=True)
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(cut)


def test_garbage_pdf_has_a_header_and_nothing_else(corpus: dict[str, CorpusFile]) -> None:
    raw = data(corpus, "garbage.pdf")

    assert raw.startswith(b"%PDF-1.4\n")
    assert len(raw) > 8000
    assert b"%%EOF" not in raw
    assert b"obj" not in raw
    with pytest.raises(PdfReadError):
        PdfReader(io.BytesIO(raw), strict=True)
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(raw)


def encryption(path: Path) -> Any:
    return PdfReader(path).trailer["/Encrypt"].get_object()


def test_encrypted_pdf_needs_the_user_password(corpus: dict[str, CorpusFile]) -> None:
    path = corpus["encrypted.pdf"].path
    reader = PdfReader(path)

    assert reader.is_encrypted
    crypt = encryption(path)
    assert crypt["/V"] == 4
    assert crypt["/CF"]["/StdCF"]["/CFM"] == "/AESV2"
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(path)
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(path, password="wrong")
    # The password opens it, and the AES-encrypted text decrypts to what was written.
    for password in (USER_PASSWORD, OWNER_PASSWORD):
        texts = pdfium_text(path, password=password)
        assert len(texts) == 3
        assert "Encrypted letter" in texts[0]
        assert "Page 3 of 3" in texts[2]


def test_owner_only_pdfs_open_without_a_password(corpus: dict[str, CorpusFile]) -> None:
    aes = corpus["owner_only.pdf"].path
    rc4 = corpus["owner_only_rc4.pdf"].path

    assert PdfReader(aes).is_encrypted
    assert encryption(aes)["/CF"]["/StdCF"]["/CFM"] == "/AESV2"
    assert PdfReader(rc4).is_encrypted
    assert encryption(rc4)["/V"] == 2
    for path in (aes, rc4):
        texts = pdfium_text(path)
        assert len(texts) == 3
        assert "Encrypted letter" in texts[0]
    # pypdf decrypts RC4 by itself; AES only with the "cryptography" package.
    readable = [rc4, aes] if pypdf_has_aes() else [rc4]
    for path in readable:
        reader = PdfReader(path, strict=True)
        assert len(reader.pages) == 3
        assert "Encrypted letter" in reader.pages[0].extract_text()


def test_cyclic_page_tree_is_cyclic_and_does_not_hang_the_readers(
    corpus: dict[str, CorpusFile],
) -> None:
    raw = data(corpus, "cyclic.pdf")
    assert b"2 0 obj\n<< /Type /Pages /Kids [2 0 R 3 0 R]" in raw

    code = f"""
import json, pypdfium2 as pdfium
from pypdf import PdfReader
path = {str(corpus["cyclic.pdf"].path)!r}
result = {{}}
try:
    result["pypdf"] = len(PdfReader(path, strict=True).pages)
except Exception as error:
    result["pypdf"] = type(error).__name__
doc = pdfium.PdfDocument(path)
result["pdfium_count"] = len(doc)
pages = []
for index in range(len(doc)):
    try:
        doc[index]
        pages.append("ok")
    except pdfium.PdfiumError:
        pages.append("error")
result["pdfium_pages"] = pages
print(json.dumps(result))
"""
    result = run_isolated(code)

    assert result["pypdf"] == "PdfReadError"
    assert result["pdfium_count"] == 2
    assert result["pdfium_pages"] == ["ok", "error"]


def test_zlib_zeros_inflates_to_exactly_n_zeros() -> None:
    chunk = 1024
    for count in (0, 1, chunk - 1, chunk, chunk + 1, 3 * chunk, 5 * chunk + 17):
        stream = zlib_zeros(count, chunk=chunk)
        assert zlib.decompress(stream) == bytes(count), count
    assert len(zlib_zeros(64 << 20)) < (64 << 20) // 1000


def inflate_prefix(stream: bytes, limit: int) -> bytes:
    return zlib.decompressobj().decompress(stream, limit)


def raw_stream(pdf: bytes, number: int) -> bytes:
    """The raw (still encoded) data of stream object ``number``."""
    start = pdf.index(b"\n%d 0 obj\n" % number)
    length = int(pdf[start:].split(b"/Length ", 1)[1].split(maxsplit=1)[0])
    begin = pdf.index(b"stream\n", start) + len(b"stream\n")
    assert pdf[begin + length : begin + length + 10] == b"\nendstream"
    return pdf[begin : begin + length]


def test_flate_bomb_is_small_but_inflates_to_a_gibibyte(corpus: dict[str, CorpusFile]) -> None:
    raw = data(corpus, "flate_bomb.pdf")
    bomb = raw_stream(raw, 7)

    assert len(raw) < 2 * 1024 * 1024
    assert len(bomb) * 500 < FLATE_BOMB_SIZE
    assert inflate_prefix(bomb, 16 << 20) == bytes(16 << 20)
    adler = ((FLATE_BOMB_SIZE % 65521) << 16) | 1
    assert bomb.endswith(b"\x03\x00" + adler.to_bytes(4, "big"))
    # The structure itself is sound: a reader opens it and reads the harmless first page.
    reader = PdfReader(io.BytesIO(raw), strict=True)
    assert len(reader.pages) == 2
    assert "the next one is a flate bomb" in reader.pages[0].extract_text()
    doc = pdfium.PdfDocument(raw)
    try:
        assert len(doc) == 2
        textpage = doc[0].get_textpage()
        assert "flate bomb" in textpage.get_text_range()
        textpage.close()
    finally:
        doc.close()


@pytest.mark.slow
def test_flate_bomb_inflates_to_exactly_one_gibibyte(corpus: dict[str, CorpusFile]) -> None:
    decompressor = zlib.decompressobj()
    pending = raw_stream(data(corpus, "flate_bomb.pdf"), 7)
    total = 0
    while pending:
        out = decompressor.decompress(pending, 64 << 20)
        assert not out.strip(b"\x00")
        total += len(out)
        pending = decompressor.unconsumed_tail
    assert decompressor.eof
    assert total == FLATE_BOMB_SIZE


def png_chunks(raw: bytes) -> list[tuple[bytes, bytes]]:
    assert raw.startswith(b"\x89PNG\r\n\x1a\n")
    chunks: list[tuple[bytes, bytes]] = []
    at = 8
    while at < len(raw):
        (length,) = struct.unpack(">I", raw[at : at + 4])
        kind = raw[at + 4 : at + 8]
        body = raw[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", raw[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        at += 12 + length
    return chunks


def test_image_bomb_declares_a_huge_size(corpus: dict[str, CorpusFile]) -> None:
    raw = data(corpus, "image_bomb.png")
    chunks = png_chunks(raw)

    assert chunks[0][0] == b"IHDR"
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (width, height) == IMAGE_BOMB_SIZE == (50_000, 50_000)
    assert (depth, colour) == (1, 0)
    assert chunks[-1] == (b"IEND", b"")
    idat = b"".join(body for kind, body in chunks if kind == b"IDAT")
    rows = height * (1 + (width + 7) // 8)
    adler = ((rows % 65521) << 16) | 1
    assert idat.endswith(adler.to_bytes(4, "big"))  # complete image data, not a stub
    assert inflate_prefix(idat, 8 << 20) == bytes(8 << 20)
    assert len(raw) < 2 * 1024 * 1024
    with pytest.raises(Image.DecompressionBombError):
        Image.open(corpus["image_bomb.png"].path)


def test_truncated_jpeg_is_half_a_real_jpeg(tmp_path: Path, corpus: dict[str, CorpusFile]) -> None:
    whole = make_photo(tmp_path / "whole.jpg", size=(640, 480), seed=3).read_bytes()
    cut = data(corpus, "truncated.jpg")

    assert len(cut) == len(whole) // 2
    assert whole.startswith(cut)
    assert whole.endswith(b"\xff\xd9") and not cut.endswith(b"\xff\xd9")
    with Image.open(io.BytesIO(cut)) as image:
        assert image.format == "JPEG"
        assert image.size == (640, 480)  # the header is intact...
        with pytest.raises(OSError, match="truncated"):
            image.load()  # ...the pixels are not


def test_wrong_extension_holds_a_real_png(corpus: dict[str, CorpusFile]) -> None:
    with Image.open(corpus["wrong_ext.txt"].path) as image:
        assert image.format == "PNG"
        image.load()
        assert image.size == (64, 48)


def test_photo_has_its_exif(corpus: dict[str, CorpusFile]) -> None:
    with Image.open(corpus["photo.jpg"].path) as image:
        assert image.format == "JPEG"
        assert image.size == (1200, 900)
        image.load()
        exif = image.getexif()
    assert exif[TAG_ORIENTATION] == PHOTO_ORIENTATION == 6
    taken = exif.get_ifd(TAG_EXIF_IFD)[TAG_DATETIME_ORIGINAL]
    assert taken == PHOTO_DATE.strftime("%Y:%m:%d %H:%M:%S") == "2025:03:14 10:20:00"


def test_make_photo_without_exif_values(tmp_path: Path) -> None:
    path = make_photo(tmp_path / "plain.jpg", size=(80, 60), exif_date=None, orientation=None)

    with Image.open(path) as image:
        exif = image.getexif()
    assert TAG_ORIENTATION not in exif
    assert TAG_DATETIME_ORIGINAL not in exif.get_ifd(TAG_EXIF_IFD)


def test_scan_is_a_two_page_tiff(corpus: dict[str, CorpusFile]) -> None:
    with Image.open(corpus["scan.tiff"].path) as image:
        assert image.format == "TIFF"
        assert getattr(image, "n_frames", 1) == 2
        for frame in range(2):
            image.seek(frame)
            image.load()
            assert image.info["compression"] == "group4"


def test_odd_name_is_a_valid_pdf(corpus: dict[str, CorpusFile]) -> None:
    item = corpus[ODD_NAME]
    reader = PdfReader(item.path, strict=True)

    assert item.path.name == "Résumé — 診断 (copy) #1.pdf"
    assert len(reader.pages) == 2
    assert reader.metadata is not None
    assert reader.metadata.title == "Résumé — 診断"
    assert len(pdfium_text(item.path)) == 2


def test_random_bin_is_nothing_known(corpus: dict[str, CorpusFile]) -> None:
    raw = data(corpus, "random.bin")

    assert len(raw) == 4096
    with pytest.raises(UnidentifiedImageError):
        Image.open(io.BytesIO(raw))
    # pypdf 7.1 (strict) fails to word its "not a PDF" error for a header that is not UTF-8
    # and raises UnicodeDecodeError instead of PdfReadError: an importer must catch both.
    with pytest.raises((PdfReadError, UnicodeDecodeError)):
        PdfReader(io.BytesIO(raw), strict=True)
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(raw)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_zip_named_pdf_is_a_zip_with_a_pdf_inside(corpus: dict[str, CorpusFile]) -> None:
    path = corpus["zip.pdf"].path

    assert zipfile.is_zipfile(path)
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["letter.txt", "report.pdf"]
        inner = archive.read("report.pdf")
        assert archive.getinfo("report.pdf").compress_type == zipfile.ZIP_STORED
    assert len(PdfReader(io.BytesIO(inner), strict=True).pages) == 1
    with pytest.raises(PdfReadError):
        PdfReader(path, strict=True)


# --- the makers ---------------------------------------------------------------------------------


def test_make_pdf_has_exactly_the_pages_asked_for(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "five.pdf", pages=5, words_per_page=300, seed=9, title="Five")

    reader = PdfReader(path, strict=True)
    assert len(reader.pages) == 5
    assert reader.metadata is not None
    assert reader.metadata.title == "Five"
    texts = pdfium_text(path)
    for number, text in enumerate(texts, start=1):
        assert f"Section {number}" in text
        assert f"Page {number} of 5" in text
        assert len(text.split()) > 300
    assert make_pdf(tmp_path / "again.pdf", 5, 300, seed=9, title="Five").read_bytes() == (
        path.read_bytes()
    )


def test_make_pdf_refuses_more_words_than_a_page_holds(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="do not fit"):
        make_pdf(tmp_path / "full.pdf", pages=1, words_per_page=3000)


def test_pure_aes_matches_fips_197() -> None:
    aes = PureAES(bytes(range(16)))

    block = aes.encrypt_block(bytes.fromhex("00112233445566778899aabbccddeeff"))

    assert block.hex() == "69c4e0d86a7b0430d8cdb78070b4c55a"
    aes256 = PureAES(bytes(range(32)))  # FIPS-197, appendix C.3
    block = aes256.encrypt_block(bytes.fromhex("00112233445566778899aabbccddeeff"))
    assert block.hex() == "8ea2b7ca516745bfeafc49904b496089"
    # CBC, PKCS#7: a full block of padding after 16 bytes, the IV in front.
    assert len(aes.encrypt_cbc(bytes(16), bytes(16))) == 48
