"""The recovery key: its printed form, and what a person may type back in."""

from __future__ import annotations

import random
import time

import pytest

from dossier.core.crypto.recovery import (
    GROUPS,
    RECOVERY_BITS,
    RecoveryKey,
    RecoveryKeyError,
    group_ok,
    new_recovery_key,
    parse_recovery_key,
)
from dossier.core.errors import DossierError

KEY = RecoveryKey(bytes.fromhex("0000ffff12345678 9abcdef001020304".replace(" ", "")))


def _error(typed: str) -> RecoveryKeyError:
    with pytest.raises(RecoveryKeyError) as caught:
        parse_recovery_key(typed)
    assert isinstance(caught.value, DossierError)
    return caught.value


def test_the_printed_form_is_eight_groups_of_six_digits() -> None:
    assert RECOVERY_BITS == 128 and GROUPS == 8
    key = new_recovery_key()
    assert len(key.raw) == 16
    assert len(key.groups) == 8 and all(len(g) == 6 and g.isdigit() for g in key.groups)
    assert sum(c.isdigit() for c in key.text) == 48
    assert key.text.count("-") == 7 and len(key.text) == 55
    assert KEY.groups[0] == "000000" and KEY.groups[1] == "720885"  # 0 and 65535 * 11
    assert all(int(g) % 11 == 0 for g in KEY.groups)


def test_many_random_keys_come_back_as_they_were() -> None:
    for _ in range(2000):
        key = new_recovery_key()
        assert parse_recovery_key(key.text) == key
        assert all(group_ok(group) for group in key.groups)


def test_a_key_is_sixteen_bytes() -> None:
    with pytest.raises(ValueError):
        RecoveryKey(b"\x00" * 15)


def test_repr_and_str_hide_the_digits() -> None:
    key = new_recovery_key()
    for shown in (repr(key), str(key), f"{key}", repr([key])):
        assert not any(group in shown for group in key.groups)
        assert not any(c.isdigit() for c in shown)


def test_every_single_wrong_digit_is_caught_and_its_group_named() -> None:
    digits = KEY.text.replace("-", "")
    for position, right in enumerate(digits):
        group = position // 6 + 1
        for wrong in "0123456789".replace(right, ""):
            typed = digits[:position] + wrong + digits[position + 1 :]
            error = _error(typed)
            assert error.bad_groups == (group,)
            assert f"Group {group} of the recovery key ({typed[(group - 1) * 6 : group * 6]})" in (
                error.message
            )
            assert "check it against the sheet" in error.message


def test_every_swap_of_two_different_neighbouring_digits_is_caught() -> None:
    # Swapping digits a and b at places 10^(k+1) and 10^k changes the number by
    # 9 * 10^k * (a - b); 11 is prime and divides none of 9, 10^k or a - b (from -9 to 9,
    # not 0), so the result is never a multiple of 11: every such swap is caught, in every
    # valid group.
    swaps = caught = 0
    for value in range(0x10000):
        group = f"{value * 11:06d}"
        for i in range(5):
            if group[i] != group[i + 1]:
                swaps += 1
                caught += not group_ok(group[:i] + group[i + 1] + group[i] + group[i + 2 :])
    assert swaps > 250_000
    assert caught == swaps


def test_a_swap_across_groups_typed_without_hyphens_names_both_groups() -> None:
    digits = KEY.text.replace("-", "")
    for boundary in range(6, 48, 6):
        a, b = digits[boundary - 1], digits[boundary]
        typed = digits[: boundary - 1] + b + a + digits[boundary + 1 :]
        if a == b:
            assert parse_recovery_key(typed) == KEY
        else:
            assert _error(typed).bad_groups == (boundary // 6, boundary // 6 + 1)


def test_a_swap_two_places_apart_is_beyond_the_check() -> None:
    # The known limit of a check by 11: 10^(k+2) - 10^k = 99 * 10^k, a multiple of 11.
    group = "123453"  # 11223 * 11
    assert group_ok(group) and group_ok("321453")


@pytest.mark.parametrize(
    "separator", ["-", " ", "", "  ", "\t", "–", "—", ".", " - ", "\u00a0", "\u200f-\u200f"]
)
def test_the_groups_may_be_separated_in_many_ways(separator: str) -> None:
    typed = separator.join(KEY.groups)
    assert parse_recovery_key(typed) == KEY
    assert parse_recovery_key(f"  {typed}\n") == KEY


def test_hyphens_in_the_wrong_places_do_not_matter() -> None:
    digits = KEY.text.replace("-", "")
    assert parse_recovery_key(" ".join(digits[i : i + 4] for i in range(0, 48, 4))) == KEY


@pytest.mark.parametrize("zero", ["\u0660", "\u06f0", "\uff10", "\u0966"])
def test_digits_of_other_scripts_are_read_as_digits(zero: str) -> None:
    typed = "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in KEY.text)
    assert not any("0" <= c <= "9" for c in typed)
    assert parse_recovery_key(typed) == KEY
    assert all(group_ok(chr(ord(zero) + 7) + g[1:]) is group_ok("7" + g[1:]) for g in KEY.groups)


def test_a_wrong_count_of_digits_says_how_many() -> None:
    error = _error(KEY.text[:-1])
    assert error.message == "A recovery key has 48 digits in 8 groups of 6; this one has 47."
    assert error.bad_groups == (8,)
    assert _error(KEY.text.replace("-", "", 1)[1:]).bad_groups == ()  # 7 groups: none named
    assert _error("").message.endswith("this one has 0.")
    assert _error(KEY.text + "1").message.endswith("this one has 49.")


def test_a_group_over_the_largest_is_named() -> None:
    typed = KEY.text.replace("720885", "720896")  # a multiple of 11, but over 65535 * 11
    error = _error(typed)
    assert error.bad_groups == (2,)
    assert "Group 2 of the recovery key (720896) is larger" in error.message


def test_several_wrong_groups_are_all_named() -> None:
    groups = list(KEY.groups)
    groups[2] = "111112"
    groups[6] = "000001"
    error = _error("-".join(groups))
    assert error.bad_groups == (3, 7)
    assert "Groups 3, 7 of the recovery key" in error.message


def test_a_letter_is_refused_plainly() -> None:
    error = _error(KEY.text.replace("0", "O", 1))
    assert "“O” does not belong in a recovery key" in error.message


def test_a_huge_paste_is_refused_unread() -> None:
    started = time.perf_counter()
    for pasted in ("1" * 10_000, KEY.text * 200, "x" * 10_000):
        error = _error(pasted)
        assert error.message.startswith("This is too long to be a recovery key")
        assert error.bad_groups == ()
    assert time.perf_counter() - started < 0.5
    assert parse_recovery_key(KEY.text.center(200)) == KEY  # 200 characters still read


def test_group_ok_follows_the_typing() -> None:
    assert group_ok("000000") and group_ok("720885") and group_ok(" 000011 ")
    for partial in ("", "0", "00001", "0000110", "720896", "000012", "12-456", "abcdef"):
        assert not group_ok(partial)
    rng = random.Random(18)
    for _ in range(1000):
        value = rng.randrange(1_000_000)
        assert group_ok(f"{value:06d}") is (value % 11 == 0 and value <= 720885)
