"""What the frozen bundle leaves out of what PyInstaller collects (used by dossier.spec).

PyInstaller takes every plugin of each kind the imported Qt modules can use, every Qt
translation, and on Linux every shared library anything links to, down to the desktop's own.
The app needs far less:

* Qt plugins: only those it uses on Linux, Windows and macOS (KEEP_PLUGINS), and the Qt
  libraries only the left-out plugins needed (DROP_QT_LIBRARIES);
* Babel's CLDR data (dates, numbers, plural rules): only that of the program's languages;
* Qt translations: only Qt's own words (qtbase_<lang>.qm: the file and print dialogs,
  "OK", "Cancel") of the languages the program speaks besides English (SHIPPED_LANGUAGES);
* numpy (imaging discs' pixels): not its parts that nothing in the program imports
  (IMAGING_EXCLUDES: random numbers, FFT, polynomials, f2py, its test helpers, test
  extension and typing aliases);
* pydicom's data files: only what it reads at import (urls.json, hashes.json), not its
  character set samples (test data of its command line) nor its named colour palettes
  (read only when asked for one by name: the program never does);
* on Linux, the desktop's own libraries (LINUX_SYSTEM_LIBRARIES): GLib, fonts, D-Bus,
  printing, the C++ runtime. They must match the rest of the system (the GTK, input method
  and printer modules a desktop loads into every program), get its security updates, and
  are on every desktop. The bundle keeps what Python, Qt, Pillow and pdfium ship or need
  that a desktop may lack: Python's own libraries (OpenSSL, SQLite, expat, libffi…), ICU,
  and the small xcb helper libraries Qt's X11 plugin needs (libxcb-cursor0 is often
  missing).

What it adds: Tesseract's language data (``tessdata_files``), which no package carries:
the five languages' and the orientation and script detection's, nothing else; and the
pixel data decoders pydicom finds only through their package metadata (DECODER_MODULES,
DECODER_DISTRIBUTIONS).

Names are compared without "lib" prefix, version and extension.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePath

ALL = frozenset({"*"})
# The languages besides English whose Qt translations ship (dossier/core/i18n.py LANGUAGES).
SHIPPED_LANGUAGES = ("nl", "he", "uk", "ru")

# Plugin folder -> plugins kept (ALL: every one in it). Folders not listed are left out.
KEEP_PLUGINS: dict[str, frozenset[str]] = {
    # The window on X11, Wayland, Windows and macOS; offscreen for printing and tests.
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"}),
    "platforms/darwin": ALL,
    # File dialogs through the desktop portal (Flatpak, Snap, or QT_QPA_PLATFORMTHEME).
    # Not the GTK 3 theme: it loads the system's GTK into the process.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),  # dead keys and input methods, not the QML virtual keyboard
    "imageformats": frozenset({"qjpeg", "qtiff", "qsvg", "qico"}),  # what a dossier holds
    "iconengines": ALL,  # SVG icons
    "xcbglintegrations": ALL,
    # Wayland window decorations and shells; raster windows need no graphics integration.
    "wayland-decoration-client": ALL,
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "printsupport": ALL,  # CUPS printers
    "styles": ALL,  # the native Windows style
}

# Qt libraries that only left-out parts use (QML, Quick, the virtual keyboard, OpenGL,
# EGLFS). libQt6Network stays: libQt6Pdf links it.
DROP_QT_LIBRARIES = re.compile(
    r"^Qt6(Qml\w*|Quick\w*|VirtualKeyboard\w*|OpenGL\w*|EglFS\w*|EglFs\w*|WebEngine\w*"
    r"|WebChannel\w*|Positioning\w*|Designer\w*|Test|Sql|SvgWidgets|WlShellIntegration)$"
)

# Imaging discs. pydicom loads pylibjpeg's plugins by their entry points
# (importlib.metadata.entry_points(group="pylibjpeg.pixel_data_decoders")), which
# PyInstaller's analysis cannot follow: the modules are named as hidden imports and the
# distributions' metadata (entry_points.txt, and the version each plugin reads of itself)
# copied. JPEG baseline and lossless: libjpeg; JPEG 2000: openjpeg; RLE: rle.
DECODER_MODULES = ("pylibjpeg", "libjpeg", "openjpeg", "rle")
DECODER_DISTRIBUTIONS = ("pylibjpeg", "pylibjpeg-libjpeg", "pylibjpeg-openjpeg", "pylibjpeg-rle")

# numpy's parts that neither the program nor pydicom nor the decoders import (numpy imports
# them only when asked for by name, numpy.random for example); numpy.random and numpy.fft
# are 3 MB of extensions. numpy.linalg and numpy.ma stay: numpy itself imports them.
IMAGING_EXCLUDES = (
    "numpy.random",
    "numpy.fft",
    "numpy.polynomial",
    "numpy.f2py",
    "numpy.testing",
    "numpy.distutils",
    "numpy.typing",
    "numpy.matlib",
    "numpy._pyinstaller",
    "numpy._core._multiarray_tests",  # PyInstaller's hook adds it for numpy's own tests
)

# pydicom/data/: what pydicom does not read at import and the program never asks for.
PYDICOM_DATA_LEFT_OUT = ("charset_files", "palettes", "test_files")

LINUX_SYSTEM_LIBRARIES = re.compile(
    r"^("
    # GLib and the GTK stack
    r"glib-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|gthread-2\.0|pcre2-8|gtk-3|gdk-3"
    r"|gdk_pixbuf-2\.0|atk-1\.0|atk-bridge-2\.0|atspi|pango\w*-1\.0|cairo|cairo-gobject"
    r"|pixman-1|thai|datrie|fribidi|epoxy|graphite2"
    # fonts
    r"|fontconfig|freetype|harfbuzz|png16|brotli(common|dec|enc)"
    # D-Bus, systemd and what they link
    r"|dbus-1|systemd|cap|gcrypt|gpg-error|lz4|zstd|selinux|mount|blkid|bsd|md"
    # printing (CUPS) and its network security libraries
    r"|cups|avahi-client|avahi-common|gnutls|nettle|hogweed|gmp|p11-kit|tasn1|idn2|unistring"
    r"|krb5|krb5support|k5crypto|gssapi_krb5|com_err|keyutils"
    # graphics drivers and display servers
    r"|EGL|GL|GLX|GLdispatch|OpenGL|drm|gbm|wayland-(client|cursor|egl)|X11|X11-xcb|xcb"
    r"|Xau|Xdmcp|Xext|Xrender"
    # the C++ runtime
    r"|stdc\+\+|gcc_s"
    r")$"
)


def library_name(file_name: str) -> str:
    """``libfoo-1.0.so.0`` -> ``foo-1.0``; Pillow's ``libjpeg-6dc8d115.so.62`` -> ``jpeg``."""
    stem = re.sub(r"\.(so|dll|dylib)(\.[0-9.]+)?$", "", file_name)
    stem = re.sub(r"-[0-9a-f]{8}$", "", stem)  # auditwheel's hash: a private copy
    return stem[3:] if stem.startswith("lib") else stem


def _parts(dest: str) -> tuple[str, ...]:
    return PurePath(dest.replace("\\", "/")).parts


QT_FOLDERS = ("Qt", "PySide6")  # PySide6/Qt/plugins on Linux and macOS, PySide6/plugins on Windows


def _plugin_place(parts: tuple[str, ...]) -> tuple[str, str] | None:
    """(plugin folder, plugin name) when the file is a Qt plugin, else None."""
    for index in range(1, len(parts) - 1):
        if parts[index] == "plugins" and parts[index - 1] in QT_FOLDERS:
            return "/".join(parts[index + 1 : -1]), library_name(parts[-1])
    return None


def _is_private_copy(file_name: str) -> bool:
    return re.search(r"-[0-9a-f]{8}\.(so|dll|dylib)", file_name) is not None


def keep_binary(dest: str, *, linux: bool) -> bool:
    """Whether a library or plugin collected at ``dest`` (inside the bundle) is kept."""
    parts = _parts(dest)
    place = _plugin_place(parts)
    if place is not None:
        folder, name = place
        kept = KEEP_PLUGINS.get(folder)
        return kept is not None and (kept is ALL or name in kept)
    name = library_name(parts[-1])
    if DROP_QT_LIBRARIES.match(name):
        return False
    in_package = len(parts) > 1  # PySide6/…, pillow.libs/…: shipped by a Python package
    return not (
        linux
        and not in_package
        and not _is_private_copy(parts[-1])
        and LINUX_SYSTEM_LIBRARIES.match(name)
    )


def keep_data(dest: str) -> bool:
    """Whether a data file collected at ``dest`` is kept: everything but the Qt translations
    of languages the program does not speak, and of Qt modules it does not use, and Babel's
    CLDR data of other languages (35 MB for 1,100 locales; ours need a few dozen files),
    and pydicom's data files it does not read (PYDICOM_DATA_LEFT_OUT)."""
    parts = _parts(dest)
    if len(parts) >= 3 and parts[:2] == ("pydicom", "data"):
        return parts[2] not in PYDICOM_DATA_LEFT_OUT
    if len(parts) >= 2 and parts[-2] == "locale-data" and dest.endswith(".dat"):
        language = parts[-1].removesuffix(".dat").split("_")[0]
        return language in ("root", "en", *SHIPPED_LANGUAGES)
    in_qt = any(
        part == "translations" and parts[index - 1] in QT_FOLDERS
        for index, part in enumerate(parts)
        if index > 0
    )
    if not (in_qt and dest.endswith(".qm")):
        return True
    return parts[-1] in {f"qtbase_{code}.qm" for code in SHIPPED_LANGUAGES}


def keep(entry: tuple[str, str, str], *, linux: bool) -> bool:
    """For a PyInstaller TOC entry (dest, source, kind) of ``a.binaries`` or ``a.datas``.

    A symbolic link goes with the library it names, so none is left dangling.
    """
    dest, source, kind = entry
    if kind == "SYMLINK":
        return keep_binary(dest, linux=linux) and keep_binary(source, linux=linux)
    if kind in ("BINARY", "EXTENSION"):
        return keep_binary(dest, linux=linux)
    return keep_data(dest)


# Where the bundle carries Tesseract's language data: at its root (sys._MEIPASS), the first
# place dossier/core/ocr/languages.py tessdata_dir() looks.
TESSDATA = "tessdata"
# Debian's packages of the data, for the message when some is missing.
TESSDATA_PACKAGES = "tesseract-ocr-{eng,nld,heb,ukr,rus,osd}"


class MissingTessdata(Exception):
    """Language data the bundle must carry was not found on the building machine."""


def tessdata_files(folder: Path | None, names: Iterable[str]) -> list[tuple[str, str]]:
    """PyInstaller ``datas`` entries (source, TESSDATA) for ``<name>.traineddata`` of each
    of ``names`` (Tesseract's language names, "osd" for orientation and script detection)
    in ``folder``, the one tessdata_dir() finds. Only these files: not Tesseract's configs
    (the program passes none) nor other languages. Raises MissingTessdata saying which
    are missing and how to install them."""
    wanted = [f"{name}.traineddata" for name in names]
    missing = wanted if folder is None else [n for n in wanted if not (folder / n).is_file()]
    if folder is None or missing:
        if folder is None:
            what = f"none of {', '.join(wanted)} was found"
        else:
            verb = "is" if len(missing) == 1 else "are"
            what = f"{', '.join(missing)} {verb} missing from {folder}"
        raise MissingTessdata(
            f"The bundle reads scans with Tesseract and carries its language data, but {what} "
            f"(searched as dossier/core/ocr/languages.py tessdata_dir() does: TESSDATA_PREFIX, "
            f"then /usr/share/tesseract-ocr/5/tessdata and the other system folders). Install "
            f"them (Debian, Ubuntu: apt-get install {TESSDATA_PACKAGES}) or set TESSDATA_PREFIX "
            f"to a folder holding all of {', '.join(wanted)}."
        )
    return [(str(folder / name), TESSDATA) for name in wanted]
