"""Reading JSON someone else wrote: size, depth and number of values bounded before parsing."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.bounded_json import BoundedJson, JsonLimits, JsonRefused, load_file, loads

WIDE = JsonLimits(max_bytes=1 << 20, max_depth=64, max_items=100_000)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(value=json_values, cut=st.integers(min_value=1, max_value=7))
def test_any_json_read_in_any_chunks_is_what_json_reads(value: Any, cut: int) -> None:
    """Strings with escaped quotes and backslashes may be split anywhere between chunks."""
    text = json.dumps(value, ensure_ascii=False).encode()
    reader = BoundedJson(WIDE)
    for start in range(0, len(text), cut):
        reader.feed(text[start : start + cut])
    assert reader.finish() == json.loads(text)
    assert reader.depth == 0


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[" * 9 + "]" * 9, "too_deep"),
        ('{"a": ' * 9 + "1" + "}" * 9, "too_deep"),
        ("[" + "{}," * 20 + "{}]", "too_many"),
        ("[" + "1," * 20 + "1]", "too_many"),
        ('"' + "x" * 200 + '"', "too_large"),
        ("{not json", "not_json"),
        ('{"a": 1, "a": 2}', "not_json"),
        ("[NaN]", "not_json"),
        ("[Infinity]", "not_json"),
        ("]]]", "not_json"),
    ],
)
def test_past_a_limit_or_not_json_is_refused(text: str, problem: str) -> None:
    limits = JsonLimits(max_bytes=100, max_depth=8, max_items=20)
    with pytest.raises(JsonRefused) as caught:
        loads(text, limits)
    assert caught.value.problem == problem
    assert caught.value.reason.startswith("it ")


def test_brackets_and_commas_inside_text_do_not_count() -> None:
    limits = JsonLimits(max_bytes=1000, max_depth=2, max_items=4)  # { , [ ,
    text = json.dumps({"note": '[[[[{{{{,,,,]]]] \\" \\\\ [[', "b": ["x", "y"]})
    assert loads(text, limits)["b"] == ["x", "y"]


def test_a_hostile_stream_is_refused_long_before_its_end() -> None:
    """30 million ``{}`` would take 2.3 GB once parsed; the scan stops at the bound."""
    limits = JsonLimits(max_bytes=100 << 20, max_depth=16, max_items=1_000)
    reader = BoundedJson(limits)
    chunk = b"{}," * 10_000
    fed = 0
    with pytest.raises(JsonRefused, match="more than 1,000 values"):
        reader.feed(b"[")
        for _ in range(3_000):  # 90 MB, were it all read
            reader.feed(chunk)
            fed += len(chunk)
    assert fed == 0  # the first chunk was enough


def test_bytes_that_are_not_utf8_are_not_text() -> None:
    with pytest.raises(JsonRefused) as caught:
        loads(b'["\xff"]', WIDE)
    assert caught.value.problem == "not_text"
    assert loads(b'\xef\xbb\xbf{"a": 1}', WIDE) == {"a": 1}  # a byte-order mark is fine


def test_a_file_is_read_without_following_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text('{"a": [1, 2]}')
    assert load_file(real, WIDE) == {"a": [1, 2]}
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with pytest.raises(OSError):
        load_file(link, WIDE)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    with pytest.raises(JsonRefused, match="not an ordinary file"):  # never waits on a pipe
        load_file(fifo, WIDE)
    big = tmp_path / "big.json"
    big.write_text("[" + "1," * 100 + "1]")
    with pytest.raises(JsonRefused, match="more than 10 values"):
        load_file(big, JsonLimits(max_bytes=1 << 20, max_depth=4, max_items=10))
