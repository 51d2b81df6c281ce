"""Keeping the dossier safe: backups, archives and the integrity check, in the window."""
