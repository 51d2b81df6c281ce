"""Imaging discs in the frozen program: a generated disc added through its command line, its
images drawn in its sandboxed readers (JPEG 2000, RLE, JPEG baseline and lossless, plain),
and a copy of the disc written with a DICOMDIR.

No command of the program draws an image (the window does, with
dossier.core.imaging.preview.ImageReader): the drawing runs that same code inside the
bundle's interpreter (tests/packaging/frozen_python.py, frozen_draw.py). What it drew must
be what this checkout's Python draws of the same files, pixel for pixel.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from pydicom import dcmread
from pydicom.data import get_testdata_file
from pydicom.uid import (
    ExplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGBaseline8Bit,
    JPEGLosslessSV1,
    RLELossless,
)

from dossier.core.imaging.render import render_image
from dossier.core.opening import open_dossier
from tests.dicom_discs import SeriesSpec, StudySpec, make_disc, read_file_set, standard_disc
from tests.packaging.bundle import Bundle

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
    pytest.mark.xdist_group("bundle"),  # one process builds the bundle for them all
]

HERE = Path(__file__).resolve().parent
# pydicom's own samples of one image (RGB, 100 x 100 pixels, a patient called Lestrade) as
# other programs wrote it: JPEG lossless (process 14, first-order prediction) by GDCM, and
# JPEG baseline in YBR colour by DCMTK, as ultrasound on discs often is.
SAMPLES = ("SC_rgb_jpeg_gdcm.dcm", "SC_rgb_jpeg_dcmtk.dcm")


@pytest.fixture(scope="module")
def imaging(bundle: Bundle, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dossier holding three discs, each added by the frozen program's `import`: the
    issue's standard disc (plain and JPEG 2000 series, one series of another patient), a
    disc of an RLE and a JPEG baseline series, and loose files of pydicom's samples."""
    work = tmp_path_factory.mktemp("imaging")
    dossier = work / "dossier"
    made = bundle.run("init", str(dossier), "--name", "Margaret Example", "--born", "1958-02-14")
    assert made.returncode == 0, made.stderr

    standard = _import(bundle, dossier, standard_disc(work / "standard"), "--other-patient")
    (study,) = standard["studies"]
    assert (study["series"], study["images"], study["patient_check"]) == (3, 24, "mismatch")
    assert (standard["images_added"], standard["refused"]) == (24, [])

    study = StudySpec(
        2,
        description="XR THORAX",
        series=(
            SeriesSpec(1, "THORAX RLE", slices=3, syntax="rle"),
            SeriesSpec(2, "THORAX PA", modality="DX", slices=1, syntax="jpeg"),
        ),
    )
    other = _import(bundle, dossier, make_disc(work / "rle-jpeg", [study]))
    assert other["studies"][0]["patient_check"] == "match"
    assert other["images_added"] == 4

    loose = work / "samples" / "IMAGES"
    loose.mkdir(parents=True)
    for number, name in enumerate(SAMPLES, start=1):
        sample = get_testdata_file(name, download=False)
        assert isinstance(sample, str), name
        shutil.copyfile(sample, loose / f"IM{number:06d}")  # no extension, as on many discs
    samples = _import(bundle, dossier, loose.parent, "--other-patient")
    assert samples["images_added"] == 2
    return dossier


def _import(bundle: Bundle, dossier: Path, disc: Path, *options: str) -> dict[str, Any]:
    result = bundle.run("import", str(disc), *options, "--dossier", str(dossier), "--json")
    assert result.returncode == 0, (result.stdout, result.stderr)
    (outcome,) = json.loads(result.stdout)
    assert outcome["kind"] == "disc" and outcome["status"] == "imported", outcome
    return dict(outcome)


def test_draws_every_kind_of_compressed_image(bundle: Bundle, imaging: Path) -> None:
    code = (HERE / "frozen_draw.py").read_text(encoding="utf-8")
    result = bundle.run_python(f"{code}\nreport({str(imaging)!r})\n")
    assert result.returncode == 0, result.stderr[-4000:]
    found = json.loads(result.stdout)
    assert found["frozen"] and found["bundle"]
    for name, origin in found["modules"].items():  # not this machine's Python
        assert origin.startswith(found["bundle"]), (name, origin)
    # pydicom found each decoder through its entry point in the bundle's package metadata.
    for syntax in (JPEGBaseline8Bit, JPEGLosslessSV1, JPEG2000Lossless, RLELossless):
        assert "pylibjpeg" in found["decoders"][syntax], (syntax, found["decoders"])

    drawn: set[tuple[str, str]] = set()
    with open_dossier(imaging) as dossier:
        for image in found["images"]:
            path = dossier.vault.path_for(image["file"])
            header = dcmread(path, stop_before_pixels=True)
            kind = (str(header.file_meta.TransferSyntaxUID), str(header.PhotometricInterpretation))
            drawn.add(kind)
            here = render_image(path, json.dumps({"frame": 0}))  # this checkout's Python
            assert [image[key] for key in ("width", "height", "format")] == [
                here[key] for key in ("width", "height", "format")
            ], (image, kind)
            assert image["pixels"] == hashlib.sha256(here["data"]).hexdigest(), (image, kind)
    assert len(found["images"]) == 24 + 4 + 2
    assert drawn == {
        (ExplicitVRLittleEndian, "MONOCHROME2"),
        (JPEG2000Lossless, "MONOCHROME2"),
        (RLELossless, "MONOCHROME2"),
        (JPEGBaseline8Bit, "MONOCHROME2"),
        (JPEGBaseline8Bit, "YBR_FULL"),  # turned into RGB by pydicom (numpy's matmul)
        (JPEGLosslessSV1, "RGB"),
    }


def test_copies_a_disc_for_the_next_doctor(bundle: Bundle, imaging: Path, tmp_path: Path) -> None:
    """pydicom.fileset writes the copy's DICOMDIR, in the bundle."""
    out = tmp_path / "for-dr-jansen"
    result = bundle.run(
        "export-disc", "--study", "1", "--out", str(out), "--dossier", str(imaging), "--json"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["images"] == 24
    with read_file_set(out) as copy:
        assert len(copy) == 24
        assert copy.find_values("StudyDescription") == ["CT THORAX MET CONTRAST"]
        series = copy.find_values("SeriesDescription", load=True)
        assert series == ["THORAX 2.5 MM", "THORAX LONG", "SCOUT"]
