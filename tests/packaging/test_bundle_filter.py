"""What the bundle leaves out (packaging/bundle_filter.py), entry by entry."""

from __future__ import annotations

import pytest

from tests.packaging.bundle import load_script

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
