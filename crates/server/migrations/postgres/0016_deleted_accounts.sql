-- When the institution deleted the person's account (recovery path 4,
-- issue 18): the registry record stays on the roster as "account deleted"
-- with what the person does next (register and activate again) until a new
-- account exists. NULL: never deleted. The same migration exists for
-- SQLite.
ALTER TABLE practitioners ADD COLUMN account_deleted_at BIGINT;
