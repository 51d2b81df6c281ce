"""One table of the file kinds the dossier takes and the name ending each copy gets."""

from __future__ import annotations

from dossier.core.archive.format import file_entry_name
from dossier.core.importer import sniff
from dossier.core.media_types import EXTENSIONS, extension


def test_every_kind_sniffed_has_its_ending_and_the_archive_uses_it() -> None:
    sha = "ab" * 32
    for media_type in (sniff.PDF, sniff.JPEG, sniff.PNG, sniff.TIFF, sniff.TEXT):
        assert extension(media_type) == EXTENSIONS[media_type]
        assert file_entry_name(sha, media_type) == f"files/{sha}{EXTENSIONS[media_type]}"
    assert extension(sniff.TIFF) == ".tif"
    assert extension(None) == "" and extension("application/zip") == ""
    assert file_entry_name(sha, None) == f"files/{sha}"
