-- The administrator-change procedure (issue 21): an institution asks its
-- health authority to replace its administrator person, with the receipt
-- stamped with the unit's seal (电子化注册账户管理人员回执并加盖单位公章). The
-- authority approves (the old administrator accounts are disabled and their
-- sessions end; the new person is issued an account) or rejects with a
-- reason the institution sees. The same migration exists for PostgreSQL.
CREATE TABLE administrator_changes (
    id               INTEGER PRIMARY KEY,
    institution_id   INTEGER NOT NULL REFERENCES institutions(id),
    -- The administrator account that filed the request.
    requested_by     INTEGER NOT NULL REFERENCES accounts(id),
    new_name         TEXT NOT NULL,
    new_username     TEXT NOT NULL,
    new_phone        TEXT NOT NULL,
    new_email        TEXT,
    -- The stored receipt: a random file name under the uploads directory,
    -- and its media type (application/pdf or image/jpeg).
    receipt_file     TEXT NOT NULL,
    receipt_type     TEXT NOT NULL,
    receipt_bytes    INTEGER NOT NULL,
    -- pending, approved or rejected.
    status           TEXT NOT NULL DEFAULT 'pending',
    reason           TEXT,
    decided_by       INTEGER REFERENCES authority_accounts(id),
    decided_at       INTEGER,
    -- The account issued at the approval.
    new_account_id   INTEGER REFERENCES accounts(id),
    created_at       INTEGER NOT NULL
) STRICT;
-- One pending request per institution: a second one is a unique violation
-- (409), also when two are filed at once.
CREATE UNIQUE INDEX administrator_changes_pending
    ON administrator_changes (institution_id) WHERE status = 'pending';
CREATE INDEX administrator_changes_institution ON administrator_changes (institution_id, id);
