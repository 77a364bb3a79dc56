-- What the store layer needs to stay correct under concurrent requests on
-- both backends (the same migration exists for PostgreSQL).

-- E-license serials per year, taken with INSERT ... ON CONFLICT DO UPDATE ...
-- RETURNING, so two issuers never get the same one. Licences issued before
-- took theirs from one global counter: every year starts past it.
CREATE TABLE licence_serials (
    year  INTEGER PRIMARY KEY,
    last  INTEGER NOT NULL
) STRICT;
INSERT INTO licence_serials (year, last)
SELECT DISTINCT CAST(substr(issued_on, 1, 4) AS INTEGER), (SELECT MAX(id) FROM licenses)
FROM licenses;

-- Usernames are looked up as lower(username) on both backends (PostgreSQL
-- has no NOCASE collation); this index serves those look-ups.
CREATE UNIQUE INDEX accounts_username_lower ON accounts (lower(username));

-- At most one live code per contact and purpose: a second concurrent send
-- collides here instead of leaving two codes that both work.
UPDATE otp_codes SET used = 1
WHERE used = 0 AND id NOT IN (SELECT MAX(id) FROM otp_codes WHERE used = 0 GROUP BY contact, purpose);
CREATE UNIQUE INDEX otp_live ON otp_codes (contact, purpose) WHERE used = 0;
