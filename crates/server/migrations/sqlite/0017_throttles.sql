-- Failed-attempt counters (sign-in, recovery, password re-checks), shared by
-- every server on this database: one row per throttle key (e.g.
-- `signin-user:zhangwei`, `signin-ip:10.0.0.1`). An attempt is counted in
-- its row before the secret is checked (see store/throttles.rs). Rows idle
-- for a day are purged by the retention job. The same migration exists for
-- PostgreSQL.
CREATE TABLE throttles (
    throttle_key TEXT PRIMARY KEY NOT NULL,
    -- Attempts counted since the last success (or the last fixed lock).
    attempts INTEGER NOT NULL,
    -- Unix seconds until which the key is refused (0: not blocked).
    blocked_until INTEGER NOT NULL,
    -- Unix seconds of the last counted attempt.
    last_attempt INTEGER NOT NULL
);
CREATE INDEX throttles_last_attempt ON throttles (last_attempt);
