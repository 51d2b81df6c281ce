"""The rules for stored values cover every column of the schema, and take the lists of
choices from the entity definitions instead of copies."""

from __future__ import annotations

from pathlib import Path

from dossier.core import columns, entities, records
from dossier.core.archive.tables import archived_tables
from dossier.core.columns import column_rules, read_metadata
from dossier.core.importer.pipeline import import_paths
from dossier.core.opening import create_dossier
from dossier.core.storage import Dossier


def test_every_archived_column_has_a_rule_and_every_link_its_table(tmp_path: Path) -> None:
    """A migration that adds a column must declare what it may hold, or this fails."""
    with create_dossier(tmp_path / "d", name="Rule Keeper") as made:
        tables = archived_tables(made.db.conn)
    rules = column_rules()
    assert {t.name for t in tables} == set(rules)
    for table in tables:
        assert set(table.column_names) == set(rules[table.name]), table.name
        for link in table.links:
            assert rules[table.name][link.column].ref == link.table, (table.name, link)
        refs = {c for c, rule in rules[table.name].items() if rule.ref}
        assert refs == {link.column for link in table.links}, table.name


def test_the_lists_are_the_entity_definitions_own() -> None:
    """Aspects, verdicts and kinds of record: one source of truth, not copies."""
    assert tuple(n for n in entities.ENTITIES if n != "person") == columns.TRASHABLE
    aspect = column_rules()["comparison_aspect"]
    assert aspect["verdict"].check("same") is None
    for verdict in entities.VERDICTS:
        assert aspect["verdict"].check(verdict) is None
    assert aspect["verdict"].check("bogus") is not None
    for name in entities.ASPECTS:
        assert aspect["aspect"].check(name) is None


def test_what_the_program_stores_passes_its_own_rules(demo: Dossier) -> None:
    """Every row of the example dossier, as stored, is one the rules accept."""
    rules = column_rules()
    for table, table_rules in rules.items():
        cursor = demo.db.conn.execute(f'SELECT * FROM "{table}"')
        names = [c[0] for c in cursor.description]
        for row in cursor:
            for name, value in zip(names, row, strict=True):
                assert table_rules[name].check(value) is None, (table, name, value)


def test_metadata_is_read_within_bounds(dossier: Dossier, tmp_path: Path) -> None:
    """Metadata changed by hand in the database shows as none, never a RecursionError."""
    assert read_metadata('{"Title": "Letter"}') == {"Title": "Letter"}
    assert read_metadata("[" * 50_000 + "]" * 50_000) == {}
    assert read_metadata('{"a": {"b": 1}}') == {}
    assert read_metadata("{oops") == {}
    text = tmp_path / "visit.txt"
    text.write_text("Visit notes.\n", "utf-8")
    import_paths(dossier, [text])
    dossier.db.execute("UPDATE document SET metadata = ?", ["[" * 50_000 + "]" * 50_000])
    assert records.list_records(dossier, "document")[0]["metadata"] == {}
