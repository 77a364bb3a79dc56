-- Issued e-licenses (signed, in the national identifier format) and, in demo
-- mode, the key that signs them.

-- The signing key when PORTAL_SIGNING_KEY is not set (demo mode only): one
-- row, created on first use, so the key survives restarts.
CREATE TABLE signing_keys (
    slot        INTEGER PRIMARY KEY CHECK (slot = 1),
    key_id      TEXT NOT NULL,
    seed        BLOB NOT NULL,          -- 32-byte Ed25519 seed
    created_at  INTEGER NOT NULL
) STRICT;

-- One row per issued license; the id is the serial's sequence number.
CREATE TABLE licenses (
    id              INTEGER PRIMARY KEY,
    identifier      TEXT NOT NULL UNIQUE,   -- 1.2.156.3005.2.<type>.<issuer>.<serial>.<version>.<check>
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id),
    application_id  INTEGER REFERENCES applications(id),
    key_id          TEXT NOT NULL,
    canonical       TEXT NOT NULL,          -- the exact signed text (rules::license, elicense/1)
    signature       BLOB NOT NULL,          -- 64-byte Ed25519 signature
    issued_on       TEXT NOT NULL,          -- YYYY-MM-DD
    valid_until     TEXT,                   -- YYYY-MM-DD (nurses)
    issued_at       INTEGER NOT NULL,
    revoked_at      INTEGER,
    revoked_reason  TEXT
) STRICT;
CREATE INDEX licenses_practitioner ON licenses(practitioner_id, revoked_at);
