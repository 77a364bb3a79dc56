-- Core schema: the registry (what the health commission's registration system
-- records about institutions and practitioners), portal accounts and sessions.

CREATE TABLE institutions (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT NOT NULL,
    credit_code           TEXT NOT NULL UNIQUE,
    licence_number        TEXT NOT NULL,
    licence_valid_until   TEXT NOT NULL,           -- YYYY-MM-DD
    status                TEXT NOT NULL,           -- rules::PracticeStatus (snake_case)
    region                TEXT NOT NULL,           -- first 2 digits of the division code
    photo_review_required INTEGER NOT NULL DEFAULT 1
) STRICT;

-- One row per practitioner in the registry; accounts link to it at registration.
CREATE TABLE practitioners (
    id                       INTEGER PRIMARY KEY,
    kind                     TEXT NOT NULL,        -- 'physician' | 'nurse'
    level                    TEXT,                 -- rules::PhysicianLevel for physicians
    name                     TEXT NOT NULL,
    id_number                TEXT NOT NULL UNIQUE,
    certificate_number       TEXT NOT NULL UNIQUE,
    qualification_number     TEXT,
    has_valid_qualification  INTEGER NOT NULL DEFAULT 0,
    status                   TEXT NOT NULL,
    registration_valid_from  TEXT,
    registration_valid_until TEXT,
    title                    TEXT,
    category                 TEXT,
    institution_id           INTEGER NOT NULL REFERENCES institutions(id),
    -- Last day the institution reported practice activity; old dates make a
    -- zombie-registration candidate.
    last_activity_on         TEXT,
    -- Mobile number the institution reported to the registry.
    phone_on_record          TEXT
) STRICT;

CREATE TABLE accounts (
    id               INTEGER PRIMARY KEY,
    role             TEXT NOT NULL CHECK (role IN ('practitioner', 'admin')),
    username         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash    TEXT NOT NULL,
    practitioner_id  INTEGER UNIQUE REFERENCES practitioners(id),
    institution_id   INTEGER REFERENCES institutions(id),   -- admins
    phone            TEXT,
    phone_verified   INTEGER NOT NULL DEFAULT 0,
    email            TEXT,
    email_verified   INTEGER NOT NULL DEFAULT 0,
    activated        INTEGER NOT NULL DEFAULT 0,
    photo_file       TEXT,
    photo_state      TEXT,                          -- 'pending' | 'approved' | 'rejected'
    photo_reason     TEXT,
    created_at       INTEGER NOT NULL,
    CHECK ((role = 'practitioner') = (practitioner_id IS NOT NULL)),
    CHECK ((role = 'admin') = (institution_id IS NOT NULL))
) STRICT;

CREATE TABLE sessions (
    token_hash  BLOB PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_account ON sessions(account_id);

-- Append-only audit trail of account, review, deregistration and licence
-- events. The triggers refuse updates and deletes, so not even a bug in the
-- server can rewrite history.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    actor_id    INTEGER,            -- account that acted (NULL: system / anonymous)
    event       TEXT NOT NULL,
    detail      TEXT                -- JSON, never secrets or full ID numbers
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
