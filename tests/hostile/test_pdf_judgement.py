"""Issue 11's three PDFs, through `dossier import` in a subprocess, and the judgement's
edges (dossier.core.importer.pdf_judge, pdf_tail, pdf_bombs) with small files made here.

- An AES-256 PDF (revision 6) was refused as "damaged": pypdf needs the "cryptography"
  package for AES. A password-protected PDF is kept and marked, whatever its cipher.
- A valid PDF with 20 KB of zeros after %%EOF was refused as "cut off": bytes after the
  end are padding (up to 64 MB); a file that was really cut off is still refused.
- flate-bomb.pdf: see test_hostile_packet.py and test_hostile_cli.py (import and print
  agree); its refusal is below too.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

import pytest

from dossier.core.importer.pdf_bombs import bomb_reason
from dossier.core.importer.pdf_judge import judge_pdf
from dossier.core.importer.pdf_tail import PADDING_MAX, read_tail
from tests.cli.runner import run
from tests.corpus import OWNER_PASSWORD, USER_PASSWORD, encrypt_pdf, make_flate_bomb, make_pdf
from tests.hostile.hostile_files import make_pdf_bytes, padded_pdf
from tests.pdf_objects import assemble_pdf, stream_object

CUT_OFF = "The PDF is incomplete: it seems to have been cut off."


def new_dossier(path: Path) -> str:
    run("init", str(path), "--name", "Anna Müller", "--born", "1961-04-02")
    return str(path)


def imported(where: str, *paths: Path) -> dict[str, dict[str, Any]]:
    """``dossier import --json PATHS``: each file's result, by file name."""
    done = run("import", "--dossier", where, "--json", *map(str, paths), check=None)
    assert "Traceback" not in done.stderr and done.returncode in (0, 1), done.stderr
    return {Path(r["path"]).name: r for r in json.loads(done.stdout)}


def document(where: str, number: int) -> dict[str, Any]:
    return json.loads(run("show", "document", str(number), "--dossier", where, "--json").stdout)


def test_a_password_protected_pdf_is_kept_and_marked_whatever_its_cipher(tmp_path: Path) -> None:
    plain = make_pdf(tmp_path / "plain.pdf", pages=2, seed=31, title="Sealed letter")
    files = []
    for cipher in ("AES-128", "AES-256", "RC4-128"):
        for user, who in ((USER_PASSWORD, "user"), ("", "owner")):
            files.append(tmp_path / f"{cipher}-{who}.pdf")
            encrypt_pdf(plain, files[-1], user_password=user, owner_password=OWNER_PASSWORD,
                        algorithm=cipher)  # type: ignore[arg-type]  # fmt: skip
    where = new_dossier(tmp_path / "dossier")
    results = imported(where, *files)
    for cipher in ("AES-128", "AES-256", "RC4-128"):
        needs = results[f"{cipher}-user.pdf"]
        assert needs["status"] == "imported", needs
        assert document(where, needs["document_id"])["encrypted"] is True
        opens = results[f"{cipher}-owner.pdf"]
        assert opens["status"] == "imported", opens
        stored = document(where, opens["document_id"])
        assert stored["encrypted"] is False and stored["page_count"] == 2
        assert stored["metadata"]["Restrictions"] == "owner password (opens without a password)"
    found = run("search", "sealed", "--dossier", where, "--json")
    assert len(json.loads(found.stdout)) >= 3  # the three that open without a password


def test_the_aes_256_files_are_real(tmp_path: Path) -> None:
    """The test's own AES (tests/corpus.py) makes files pdfium opens with the password."""
    import pypdfium2 as pdfium

    plain = make_pdf(tmp_path / "plain.pdf", pages=1, seed=32, title="Real AES")
    sealed = encrypt_pdf(plain, tmp_path / "sealed.pdf", user_password=USER_PASSWORD,
                         owner_password=OWNER_PASSWORD, algorithm="AES-256")  # fmt: skip
    assert b"/AESV3" in sealed.read_bytes() and b"/R 6" in sealed.read_bytes()
    with pytest.raises(pdfium.PdfiumError, match="password"):
        pdfium.PdfDocument(str(sealed))
    document = pdfium.PdfDocument(str(sealed), password=USER_PASSWORD)
    try:
        assert "Real AES" in document[0].get_textpage().get_text_range()
    finally:
        document.close()


def test_bytes_after_the_end_of_a_pdf_are_padding(tmp_path: Path) -> None:
    files = {
        "zeros.pdf": padded_pdf(bytes(20_000)),  # issue 11's file
        "spaces.pdf": padded_pdf(b"\r\n \t" * 10_000),
        "garbage.pdf": padded_pdf(bytes(range(256)) * 4_000),  # 1 MB
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    far = tmp_path / "far.pdf"  # 60 MB of zeros, sparse: still within the 64 MB taken
    far.write_bytes(padded_pdf(b""))
    with far.open("r+b") as handle:
        handle.truncate(far.stat().st_size + 60_000_000)
    where = new_dossier(tmp_path / "dossier")
    results = imported(where, *(tmp_path / name for name in files), far)
    assert {name: r["status"] for name, r in results.items()} == dict.fromkeys(
        [*files, "far.pdf"], "imported"
    )
    found = json.loads(run("search", "followed", "--dossier", where, "--json").stdout)
    assert len(found) == 4  # each file's text was read


def test_a_pdf_that_was_cut_off_is_still_refused(tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", pages=3, seed=33).read_bytes()
    files = {
        "half.pdf": whole[: len(whole) // 2],
        "no-eof.pdf": whole[: whole.rindex(b"%%EOF")],  # all but its last line
        "half-then-zeros.pdf": whole[: len(whole) // 2] + bytes(20_000),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    beyond = tmp_path / "beyond.pdf"  # more padding than is taken: as good as cut off
    beyond.write_bytes(whole)
    with beyond.open("r+b") as handle:
        handle.truncate(len(whole) + PADDING_MAX + 1)
    where = new_dossier(tmp_path / "dossier")
    results = imported(where, *(tmp_path / name for name in files), beyond)
    for name in (*files, "beyond.pdf"):
        assert (results[name]["status"], results[name]["reason"]) == ("rejected", CUT_OFF), name


def test_flate_bomb_is_refused_when_added(tmp_path: Path) -> None:
    bomb = make_flate_bomb(tmp_path / "flate-bomb.pdf", 4 << 30)
    where = new_dossier(tmp_path / "dossier")
    [result] = imported(where, bomb).values()
    assert (result["status"], result["reason"]) == (
        "rejected",
        "The PDF cannot be read safely: its compressed parts would grow to more than 256 MB "
        "when unpacked.",
    )


# --- the judgement's edges, on small files ---------------------------------------------------


def test_the_end_is_the_eof_after_the_last_startxref(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    base = make_pdf_bytes("Two revisions.")
    section = len(base) + len(b"% an update\n")
    update = base + b"% an update\nxref\n0 1\n0000000000 65535 f \ntrailer\n"
    update += b"<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        base.rindex(b"xref"),
        section,
    )
    path.write_bytes(update + bytes(5000))
    tail = read_tail(path)
    assert (tail.end, tail.padding, tail.table_found) == (len(update), 5000, True)
    # A "startxref" cut in two by the edge of the first megabyte read (from the end).
    keyword = base.rindex(b"startxref")
    for k in range(-3, 12):
        padding = keyword + (1 << 20) + k - len(base)
        path.write_bytes(base + bytes(padding))
        assert read_tail(path).end == len(base), k
    # A "startxref" in garbage after the end: the last one does not end the file.
    path.write_bytes(base + b"garbage startxref garbage")
    assert read_tail(path).end == 0
    assert judge_pdf(path).refused == CUT_OFF


def test_the_trailer_says_whether_a_password_protects_it(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    base = make_pdf_bytes("A trailer that only mentions encryption.")
    path.write_bytes(base.replace(b"/Root 1 0 R", b"/Root 1 0 R /EncryptMetadata false"))
    assert not read_tail(path).encrypted
    path.write_bytes(base.replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 9 0 R"))
    assert read_tail(path).encrypted  # only the trailer is read: nothing is decrypted
    plain = make_pdf(tmp_path / "plain.pdf", pages=1, seed=34)
    sealed = encrypt_pdf(plain, tmp_path / "sealed.pdf", user_password=USER_PASSWORD,
                         owner_password=OWNER_PASSWORD, algorithm="AES-256")  # fmt: skip
    judged = judge_pdf(sealed)
    assert judged.protected and judged.refused is None and judged.reader is None


@pytest.mark.parametrize("cipher", ["AES-128", "AES-256", "RC4-128"])
def test_an_owner_password_only_is_read_from_a_copy_without_it(tmp_path: Path, cipher: str) -> None:
    """A file with an owner password only opens in every viewer: the packet prints it.
    pdfium's copy without the encryption has the same pages and the same text."""
    import pypdfium2 as pdfium

    plain = make_pdf(tmp_path / "plain.pdf", pages=2, seed=35, title="Discharge letter")
    sealed = encrypt_pdf(plain, tmp_path / "sealed.pdf", user_password="",
                         owner_password=OWNER_PASSWORD, algorithm=cipher)  # type: ignore[arg-type]  # fmt: skip
    judged = judge_pdf(sealed)
    assert judged.restricted and not judged.protected and judged.refused is None
    assert judged.source is not None and b"/Encrypt" not in judged.source
    assert len(judged.reader.pages) == 2 and not judged.reader.is_encrypted

    def texts(source: Path | bytes) -> list[str]:
        document = pdfium.PdfDocument(source)
        try:
            return [document[i].get_textpage().get_text_range() for i in range(len(document))]
        finally:
            document.close()

    assert texts(judged.source) == texts(plain) and "Discharge letter" in texts(plain)[0]


def pdf_with_streams(*streams: bytes) -> bytes:
    """One page whose content is the first stream; the others are objects no page uses."""
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            *streams,
        ],
        root=1,
    )


def test_compressed_parts_are_counted_unpacked_through_every_layer() -> None:
    ordinary = stream_object(b"BT /F1 12 Tf 56 760 Td (Hello.) Tj ET")
    mb = zlib.compress(bytes(3 << 20))
    big = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(mb), mb)
    twice = zlib.compress(mb)
    packed_twice = b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n%s\nendstream"
    packed_twice %= (len(twice), twice)
    assert bomb_reason(pdf_with_streams(ordinary, big), stream_cap=4 << 20) is None
    assert bomb_reason(pdf_with_streams(ordinary, big), stream_cap=2 << 20) == (
        "The PDF cannot be read safely: its compressed parts would grow to more than 2 MB "
        "when unpacked."
    )
    assert "more than 2 MB" in (bomb_reason(pdf_with_streams(ordinary, packed_twice),
                                            stream_cap=2 << 20) or "")  # fmt: skip
    unused = [big] * 4  # streams no page uses count too: 12 MB in all
    assert "more than 10 MB" in (bomb_reason(pdf_with_streams(ordinary, *unused),
                                             total_cap=10 << 20) or "")  # fmt: skip


def test_a_picture_is_judged_by_the_size_it_declares() -> None:
    def image(width: bytes, height: bytes) -> bytes:
        return (b"<< /Type /XObject /Subtype /Image /Width " + width + b" /Height " + height
                + b" /BitsPerComponent 8 /Filter /DCTDecode /Length 4 >>\nstream\nxxxx\nendstream")  # fmt: skip

    ordinary = stream_object(b"q Q")
    assert bomb_reason(pdf_with_streams(ordinary, image(b"4000", b"3000"))) is None
    assert "120 million pixels" in (bomb_reason(pdf_with_streams(ordinary,
                                                                 image(b"12000", b"12000"))) or "")  # fmt: skip
    assert bomb_reason(pdf_with_streams(ordinary, image(b"9 0 R", b"9 0 R"))) is None
