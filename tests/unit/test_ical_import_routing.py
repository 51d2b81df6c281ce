"""A calendar invitation given to the import is no longer stored as a text document: it is
recognised by its content (BEGIN:VCALENDAR), whatever its name, and pointed to the
invitation; a text file merely named .ics is still a text document."""

from __future__ import annotations

from pathlib import Path

from dossier.core import records
from dossier.core.importer import sniff
from dossier.core.importer.pipeline import import_paths
from dossier.core.storage import Dossier
from tests.invitations import OUTLOOK


def test_calendar_content_is_recognised_whatever_its_name() -> None:
    assert sniff.is_calendar(OUTLOOK)
    assert sniff.is_calendar(b"\xef\xbb\xbf" + OUTLOOK)  # with a byte-order mark
    assert sniff.is_calendar(b"\r\n  begin:vcalendar\r\n")
    assert sniff.is_calendar("BEGIN:VCALENDAR\r\n".encode("utf-16"))
    assert not sniff.is_calendar(b"Dear doctor, BEGIN:VCALENDAR")
    assert not sniff.is_calendar(b"%PDF-1.7 BEGIN:VCALENDAR")
    assert not sniff.is_calendar(b"")


def test_an_invitation_is_not_imported_as_a_document(dossier: Dossier, tmp_path: Path) -> None:
    invite = tmp_path / "invite.ics"
    invite.write_bytes(OUTLOOK)
    disguised = tmp_path / "letter.txt"  # by its content, not its name
    disguised.write_bytes(OUTLOOK)
    results = import_paths(dossier, [invite, disguised])
    for result in results:
        assert result.status == "rejected"
        assert result.reason is not None
        assert result.reason.startswith("This is a calendar invitation, not a document")
        assert "dossier invitation" in result.reason
    assert records.list_records(dossier, "document") == []
    assert records.list_records(dossier, "appointment") == []  # the import adds none either


def test_text_named_ics_is_still_a_text_document(dossier: Dossier, tmp_path: Path) -> None:
    notes = tmp_path / "notes.ics"
    notes.write_text("Questions for the surgeon: how long is the recovery?", encoding="utf-8")
    (result,) = import_paths(dossier, [notes])
    assert result.status == "imported"
    (document,) = records.list_records(dossier, "document")
    assert document["media_type"] == "text/plain"
