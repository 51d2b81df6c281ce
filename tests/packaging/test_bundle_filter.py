"""What the bundle leaves out (packaging/bundle_filter.py), entry by entry, and the language
data it adds, or stops the build without."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.bundle import REPO, load_script

bf = load_script("bundle_filter")

PLUGINS = "PySide6/Qt/plugins"


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        (f"{PLUGINS}/platforms/libqxcb.so", True),
        (f"{PLUGINS}/platforms/libqwayland.so", True),
        (f"{PLUGINS}/platforms/libqoffscreen.so", True),
        (f"{PLUGINS}/platforms/qwindows.dll", True),
        (f"{PLUGINS}/platforms/libqcocoa.dylib", True),
        (f"{PLUGINS}/platforms/libqvnc.so", False),
        (f"{PLUGINS}/platforms/libqeglfs.so", False),
        (f"{PLUGINS}/platformthemes/libqgtk3.so", False),
        (f"{PLUGINS}/platformthemes/libqxdgdesktopportal.so", True),
        (f"{PLUGINS}/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        (f"{PLUGINS}/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        (f"{PLUGINS}/imageformats/libqjpeg.so", True),
        (f"{PLUGINS}/imageformats/libqwebp.so", False),
        (f"{PLUGINS}/iconengines/libqsvgicon.so", True),
        (f"{PLUGINS}/sqldrivers/libqsqlite.so", False),
        (f"{PLUGINS}/tls/libqopensslbackend.so", False),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),  # Windows layout
        ("PySide6\\plugins\\platforms\\qdirect2d.dll", False),
        ("PySide6\\plugins\\imageformats\\qjpeg.dll", True),
    ],
)
def test_qt_plugins(dest: str, kept: bool) -> None:
    assert bf.keep_binary(dest, linux=True) is kept


def test_qt_libraries_only_left_out_parts_need_are_dropped() -> None:
    assert not bf.keep_binary("PySide6/Qt/lib/libQt6Quick.so.6", linux=True)
    assert not bf.keep_binary("PySide6/Qt/lib/libQt6QmlModels.so.6", linux=True)
    assert not bf.keep_binary("PySide6/Qt/lib/libQt6OpenGL.so.6", linux=True)
    assert not bf.keep_binary("PySide6/Qt6Quick.dll", linux=False)
    assert bf.keep_binary("PySide6/Qt/lib/libQt6Network.so.6", linux=True)  # QtPdf links it
    assert bf.keep_binary("PySide6/Qt/lib/libQt6Pdf.so.6", linux=True)
    assert bf.keep_binary("PySide6/Qt/lib/libicudata.so.73", linux=True)


def test_desktop_libraries_are_left_to_linux_only() -> None:
    for name in ("libglib-2.0.so.0", "libcups.so.2", "libstdc++.so.6", "libfontconfig.so.1"):
        assert not bf.keep_binary(name, linux=True), name
        assert bf.keep_binary(name, linux=False), name
    # Python's own libraries, and the xcb helpers Qt needs that desktops may lack, stay.
    for name in ("libssl.so.3", "libsqlite3.so.0", "libffi.so.8", "libxcb-cursor.so.0"):
        assert bf.keep_binary(name, linux=True), name


def test_private_copies_of_python_packages_stay() -> None:
    assert bf.keep_binary("pillow.libs/libfreetype-57f805ba.so.6.20.6", linux=True)
    assert bf.keep_binary("libxcb-9065bb12.so.1.1.0", linux=True)  # Pillow's, moved up
    assert bf.library_name("libjpeg-6dc8d115.so.62.4.0") == "jpeg"
    assert bf.library_name("libgdk_pixbuf-2.0.so.0") == "gdk_pixbuf-2.0"
    assert bf.library_name("Qt6Core.dll") == "Qt6Core"


def test_translations_and_symlinks() -> None:
    assert not bf.keep(
        ("PySide6/Qt/translations/qtbase_de.qm", "/x/qtbase_de.qm", "DATA"), linux=True
    )
    assert not bf.keep(("PySide6\\translations\\qt_fr.qm", "C:\\x\\qt_fr.qm", "DATA"), linux=False)
    # Qt's own words (dialogs, OK, Cancel) in the languages the program speaks, only those.
    for code in ("nl", "he", "uk", "ru"):
        entry = (f"PySide6/Qt/translations/qtbase_{code}.qm", "/x/q.qm", "DATA")
        assert bf.keep(entry, linux=True)
    assert not bf.keep(("PySide6/Qt/translations/qt_help_nl.qm", "/x/q.qm", "DATA"), linux=True)
    # Babel's CLDR data: the root, English (en_GB's parents too) and the four languages.
    for name in ("root", "en", "en_001", "en_GB", "nl_NL", "he", "uk_UA", "ru"):
        assert bf.keep((f"babel/locale-data/{name}.dat", "/x/d.dat", "DATA"), linux=True)
    for name in ("de", "fr_CA", "zh_Hant_HK"):
        assert not bf.keep((f"babel/locale-data/{name}.dat", "/x/d.dat", "DATA"), linux=True)
    assert bf.keep(("babel/global.dat", "/x/global.dat", "DATA"), linux=True)
    assert bf.keep(("dossier/resources/icons/app.svg", "/x/app.svg", "DATA"), linux=True)
    # A link goes with the library it names, so none is left dangling.
    link = ("libQt6OpenGL.so.6", "PySide6/Qt/lib/libQt6OpenGL.so.6", "SYMLINK")
    assert not bf.keep(link, linux=True)
    link = ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK")
    assert bf.keep(link, linux=True)


def test_pydicom_data_only_what_it_reads() -> None:
    """pydicom reads urls.json at import (without it, import fails) and hashes.json; not
    its test files, its character set samples nor its named colour palettes."""
    for name in ("urls.json", "hashes.json"):
        assert bf.keep((f"pydicom/data/{name}", f"/x/{name}", "DATA"), linux=True)
    for name in ("charset_files/chrH31.dcm", "palettes/pet.dcm", "test_files/CT_small.dcm"):
        assert not bf.keep((f"pydicom/data/{name}", "/x/f.dcm", "DATA"), linux=True)
    assert bf.keep(("pydicom-3.0.2.dist-info/METADATA", "/x/METADATA", "DATA"), linux=True)


def test_the_decoders_and_their_metadata_are_named() -> None:
    """Every distribution that declares pixel data decoders in this environment is copied
    with its metadata, and its modules are named, so pydicom finds them in the bundle."""
    from importlib.metadata import entry_points

    declared = entry_points(group="pylibjpeg.pixel_data_decoders")
    assert {ep.dist.name for ep in declared if ep.dist} <= set(bf.DECODER_DISTRIBUTIONS)
    assert {ep.module.split(".")[0] for ep in declared} <= set(bf.DECODER_MODULES)
    assert {"libjpeg", "openjpeg", "rle"} <= {ep.module for ep in declared}
    # What numpy leaves out is never what the decoders or pydicom need.
    assert not [m for m in bf.IMAGING_EXCLUDES if m.split(".")[0] != "numpy"]
    for needed in ("numpy.linalg", "numpy.ma", "numpy._core", "numpy.lib"):
        assert needed not in bf.IMAGING_EXCLUDES


TESSERACT_NAMES = ("eng", "nld", "heb", "ukr", "rus", "osd")


def test_tessdata_the_six_files_only(tmp_path: Path) -> None:
    for name in (*TESSERACT_NAMES, "deu"):
        (tmp_path / f"{name}.traineddata").write_bytes(b"data")
    (tmp_path / "configs").mkdir()
    entries = bf.tessdata_files(tmp_path, TESSERACT_NAMES)
    assert entries == [(str(tmp_path / f"{n}.traineddata"), "tessdata") for n in TESSERACT_NAMES]
    assert all(bf.keep((f"tessdata/{n}.traineddata", s, "DATA"), linux=True) for s, n in entries)


def test_tessdata_missing_stops_the_build_saying_what_and_how(tmp_path: Path) -> None:
    (tmp_path / "eng.traineddata").write_bytes(b"data")
    with pytest.raises(bf.MissingTessdata) as missing:
        bf.tessdata_files(tmp_path, TESSERACT_NAMES)
    message = str(missing.value)
    missing_names = ", ".join(f"{n}.traineddata" for n in TESSERACT_NAMES[1:])
    assert f"but {missing_names} are missing from {tmp_path} (" in message
    assert "TESSDATA_PREFIX" in message
    assert "apt-get install tesseract-ocr-" in message
    with pytest.raises(bf.MissingTessdata) as nowhere:
        bf.tessdata_files(None, TESSERACT_NAMES)
    assert "but none of eng.traineddata, nld.traineddata," in str(nowhere.value)


def test_the_build_stops_when_language_data_is_missing(tmp_path: Path) -> None:
    """dossier.spec takes the data from where tessdata_dir() finds it (TESSDATA_PREFIX
    first): a folder with English alone stops PyInstaller before it analyses anything."""
    (tmp_path / "eng.traineddata").write_bytes(b"data")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            f"--distpath={tmp_path / 'dist'}",
            f"--workpath={tmp_path / 'work'}",
            str(REPO / "packaging" / "dossier.spec"),
            "--",
            f"--icons={tmp_path / 'icons'}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "TESSDATA_PREFIX": str(tmp_path)},
        cwd=REPO,
        timeout=300,
    )
    assert result.returncode != 0
    assert f"osd.traineddata are missing from {tmp_path} (" in result.stderr
    assert not (tmp_path / "dist" / "second-opinion-dossier").exists()
