"""The package list, the one thing pyproject.toml cannot say on its own.

Every ``dossier*`` package, plus ``dossier.resources``: pyproject.toml maps that name to the
top-level ``resources/`` folder, so an installed wheel carries the icons and other run-time
files inside the package, where ``dossier.core.paths.resources_dir`` looks first.
"""

from setuptools import find_namespace_packages, setup

setup(packages=[*find_namespace_packages(include=["dossier*"]), "dossier.resources"])
