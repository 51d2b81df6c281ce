"""The dossier's database schema, as a list of migrations applied in order.

Each migration runs in its own transaction (sqlite-utils ``Migrations``). A
migration, once released, is never edited: later changes are new migrations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .migration_list import Migrations
from .schema_initial import INITIAL as _INITIAL
from .schema_initial import STAMPS as _STAMPS
from .schema_search import refill_search_index, search_prefixes

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .entities import Entity

MIGRATIONS = Migrations("second-opinion-dossier")

# Written into the SQLite header, so a foreign SQLite file is told apart from a dossier.
APPLICATION_ID = 0x534F4431  # "SOD1"

_CASE_CHILDREN = (
    "diagnosis",
    "opinion",
    "comparison",
    "physical_item",
    "records_request",
    "appointment",
    "task",
    "question",
    "cost",
    "note",
)


@MIGRATIONS(name="0001_initial")
def _initial(db: Database) -> None:
    for statement in _INITIAL.split(";\n"):
        if statement.strip():
            db.execute(statement)
    for table in _CASE_CHILDREN:
        db.execute(f"CREATE INDEX {table}_case ON {table}(case_id)")
    db.execute("CREATE INDEX question_appointment ON question(appointment_id)")
    db.execute("CREATE INDEX document_case_case ON document_case(case_id)")
    db.execute("CREATE INDEX document_opinion_opinion ON document_opinion(opinion_id)")


_CITATIONS_AND_ORIGINS = """
CREATE TABLE opinion_citation (
    id INTEGER PRIMARY KEY,
    opinion_id INTEGER NOT NULL REFERENCES opinion(id) ON DELETE CASCADE,
    aspect TEXT NOT NULL,
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    page INTEGER,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX opinion_citation_opinion ON opinion_citation(opinion_id, aspect, position);
CREATE INDEX opinion_citation_document ON opinion_citation(document_id);
ALTER TABLE question ADD COLUMN comparison_id INTEGER REFERENCES comparison(id) ON DELETE SET NULL;
ALTER TABLE question ADD COLUMN aspect TEXT;
ALTER TABLE task ADD COLUMN comparison_id INTEGER REFERENCES comparison(id) ON DELETE SET NULL;
ALTER TABLE task ADD COLUMN aspect TEXT;
CREATE INDEX question_comparison ON question(comparison_id);
CREATE INDEX task_comparison ON task(comparison_id)
"""


@MIGRATIONS(name="0002_citations_and_aspect_origins")
def _citations_and_origins(db: Database) -> None:
    """Per-aspect source citations of an opinion (a document, optionally a page), and
    the comparison aspect a question or a task came from ("asked because of …").

    A citation goes with its opinion or its document when either is removed for good;
    a question or task outlives its comparison (the link is emptied).
    """
    for statement in _CITATIONS_AND_ORIGINS.split(";\n"):
        if statement.strip():
            db.execute(statement)


@MIGRATIONS(name="0003_questions_set_aside")
def _questions_set_aside(db: Database) -> None:
    """The appointment a question was taken off the list of, in appointment mode: it is
    not offered there again (it stays the case's question). Emptied with the appointment."""
    db.execute(
        "ALTER TABLE question ADD COLUMN set_aside_id INTEGER "
        "REFERENCES appointment(id) ON DELETE SET NULL"
    )
    db.execute("CREATE INDEX question_set_aside ON question(set_aside_id)")


_TREATMENTS = f"""
ALTER TABLE person ADD COLUMN sex TEXT;
ALTER TABLE "case" ADD COLUMN referred_by_id INTEGER REFERENCES contact(id) ON DELETE SET NULL;
ALTER TABLE "case" ADD COLUMN treating_id INTEGER REFERENCES contact(id) ON DELETE SET NULL;
CREATE TABLE treatment (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other',
    started_on TEXT, ended_on TEXT,
    contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    place TEXT, outcome TEXT, notes TEXT,{_STAMPS}
);
CREATE INDEX treatment_case ON treatment(case_id)
"""


@MIGRATIONS(name="0004_treatments_sex_and_doctors")
def _treatments_sex_and_doctors(db: Database) -> None:
    """The treatments given or tried in a case (an operation, a medicine, physiotherapy…),
    with when, by whom, where and how it went; the person's sex; and a case's referring
    and treating doctors, as a referral summary names them. Links to a contact are
    emptied when the contact is removed for good; a treatment goes with its case."""
    for statement in _TREATMENTS.split(";\n"):
        if statement.strip():
            db.execute(statement)


_DOCUMENT_LANGUAGES = """
ALTER TABLE document ADD COLUMN language TEXT;
ALTER TABLE document ADD COLUMN translation_of_id INTEGER REFERENCES document(id) ON DELETE SET NULL;
ALTER TABLE document ADD COLUMN translation_certified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE document ADD COLUMN translated_by TEXT;
CREATE INDEX document_translation_of ON document(translation_of_id)
"""


@MIGRATIONS(name="0005_document_languages")
def _document_languages(db: Database) -> None:
    """The language a document is written in (an ISO 639-1 code such as "nl", "other", or
    none when not known), and the document it is a translation of, whether the translation
    is certified and by whom it was made. The link is emptied when the original is removed
    for good."""
    for statement in _DOCUMENT_LANGUAGES.split(";\n"):
        if statement.strip():
            db.execute(statement)


_PAGE_READINGS = """
CREATE TABLE page_reading (
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    text TEXT,
    confidence INTEGER,
    languages TEXT,
    rotation INTEGER,
    reason TEXT,
    read_at TEXT,
    PRIMARY KEY (document_id, page)
);
CREATE INDEX page_reading_state ON page_reading(state);
CREATE TABLE dossier_setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO page_reading (document_id, page)
    SELECT d.id, p.page FROM document d JOIN document_page p ON p.document_id = d.id
    WHERE d.media_type = 'application/pdf' AND d.encrypted = 0
    AND length(trim(p.text)) < 20;
INSERT INTO page_reading (document_id, page)
    WITH RECURSIVE n(page) AS (SELECT 1 UNION ALL SELECT page + 1 FROM n WHERE page < 500)
    SELECT d.id, n.page FROM document d JOIN n ON n.page <= coalesce(d.page_count, 1)
    WHERE d.media_type IN ('image/jpeg', 'image/png', 'image/tiff')
"""


@MIGRATIONS(name="0006_page_readings")
def _page_readings(db: Database) -> None:
    """Text recognised on pages that have none of their own (scans and photos): one row
    per page to read, its state ("pending", "read", "refused", "stopped" or "corrected",
    the last for text the person typed, which a later reading never replaces), the text,
    the engine's confidence (0-100), the languages read in, how far the page was turned
    to stand upright, and why a page could not be read. The text is kept here, where the
    page's file cannot give it again, and copied to the page's text for search.

    ``dossier_setting`` holds the dossier's own choices (such as the languages its scans
    are read in). Pages of documents already in the dossier are queued to be read."""
    for statement in _PAGE_READINGS.split(";\n"):
        if statement.strip():
            db.execute(statement)


_IMAGING = f"""
CREATE TABLE imaging_study (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES "case"(id) ON DELETE SET NULL,
    study_uid TEXT NOT NULL UNIQUE,
    description TEXT,
    study_date TEXT,
    modality TEXT,
    institution TEXT,
    referring_physician TEXT,
    accession_number TEXT,
    patient_name TEXT,
    patient_born TEXT,
    patient_number TEXT,
    patient_check TEXT NOT NULL DEFAULT 'unknown',
    kept INTEGER NOT NULL DEFAULT 1,
    disc_item_id INTEGER REFERENCES physical_item(id) ON DELETE SET NULL,
    bring INTEGER NOT NULL DEFAULT 0,
    notes TEXT,{_STAMPS}
);
CREATE TABLE imaging_series (
    id INTEGER PRIMARY KEY,
    study_id INTEGER NOT NULL REFERENCES imaging_study(id) ON DELETE CASCADE,
    series_uid TEXT NOT NULL UNIQUE,
    number INTEGER,
    modality TEXT,
    body_part TEXT,
    description TEXT,
    patient_name TEXT,
    image_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX imaging_series_study ON imaging_series(study_id);
CREATE TABLE imaging_file (
    id INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES imaging_series(id) ON DELETE CASCADE,
    instance_uid TEXT NOT NULL UNIQUE,
    class_uid TEXT NOT NULL,
    transfer_syntax TEXT NOT NULL,
    number INTEGER,
    position REAL,
    frames INTEGER NOT NULL DEFAULT 1,
    rows INTEGER,
    columns INTEGER,
    sha256 TEXT,
    size INTEGER NOT NULL,
    disc_path TEXT
);
CREATE INDEX imaging_file_series ON imaging_file(series_id, number);
CREATE INDEX imaging_file_sha ON imaging_file(sha256)
"""


@MIGRATIONS(name="0007_imaging")
def _imaging(db: Database) -> None:
    """Imaging discs: each study (a CT, an MRI, X-rays) with what its files say of it (the
    date, modality, description, institution, referring doctor, accession number) and of
    the patient (name, birth date, number, and whether they are the dossier's person:
    "match", "mismatch" or "unknown"); whether its files are kept in the vault or only
    catalogued, with the physical disc that holds them; its series (modality, body part,
    description, number of images) and each file (its SOP instance and class, transfer
    syntax, place in the series, image size, and its SHA-256 in the vault when kept)."""
    for statement in _IMAGING.split(";\n"):
        if statement.strip():
            db.execute(statement)


@MIGRATIONS(name="0008_documents_to_bring")
def _documents_to_bring(db: Database) -> None:
    """An index of the documents to bring to a consultation, which the overview lists at
    every opening: without it the whole document table is read, which a protected dossier
    (every page checked and decrypted) pays for at each start."""
    db.execute("CREATE INDEX document_bring ON document (bring)")


_PLAN_AND_REMINDERS = """
ALTER TABLE task ADD COLUMN plan_step TEXT;
CREATE TABLE reminder_shown (
    key TEXT PRIMARY KEY,
    shown_at TEXT NOT NULL
);
INSERT OR IGNORE INTO dossier_setting (key, value)
    VALUES ('calendar_id', lower(hex(randomblob(16))))
"""


@MIGRATIONS(name="0009_plan_and_reminders")
def _plan_and_reminders(db: Database) -> None:
    """The step of a case's plan a task was made for ("records_requested", "consultation"…;
    dossier.core.plan), so the plan counts the step done when the task is; and each
    reminder already shown (its stable key, such as "appointment-4@1d", and when), so a
    reminder is given once, on whichever computer the dossier is open; and the dossier's
    calendar identity (32 random hex digits), from which the calendar file's event
    identifiers are made (dossier.core.ical.export), so an export never has to write it."""
    for statement in _PLAN_AND_REMINDERS.split(";\n"):
        if statement.strip():
            db.execute(statement)


_HAND_OVER = f"""
CREATE TABLE medication (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    strength TEXT, dose TEXT,
    started_on TEXT, ended_on TEXT,
    prescribed_by_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    reason TEXT, notes TEXT,{_STAMPS}
);
CREATE TABLE hand_over (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
    contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT 'told',
    done_on TEXT,
    how TEXT, what TEXT, notes TEXT,{_STAMPS}
);
CREATE INDEX hand_over_case ON hand_over(case_id);
ALTER TABLE "case" ADD COLUMN motive TEXT;
ALTER TABLE "case" ADD COLUMN handover_report_id INTEGER REFERENCES document(id) ON DELETE SET NULL
"""


@MIGRATIONS(name="0010_hand_over")
def _hand_over(db: Database) -> None:
    """The person's medicines as a list (name, strength, dose, since, until, prescribed by,
    why), each line of the former free-text field becoming one medicine (the field is kept
    for notes that do not fit the list, such as a record imported from an older archive);
    the real motive for a case's second opinion, and the document sent with the letter
    that hands the case back to the GP; and each hand-over of a case (its records "sent"
    to a doctor, or a doctor or institution "told" of the decision), with when and how."""
    for statement in _HAND_OVER.split(";\n"):
        if statement.strip():
            db.execute(statement)
    _medicines_listed(db)


def _medicines_listed(db: Database) -> None:
    """Each line of the free-text medicines becomes a medicine named by it (a line too long
    for a name is shortened, and kept whole in the medicine's notes), found by search."""
    from .entities import ENTITIES  # the search index's words, as records are indexed
    from .validation import TEXT_MAX

    found = db.execute(
        "SELECT medications, created_at, updated_at FROM person "
        "WHERE trim(coalesce(medications, '')) != ''"
    ).fetchall()
    for text, created, updated in found:
        for line in (part.strip() for part in str(text).replace("\r", "\n").split("\n")):
            if not line:
                continue
            long = len(line) > TEXT_MAX
            name = line[: TEXT_MAX - 1].rstrip() + "…" if long else line
            cursor = db.execute(
                "INSERT INTO medication (name, notes, created_at, updated_at) VALUES (?, ?, ?, ?)",
                [name, line if long else None, created, updated],
            )
            medicine = {"id": cursor.lastrowid, "name": name, "notes": line if long else None}
            _index_as_in_0010(db, ENTITIES["medication"], medicine)
    if found:
        db.execute("UPDATE person SET medications = NULL")
        cursor = db.execute("SELECT * FROM person")
        columns = [c[0] for c in cursor.description]
        for row in cursor.fetchall():
            _index_as_in_0010(db, ENTITIES["person"], dict(zip(columns, row, strict=True)))


def _index_as_in_0010(db: Database, entity: Entity, record: dict[str, Any]) -> None:
    """(Re)index a record as :mod:`.searchindex` did when migration 0010 was written (the
    text in the FTS5 table itself), so the migration does the same whatever that module
    does now: migration 0011 changed where the index keeps its text."""
    from .searchindex import folded_words, record_text

    for (rowid,) in db.execute(
        "SELECT rowid FROM search_map WHERE kind = ? AND ref_id = ? AND page IS NULL",
        [entity.name, record["id"]],
    ).fetchall():
        db.execute("DELETE FROM search_fts WHERE rowid = ?", [rowid])
        db.execute("DELETE FROM search_map WHERE rowid = ?", [rowid])
    title, body = record_text(entity, record)
    title = title.replace("\ue000", "").replace("\ue001", "")
    body = body.replace("\ue000", "").replace("\ue001", "")
    cursor = db.execute(
        "INSERT INTO search_map (kind, ref_id, page) VALUES (?, ?, NULL)",
        [entity.name, record["id"]],
    )
    db.execute(
        "INSERT INTO search_fts (rowid, title, body, alt) VALUES (?, ?, ?, ?)",
        [cursor.lastrowid, title, body, folded_words(title, body)],
    )


_SEARCH_TEXT_ONCE = """
ALTER TABLE search_map ADD COLUMN title TEXT;
ALTER TABLE search_map ADD COLUMN body TEXT;
UPDATE search_map SET title = (SELECT f.title FROM search_fts f WHERE f.rowid = search_map.rowid),
    body = (SELECT f.body FROM search_fts f WHERE f.rowid = search_map.rowid)
    WHERE page IS NULL;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, alt,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '2 3 4'
)
"""


@MIGRATIONS(name="0011_search_text_once")
def _search_text_once(db: Database) -> None:
    """The full-text index keeps the words of each page, not a second copy of its text
    (about half of a large dossier's file): the FTS5 table is contentless, rows deleted by
    their number. A page's text is read from ``document_page``, where it already was; a
    record's indexed title and body move to its ``search_map`` row. The index is made
    again from those texts, as it was (the same rows, numbers and words)."""
    for statement in _SEARCH_TEXT_ONCE.split(";\n"):
        if statement.strip():
            db.execute(statement)
    refill_search_index(db)


# The search index made again with other prefix indexes (:mod:`.schema_search`).
MIGRATIONS(name="0012_search_prefixes")(search_prefixes)


def known_migrations() -> list[str]:
    """Names of the migrations this version of the program knows, in order."""
    return [name for name, _step in MIGRATIONS.steps]
