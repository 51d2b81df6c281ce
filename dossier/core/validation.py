"""Turns what a person typed (or a JSON value) into what is stored, or says what is wrong.

Every message names the field in plain words and says what would be right.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .clock import today
from .entities import TODAY, Entity, Field
from .errors import ValidationError
from .i18n import ntr, tr
from .locale_format import number

if TYPE_CHECKING:
    from decimal import Decimal

TEXT_MAX = 500
_SQLITE_INT_MAX = 2**63 - 1
LONGTEXT_MAX = 2_000_000
MONEY_MAX_CENTS = 100_000_000_000
YEAR_MIN, YEAR_MAX = 1900, 2100
_ICD10 = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_GROUPED = re.compile(r"-?\d{1,3}([,.]\d{3})+")
_DATE_FORM = re.compile(r"\d{4}-\d{2}-\d{2}")
_TRUE = {"1", "true", "yes", "y", "on"}
_FALSE = {"0", "false", "no", "n", "off", ""}


def is_record_id(value: object) -> bool:
    """True for a number a record can have: a whole number from 1 to SQLite's largest."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= _SQLITE_INT_MAX


class _Invalid(Exception):
    pass


def _default(spec: Field) -> Any:
    if spec.kind == "date" and spec.default == TODAY:
        return today().isoformat()
    return convert(spec, spec.default)


def clean(entity: Entity, data: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
    """Validate ``data`` for ``entity``; return storable values. ``partial``: an edit.

    Keys that are links (``case_ids``, ``tags``…) are passed through untouched for
    the records layer. Raises :class:`ValidationError` listing every wrong field.
    """
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    known = set(entity.field_names)
    for key in data:
        if key not in known and key not in entity.links and key not in ("id",):
            errors[key] = tr(
                "A {entity} has no field called '{key}'.", entity=tr(entity.label), key=key
            )
    for spec in entity.fields:
        if spec.name not in data:
            if not partial:
                if spec.required:
                    errors[spec.name] = _required(spec)
                elif spec.default is not None:
                    values[spec.name] = _default(spec)
            continue
        try:
            value = convert(spec, data[spec.name])
        except _Invalid as exc:
            errors[spec.name] = str(exc)
            continue
        if value is None and spec.required:
            errors[spec.name] = _required(spec)
        elif value is None and spec.default is not None:
            values[spec.name] = _default(spec)
        else:
            values[spec.name] = value
    _check_rules(entity, values, errors)
    if errors:
        raise ValidationError(errors)
    return values


def convert(spec: Field, raw: Any) -> Any:
    """Convert one raw value for ``spec``; None means empty. Raises _Invalid."""
    if raw is None or (isinstance(raw, str) and not raw.strip() and spec.kind != "bool"):
        return None
    kind = spec.kind
    if kind in ("text", "longtext"):
        return _text(spec, raw)
    if kind == "date":
        return _date(spec, raw).isoformat()
    if kind == "datetime":
        return _datetime(spec, raw)
    if kind in ("int", "ref"):
        return _int(spec, raw)
    if kind == "bool":
        return _bool(spec, raw)
    if kind == "money":
        return _money(spec, raw)
    if kind == "percent":
        return _percent(spec, raw)
    if kind == "choice":
        return _choice(spec, raw)
    raise AssertionError(kind)  # pragma: no cover


def clean_text(raw: str, *, multiline: bool) -> str:
    """Drop control characters (keeping line breaks and tabs in long text) and fix newlines.

    Also dropped: the bidirectional overrides U+202D and U+202E, which reverse the text
    after them ("invoice-\u202egpj.exe" shows as "invoice-exe.jpg"); the embeddings and
    isolates that right-to-left writing uses stay. Line and paragraph separators (U+2028,
    U+2029) become line breaks, or spaces in one-line text.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates become '?'
    return text.translate(_MULTILINE if multiline else _ONE_LINE).strip()


def _drop_table(*, multiline: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {
        code: None for code in (*range(0x20), *range(0x7F, 0xA0)) if chr(code) not in "\n\t"
    }
    table.update({0x202D: None, 0x202E: None})  # left-to-right and right-to-left override
    line_break = "\n" if multiline else " "
    table.update({ord("\n"): line_break, 0x2028: line_break, 0x2029: line_break})
    table[ord("\t")] = "\t" if multiline else " "
    return table


_MULTILINE = _drop_table(multiline=True)
_ONE_LINE = _drop_table(multiline=False)


def _required(spec: Field) -> str:
    return tr("The {label} is needed.", label=tr(spec.plain_label))


def _text(spec: Field, raw: Any) -> str | None:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise _Invalid(tr("The {label} must be text.", label=tr(spec.plain_label)))
    text = clean_text(str(raw), multiline=spec.kind == "longtext")
    limit = LONGTEXT_MAX if spec.kind == "longtext" else TEXT_MAX
    if len(text) > limit:
        raise _Invalid(
            ntr(
                "The {label} is too long: {count} character, at most {limit} fit.",
                "The {label} is too long: {count} characters, at most {limit} fit.",
                len(text),
                label=tr(spec.plain_label),
                count=number(len(text)),
                limit=number(limit),
            )
        )
    return text or None


def parse_date(raw: Any) -> date:
    """A date from ``date`` or ``YYYY-MM-DD`` text, within 1900-2100; ValueError if not."""
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    elif isinstance(raw, str):
        text = raw.strip()
        value = date.fromisoformat(text) if _DATE_FORM.fullmatch(text) else _bad_date()
    else:
        value = _bad_date()
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise ValueError("year out of range")
    return value


def _bad_date() -> date:
    raise ValueError("not a date")


def _date(spec: Field, raw: Any) -> date:
    try:
        return parse_date(raw)
    except ValueError:
        raise _Invalid(
            tr(
                "The {label} must be a real date between {low} and {high}, "
                "written as YYYY-MM-DD (for example 2026-03-14).",
                label=tr(spec.plain_label),
                low=YEAR_MIN,
                high=YEAR_MAX,
            )
        ) from None


def _datetime(spec: Field, raw: Any) -> str:
    try:
        if isinstance(raw, datetime):
            value = raw
        elif isinstance(raw, str):
            text = raw.strip().replace(" ", "T", 1)
            value = datetime.fromisoformat(text) if len(text) >= 16 else _bad_datetime()
        else:
            value = _bad_datetime()
        if value.tzinfo is not None or not YEAR_MIN <= value.year <= YEAR_MAX:
            raise ValueError("out of range")
    except ValueError:
        raise _Invalid(
            tr(
                "The {label} must be a real date and time, written as YYYY-MM-DD HH:MM "
                "(for example 2026-03-14 09:30).",
                label=tr(spec.plain_label),
            )
        ) from None
    return value.replace(second=0, microsecond=0).isoformat(timespec="minutes")


def _bad_datetime() -> datetime:
    raise ValueError("not a date and time")


def _int(spec: Field, raw: Any) -> int:
    try:
        if isinstance(raw, bool):
            raise ValueError
        if isinstance(raw, float) and not raw.is_integer():
            raise ValueError
        value = int(raw.strip()) if isinstance(raw, str) else int(raw)
    except (ValueError, TypeError, OverflowError):
        if spec.kind == "ref":
            raise _Invalid(
                tr("The {label} must be the number of a record.", label=tr(spec.plain_label))
            ) from None
        raise _Invalid(
            tr("The {label} must be a whole number.", label=tr(spec.plain_label))
        ) from None
    if abs(value) > _SQLITE_INT_MAX:
        value = _SQLITE_INT_MAX + 1 if value > 0 else -_SQLITE_INT_MAX - 1  # refused below
    low = spec.minimum if spec.minimum is not None else (1 if spec.kind == "ref" else None)
    high = spec.maximum if spec.maximum is not None else _SQLITE_INT_MAX
    if (low is not None and value < low) or value > high:
        if spec.kind == "ref":
            raise _Invalid(
                tr("The {label} must be the number of a record.", label=tr(spec.plain_label))
            )
        raise _Invalid(
            tr(
                "The {label} must be between {low} and {high}.",
                label=tr(spec.plain_label),
                low=low if low is not None else -_SQLITE_INT_MAX,
                high=high,
            )
        )
    return value


def _bool(spec: Field, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise _Invalid(tr("The {label} must be yes or no.", label=tr(spec.plain_label)))


def _decimal(raw: Any) -> Decimal:
    """A number as people write it: "1 234,50", "1,234.50", "1.234,50", "€99", "1,000"."""
    from decimal import Decimal, InvalidOperation  # here: decimal is slow to import

    if isinstance(raw, bool):
        raise InvalidOperation
    if isinstance(raw, str):
        text = re.sub(r"[\s'’]", "", raw).lstrip("€$£₪")
        if "," in text and "." in text:  # the last of the two marks the decimals
            thousands = "." if text.rfind(",") > text.rfind(".") else ","
            text = text.replace(thousands, "").replace(",", ".")
        elif _GROUPED.fullmatch(text):  # 1,000 or 2.500: groups of three are thousands
            text = text.replace(",", "").replace(".", "")
        else:
            text = text.replace(",", ".")
        raw = text
    value = Decimal(str(raw))
    if not value.is_finite():
        raise InvalidOperation
    return value


def _money(spec: Field, raw: Any) -> int:
    from decimal import Decimal

    try:
        cents = int((_decimal(raw) * 100).quantize(Decimal(1)))
    except (ArithmeticError, ValueError):
        raise _Invalid(
            tr(
                "The {label} must be an amount of money, such as 120.50.",
                label=tr(spec.plain_label),
            )
        ) from None
    if not 0 <= cents <= MONEY_MAX_CENTS:
        raise _Invalid(
            tr(
                "The {label} must be zero or more, and not absurdly large.",
                label=tr(spec.plain_label),
            )
        )
    return cents


def _percent(spec: Field, raw: Any) -> float:
    try:
        value = float(_decimal(str(raw).rstrip("% ") if isinstance(raw, str) else raw))
    except (ArithmeticError, ValueError):
        value = -1.0
    if not 0 <= value <= 100:
        raise _Invalid(
            tr("The {label} must be a percentage between 0 and 100.", label=tr(spec.plain_label))
        )
    return value


def _choice(spec: Field, raw: Any) -> str:
    word = str(raw).strip().lower().replace(" ", "_").replace("-", "_")
    if word not in spec.choices:
        raise _Invalid(
            tr(
                "The {label} must be one of: {choices}.",
                label=tr(spec.plain_label),
                choices=", ".join(c.replace("_", " ") for c in spec.choices),
            )
        )
    return word


def _check_rules(entity: Entity, values: dict[str, Any], errors: dict[str, str]) -> None:
    """Rules that concern the meaning of a value, not only its form."""
    icd = values.get("icd10")
    if entity.name == "diagnosis" and isinstance(icd, str):
        code = icd.upper().replace(" ", "")
        if _ICD10.match(code):
            values["icd10"] = code
        else:
            errors["icd10"] = tr(
                "The ICD-10 code should look like C50.9 or E11: a letter, two characters, "
                "and optionally a dot and up to four more."
            )
    email = values.get("email")
    if isinstance(email, str) and not _EMAIL.match(email):
        errors["email"] = tr("The email address should look like name@example.org.")
    born = values.get("born")
    if isinstance(born, str) and date.fromisoformat(born) > today():
        errors["born"] = tr("The date of birth cannot be in the future.")


def check_stored(entity: Entity, row: Mapping[str, Any]) -> dict[str, str]:
    """What is wrong with ``row``, a record of ``entity`` as stored (read from an archive
    or a database), field by field; empty when the program could have stored it.

    Only the fields ``row`` holds are looked at (a missing one gets the database's
    default), except required ones, which must be there. See :func:`stored_problem`.
    """
    errors: dict[str, str] = {}
    for spec in entity.fields:
        if spec.name in row or spec.required:
            problem = stored_problem(spec, row.get(spec.name))
            if problem is not None:
                errors[spec.name] = problem
    if errors:
        return errors
    values = {f.name: row[f.name] for f in entity.fields if row.get(f.name) is not None}
    kept = dict(values)
    _check_rules(entity, values, errors)
    for name, value in values.items():
        if name not in errors and value != kept[name]:  # a rule would have written it otherwise
            errors[name] = _not_as_stored(entity.field(name), kept[name])
    return errors


def stored_problem(spec: Field, stored: Any) -> str | None:
    """Why ``stored`` is not a value this program stores for ``spec``; None when it is.

    The rules are those of typed input (:func:`convert`), with the lists of the entity
    definitions: the value, turned back into what a person would type
    (:func:`to_public`), must come out of them unchanged. So a choice is one the program
    offers, a date a real date written YYYY-MM-DD, a number a whole one within its range,
    an amount in cents, a text no longer than its limit and without the characters input
    drops. An empty text counts as no value.
    """
    if stored is None or (stored == "" and spec.kind != "bool"):
        return _required(spec) if spec.required else None
    if spec.kind == "choice" and stored not in spec.choices:
        return tr(
            "The {label} {value} is not one this program knows ({choices}).",
            label=tr(spec.plain_label),
            value=shown_value(stored),
            choices=", ".join(spec.choices),
        )
    try:
        again = convert(spec, to_public(spec, stored))
    except _Invalid as exc:
        return str(exc)
    except (TypeError, ValueError, ArithmeticError):  # not even of the right type
        return _not_as_stored(spec, stored)
    if again != stored or isinstance(again, str) != isinstance(stored, str):
        return _not_as_stored(spec, stored)
    return None


def _not_as_stored(spec: Field, stored: Any) -> str:
    return tr(
        "The {label} {value} is not written the way this program writes it.",
        label=tr(spec.plain_label),
        value=shown_value(stored),
    )


def shown_value(value: Any, limit: int = 40) -> str:
    """``value`` quoted for a message: at most ``limit`` characters, control characters
    and direction overrides escaped, so a crafted value cannot disguise the message."""
    text = value if isinstance(value, str) else repr(value)
    short = text[:limit] + ("…" if len(text) > limit else "")
    escaped = "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in short
    )
    return f"'{escaped}'"


def to_public(spec: Field, stored: Any) -> Any:
    """A stored value as shown to the outside (JSON, UI): booleans and amounts restored."""
    if stored is None:
        return None
    if spec.kind == "bool":
        return bool(stored)
    if spec.kind == "money":
        return stored / 100
    return stored
