-- What the store layer needs to stay correct under concurrent requests on
-- both backends (the same migration exists for SQLite).

-- E-license serials per year, taken with INSERT ... ON CONFLICT DO UPDATE ...
-- RETURNING, so two issuers never get the same one.
CREATE TABLE licence_serials (
    year  BIGINT PRIMARY KEY,
    last  BIGINT NOT NULL
);

-- At most one live code per contact and purpose: a second concurrent send
-- collides here instead of leaving two codes that both work.
CREATE UNIQUE INDEX otp_live ON otp_codes (contact, purpose) WHERE used = FALSE;
