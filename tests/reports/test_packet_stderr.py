"""``dossier print packet`` keeps the terminal clean: the image libraries' complaints about
a picture ("foo: Not a TIFF or MDI file", "libpng warning: …") are written below Python,
straight to file descriptor 2, so the real command is run and its stderr read."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image, TiffImagePlugin

from dossier.core import records
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier
from tests.cli.runner import run
from tests.reports.packet_files import tiff


def test_printing_a_packet_of_tiffs_writes_nothing_to_stderr(tmp_path: Path) -> None:
    info = TiffImagePlugin.ImageFileDirectory_v2()
    info[65000] = "a private tag"
    info.tagtype[65000] = 2
    pictures = [
        tiff(tmp_path / "lzw.tiff", compression="tiff_lzw"),  # libtiff: "Not a TIFF…"
        tiff(tmp_path / "tagged.tiff", tiffinfo=info),
    ]
    wide = tmp_path / "wide.png"
    Image.new("RGB", (300, 200), "white").save(wide)
    dossier = create_dossier(tmp_path / "dossier", name="Anna Example", born="1950-05-01")
    case = records.create(dossier, "case", {"title": "Pictures", "question": "What now?"}).id
    for result in import_paths(dossier, [*pictures, wide], case_id=case):
        assert result.document_id is not None, result
        records.update(dossier, "document", result.document_id, {"bring": True})
    dossier.close()
    out = tmp_path / "packet.pdf"
    done = run(
        "--dossier", str(tmp_path / "dossier"), "print", "packet", "--case", str(case),
        "--out", str(out), "--json",
    )  # fmt: skip
    assert done.stderr == ""
    result = json.loads(done.stdout)
    assert result["not_included"] == []
    assert [part["title"] for part in result["parts"]][:2] == [
        "Consultation brief",
        "Contents of this packet",
    ]
