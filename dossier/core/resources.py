"""Where the program's own files are: icons, fonts, translations (no imports of ours, so
anything may use it, the translation catalogue included)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # the dossier package


def resources_dir(package: Path = _PACKAGE) -> Path:
    """The ``resources/`` folder of the program.

    An installed wheel and the frozen bundle both carry it inside the package
    (``dossier/resources``: see setup.py and packaging/dossier.spec); a source
    checkout has it beside the package, at the top of the repository.
    """
    inside = package / "resources"
    return inside if inside.is_dir() else package.parent / "resources"


def resource_path(name: str) -> Path:
    """A file under ``resources/``, such as ``icons/app.svg``."""
    return resources_dir() / name
