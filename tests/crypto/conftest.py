"""Every test of protection starts and ends with no dossier unlocked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dossier.core.crypto import keyring


@pytest.fixture(autouse=True)
def no_keys() -> Iterator[None]:
    """No key unlocked before the test, none left after it."""
    keyring.forget_all()
    yield
    keyring.forget_all()
