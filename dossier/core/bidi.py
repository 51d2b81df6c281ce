"""Keeping a person's own words whole inside a sentence, whatever their script.

A Hebrew title inside an English sentence, or an English name inside a Hebrew one, takes
the punctuation and numbers around it into its own direction: "Deadline: הרופא (in 2
days)." is shown as ".(days 2 in) הרופא". Unicode's answer is to isolate the embedded
text: FIRST STRONG ISOLATE before it and POP DIRECTIONAL ISOLATE after it, so it is laid
out on its own and the sentence around it keeps its order. Qt and every PDF reader honour
them; they take no room on screen or paper.

A text printed in a right-to-left report is read right to left whatever letter it starts
with (:func:`right_to_left_marks`): its Latin runs (a name, a code, an e-mail address, a
phone number, a stage such as "T1c N0 M0") are isolated one by one, so each stays whole
and in its place, and the parts of a list joined with " · " follow each other from the
right.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = [
    "FSI",
    "PDI",
    "RLI",
    "isolate",
    "left_to_right",
    "right_to_left",
    "right_to_left_marks",
    "without_isolates",
]

FSI: Final = "\u2068"  # FIRST STRONG ISOLATE
PDI: Final = "\u2069"  # POP DIRECTIONAL ISOLATE
LRI: Final = "\u2066"  # LEFT-TO-RIGHT ISOLATE
RLI: Final = "\u2067"  # RIGHT-TO-LEFT ISOLATE
_OPENERS: Final = frozenset({FSI, LRI, RLI})
_RTL_CLASSES: Final = frozenset({"R", "AL"})
_RUN_ENDS: Final = frozenset({"L", "EN", "AN"})  # a Latin run starts and ends with one
_BRACKETS: Final = frozenset("()[]{}<>")  # mirrored by the page's direction, never in a run
_LIST_SEPARATOR: Final = re.compile(r"\s·\s")  # the parts of a list, joined with " · "

Mark = tuple[int, str]  # (position in the text, control character inserted there)


def starts_right_to_left(text: str) -> bool:
    """Whether ``text`` reads right to left: its first letter with a direction is Hebrew or
    Arabic (the rule browsers and word processors follow); ``{placeholders}`` are skipped."""
    for char in re.sub(r"\{[^{}]*\}", "", text):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def isolate(text: str) -> str:
    """``text`` between FSI and PDI, to embed in a sentence or label; "" stays ""."""
    return f"{FSI}{text}{PDI}" if text else text


def left_to_right(text: str) -> str:
    """``text`` between LRI and PDI: a path or an address, read left to right whatever
    the language around it (a Hebrew folder name inside it stays in its place)."""
    return f"{LRI}{text}{PDI}" if text else text


def without_isolates(text: str) -> str:
    """``text`` with the isolates taken out (to compare, or to write where they do not
    belong, such as a file name)."""
    for control in (FSI, LRI, RLI, PDI):
        text = text.replace(control, "")
    return text


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in text)


def _matching_pdi(text: str, opener: int, end: int) -> int:
    """The position of the PDI closing the isolate opened at ``opener`` (``end`` if none)."""
    depth = 0
    for i in range(opener, end):
        if text[i] in _OPENERS:
            depth += 1
        elif text[i] == PDI:
            depth -= 1
            if depth == 0:
                return i
    return end


def right_to_left_marks(text: str, start: int = 0, end: int | None = None) -> list[Mark]:
    """Where isolates go in ``text`` (positions, in order) for it to be read right to left
    in a right-to-left block: the isolates already in it are kept (one holding Hebrew is
    made right to left inside), a part without right-to-left letters is isolated whole,
    and in a part with them each Latin run is isolated (its punctuation outside it)."""
    stop = len(text) if end is None else end
    marks: list[Mark] = []
    plain = start
    i = start
    while i < stop:
        if text[i] not in _OPENERS:
            i += 1
            continue
        marks += _plain_marks(text, plain, i)
        close = _matching_pdi(text, i, stop)
        if _has_rtl(text[i + 1 : close]):
            marks.append((i + 1, RLI))
            marks += right_to_left_marks(text, i + 1, close)
            marks.append((close, PDI))
        i = plain = close + 1
    marks += _plain_marks(text, plain, stop)
    return marks


def _plain_marks(text: str, start: int, end: int) -> list[Mark]:
    """Marks for text without isolates, list part by list part."""
    marks: list[Mark] = []
    part = start
    for separator in _LIST_SEPARATOR.finditer(text, start, end):
        marks += _part_marks(text, part, separator.start())
        part = separator.end()
    marks += _part_marks(text, part, end)
    return marks


def _part_marks(text: str, start: int, end: int) -> list[Mark]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    classes = [unicodedata.bidirectional(c) for c in text[start:end]]
    if not any(c in _RUN_ENDS for c in classes):
        return []  # punctuation and spaces: they take the page's direction
    if not any(c in _RTL_CLASSES for c in classes):
        return [(start, FSI), (end, PDI)]  # all Latin: whole, with its punctuation
    marks: list[Mark] = []
    first = last = -1  # the current run's first and last letter or digit
    for offset, kind in enumerate([*classes, "R"]):  # a sentinel ends the last run
        i = start + offset
        breaks = kind in _RTL_CLASSES or (i < end and text[i] in _BRACKETS)
        # a clause ends at ", " "; " ": ": "2; ER/PR" are two runs, read from the right
        breaks = breaks or (i + 1 < end and text[i] in ",;:" and text[i + 1].isspace())
        if not breaks:
            after_space = i == start or text[i - 1].isspace()
            signed = kind == "ES" and after_space and i + 1 < end and classes[offset + 1] == "EN"
            if kind in _RUN_ENDS or (signed and first < 0):
                first = i if first < 0 else first
                last = i
            elif kind == "ET" and first >= 0 and last == i - 1 and classes[offset - 1] == "EN":
                last = i  # 50%
            continue
        if first >= 0:
            marks += [(first, FSI), (last + 1, PDI)]
        first = last = -1
    return marks


def right_to_left(text: str) -> str:
    """``text`` with the isolates of :func:`right_to_left_marks` put in."""
    out, at = [], 0
    for position, control in right_to_left_marks(text):
        out += [text[at:position], control]
        at = position
    out.append(text[at:])
    return "".join(out)
