"""The recovery key: 128 random bits printed on a paper sheet, typed back in one day.

It is written as 8 groups of 6 digits separated by hyphens, as BitLocker writes its
recovery keys. Each group holds 16 bits ``v`` as the number ``v * 11``, padded to 6 digits.

Digits rather than words: digits look and type the same on every keyboard and in every
alphabet (a Dutch, Hebrew or Russian keyboard, Arabic-Indic or full-width digits are taken
as they come), and there is no word list to translate or to misspell. Each group checks
itself: a multiple of 11 turns into a number that is not one when any single digit is
mistyped or two different neighbouring digits are swapped, so a typing error is found and
the group it is in is named, instead of a plain "wrong key".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from secrets import token_bytes
from typing import Final

from ..errors import DossierError
from ..i18n import tr

RECOVERY_BITS: Final = 128
GROUPS: Final = 8
GROUP_DIGITS: Final = 6
CHECK: Final = 11
#: The largest group there is: 65535 * 11.
GROUP_MAX: Final = 0xFFFF * CHECK
#: Longer input is refused unread: a key with a space around every hyphen fits easily.
MAX_TYPED: Final = 200
# What may stand between the groups besides whitespace: hyphens, dashes and minus signs,
# dots, and the invisible marks a copy from right-to-left text brings along.
_SEPARATORS: Final = frozenset(
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d.\u00b7\u30fb\u3002\uff0e"
    "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u061c\ufeff"
)


class RecoveryKeyError(DossierError):
    """A typed recovery key that cannot be right; ``bad_groups``: the groups in error
    (numbered from 1), for a window to mark; empty when no group can be named."""

    def __init__(self, message: str, bad_groups: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.bad_groups = bad_groups


@dataclass(frozen=True, repr=False)
class RecoveryKey:
    """A recovery key: its 16 bytes, and the digits printed on the sheet."""

    raw: bytes

    def __post_init__(self) -> None:
        if not isinstance(self.raw, bytes) or len(self.raw) != RECOVERY_BITS // 8:
            raise ValueError("a recovery key is 16 bytes")

    @property
    def groups(self) -> tuple[str, ...]:
        """The 8 groups of 6 digits, each a 16-bit piece of the key times 11."""
        pieces = (int.from_bytes(self.raw[i : i + 2], "big") for i in range(0, len(self.raw), 2))
        return tuple(f"{piece * CHECK:0{GROUP_DIGITS}d}" for piece in pieces)

    @property
    def text(self) -> str:
        """The key as printed: the groups joined by hyphens."""
        return "-".join(self.groups)

    def __repr__(self) -> str:
        return "RecoveryKey(…)"


def new_recovery_key() -> RecoveryKey:
    """A new recovery key of 128 random bits."""
    return RecoveryKey(token_bytes(RECOVERY_BITS // 8))


def _ascii_digit(character: str) -> str | None:
    """``character`` as an ASCII digit when it is a digit of any script, else None."""
    return str(unicodedata.decimal(character)) if character.isdecimal() else None


def group_ok(group: str) -> bool:
    """Whether ``group`` (as typed, in any script's digits) is a group a key can have."""
    digits = [_ascii_digit(character) for character in group.strip()[: GROUP_DIGITS + 1]]
    if len(digits) != GROUP_DIGITS or None in digits:
        return False
    value = int("".join(d for d in digits if d))
    return value % CHECK == 0 and value <= GROUP_MAX


def parse_recovery_key(typed: str) -> RecoveryKey:
    """The key a person typed: any digits, with or without separators between the groups.

    Raises :class:`RecoveryKeyError` with a plain message when it cannot be right."""
    if len(typed) > MAX_TYPED:
        # Translators: a text far too long was pasted where a recovery key is asked for.
        raise RecoveryKeyError(
            tr("This is too long to be a recovery key, which has 48 digits in 8 groups of 6.")
        )
    chunks: list[str] = [""]
    for character in typed:
        digit = _ascii_digit(character)
        if digit is not None:
            chunks[-1] += digit
        elif character.isspace() or character in _SEPARATORS:
            if chunks[-1]:
                chunks.append("")
        else:
            # Translators: a character such as a letter was typed in a recovery key.
            message = tr(
                "“{character}” does not belong in a recovery key, which has only digits.",
                character=character,
            )
            raise RecoveryKeyError(message)
    digits = "".join(chunks)
    if len(digits) != GROUPS * GROUP_DIGITS:
        chunks = [chunk for chunk in chunks if chunk]
        short = [n for n, c in enumerate(chunks, 1) if len(c) != GROUP_DIGITS]
        # Translators: a typed recovery key has too few or too many digits.
        message = tr(
            "A recovery key has 48 digits in 8 groups of 6; this one has {count}.",
            count=len(digits),
        )
        raise RecoveryKeyError(message, tuple(short) if len(chunks) == GROUPS else ())
    groups = [digits[i : i + GROUP_DIGITS] for i in range(0, len(digits), GROUP_DIGITS)]
    bad = tuple(n for n, group in enumerate(groups, 1) if not group_ok(group))
    if len(bad) > 1:
        # Translators: several groups of a typed recovery key are wrong; {numbers}: "2, 5".
        message = tr(
            "Groups {numbers} of the recovery key have typing errors: check them against "
            "the sheet.",
            numbers=", ".join(str(n) for n in bad),
        )
        raise RecoveryKeyError(message, bad)
    if bad and int(groups[bad[0] - 1]) % CHECK:
        # Translators: one group of 6 digits of a typed recovery key is wrong; {number}:
        # its place (1 to 8), {group}: the 6 digits as typed.
        message = tr(
            "Group {number} of the recovery key ({group}) has a typing error: check it "
            "against the sheet.",
            number=bad[0],
            group=groups[bad[0] - 1],
        )
        raise RecoveryKeyError(message, bad)
    if bad:
        # Translators: one group of 6 digits of a typed recovery key is larger than any
        # group can be; {number}: its place (1 to 8), {group}: the 6 digits as typed.
        message = tr(
            "Group {number} of the recovery key ({group}) is larger than any group can be: "
            "check it against the sheet.",
            number=bad[0],
            group=groups[bad[0] - 1],
        )
        raise RecoveryKeyError(message, bad)
    return RecoveryKey(b"".join((int(g) // CHECK).to_bytes(2, "big") for g in groups))
