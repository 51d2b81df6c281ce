"""The bundle for the second doctor, written for real from a real dossier: every file
compared byte for byte with the vault, in a folder and in a zip; the translations in and
the untranslated listed; a document whose file cannot be used left out and named; the
hand-over recorded only once the bundle is complete; the papers in English when the
program does not speak the doctor's language."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from pypdf import PdfReader

from dossier.core import records
from dossier.core.handover.bundle import BundleError, make_bundle
from dossier.core.handover.bundle_names import STEM_BYTES, STEM_CHARACTERS
from dossier.core.storage import Dossier
from dossier.core.vault_read import read_stored
from dossier.reports.bundle_render import pdf_renderer
from tests.dicom_discs import read_file_set
from tests.handover.bundle_dossier import (
    CYRILLIC,
    HEBREW,
    Built,
    vault_file,
)

RENDER = pdf_renderer()
FORBIDDEN = set('<>:"/\\|?*')
DEVICES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(10)),
    *(f"LPT{n}" for n in range(10)),
}


def files_below(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def stored(dossier: Dossier, document_id: int) -> bytes:
    row = records.get(dossier, "document", document_id)
    return read_stored(dossier.vault, str(row["sha256"]), int(row["size"]))


def test_a_folder_holds_every_file_byte_for_byte(
    dossier: Dossier, built: Built, stick: Path
) -> None:
    result = make_bundle(
        dossier, built.case, stick / "For Dr Halvorsen", language="en", render=RENDER
    )
    target = stick / "For Dr Halvorsen"
    assert result.path == target and not result.as_zip
    assert sorted(os.listdir(stick)) == ["For Dr Halvorsen"]  # no work folder left beside it
    found = files_below(target)
    by_id = {int(s.document["id"]): s.path.as_posix() for s in result.outcome.originals}
    for number in (built.letter, built.russian, built.long, built.con, built.slashes, *built.alike):
        assert found[by_id[number]] == stored(dossier, number)
    [translated] = result.outcome.translations
    assert found[translated.path.as_posix()] == stored(dossier, built.translation)
    papers = [p.path.as_posix() for p in result.outcome.papers]
    assert papers == ["1 Cover letter.pdf", "2 Consultation brief.pdf", "3 Consultation packet.pdf"]
    for name in [*papers, "CONTENTS.pdf"]:
        assert found[name].startswith(b"%PDF-")
    contents = found["CONTENTS.txt"].decode("utf-8-sig")
    for name in found:
        if "/IM" not in name and "/PT" not in name and not name.endswith("DICOMDIR"):
            assert PurePosixPath(name).name in contents, name
    assert result.size == sum(len(data) for data in found.values())


def test_the_imaging_study_is_a_disc_any_viewer_reads(
    dossier: Dossier, built: Built, stick: Path
) -> None:
    result = make_bundle(dossier, built.case, stick / "b", language="en", render=RENDER)
    [disc] = result.outcome.discs
    folder = stick / "b" / disc.path
    assert disc.path.parts[0] == "Imaging"
    with read_file_set(folder) as file_set:
        instances = list(file_set)
        assert len(instances) == 3
        for instance in instances:
            row = dossier.db.execute(
                "SELECT sha256, size FROM imaging_file WHERE instance_uid = ?",
                [instance.SOPInstanceUID],
            ).fetchone()
            assert Path(instance.path).read_bytes() == read_stored(dossier.vault, row[0], row[1])
    contents = (stick / "b" / "CONTENTS.txt").read_text("utf-8-sig")
    assert "DICOMDIR" in contents and disc.path.name in contents
    assert "MRI KNEE" in contents  # only catalogued: named, with where its disc is
    assert "the blue folder at home" in contents


def test_a_zip_holds_the_same_files(dossier: Dossier, built: Built, stick: Path) -> None:
    folder = make_bundle(dossier, built.case, stick / "folder", language="en", render=RENDER)
    zipped = make_bundle(dossier, built.case, stick / "bundle.zip", language="en", render=RENDER)
    assert zipped.as_zip and (stick / "bundle.zip").is_file()
    assert sorted(os.listdir(stick)) == ["bundle.zip", "folder"]
    in_folder = files_below(stick / "folder")
    with zipfile.ZipFile(stick / "bundle.zip") as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert sorted(names) == sorted(in_folder)
        for name in names:
            # the papers carry the moment they were made, a DICOMDIR its own new UID
            if not name.endswith((".pdf", "DICOMDIR")):
                assert archive.read(name) == in_folder[name], name
    assert zipped.summary() == folder.summary()


def test_names_are_safe_everywhere(dossier: Dossier, built: Built, stick: Path) -> None:
    result = make_bundle(dossier, built.case, stick / "b", language="en", render=RENDER)
    names = {s.document["id"]: s.path for s in result.outcome.originals}
    seen: dict[PurePosixPath, set[str]] = {}
    for path in (stick / "b").rglob("*"):
        relative = PurePosixPath(path.relative_to(stick / "b").as_posix())
        name = relative.name
        assert not FORBIDDEN & set(name), name
        assert name == name.strip() and not name.endswith(".") and not name.startswith(".")
        assert name.split(".")[0].upper() not in DEVICES
        assert len(PurePosixPath(name).stem) <= STEM_CHARACTERS
        assert len(PurePosixPath(name).stem.encode()) <= STEM_BYTES
        assert all(ord(c) >= 32 for c in name)
        folded = seen.setdefault(relative.parent, set())
        assert name.casefold() not in folded, name
        folded.add(name.casefold())
    assert HEBREW in names[built.letter].name
    assert names[built.letter].name == f"02 2026-02-14 {HEBREW}.pdf"
    assert CYRILLIC in names[built.russian].name
    assert names[built.long].name.endswith("….txt")
    assert names[built.slashes].name.endswith(" a-b - c.txt")
    assert names[built.con].name.endswith(" CON.txt")
    first, second = (names[i].name for i in built.alike)
    assert first.casefold() != second.casefold()  # their numbers tell them apart


def test_translations_in_and_the_untranslated_listed(
    dossier: Dossier, built: Built, stick: Path
) -> None:
    result = make_bundle(dossier, built.case, stick / "b", language="en", render=RENDER)
    [translated] = result.outcome.translations
    original = next(s for s in result.outcome.originals if s.document["id"] == built.letter)
    assert translated.path.parent == PurePosixPath("Translations")
    assert translated.path.name.startswith(original.path.stem[:3])  # the original's number
    assert "(translation into English)" in translated.path.name
    assert [u.title for u in result.plan.contents.untranslated] == [CYRILLIC]
    contents = (stick / "b" / "CONTENTS.txt").read_text("utf-8-sig")
    assert "Not yet translated into English" in contents
    assert f"{CYRILLIC} (written in Russian)" in contents
    assert "Certified translation of" in contents and "Vertaalbureau Noord" in contents
    assert (stick / "b" / "CONTENTS.txt").read_bytes().count(
        b"\r\n"
    ) > 10  # lines every editor shows


def test_in_english_when_the_program_does_not_speak_the_language(
    dossier: Dossier, built: Built, stick: Path
) -> None:
    result = make_bundle(dossier, built.case, stick / "b", language="de", render=RENDER)
    assert result.plan.in_english_instead and result.plan.printed_in == "en"
    assert result.outcome.translations == []
    contents = (stick / "b" / "CONTENTS.txt").read_text("utf-8-sig")
    assert "the program does not write German" in contents
    assert "Not yet translated into German" in contents


def test_in_the_doctors_language_when_spoken(dossier: Dossier, built: Built, stick: Path) -> None:
    result = make_bundle(dossier, built.case, stick / "b", language="nl", render=RENDER)
    assert result.plan.printed_in == "nl" and not result.plan.in_english_instead
    assert (stick / "b" / "Documents").is_dir() or (stick / "b" / "Documenten").is_dir()
    contents = (stick / "b" / "CONTENTS.txt").read_text("utf-8-sig")
    assert "CONTENTS.pdf" in contents


def test_a_file_replaced_by_a_link_is_left_out_and_named(
    dossier: Dossier, built: Built, stick: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE-SECRET " * 20)
    linked = vault_file(dossier, built.russian)
    linked.unlink()
    linked.symlink_to(secret)
    vault_file(dossier, built.con).unlink()
    result = make_bundle(dossier, built.case, stick / "b", language="en", render=RENDER)
    left = {item.title: item for item in result.outcome.left_out}
    assert left[CYRILLIC].short == "file replaced" and "link" in left[CYRILLIC].reason
    assert left["CON"].short == "file missing"
    written = {s.document["id"] for s in result.outcome.originals}
    assert built.russian not in written and built.con not in written
    assert built.letter in written
    for data in files_below(stick / "b").values():
        assert b"PRIVATE-SECRET" not in data
    contents = (stick / "b" / "CONTENTS.txt").read_text("utf-8-sig")
    assert "Not included, and why" in contents
    assert f"{CYRILLIC}: Its file in the dossier has been replaced by a link" in contents
    assert "CON: Its file is no longer in the dossier" in contents
    assert [d["title"] for d in result.as_dict()["left_out"]] == [CYRILLIC, "CON"]
    letter = PdfReader(stick / "b" / "1 Cover letter.pdf").pages[0].extract_text()
    said = " ".join(letter.split())
    assert f"{len(written)} documents from my records" in said  # the letter counts only those in


def test_the_hand_over_is_recorded_once_complete(
    dossier: Dossier, built: Built, stick: Path
) -> None:
    result = make_bundle(
        dossier, built.case, stick / "b.zip", language="en", render=RENDER, to_id=built.doctor
    )
    [row] = records.list_records(dossier, "hand_over", case_id=built.case)
    assert row["id"] == result.hand_over_id
    assert (row["contact_id"], row["kind"], row["how"]) == (
        built.doctor,
        "sent",
        "as a zip file, b.zip",
    )
    assert row["done_on"] == "2026-05-12"
    assert row["what"] == result.summary()
    assert "7 documents" in row["what"] and "1 translation" in row["what"]
    assert "1 imaging study" in row["what"]
    with pytest.raises(BundleError, match="already something called"):
        make_bundle(
            dossier, built.case, stick / "b.zip", language="en", render=RENDER, to_id=built.doctor
        )
    assert len(records.list_records(dossier, "hand_over", case_id=built.case)) == 1


def test_refusals_change_nothing(dossier: Dossier, built: Built, stick: Path) -> None:
    (stick / "there").mkdir()
    (stick / "link").symlink_to(stick / "there")
    for target, words in (
        (stick / "there", "already something called"),
        (stick / "link", "already something called"),
        (stick / "missing" / "b", "There is no folder"),
        (built.folder / "inside", "outside the dossier's folder"),
    ):
        with pytest.raises(BundleError, match=words):
            make_bundle(
                dossier, built.case, target, language="en", render=RENDER, to_id=built.doctor
            )
    with pytest.raises(BundleError, match="not a language"):
        make_bundle(dossier, built.case, stick / "b", language="xx", render=RENDER)
    with pytest.raises(records.NotFoundError):
        make_bundle(dossier, 999, stick / "b", language="en", render=RENDER)
    with pytest.raises(records.NotFoundError):
        make_bundle(dossier, built.case, stick / "b", language="en", render=RENDER, to_id=999)
    assert sorted(os.listdir(stick)) == ["link", "there"]
    assert not (built.folder / "inside").exists()
    assert records.list_records(dossier, "hand_over") == []


def test_the_papers_are_for_the_doctor_in_their_language(
    dossier: Dossier, built: Built, stick: Path
) -> None:
    from tests.pdf_reading import pdfium_pages

    result = make_bundle(
        dossier, built.case, stick / "b", language="nl", render=RENDER, to_id=built.doctor
    )
    letter, brief, packet = (stick / "b" / p.path for p in result.outcome.papers)
    said = " ".join(page.body for page in pdfium_pages(letter))
    assert "Halvorsen" in said and "Should the knee be replaced now?" in said
    assert "Geachte" in said  # in Dutch
    assert all(page.footer for page in pdfium_pages(brief))  # the identity footer
    assert result.outcome.papers[2].pages == len(pdfium_pages(packet))
    contents = " ".join(page.body for page in pdfium_pages(stick / "b" / "CONTENTS.pdf"))
    assert "Sarah Levi-Cohen" in contents and "Halvorsen" in contents


def test_hard_data_in_the_packet_and_the_bundle(
    long_dossier: tuple[Dossier, int], tmp_path: Path
) -> None:
    """A dossier named in Hebrew with very long texts: the document whose file was removed
    is left out and named once; the password-protected PDF goes in as its file, and the
    list says the packet could not print it."""
    dossier, case = long_dossier
    result = make_bundle(dossier, case, tmp_path / "b.zip", language="en", render=RENDER)
    assert [item.short for item in result.outcome.left_out] == ["file missing"]
    missing = result.outcome.left_out[0].title
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        contents = archive.read("CONTENTS.txt").decode("utf-8-sig")
        names = archive.namelist()
    assert contents.count(missing) == 1
    printed_not = [t for p in result.outcome.papers for t, _r in p.not_included]
    assert len(printed_not) == 2  # the missing one and the protected one
    assert "its file is in the bundle, but it could not be printed in" in contents
    assert "protected by a password" in contents
    assert len([n for n in names if n.startswith("Documents/")]) == len(result.outcome.originals)
