"""The frozen program, built from this checkout and unpacked from its .tar.gz, used as a person
would: the example dossier, a PDF imported and found, scans read and found, a brief printed,
the window opened.

Offscreen (QT_QPA_PLATFORM=offscreen, set by tests/conftest.py). The bundle is built once per
session (tests/packaging/conftest.py); its size and build time end the test summary.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from dossier import APP_ID, __version__
from dossier.core.ocr.languages import ENGINE_CODES, tessdata_dir
from dossier.core.textpdf import Block, write_pdf
from tests.packaging.bundle import MB, REPO, Bundle, load_script
from tests.scans import KEYWORDS, scanned_pdf

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
    pytest.mark.xdist_group("bundle"),  # one process builds the bundle for them all
]

# The bound includes reading scans: Tesseract (tesserocr's wheel: libtesseract, leptonica and
# their image libraries) and the language data of the five languages and of orientation and
# script detection. Measured on Linux x86_64 (PyInstaller 6.22, PySide6 6.12, tesserocr 2.13;
# MB of 2^20 bytes): 143.7 MB before reading scans; 172.7 MB with tesserocr as its wheel has
# it (27.3 MB of libraries, 18 of them zeros), 200.7 MB with the language data (28.0 MB)
# too. With auditwheel's padding taken out of the libraries (19.9 MB of zeros, Pillow's
# libXau's too; packaging/build_linux.py): 180.8 MB unpacked, 77.7 MB packed. Reading scans
# adds 37.9 MB: 9.9 MB of engine (tesserocr.libs, the extension) and 28.0 MB of data.
#
# It was 200 MB until imaging discs, which cannot fit in it: they add 42.6 MB unpacked,
# 14.4 MB packed (numpy 2.4, pydicom 3.0, pylibjpeg 2.1 and its three plugins): 223.5 MB
# unpacked, 92.2 MB packed. numpy is 37.7 MB of it: 27.2 MB of OpenBLAS, libgfortran and
# libquadmath, which numpy's core extension links (it loads them at `import numpy`; pydicom
# turns YBR colour into RGB with numpy's matmul, which calls OpenBLAS), 9.6 MB of its
# extensions (9.4 MB the core one), 0.9 MB of Python. The decoders are 3.9 MB (JPEG
# baseline and lossless 2.3, JPEG 2000 1.1, RLE 0.5), pydicom 0.8 MB. Left out, as nothing
# imports them (bundle_filter.IMAGING_EXCLUDES): numpy's random numbers, FFT, polynomials,
# f2py, test helpers and test extension, typing aliases (3.7 MB); pydicom's test files,
# character set samples and palettes. numpy's OpenBLAS and libgfortran are not stripped
# (build_linux.restore_unstripped: strip breaks them), 2.1 MB more. So the bound is the
# size measured and a little room for patch releases. What could still go is small: about
# 1 MB of OpenBLAS's symbol table (with a strip of our own); the rest of numpy's and the
# decoders' libraries is loaded when an image is drawn, and pydicom is 0.8 MB of Python.
#
# Protecting a dossier with a passphrase (issue 18) adds 20.1 MB unpacked, 7.8 MB packed
# (244.1 and 100.0 MB): SQLCipher's extension is 8.4 MB stripped (SQLite and the part of
# OpenSSL it uses, linked in), cryptography's 12.0 MB (its own OpenSSL, for AES-GCM and
# HKDF), Argon2 and cffi 0.3 MB. Two OpenSSLs, as each wheel carries its own; neither can
# use the other's. The standard library's sqlite3 stays: sqlite-utils imports it.
MAX_UNPACKED_MB = 250
STAY_UP_SECONDS = 5  # the window must still be there after this long
WINDOW_TIMEOUT = 120  # generous: the first paint of a cold start on a busy 2-core machine
UNIQUE_WORD = "zygomorphic"

bundle_filter = load_script("bundle_filter")
linux = load_script("build_linux")


@pytest.fixture(scope="module")
def example(bundle: Bundle, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example dossier, made by the frozen program."""
    path = tmp_path_factory.mktemp("frozen") / "example"
    result = bundle.run("demo", str(path), "--json")
    assert result.returncode == 0, result.stderr
    made = json.loads(result.stdout)
    assert made["path"] == str(path)
    assert made["records"]["case"] >= 1 and made["records"]["document"] >= 1
    return path


def _files(folder: Path) -> list[str]:
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir()]


def test_bundle_is_slim(bundle: Bundle) -> None:
    files = _files(bundle.folder)
    assert bundle.size() <= MAX_UNPACKED_MB * MB, bundle.summary()
    for unwanted in ("WebEngine", "Qt6Qml", "Qt6Quick", "VirtualKeyboard", "/qmltooling/"):
        assert not [name for name in files if unwanted in name], unwanted
    # Qt's own translations: only its base words, only in the program's other languages.
    shipped = sorted(name.rsplit("/", 1)[-1] for name in files if name.endswith(".qm"))
    assert shipped == sorted(f"qtbase_{code}.qm" for code in ("he", "nl", "ru", "uk"))
    plugins = {name.split("/plugins/", 1)[1] for name in files if "/Qt/plugins/" in name}
    for needed in (
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "imageformats/libqjpeg.so",
        "imageformats/libqtiff.so",
        "iconengines/libqsvgicon.so",
        "printsupport/libcupsprintersupport.so",
    ):
        assert needed in plugins
    assert "platforms/libqvnc.so" not in plugins
    assert "platformthemes/libqgtk3.so" not in plugins
    # Imaging: numpy without what nothing imports, pydicom without its test data.
    internal = "_internal/"
    for unwanted in ("numpy/random/", "numpy/fft/", "numpy/f2py/", "numpy/testing/", "_tests."):
        assert not [n for n in files if n.startswith(internal) and unwanted in n], unwanted
    pydicom_data = sorted(n.rsplit("/", 1)[-1] for n in files if "/pydicom/data/" in n)
    assert pydicom_data == ["hashes.json", "urls.json"]
    # The decoders' entry points, by which pydicom finds them (test_frozen_imaging.py).
    for name in ("pylibjpeg_libjpeg", "pylibjpeg_openjpeg", "pylibjpeg_rle"):
        points = [n for n in files if n.startswith(f"{internal}{name}-")]
        assert [n for n in points if n.endswith(".dist-info/entry_points.txt")], name


def test_bundle_carries_resources_and_desktop_files(bundle: Bundle) -> None:
    icon = bundle.internal / "dossier" / "resources" / "icons" / "app.svg"
    assert icon.read_bytes() == (REPO / "resources" / "icons" / "app.svg").read_bytes()
    for name in ("demo/content.toml", "fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf"):
        shipped = bundle.internal / "dossier" / "resources" / name
        assert shipped.read_bytes() == (REPO / "resources" / name).read_bytes(), name
    share = bundle.folder / "share"
    assert (share / "applications" / f"{APP_ID}.desktop").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    for size in (16, 32, 48, 128, 256, 512):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (bundle.folder / "install.sh").stat().st_mode & 0o111
    assert __version__ in bundle.archive.name
    assert bundle.folder.name == f"second-opinion-dossier-{__version__}"  # as the README says


@pytest.mark.skipif(shutil.which("readelf") is None, reason="needs readelf (binutils)")
def test_binaries_are_stripped_and_find_their_libraries(bundle: Bundle, tmp_path: Path) -> None:
    elves = [p for p in bundle.folder.rglob("*") if p.is_file() and _is_elf(p)]
    assert len(elves) > 50
    # Every one can be loaded: none has a segment the loader refuses (as strip leaves them).
    assert not [p.name for p in elves if linux.unloadable_segments(p.read_bytes())]
    # All stripped, but those that strip breaks (numpy's OpenBLAS and libgfortran), kept
    # as their wheel has them (build_linux.restore_unstripped).
    unstripped = [p for p in elves if ".symtab" in _sections(p)]
    for library in unstripped:
        copy = Path(shutil.copy2(library, tmp_path / library.name))
        subprocess.run(["strip", str(copy)], check=True)
        assert linux.unloadable_segments(copy.read_bytes()), f"{library.name} is not stripped"
    # Like the program's loader (PyInstaller's bootloader puts _internal on the search path),
    # every library must be found in the bundle, except those left to the system on purpose.
    missing: set[str] = set()
    env = {"LD_LIBRARY_PATH": str(bundle.internal), "PATH": "/usr/bin:/bin"}
    for elf in elves:
        output = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env=env)
        missing |= {line.split()[0] for line in output.stdout.splitlines() if "not found" in line}
    unexpected = [
        name
        for name in missing
        if not bundle_filter.LINUX_SYSTEM_LIBRARIES.match(bundle_filter.library_name(name))
    ]
    assert not unexpected


def _is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def _sections(path: Path) -> str:
    return subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True, text=True).stdout


def test_version(bundle: Bundle) -> None:
    result = bundle.run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"dossier {__version__}"


def test_import_search_and_print_a_brief(bundle: Bundle, example: Path, tmp_path: Path) -> None:
    dossier = tmp_path / "dossier"
    shutil.copytree(example, dossier)
    letter = tmp_path / "letter.pdf"
    write_pdf(
        letter,
        [Block("Letter from the pathologist", "title"), Block(f"The {UNIQUE_WORD} lesion.")],
    )
    # Files are read in sandboxed worker processes: in the bundle these are the bundle's own
    # program started again (multiprocessing "spawn" + freeze_support). A worker that did not
    # start would leave the file refused as unreadable, not imported with its text.
    imported = bundle.run("import", str(letter), "--dossier", str(dossier), "--json")
    assert imported.returncode == 0, imported.stderr
    (outcome,) = json.loads(imported.stdout)
    assert outcome["status"] == "imported", outcome

    found = bundle.run("search", UNIQUE_WORD, "--dossier", str(dossier), "--json")
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert [(hit["kind"], hit["id"], hit["page"]) for hit in hits] == [
        ("document", outcome["document_id"], 1)
    ]

    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(letter.read_bytes()[: len(letter.read_bytes()) // 2])
    refused = bundle.run("import", str(damaged), "--dossier", str(dossier), "--json")
    assert refused.returncode == 1
    (outcome,) = json.loads(refused.stdout)
    assert outcome["status"] == "rejected" and outcome["reason"]

    case = json.loads(bundle.run("list", "case", "--dossier", str(dossier), "--json").stdout)[0]
    person = json.loads(bundle.run("show", "person", "--dossier", str(dossier), "--json").stdout)
    out = tmp_path / "brief.pdf"
    printed = bundle.run(
        "print", "brief", "--case", str(case["id"]), "--out", str(out), "--dossier", str(dossier)
    )
    assert printed.returncode == 0, printed.stderr
    reader = PdfReader(out)
    assert 1 <= len(reader.pages) <= 2
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert person["name"] in text
    assert case["title"].split(":")[0] in text


TESSDATA_NAMES = sorted(f"{name}.traineddata" for name in (*ENGINE_CODES.values(), "osd"))


def test_bundle_carries_the_text_recognition_engine_and_its_data(bundle: Bundle) -> None:
    tessdata = bundle.internal / "tessdata"  # sys._MEIPASS/tessdata: tessdata_dir() looks there
    assert sorted(p.name for p in tessdata.iterdir()) == TESSDATA_NAMES
    source = tessdata_dir()  # where the build took them from
    assert source is not None
    for name in TESSDATA_NAMES:
        assert (tessdata / name).read_bytes() == (source / name).read_bytes(), name
    libraries = [p.name for p in (bundle.internal / "tesserocr.libs").iterdir()]
    assert [name for name in libraries if name.startswith("libtesseract-")]
    assert [name for name in libraries if name.startswith("libleptonica-")]
    assert list((bundle.internal / "tesserocr").glob("tesserocr.*.so"))


# A letter in a Latin, a Cyrillic and a Hebrew alphabet: the dossier reads in English (its
# default), so the Russian and Hebrew pages are read again in their own language once
# orientation and script detection (osd.traineddata) has told which alphabet they are in.
SCAN_LANGUAGES = ("en", "ru", "he")


def test_reads_scans_and_finds_their_words(bundle: Bundle, tmp_path: Path) -> None:
    """Scans (image-only PDFs, no text layer) are read by Tesseract in the bundle's reader
    processes (copies of the program, as for import) and their words are found."""
    dossier = tmp_path / "dossier"
    made = bundle.run("init", str(dossier), "--name", "Test Person", "--json")
    assert made.returncode == 0, made.stderr
    scans = [scanned_pdf(tmp_path / f"scan-{code}.pdf", code) for code in SCAN_LANGUAGES]
    # import waits until the pages are read (--no-ocr would not)
    imported = bundle.run("import", *map(str, scans), "--dossier", str(dossier), "--json")
    assert imported.returncode == 0, imported.stderr
    outcomes = {Path(o["path"]).name: o for o in json.loads(imported.stdout)}
    for code in SCAN_LANGUAGES:
        outcome = outcomes[f"scan-{code}.pdf"]
        assert outcome["status"] == "imported", outcome
        found = bundle.run("search", KEYWORDS[code], "--dossier", str(dossier), "--json")
        assert found.returncode == 0, found.stderr
        hits = [(hit["kind"], hit["id"], hit["page"]) for hit in json.loads(found.stdout)]
        assert hits == [("document", outcome["document_id"], 1)], (code, found.stdout)


def test_reads_with_the_bundles_own_language_data(bundle: Bundle, tmp_path: Path) -> None:
    """The reader takes the bundle's tessdata/, not the system's (which this machine has): a
    copy of the bundle whose data is broken reads nothing."""
    copy = tmp_path / "copy"
    shutil.copytree(bundle.folder, copy, symlinks=True, copy_function=os.link)
    tessdata = copy / "_internal" / "tessdata"
    shutil.rmtree(tessdata)  # the copy's links go; the bundle's files stay
    tessdata.mkdir()
    (tessdata / "eng.traineddata").write_bytes(b"")
    broken = Bundle(copy, bundle.archive, bundle.build_seconds)
    dossier = tmp_path / "dossier"
    assert broken.run("init", str(dossier), "--name", "Test Person").returncode == 0
    scan = scanned_pdf(tmp_path / "scan.pdf", "en")
    imported = broken.run("import", str(scan), "--dossier", str(dossier))
    assert imported.returncode == 1
    assert "Tesseract" in imported.stdout  # the page was not read: the engine's data is missing
    found = broken.run("search", KEYWORDS["en"], "--dossier", str(dossier), "--json")
    assert json.loads(found.stdout) == []


def test_window_stays_up_until_terminated(bundle: Bundle, example: Path, tmp_path: Path) -> None:
    dossier = tmp_path / "dossier"
    shutil.copytree(example, dossier)
    log = tmp_path / "stderr.txt"
    # Qt logs each paint under this category: the line flushing the main window to the
    # screen shows the window was really shown, not only that the process is alive.
    env = {"QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "qt.widgets.painting=true"}
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [str(bundle.executable), "--dossier", str(dossier)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, **env},
        )
        try:
            _wait_for_first_paint(process, log)
            time.sleep(STAY_UP_SECONDS)
            assert process.poll() is None, log.read_text()[-3000:]
            process.send_signal(signal.SIGTERM)
            code = process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert code in (-signal.SIGTERM, 0)  # killed by the signal, or a clean quit on it
    errors = [line for line in log.read_text().splitlines() if not line.startswith("qt.")]
    assert not [line for line in errors if "Traceback" in line or "Error" in line], errors
    # The dossier is still sound for the next start.
    listed = bundle.run("list", "case", "--dossier", str(dossier), "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout)


def _wait_for_first_paint(process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + WINDOW_TIMEOUT
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        if any("Flushing" in line and 'name="mainWindow"' in line for line in text.splitlines()):
            return
        assert process.poll() is None, f"the program ended ({process.returncode}):\n{text[-3000:]}"
        time.sleep(0.2)
    raise AssertionError(f"no window painted within {WINDOW_TIMEOUT} s")
