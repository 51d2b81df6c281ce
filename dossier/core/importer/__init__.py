"""Bringing files into the dossier: sniffing, parsing in a sandbox, storing, indexing."""
