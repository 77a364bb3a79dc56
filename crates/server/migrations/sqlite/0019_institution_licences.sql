-- The institutions' own e-licences (issue 18): signed like the
-- practitioners' (rules::institution_license, `elicense-institution/1`),
-- their serials taken from the same per-year counter (`licence_serials`),
-- answered by the same public status endpoint and revocation list. A table
-- of their own because a licence's holder is either a practitioner or an
-- institution, and `licenses.practitioner_id` stays NOT NULL. One current
-- licence per institution is kept by issuing under the institution's row
-- lock (server/src/license.rs). The same migration exists for PostgreSQL.
CREATE TABLE institution_licences (
    id              INTEGER PRIMARY KEY,
    identifier      TEXT NOT NULL UNIQUE,   -- 1.2.156.3005.2.<type 013>.<issuer>.<serial>.<version>.<check>
    institution_id  INTEGER NOT NULL REFERENCES institutions(id),
    application_id  INTEGER REFERENCES institution_applications(id),
    key_id          TEXT NOT NULL,
    canonical       TEXT NOT NULL,          -- the exact signed text (elicense-institution/1)
    signature       BLOB NOT NULL,          -- 64-byte Ed25519 signature
    issued_on       TEXT NOT NULL,          -- YYYY-MM-DD
    valid_until     TEXT NOT NULL,          -- YYYY-MM-DD: the practice licence's last day
    issued_at       INTEGER NOT NULL,
    revoked_at      INTEGER,
    revoked_reason  TEXT
) STRICT;
CREATE INDEX institution_licences_institution ON institution_licences(institution_id, revoked_at);
