"""The shape of a kind of record: its fields (:class:`Field`) and itself (:class:`Entity`).

The kinds themselves are declared in :mod:`.entities`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FieldKind = Literal[
    "text", "longtext", "date", "datetime", "int", "bool", "money", "percent", "choice", "ref"
]


TODAY = "today"
"""A date field's default: the day the record is stored (a note is dated when written)."""


@dataclass(frozen=True)
class Field:
    name: str
    kind: FieldKind = "text"
    label: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # entity a "ref" field points to
    default: object = None
    minimum: int | None = None
    maximum: int | None = None

    @property
    def plain_label(self) -> str:
        return self.label or self.name.replace("_", " ")


@dataclass(frozen=True)
class Entity:
    name: str  # singular, as in the command line and the trash
    table: str
    label: str  # plain words, singular
    plural: str  # for the command line
    fields: tuple[Field, ...]
    title_fields: tuple[str, ...]  # what names a record in lists, trash and search hits
    owned_by_case: bool = False  # deleted and restored together with its case
    links: tuple[str, ...] = ()  # extra keys handled by the records layer (many-to-many)
    aliases: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    def field(self, name: str) -> Field:
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def text_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.kind in ("text", "longtext"))


__all__ = ["TODAY", "Entity", "Field", "FieldKind"]
