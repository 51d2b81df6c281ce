"""How a case and an opinion are named in lists and headings, in plain words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ...core.bidi import isolate


def _t(text: str) -> str:
    return QCoreApplication.translate("cases", text)


def ordinal_text(record: dict[str, Any]) -> str:
    """'First opinion', 'Second opinion'… in plain words."""
    n = int(record.get("ordinal") or 1)
    words = {
        1: _t("First opinion"),
        2: _t("Second opinion"),
        3: _t("Third opinion"),
        4: _t("Fourth opinion"),
    }
    return words.get(n, _t("Opinion number %1").replace("%1", str(n)))


def case_title(record: dict[str, Any]) -> str:
    """The case's title, saying so when it is no longer open."""
    title = str(record["title"])
    if record["status"] == "decided":
        return _t("%1 (decided)").replace("%1", isolate(title))
    if record["status"] == "closed":
        return _t("%1 (closed)").replace("%1", isolate(title))
    return title
