"""The frozen bundle, built once per test session, and its figures in the terminal summary."""

from __future__ import annotations

import pytest

from tests.packaging.bundle import Bundle, build_bundle

_SUMMARY = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Bundle:
    built = build_bundle(tmp_path_factory.mktemp("bundle"))
    request.config.stash[_SUMMARY] = built.summary()
    return built


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    summary = terminalreporter.config.stash.get(_SUMMARY, None)
    if summary:
        terminalreporter.write_line(summary)
