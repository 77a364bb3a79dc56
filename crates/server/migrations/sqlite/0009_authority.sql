-- The health authority's side (issue 21): authority accounts and sessions,
-- institution administrator accounts issued by the authority (forced change
-- of the one-time password, disabling), and each institution's full division
-- code so a city's authority (4403 Shenzhen) sees its institutions only. The
-- same migration exists for PostgreSQL.

-- Full administrative division code of the institution (2, 4 or 6 digits);
-- institutions from before this migration know their province only.
ALTER TABLE institutions ADD COLUMN division TEXT;
UPDATE institutions SET division = region;
CREATE INDEX institutions_division ON institutions (division);

-- Set when the authority issues or re-issues the account: the one-time
-- password must be replaced at the first sign-in before anything else.
ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
-- A disabled account cannot sign in (its sessions end when it is disabled).
ALTER TABLE accounts ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;

-- Administrators of a health authority. `division` is '' for the national
-- authority, otherwise the region's division code (2, 4 or 6 digits): an
-- authority sees every institution whose division starts with it.
CREATE TABLE authority_accounts (
    id                   INTEGER PRIMARY KEY,
    division             TEXT NOT NULL,
    username             TEXT NOT NULL COLLATE NOCASE,
    password_hash        TEXT NOT NULL,
    phone                TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 1,
    disabled             INTEGER NOT NULL DEFAULT 0,
    created_by           INTEGER REFERENCES authority_accounts(id),
    created_at           INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX authority_accounts_username ON authority_accounts (lower(username));

-- Their sessions: only the SHA-256 of each token, as for `sessions`.
CREATE TABLE authority_sessions (
    token_hash  BLOB PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES authority_accounts(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL
) STRICT;
CREATE INDEX authority_sessions_account ON authority_sessions (account_id);

-- The authority account that acted, for events of the authority's side
-- (`actor_id` names portal accounts).
ALTER TABLE audit_log ADD COLUMN authority_actor_id INTEGER;

-- The regional follow-up counts staff per institution: without this index
-- every institution's count scans the whole registry.
CREATE INDEX IF NOT EXISTS practitioners_institution ON practitioners (institution_id);
CREATE INDEX IF NOT EXISTS accounts_institution ON accounts (institution_id);
