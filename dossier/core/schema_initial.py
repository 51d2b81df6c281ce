"""The text of the dossier's first schema (migration 0001), and the time stamps every
record table has; :mod:`.schema` applies it. Released: never edited."""

from __future__ import annotations

STAMPS = """
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT"""

INITIAL = f"""
CREATE TABLE contact (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'doctor',
    specialty TEXT, institution TEXT, phone TEXT, email TEXT, address TEXT, notes TEXT,
    reimburse_percent REAL,
    cap_per_consultation INTEGER,
    consultations_per_year INTEGER,
    prior_approval_required INTEGER NOT NULL DEFAULT 0,
    currency TEXT,{STAMPS}
);
CREATE TABLE person (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    born TEXT, phone TEXT, email TEXT, address TEXT,
    insurer_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    insurance_number TEXT, medications TEXT, allergies TEXT, notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE "case" (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'diagnosis',
    question TEXT, description TEXT,
    status TEXT NOT NULL DEFAULT 'open',
    opened_on TEXT, decision_deadline TEXT,{STAMPS}
);
CREATE TABLE diagnosis (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    icd10 TEXT, diagnosed_on TEXT,
    contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'suspected',
    stage TEXT, notes TEXT,{STAMPS}
);
CREATE TABLE document (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other',
    document_date TEXT, source TEXT,
    sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    page_count INTEGER,
    encrypted INTEGER NOT NULL DEFAULT 0,
    metadata TEXT, exif_date TEXT, orientation INTEGER,
    has_thumbnail INTEGER NOT NULL DEFAULT 0,
    original_name TEXT,
    bring INTEGER NOT NULL DEFAULT 0,
    notes TEXT,{STAMPS}
);
CREATE TABLE opinion (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
    contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    institution TEXT, given_on TEXT,
    ordinal INTEGER NOT NULL DEFAULT 1,
    diagnosis TEXT, stage TEXT, treatment TEXT, alternatives TEXT, risks TEXT,
    urgency TEXT, tests TEXT, outcome TEXT, reasoning TEXT, uncertainty TEXT,
    follow_up TEXT, cost TEXT,
    report_document_id INTEGER REFERENCES document(id) ON DELETE SET NULL,
    notes TEXT,{STAMPS}
);
CREATE TABLE comparison (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
    title TEXT, summary TEXT, next_steps TEXT,
    decision TEXT, decision_reason TEXT, decided_on TEXT, decision_participants TEXT,{STAMPS}
);
CREATE TABLE comparison_opinion (
    comparison_id INTEGER NOT NULL REFERENCES comparison(id) ON DELETE CASCADE,
    opinion_id INTEGER NOT NULL REFERENCES opinion(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (comparison_id, opinion_id)
);
CREATE TABLE comparison_aspect (
    comparison_id INTEGER NOT NULL REFERENCES comparison(id) ON DELETE CASCADE,
    aspect TEXT NOT NULL,
    verdict TEXT,
    note TEXT,
    PRIMARY KEY (comparison_id, aspect)
);
CREATE TABLE document_page (
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (document_id, page)
);
CREATE TABLE document_tag (
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (document_id, tag)
);
CREATE TABLE document_case (
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES "case"(id) ON DELETE CASCADE,
    PRIMARY KEY (document_id, case_id)
);
CREATE TABLE document_opinion (
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    opinion_id INTEGER NOT NULL REFERENCES opinion(id) ON DELETE CASCADE,
    PRIMARY KEY (document_id, opinion_id)
);
CREATE TABLE physical_item (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES "case"(id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other',
    location TEXT,
    sent_to_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    sent_on TEXT, returned_on TEXT, notes TEXT,{STAMPS}
);
CREATE TABLE records_request (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES "case"(id) ON DELETE CASCADE,
    contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    facility TEXT,
    what TEXT NOT NULL,
    requested_on TEXT, due_on TEXT,
    status TEXT NOT NULL DEFAULT 'requested',
    notes TEXT,{STAMPS}
);
CREATE TABLE appointment (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES "case"(id) ON DELETE CASCADE,
    contact_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    starts_at TEXT NOT NULL,
    location TEXT, purpose TEXT, companion TEXT, preparation TEXT, outcome TEXT,{STAMPS}
);
CREATE TABLE task (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES "case"(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other',
    due_on TEXT,
    done INTEGER NOT NULL DEFAULT 0,
    done_on TEXT, notes TEXT,{STAMPS}
);
CREATE TABLE question (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES "case"(id) ON DELETE CASCADE,
    appointment_id INTEGER REFERENCES appointment(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    category TEXT,
    priority TEXT NOT NULL DEFAULT 'normal',
    position INTEGER NOT NULL DEFAULT 0,
    asked INTEGER NOT NULL DEFAULT 0,
    answer TEXT,
    answered_by_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,{STAMPS}
);
CREATE TABLE cost (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES "case"(id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    amount INTEGER NOT NULL,
    currency TEXT,
    incurred_on TEXT,
    insurer_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
    opinion_id INTEGER REFERENCES opinion(id) ON DELETE SET NULL,
    appointment_id INTEGER REFERENCES appointment(id) ON DELETE SET NULL,
    is_consultation INTEGER NOT NULL DEFAULT 0,
    prior_approval_obtained INTEGER NOT NULL DEFAULT 0,
    claim_status TEXT NOT NULL DEFAULT 'not_claimed',
    reimbursed INTEGER,{STAMPS}
);
CREATE TABLE note (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES "case"(id) ON DELETE CASCADE,
    title TEXT,
    text TEXT NOT NULL,
    written_on TEXT,{STAMPS}
);
CREATE TABLE trash (
    id INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    label TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    batch TEXT NOT NULL,
    UNIQUE (entity, record_id)
);
CREATE INDEX trash_batch ON trash(batch);
CREATE TABLE search_map (
    rowid INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    ref_id INTEGER NOT NULL,
    page INTEGER
);
CREATE INDEX search_map_ref ON search_map(kind, ref_id);
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, alt,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '2 3 4'
);
"""
