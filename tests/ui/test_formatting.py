"""The header's own HTML escaping is html.escape's, character for character."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from dossier.ui.formatting import escape


@given(st.text())
def test_escape_is_html_escape(text: str) -> None:
    assert escape(text) == html.escape(text)


def test_a_name_with_markup_stays_text() -> None:
    assert (
        escape('<b>O\'Brien & "Sons"</b>')
        == "&lt;b&gt;O&#x27;Brien &amp; &quot;Sons&quot;&lt;/b&gt;"
    )
