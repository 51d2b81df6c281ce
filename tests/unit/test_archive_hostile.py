"""Rebuilding from an archive refuses what is damaged, unsafe or not as described.

Every archive here is made by the test with zipfile (or as raw bytes, for truncation and
flipped bytes) from a small real export. Each refusal gives a plain reason, leaves no
dossier and no staging folder, and writes nothing outside the staging folder.
"""

from __future__ import annotations

import copy
import errno
import hashlib
import io
import json
import os
import stat
import struct
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from dossier.core import records
from dossier.core.archive import (
    ArchiveCancelled,
    ArchiveError,
    ArchiveRejected,
    Limits,
    export_archive,
    import_archive,
)
from dossier.core.archive.entries import declared_entry_count
from dossier.core.archive.format import FORMAT_VERSION, MANIFEST_NAME, README_NAME
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier
from dossier.core.sql_driver import sqlite3
from dossier.core.sql_driver import sqlite3 as driver
from tests.corpus import make_pdf


@dataclass
class Parts:
    """An archive taken apart: its manifest and its files, to be put together changed."""

    manifest: dict[str, Any]
    files: dict[str, bytes]
    readme: bytes
    extra: list[tuple[zipfile.ZipInfo | str, bytes]] = field(default_factory=list)

    def copy(self) -> Parts:
        return Parts(copy.deepcopy(self.manifest), dict(self.files), self.readme, [])

    def write(self, path: Path, *, manifest: bytes | None = None) -> Path:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # duplicate names, on purpose
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
                for name, data in self.files.items():
                    out.writestr(name, data, compress_type=zipfile.ZIP_STORED)
                out.writestr(MANIFEST_NAME, manifest or json.dumps(self.manifest).encode())
                out.writestr(README_NAME, self.readme)
                for info, data in self.extra:
                    out.writestr(info, data)
        return path

    @property
    def pdf_path(self) -> str:
        return next(n for n in self.files if n.endswith(".pdf"))


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> Parts:
    """A small dossier exported and taken apart: a case, a diagnosis, a PDF and a text file
    (one tagged), two opinions (one citing the PDF) compared with a verdict, and a note in
    the trash."""
    base = tmp_path_factory.mktemp("hostile-base")
    with create_dossier(base / "dossier", name="Ada Ortiz", born="1950-01-31") as made:
        case = records.create(made, "case", {"title": "Hip: operate now?"}).id
        records.create(made, "diagnosis", {"case_id": case, "name": "Coxarthrosis"})
        pdf = make_pdf(base / "letter.pdf", pages=2, title="Orthopaedic letter")
        text = base / "notes.txt"
        text.write_text("Questions for Dr Okafor about the hip.\n", "utf-8")
        import_paths(made, [pdf, text], case_id=case)
        letter = records.list_records(made, "document")[0]["id"]
        records.update(made, "document", letter, {"tags": ["hip"]})
        first = records.create(made, "opinion", {"case_id": case, "treatment": "Operate now."})
        second = records.create(made, "opinion", {"case_id": case, "treatment": "Wait a year."})
        records.update(
            made, "opinion", first.id, {"citations": {"treatment": [{"document_id": letter}]}}
        )
        records.create(
            made,
            "comparison",
            {
                "case_id": case,
                "opinion_ids": [first.id, second.id],
                "aspects": {"treatment": {"verdict": "different", "note": "Now or later."}},
            },
        )
        draft = records.create(made, "note", {"case_id": case, "text": "A draft."}).id
        records.delete(made, "note", draft)
        export_archive(made, base / "good.zip")
    with zipfile.ZipFile(base / "good.zip") as zipped:
        manifest = json.loads(zipped.read(MANIFEST_NAME))
        files = {f["path"]: zipped.read(f["path"]) for f in manifest["files"]}
        readme = zipped.read(README_NAME)
    return Parts(manifest, files, readme)


@pytest.fixture
def place(tmp_path: Path) -> Path:
    """Where the new dossier would go: a folder that already holds something of the user's."""
    folder = tmp_path / "place"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"not ours")
    return folder


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def refused(
    archive: Path,
    place: Path,
    words: str,
    *,
    target: Path | None = None,
    limits: Limits | None = None,
) -> ArchiveError:
    """Rebuild ``archive``; it must be refused with ``words`` and leave ``place`` as it was."""
    target = target or place / "new dossier"
    before = listing(place)
    kwargs: dict[str, Any] = {"limits": limits} if limits is not None else {}
    with pytest.raises(ArchiveError) as caught:
        import_archive(archive, target, **kwargs)
    assert words in caught.value.message, caught.value.message
    assert listing(place) == before
    assert not target.exists()
    return caught.value


def test_the_untouched_parts_rebuild(parts: Parts, tmp_path: Path, place: Path) -> None:
    """The baseline the hostile cases below change one thing of."""
    archive = parts.copy().write(tmp_path / "ok.zip")
    result = import_archive(archive, place / "new dossier")
    assert result.documents == 2 and result.person == "Ada Ortiz"


# Names -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../outside.txt", "leads outside the archive"),
        ("files/../../outside.txt", "leads outside the archive"),
        ("files/./x.txt", "leads outside the archive"),
        ("/etc/cron.d/x", "fixed place on a computer"),
        ("C:/Windows/x.txt", "fixed place on a computer"),
        ("C:x.txt", "fixed place on a computer"),
        ("files\\x.txt", "backslashes"),
        ("..\\..\\x.txt", "backslashes"),
        ("files/new\nline.txt", "unusable name"),
    ],
)
def test_unsafe_names_are_refused(
    parts: Parts, tmp_path: Path, place: Path, name: str, words: str
) -> None:
    bad = parts.copy()
    bad.extra.append((name, b"hello"))
    error = refused(bad.write(tmp_path / "a.zip"), place, words)
    assert isinstance(error, ArchiveRejected) and "Nothing was changed" in error.message
    assert not (tmp_path / "outside.txt").exists()


def test_a_link_entry_is_refused(parts: Parts, tmp_path: Path, place: Path) -> None:
    bad = parts.copy()
    link = zipfile.ZipInfo("files/passwords")
    link.create_system = 3  # unix
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    bad.extra.append((link, b"/etc/passwd"))
    refused(bad.write(tmp_path / "a.zip"), place, "a link to another place")


@pytest.mark.parametrize("second", ["same", "case"])
def test_duplicate_names_are_refused(
    parts: Parts, tmp_path: Path, place: Path, second: str
) -> None:
    bad = parts.copy()
    name = bad.pdf_path if second == "same" else bad.pdf_path.upper().replace("FILES/", "files/")
    bad.extra.append((name, bad.files[parts.pdf_path]))
    refused(bad.write(tmp_path / "a.zip"), place, "two files with the same name")


def test_a_password_protected_entry_is_refused(parts: Parts, tmp_path: Path, place: Path) -> None:
    raw = bytearray(parts.copy().write(tmp_path / "a.zip").read_bytes())
    # Set the "encrypted" flag of the first entry, in its local and its central header.
    raw[6] |= 0x01
    central = raw.find(b"PK\x01\x02")
    raw[central + 8] |= 0x01
    (tmp_path / "a.zip").write_bytes(bytes(raw))
    refused(tmp_path / "a.zip", place, "password-protected")


# Sizes and counts ----------------------------------------------------------------------------
def test_too_many_entries_are_refused_before_zipfile_reads_them(
    parts: Parts, tmp_path: Path, place: Path
) -> None:
    archive = parts.copy().write(tmp_path / "a.zip")
    with archive.open("rb") as handle:
        assert declared_entry_count(handle) == 4
    refused(archive, place, "too many files (more than 3)", limits=Limits(max_entries=3))


def test_millions_of_entries_declared_in_a_zip64_end_are_refused_unread(
    tmp_path: Path, place: Path
) -> None:
    """Only the end records are read: zipfile never builds the five million entries."""
    record = b"PK\x06\x06" + struct.pack("<QHHIIQQQQ", 44, 45, 45, 0, 0, 5_000_000, 5_000_000, 0, 0)
    locator = b"PK\x06\x07" + struct.pack("<IQI", 0, 4, 1)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    raw = b"junk" + record + locator + end
    assert declared_entry_count(io.BytesIO(raw)) == 5_000_000
    (tmp_path / "a.zip").write_bytes(raw)
    refused(tmp_path / "a.zip", place, "too many files (more than 100,000)")


def test_an_entry_packed_too_tightly_is_refused(parts: Parts, tmp_path: Path, place: Path) -> None:
    bad = parts.copy()
    bomb = zipfile.ZipInfo("files/bomb.txt")
    bomb.compress_type = zipfile.ZIP_DEFLATED
    bad.extra.append((bomb, bytes(8 << 20)))  # 8 MB of zeros pack into about 8 kB
    refused(bad.write(tmp_path / "a.zip"), place, "grow far too large when unpacked")


def test_too_much_in_total_is_refused(parts: Parts, tmp_path: Path, place: Path) -> None:
    archive = parts.copy().write(tmp_path / "a.zip")
    refused(archive, place, "more than 1.0 kB", limits=Limits(max_total_bytes=1000))


def test_a_manifest_too_large_to_read_is_refused(parts: Parts, tmp_path: Path, place: Path) -> None:
    archive = parts.copy().write(tmp_path / "a.zip")
    refused(archive, place, "larger than 100 bytes", limits=Limits(max_manifest_bytes=100))


def test_a_file_larger_than_a_dossier_takes_is_refused(
    parts: Parts, tmp_path: Path, place: Path
) -> None:
    archive = parts.copy().write(tmp_path / "a.zip")
    refused(archive, place, "larger than 100 bytes", limits=Limits(max_file_bytes=100))


# Damage ------------------------------------------------------------------------------------
@pytest.mark.parametrize("keep", [0.5, 0.97, -10, -1])
def test_a_truncated_archive_is_refused(
    parts: Parts, tmp_path: Path, place: Path, keep: float
) -> None:
    raw = parts.copy().write(tmp_path / "whole.zip").read_bytes()
    cut = int(len(raw) * keep) if keep > 0 else len(raw) + int(keep)
    (tmp_path / "cut.zip").write_bytes(raw[:cut])
    refused(tmp_path / "cut.zip", place, "damaged or incomplete")


def test_a_flipped_byte_in_a_file_is_a_crc_error(parts: Parts, tmp_path: Path, place: Path) -> None:
    raw = bytearray(parts.copy().write(tmp_path / "a.zip").read_bytes())
    pdf = parts.files[parts.pdf_path]
    at = raw.find(pdf[200:240]) + 10
    raw[at] ^= 0xFF
    (tmp_path / "a.zip").write_bytes(bytes(raw))
    refused(tmp_path / "a.zip", place, "damaged or incomplete", target=place / "deep" / "new")


@pytest.mark.parametrize("content", [b"Just some text, not an archive.\n", b""])
def test_a_file_that_is_not_an_archive_is_refused(
    tmp_path: Path, place: Path, content: bytes
) -> None:
    (tmp_path / "a.zip").write_bytes(content)
    refused(tmp_path / "a.zip", place, "damaged or incomplete")


def test_a_zip_without_a_manifest_is_not_ours(tmp_path: Path, place: Path) -> None:
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as out:
        out.writestr("holiday/photo.txt", "sun")
    refused(tmp_path / "a.zip", place, "not an archive made by Second Opinion Dossier")


# Files that are not what the manifest says --------------------------------------------------
def test_a_file_whose_hash_does_not_match_is_refused(
    parts: Parts, tmp_path: Path, place: Path
) -> None:
    bad = parts.copy()
    data = bytearray(bad.files[bad.pdf_path])
    data[300] ^= 0x01  # same size, other content: the zip's own CRC is right
    bad.files[bad.pdf_path] = bytes(data)
    target = place / "not yet" / "there" / "new"  # folders made for it go again too
    refused(
        bad.write(tmp_path / "a.zip"),
        place,
        "not the one its list of contents describes",
        target=target,
    )


def test_a_file_whose_size_does_not_match_is_refused(
    parts: Parts, tmp_path: Path, place: Path
) -> None:
    bad = parts.copy()
    bad.files[bad.pdf_path] += b"\n%% appended"
    refused(bad.write(tmp_path / "a.zip"), place, "not the one its list of contents describes")


def test_a_record_pointing_at_a_file_not_in_the_archive_is_refused(
    parts: Parts, tmp_path: Path, place: Path
) -> None:
    bad = parts.copy()
    gone = bad.pdf_path
    del bad.files[gone]
    bad.manifest["files"] = [f for f in bad.manifest["files"] if f["path"] != gone]
    refused(bad.write(tmp_path / "a.zip"), place, "refers to a file that is not in the archive")


def test_a_listed_file_missing_from_the_zip_is_refused(
    parts: Parts, tmp_path: Path, place: Path
) -> None:
    bad = parts.copy()
    del bad.files[bad.pdf_path]
    refused(bad.write(tmp_path / "a.zip"), place, "listed in it but missing from it")


def test_an_unlisted_database_is_refused_and_never_opened(
    parts: Parts, tmp_path: Path, place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dossier.sqlite inside an archive is never handed to SQLite: it is refused as an
    entry the manifest does not list, and as a document file it is not a kind we keep."""
    foreign = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    db_bytes = foreign.read_bytes()
    opened: list[str] = []
    real_connect = driver.connect

    def spy(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append(str(database))
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(driver, "connect", spy)  # the program's SQLite (SQLCipher's)
    bad = parts.copy()
    bad.extra.append(("dossier.sqlite", db_bytes))
    refused(bad.write(tmp_path / "a.zip"), place, "does not mention (dossier.sqlite)")
    assert opened == []

    # The same database disguised as a document file, with a matching hash and size.
    sha = hashlib.sha256(db_bytes).hexdigest()
    disguised = parts.copy()
    entry = disguised.manifest["files"][0]
    del disguised.files[entry["path"]]
    row = next(
        r
        for r in disguised.manifest["tables"]["document"]["rows"]
        if r["id"] == entry["document_id"]
    )
    entry.update(path=f"files/{sha}.pdf", sha256=sha, size=len(db_bytes))
    row.update(sha256=sha, size=len(db_bytes))
    disguised.files[entry["path"]] = db_bytes
    refused(disguised.write(tmp_path / "b.zip"), place, "not a kind of document this program keeps")
    assert opened and all(
        Path(p.split("?")[0].removeprefix("file:")).name == "dossier.sqlite" for p in opened
    )
    assert all(".importing-" in p for p in opened)  # only the new dossier's own database


# The manifest ------------------------------------------------------------------------------
def _changed(parts: Parts, change: Callable[[dict[str, Any]], None]) -> Parts:
    bad = parts.copy()
    change(bad.manifest)
    return bad


def _rows(m: dict[str, Any], table: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = m["tables"][table]["rows"]
    return rows


def _first(table: str, **values: Any) -> Callable[[dict[str, Any]], None]:
    """A change: the first record of ``table`` gets ``values``."""
    return lambda m: _rows(m, table)[0].update(values)


def _missing(file: dict[str, Any], reason: str = "missing") -> dict[str, Any]:
    """A ``missing_files`` entry for the document of ``file``."""
    keys = ("document_id", "sha256", "size", "media_type")
    return {**{k: file[k] for k in keys}, "title": "A letter", "reason": reason, "why": "gone"}


def _cost(**values: Any) -> dict[str, Any]:
    """A cost record as an archive holds one, with ``values``."""
    stamp = "2026-01-01T10:00:00"
    return {
        "id": 1,
        "description": "Consultation",
        "created_at": stamp,
        "updated_at": stamp,
        **values,
    }


def _drop_untagged_document(m: dict[str, Any]) -> None:
    """Take out the record of the document nothing else points to, keeping its file."""
    tagged = {row["document_id"] for row in _rows(m, "document_tag")}
    gone = next(row["id"] for row in _rows(m, "document") if row["id"] not in tagged)
    for table in ("document", "document_case"):
        key = "id" if table == "document" else "document_id"
        m["tables"][table]["rows"] = [r for r in _rows(m, table) if r[key] != gone]


MANIFEST_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "newer format",
        lambda m: m.update(format_version=FORMAT_VERSION + 1),
        "made by a newer version",
    ),
    (
        "newer schema",
        lambda m: m["schema_migrations"].append("0099_something_new"),
        "made by a newer version",
    ),
    ("no tables", lambda m: m.pop("tables"), '"tables" is missing'),
    ("no files", lambda m: m.pop("files"), '"files" is missing'),
    ("no version", lambda m: m.pop("format_version"), '"format_version" is missing'),
    ("version as text", lambda m: m.update(format_version="1"), "must be a whole number"),
    ("files not a list", lambda m: m.update(files={}), '"files" must be a list'),
    ("rows not a list", lambda m: m["tables"]["case"].update(rows="none"), "must be a list"),
    ("row not an object", lambda m: m["tables"]["case"]["rows"].append(3), "must be a JSON object"),
    ("bad date", lambda m: m.update(created_at="last Tuesday"), "must be a date and time"),
    ("other format", lambda m: m.update(format="something-else"), "not made by Second Opinion"),
    ("bad hash", lambda m: m["files"][0].update(sha256="abc"), "64 hexadecimal digits"),
    ("no person", lambda m: m["tables"]["person"].update(rows=[]), "exactly one person"),
    (
        "id as text",
        lambda m: m["tables"]["case"]["rows"][0].update(id="one"),
        "its case number 'one' is not valid: The number must be a whole number",
    ),
    (
        "title as a list",
        lambda m: m["tables"]["case"]["rows"][0].update(title=["a"]),
        "title must be text",
    ),
    (
        "unknown field",
        lambda m: m["tables"]["case"]["rows"][0].update(colour="red"),
        "does not know ('colour')",
    ),
    (
        "unknown table",
        lambda m: m["tables"].update(secrets={"rows": [{"id": 1}]}),
        "does not know (secrets)",
    ),
    (
        "derived table smuggled in",
        lambda m: m["tables"].update(search_fts={"rows": []}),
        "does not know (search_fts)",
    ),
    (
        "broken link",
        lambda m: m["tables"]["diagnosis"]["rows"][0].update(case_id=99),
        "its diagnosis number 1 points to case number 99, which is not in the archive",
    ),
    (
        "same number twice",
        lambda m: m["tables"]["case"]["rows"].append(dict(m["tables"]["case"]["rows"][0])),
        "its case number 1 appears twice",
    ),
    (
        "required field empty",
        lambda m: m["tables"]["case"]["rows"][0].update(title=None),
        "its case number 1 is not valid: The title is needed.",
    ),
    ("a file twice", lambda m: m["files"].append(dict(m["files"][0])), "lists the file"),
    (
        "a date that is no date",
        lambda m: m["tables"]["case"]["rows"][0].update(opened_on="soon"),
        "its case number 1 is not valid",
    ),
    (
        "a choice the program does not offer",
        lambda m: m["tables"]["case"]["rows"][0].update(status="forgotten"),
        "its case number 1 is not valid",
    ),
    (
        "metadata that is not JSON",
        lambda m: m["tables"]["document"]["rows"][0].update(metadata="{oops"),
        "its document number 1 is not valid: The metadata cannot be read: it is not valid JSON",
    ),
    (
        "a link row twice",
        lambda m: m["tables"]["document_case"]["rows"].append(
            dict(m["tables"]["document_case"]["rows"][0])
        ),
        "its document number 1 cannot be stored (UNIQUE constraint failed",
    ),
    ("a file of no document", lambda m: _drop_untagged_document(m), "belongs to no document"),
]


# Values the schema takes but the program never stores (issue 11): each is refused, with
# its record named, before anything is written. Enumerations come from the entity
# definitions; references must point to a record of the right kind in the archive.
VALUE_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "a verdict the program does not know",
        _first("comparison_aspect", verdict="bogus"),
        "its comparison number 1 is not valid: The verdict 'bogus' is not one this program "
        "knows (same, partly, different, not_addressed)",
    ),
    (
        "an aspect the program does not compare",
        _first("comparison_aspect", aspect="horoscope"),
        "The aspect 'horoscope' is not one this program knows",
    ),
    (
        "a cited aspect the program does not compare",
        _first("opinion_citation", aspect="horoscope"),
        "its opinion number 1 is not valid: The aspect 'horoscope'",
    ),
    (
        "a trash entry of a kind that does not exist",
        _first("trash", entity="nosuch"),
        "its trash entry 1 is not valid: The kind of record 'nosuch' is not one this program knows",
    ),
    (
        "the person in the trash",
        _first("trash", entity="person", record_id=1),
        "The kind of record 'person' is not one",
    ),
    (
        "a trash entry of a record not in the archive",
        _first("trash", record_id=99),
        "its trash entry 1 points to note number 99, which is not in the archive",
    ),
    (
        "a trash entry of another kind's number",
        _first("trash", entity="opinion", record_id=7),
        "its trash entry 1 points to opinion number 7, which is not in the archive",
    ),
    (
        "a deletion that is not the program's",
        _first("trash", batch="../../etc"),
        "The deletion '../../etc' is not one this program writes",
    ),
    (
        "metadata nested 50,000 deep",
        _first("document", metadata="[" * 50_000 + "]" * 50_000),
        "its document number 1 is not valid: The metadata cannot be read: it is larger than",
    ),
    (
        "metadata nested 5,000 deep",
        _first("document", metadata="[" * 5_000 + "]" * 5_000),
        "The metadata cannot be read: it is nested more than 4 levels deep",
    ),
    (
        "metadata that is not names and texts",
        _first("document", metadata='{"Title": {"a": [1, 2]}}'),
        "The metadata must be names with one-line texts",
    ),
    (
        "metadata as a number",
        _first("document", metadata=3),
        "The metadata must be text",
    ),
    (
        "a number past SQLite's 64 bits",
        _first("document", size=10**30),
        "its document number 1 is not valid: The size must be between 0 and",
    ),
    (
        "an amount past SQLite's 64 bits",
        lambda m: _rows(m, "cost").append(_cost(amount=10**30)),
        "its cost number 1 is not valid: The amount must be an amount of money",
    ),
    (
        "an amount in fractions of a cent",
        lambda m: _rows(m, "cost").append(_cost(amount=12.5)),
        "The amount '12.5' is not written the way this program writes it",
    ),
    ("a negative size", _first("document", size=-1), "The size must be between 0 and"),
    (
        "a kind of file the program does not keep",
        _first("document", media_type="application/x-msdownload"),
        "The kind of file 'application/x-msdownload' is not one this program knows",
    ),
    ("yes or no as 2", _first("document", bring=2), "The bring to next consultation '2'"),
    (
        "a title longer than a form takes",
        _first("case", title="x" * 501),
        "its case number 1 is not valid: The title is too long: 501 characters, at most 500",
    ),
    (
        "a title that hides its direction",
        _first("case", title="invoice\u202egpj.exe"),
        "The title 'invoice\\u202egpj.exe' is not written the way this program writes it",
    ),
    (
        "a time stamp that is no time",
        _first("case", created_at="yesterday"),
        "The time it was made 'yesterday' is not a date and time",
    ),
    (
        "a second person",
        _first("person", id=2),
        "its person number 2 is not valid: The number must be between 1 and 1",
    ),
    (
        "a report that is not in the archive",
        _first("opinion", report_document_id=42),
        "its opinion number 1 points to document number 42, which is not in the archive",
    ),
    (
        "a comparison of an opinion not in the archive",
        _first("comparison_opinion", opinion_id=9),
        "its comparison number 1 points to opinion number 9, which is not in the archive",
    ),
    (
        "an empty tag",
        _first("document_tag", tag=None),
        "The tag is needed",
    ),
    (
        "an ICD-10 code in small letters",
        _first("diagnosis", icd10="c50.9"),
        "The ICD-10 code 'c50.9' is not written the way this program writes it",
    ),
    (
        "missing_files naming a file that is in the archive",
        lambda m: m.update(missing_files=[_missing(m["files"][0])]),
        '"missing_files" names a file twice, or one that is in the archive',
    ),
    (
        "a missing file with a reason the program does not know",
        lambda m: m.update(missing_files=[_missing(m["files"][0], reason="lost at sea")]),
        '"missing_files[0].reason" must be one of: missing, not_a_file, damaged, unreadable',
    ),
    (
        "missing_files that is not a list",
        lambda m: m.update(missing_files="none"),
        '"missing_files" must be a list',
    ),
    (
        "a missing file without a title",
        lambda m: m.update(missing_files=[{**_missing(m["files"][0]), "title": 3}]),
        '"missing_files[0].title" must be text',
    ),
    (
        "a field name that hides a line break",
        _first("case", **{"colour\nred": 1}),
        "does not know ('colour\\nred')",
    ),
]


def test_the_fixture_has_every_record_the_tricks_change(parts: Parts) -> None:
    tables = parts.manifest["tables"]
    for name in ("comparison_aspect", "opinion_citation", "trash", "document_tag", "opinion"):
        assert tables[name]["rows"], name
    assert tables["trash"]["rows"][0]["entity"] == "note"


def test_a_missing_file_must_match_its_document(parts: Parts, tmp_path: Path, place: Path) -> None:
    """A file left out by the export is named with its document's number, hash and size."""
    bad = parts.copy()
    entry = next(f for f in bad.manifest["files"] if f["path"] == bad.pdf_path)
    bad.manifest["files"].remove(entry)
    del bad.files[bad.pdf_path]
    bad.manifest["missing_files"] = [{**_missing(entry), "document_id": 99}]
    refused(bad.write(tmp_path / "a.zip"), place, "a missing file does not match its document")
    bad.manifest["missing_files"] = [_missing(entry)]
    result = import_archive(bad.write(tmp_path / "b.zip"), place / "new dossier")
    assert result.missing == ((entry["document_id"], "A letter"),)


ALL_CASES = MANIFEST_CASES + VALUE_CASES


@pytest.mark.parametrize(
    ("change", "words"), [c[1:] for c in ALL_CASES], ids=[c[0] for c in ALL_CASES]
)
def test_a_wrong_manifest_is_refused(
    parts: Parts,
    tmp_path: Path,
    place: Path,
    change: Callable[[dict[str, Any]], None],
    words: str,
) -> None:
    error = refused(_changed(parts, change).write(tmp_path / "a.zip"), place, words)
    assert error.message.startswith("This archive cannot be used:")


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2, 3]", "must be a JSON object"),
        (b'{"format": "a", "format": "b"}', "appears twice"),
        (b'{"format_version": NaN}', "not valid JSON"),
        (b"\xff\xfe{}", "not readable text"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid: it is nested more than 16 levels deep"),
        (b'{"format": ' + b"[" * 17 + b"]" * 17 + b"}", "nested more than 16 levels deep"),
        (b'{"a": "' + b"[" * 100 + b'"}', "not made by Second Opinion Dossier"),  # text
    ],
)
def test_a_manifest_that_is_not_valid_json_is_refused(
    parts: Parts, tmp_path: Path, place: Path, raw: bytes, words: str
) -> None:
    refused(parts.copy().write(tmp_path / "a.zip", manifest=raw), place, words)


def test_a_manifest_with_too_many_values_is_refused_before_it_is_parsed(
    parts: Parts, tmp_path: Path, place: Path
) -> None:
    archive = parts.copy().write(tmp_path / "a.zip")
    refused(
        archive,
        place,
        "is not valid: it holds more than 50 values, more than this program reads",
        limits=Limits(max_manifest_items=50),
    )


def test_a_manifest_declared_larger_than_the_limit_is_refused_unread(
    parts: Parts, tmp_path: Path, place: Path
) -> None:
    """The sizes in the zip's own directory are looked at before a byte is unpacked."""
    archive = parts.copy().write(tmp_path / "a.zip")
    with zipfile.ZipFile(archive) as opened:
        info = opened.getinfo(MANIFEST_NAME)
    packed = Limits(max_manifest_bytes=info.compress_size - 1)
    assert info.file_size > info.compress_size
    refused(archive, place, "its list of contents (manifest.json) is larger than", limits=packed)


# The target --------------------------------------------------------------------------------
def test_a_folder_that_is_not_empty_is_refused_before_the_archive_is_read(
    tmp_path: Path, place: Path
) -> None:
    (tmp_path / "a.zip").write_bytes(b"never read")
    before = listing(place)
    with pytest.raises(ArchiveError, match="is not empty") as caught:
        import_archive(tmp_path / "a.zip", place)
    assert not isinstance(caught.value, ArchiveRejected)  # about the folder, not the archive
    assert listing(place) == before


def test_a_file_in_the_way_is_refused(parts: Parts, tmp_path: Path, place: Path) -> None:
    archive = parts.copy().write(tmp_path / "a.zip")
    before = listing(place)
    with pytest.raises(ArchiveError, match="There is already a file"):
        import_archive(archive, place / "holiday.jpg")
    assert listing(place) == before


def test_a_missing_archive_is_refused(tmp_path: Path, place: Path) -> None:
    refused(tmp_path / "nowhere.zip", place, "There is no archive file")


# The disk, progress and stopping -------------------------------------------------------------
def test_a_full_disk_during_the_rebuild_leaves_nothing(
    parts: Parts, tmp_path: Path, place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = parts.copy().write(tmp_path / "a.zip")

    def no_room(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_room)  # the vault flushes each file it stores
    error = refused(archive, place, "The disk is full")
    assert "nothing was changed" in error.message


def test_the_rebuild_stages_beside_the_target_and_can_be_stopped(
    parts: Parts, tmp_path: Path, place: Path
) -> None:
    archive = parts.copy().write(tmp_path / "a.zip")
    before = set(listing(place))
    steps: list[tuple[str, int, int]] = []
    seen_beside: set[str] = set()

    def progress(step: str, done: int, total: int) -> None:
        steps.append((step, done, total))
        seen_beside.update(p.name for p in place.iterdir() if p.name not in before)

    result = import_archive(archive, place / "new dossier", progress=progress)
    assert result.path == place / "new dossier"
    assert [s for s in dict.fromkeys(step for step, _, _ in steps)] == [
        "Checking the archive",
        "Unpacking the documents",
        "Reading the documents again",
        "Saving the records",
    ]
    assert seen_beside and all(n.startswith(".new dossier.importing-") for n in seen_beside)
    assert set(listing(place)) - before == {
        n for n in listing(place) if n.startswith("new dossier")
    }

    with pytest.raises(ArchiveCancelled):
        import_archive(archive, place / "second", progress=progress, cancelled=lambda: True)
    assert not (place / "second").exists()
    assert not [p for p in place.iterdir() if ".importing-" in p.name]


@pytest.fixture(autouse=True)
def _no_leftover_pools() -> Iterator[None]:
    yield
    import multiprocessing

    assert [p for p in multiprocessing.active_children() if p.is_alive()] == []
