"""How a case and an opinion are named in lists and headings, in plain words."""

from __future__ import annotations

from typing import Any

from ...core.bidi import isolate
from ...core.i18n import tr


def ordinal_text(record: dict[str, Any]) -> str:
    """'First opinion', 'Second opinion'… in plain words."""
    n = int(record.get("ordinal") or 1)
    words = {
        1: tr("First opinion"),
        2: tr("Second opinion"),
        3: tr("Third opinion"),
        4: tr("Fourth opinion"),
    }
    return words.get(n, tr("Opinion number {n}", n=n))


def case_title(record: dict[str, Any]) -> str:
    """The case's title, saying so when it is no longer open."""
    title = str(record["title"])
    if record["status"] == "decided":
        # Translators: a case's title, and that its decision is taken.
        return tr("{title} (decided)", title=isolate(title))
    if record["status"] == "closed":
        return tr("{title} (closed)", title=isolate(title))
    return title
