-- Campaigns as data (issues 18 and 21): each region's deadlines and what
-- happens to those who miss them, set by its health authority within the
-- national campaign (rules::campaign). A new database starts with the seed
-- notice's campaign of 2020, the documented example; demo mode replaces it
-- with dates counted from the day it seeds. The same migration exists for
-- the other backend.
CREATE TABLE campaigns (
    -- division code prefix: '' national, '14' a province, '4403' a city
    region_code              TEXT PRIMARY KEY,
    name_zh                  TEXT NOT NULL,
    name_en                  TEXT NOT NULL,
    -- last days (inclusive), YYYY-MM-DD
    institution_accounts_by  TEXT,
    e_license_by             TEXT NOT NULL,
    registration_changes_by  TEXT,
    -- rules::AfterDeadline code
    after_deadline           TEXT NOT NULL,
    -- the authority account that last set it (none for the seed)
    updated_by               INTEGER,
    updated_at               INTEGER NOT NULL
) STRICT;
INSERT INTO campaigns (region_code, name_zh, name_en, institution_accounts_by, e_license_by,
        registration_changes_by, after_deadline, updated_at)
VALUES ('4403', '深圳市', 'Shenzhen', '2020-12-09', '2020-12-20', NULL, 'cannot_practise', 0),
       ('14', '山西省', 'Shanxi', NULL, '2020-12-30', '2020-12-30', 'off_duty', 0),
       ('', '全国', 'Nationwide', NULL, '2020-12-31', NULL, 'cannot_practise', 0);

-- Reminders sent by a health authority to the staff of its region's
-- institutions: `sent_by` then names an authority account.
ALTER TABLE reminders ADD COLUMN by_authority INTEGER NOT NULL DEFAULT 0;
