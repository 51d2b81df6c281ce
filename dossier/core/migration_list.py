"""The list of migrations, declared like sqlite-utils' ``Migrations`` (dossier.core.schema
declares the dossier's own)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

Step = Callable[["Database"], None]


class Migrations:
    """The migrations in order, declared like sqlite-utils' ``Migrations``.

    sqlite-utils is imported only when they are applied, which opening an up-to-date
    dossier never needs: that import costs a tenth of a second at every start.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: list[tuple[str, Step]] = []

    def __call__(self, *, name: str) -> Callable[[Step], Step]:
        def register(step: Step) -> Step:
            self.steps.append((name, step))
            return step

        return register

    def apply(self, db: Database) -> None:
        """Apply those not applied yet, each in its own transaction (sqlite-utils)."""
        from sqlite_utils.migrations import Migrations as UtilsMigrations

        migrations = UtilsMigrations(self.name)
        for name, step in self.steps:
            migrations(name=name)(step)
        migrations.apply(db)


__all__ = ["Migrations", "Step"]
