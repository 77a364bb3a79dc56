-- Every public key that may verify an e-licence, by the id licences name
-- (issue 16): the key servers sign with now and the ones it replaced, so
-- that a licence signed before a rotation still verifies. A server records
-- its signing key here at start (`PORTAL_SIGNING_KEY`, or the demo key of
-- `signing_keys`); `server rotate-signing-key` records the next key before
-- any server signs with it. Public keys only: the seeds stay in the
-- servers' configuration (or, in demo mode, in `signing_keys`). The same
-- migration exists for PostgreSQL.
CREATE TABLE licence_keys (
    key_id      TEXT PRIMARY KEY,
    public_key  BLOB NOT NULL,          -- 32-byte Ed25519 public key
    created_at  INTEGER NOT NULL
) STRICT;
