-- The outbox becomes the durable queue of every message (issue 22): a message
-- is written in the transaction of the change that causes it and delivered by
-- the workers after the answer. Rows written before this migration were
-- already "sent" (to the demo outbox or the relay).
ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'sent'
    CHECK (state IN ('queued', 'sent', 'failed'));
-- Provider template name and its parameters (JSON array of strings): SMS
-- providers in China send templates, not free text.
ALTER TABLE outbox ADD COLUMN template TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN params TEXT NOT NULL DEFAULT '[]';
-- Random, unique: the local part of the email's Message-ID.
ALTER TABLE outbox ADD COLUMN message_key TEXT;
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
-- A worker that claimed the row owns it until then.
ALTER TABLE outbox ADD COLUMN lease_until INTEGER;
ALTER TABLE outbox ADD COLUMN sent_at INTEGER;
-- Why the last attempt failed (never the text).
ALTER TABLE outbox ADD COLUMN failure TEXT;
UPDATE outbox SET sent_at = created_at;
CREATE UNIQUE INDEX outbox_message_key ON outbox(message_key);
CREATE INDEX outbox_due ON outbox(next_attempt_at, id) WHERE state = 'queued';

-- Reminders an institution sent to its staff (issue 22): at most one per
-- person per day (Asia/Shanghai date), with the message that carried it.
CREATE TABLE reminders (
    id              INTEGER PRIMARY KEY,
    institution_id  INTEGER NOT NULL REFERENCES institutions(id),
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id),
    day             TEXT NOT NULL,
    -- 'not_applied', or the criterion the reminder was about
    criterion       TEXT NOT NULL,
    -- the outbox message (no foreign key: the outbox is purged first)
    outbox_id       INTEGER,
    sent_by         INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    UNIQUE (account_id, day)
) STRICT;
CREATE INDEX reminders_institution ON reminders(institution_id, created_at);
