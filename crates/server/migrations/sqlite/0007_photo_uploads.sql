-- Photo uploads: a per-account hourly limit counted here, so it holds
-- across servers, and the retention of rejected photos (the same migration
-- exists for PostgreSQL).

-- Every upload attempt of the last hour (older rows are pruned as the
-- account uploads again).
CREATE TABLE photo_upload_attempts (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    at          INTEGER NOT NULL
) STRICT;
CREATE INDEX photo_upload_attempts_account ON photo_upload_attempts (account_id, at);

-- A rejected photo is deleted with the decision and the account keeps the
-- approved photo it was to replace (none before this migration: the old
-- decision removed it). The owner can no longer fetch a rejected photo.
UPDATE accounts SET photo_file = NULL WHERE photo_state = 'rejected';
