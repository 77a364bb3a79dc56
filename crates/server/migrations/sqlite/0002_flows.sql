-- Registration, OTP codes, notifications, recovery, applications, reviews,
-- and the registry facts the dormant-registration (zombie) rules read.

ALTER TABLE practitioners ADD COLUMN status_since TEXT;
ALTER TABLE practitioners ADD COLUMN renewal_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE practitioners ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
ALTER TABLE practitioners ADD COLUMN rehired INTEGER NOT NULL DEFAULT 0;
ALTER TABLE practitioners ADD COLUMN deceased INTEGER NOT NULL DEFAULT 0;
ALTER TABLE practitioners ADD COLUMN declared_missing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE practitioners ADD COLUMN criminally_punished INTEGER NOT NULL DEFAULT 0;
ALTER TABLE practitioners ADD COLUMN no_civil_capacity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE practitioners ADD COLUMN last_contact_ok INTEGER NOT NULL DEFAULT 1;

-- One-time codes. Only a salted SHA-256 of the code is kept; 6 digits are
-- guessable offline, which is why the 5-try limit and the 10-minute life
-- are what protect them, not the hash alone.
CREATE TABLE otp_codes (
    id          INTEGER PRIMARY KEY,
    purpose     TEXT NOT NULL,          -- 'activation' | 'recovery' | 'contact'
    contact     TEXT NOT NULL,          -- phone or email the code went to
    account_id  INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    salt        BLOB NOT NULL,
    code_hash   BLOB NOT NULL,
    ip          TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    tries       INTEGER NOT NULL DEFAULT 0,
    used        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX otp_contact ON otp_codes(contact, purpose, created_at);
CREATE INDEX otp_ip ON otp_codes(ip, created_at);

-- Messages "sent" in demo mode (read at GET /api/dev/outbox).
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    channel     TEXT NOT NULL,          -- 'sms' | 'email'
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_recipient ON outbox(recipient, id);

CREATE TABLE security_answers (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    question    TEXT NOT NULL,
    answer_hash TEXT NOT NULL,
    PRIMARY KEY (account_id, position)
) STRICT;

-- Proof that a recovery path was completed: allows one password reset.
CREATE TABLE recovery_tokens (
    token_hash  BLOB PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    path        TEXT NOT NULL,
    expires_at  INTEGER NOT NULL,
    used        INTEGER NOT NULL DEFAULT 0
) STRICT;

-- E-license applications: one per practitioner (a double submit returns the
-- first), kept when the account is deleted.
CREATE TABLE applications (
    id              INTEGER PRIMARY KEY,
    practitioner_id INTEGER NOT NULL UNIQUE REFERENCES practitioners(id),
    submitted_at    INTEGER NOT NULL,
    state           TEXT NOT NULL DEFAULT 'submitted'
) STRICT;

CREATE TABLE institution_applications (
    id              INTEGER PRIMARY KEY,
    institution_id  INTEGER NOT NULL UNIQUE REFERENCES institutions(id),
    submitted_at    INTEGER NOT NULL,
    state           TEXT NOT NULL DEFAULT 'submitted'
) STRICT;

-- Title changes waiting for (or decided by) the institution.
CREATE TABLE title_changes (
    id              INTEGER PRIMARY KEY,
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id),
    title           TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending',
    reason          TEXT,
    created_at      INTEGER NOT NULL,
    decided_at      INTEGER
) STRICT;
CREATE INDEX title_changes_practitioner ON title_changes(practitioner_id, state);

-- Deregistration cases the institution opened (dormant registrations).
CREATE TABLE deregistrations (
    id              INTEGER PRIMARY KEY,
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id),
    reason          TEXT NOT NULL,      -- rules::ZombieReason code
    outcome         TEXT NOT NULL,      -- resulting PracticeStatus
    actor_id        INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
) STRICT;
