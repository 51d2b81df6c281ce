"""Second Opinion Dossier: organise a medical second opinion on your own computer."""

from importlib import metadata as _metadata

APP_NAME = "Second Opinion Dossier"

try:
    __version__ = _metadata.version("second-opinion-dossier")
except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
