"""The comparison's counting sentence reads as a person would say it: nothing about what did
not happen ("and 0 are not addressed"), one point said as one."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from dossier.core.comparison.summary import Summary
from dossier.ui.comparison.summary_box import SummaryBox


def summary(agree: int, differ: int, not_addressed: int) -> Summary:
    return Summary(
        counts={},
        agree=agree,
        differ=differ,
        not_addressed=not_addressed,
        key_differences=(),
        text="",
        advice="",
        suggested=(),
        disclaimer="",
    )


def test_the_counts_leave_out_what_did_not_happen(qtbot: QtBot) -> None:
    box = SummaryBox()
    qtbot.addWidget(box)
    assert box.counts_text(summary(1, 1, 0)) == (
        "Of the 2 points compared, the opinions say the same on 1 and differ wholly or partly on 1."
    )
    assert box.counts_text(summary(3, 2, 1)).endswith(
        "differ wholly or partly on 2, and one is not addressed by every opinion."
    )
    assert box.counts_text(summary(3, 2, 4)).endswith("and 4 are not addressed by every opinion.")
    assert box.counts_text(summary(0, 1, 0)) == (
        "One point was compared: the opinions differ wholly or partly."
    )
    assert box.counts_text(summary(1, 0, 0)) == "One point was compared: the opinions say the same."
    assert box.counts_text(summary(0, 0, 1)) == (
        "One point was compared: not every opinion addresses it."
    )
