"""Second Opinion Dossier: organise a medical second opinion on your own computer."""

APP_NAME = "Second Opinion Dossier"
# Reverse-DNS id: the desktop entry, the AppStream metadata, the icon and the macOS bundle.
APP_ID = "org.secondopiniondossier.Dossier"
__version__ = "0.1.0"  # the one place the version is written; pyproject reads it from here
